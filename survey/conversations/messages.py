"""What goes in and out of a conversation, whatever the channel (Telegram, the console, a web chat).

The engine reads :class:`Incoming` and answers with :class:`Reply` objects; the Telegram adapter turns
a ``Reply`` into a message with an inline keyboard, the console into numbered lines. A button's
``action`` is opaque to the channels: they hand it back unchanged when it is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from survey.boundary import is_on_earth
from survey.vocabulary import Channel


class ChatChannel(StrEnum):
    """Which chat a conversation happens in. The conversations are the same; a few texts differ (how to
    delete the chat from a phone, what account details we never keep)."""

    TELEGRAM = "telegram"
    WEB = "web"

    @property
    def recorded_as(self) -> Channel:
        """The channel a report (or held words passed on) from this chat is stored with, so officers
        can tell a Telegram report (``bot``) from one made in the website's chat (``chat``)."""
        return RECORDED_AS[self]


RECORDED_AS = {ChatChannel.TELEGRAM: Channel.BOT, ChatChannel.WEB: Channel.CHAT}


class InputKind(StrEnum):
    """What kind of thing a person sent."""

    COMMAND = "command"  # text is the command name without the slash: "start", "cancel"
    TEXT = "text"
    BUTTON = "button"  # text is the button's action
    LOCATION = "location"
    EDITED = "edited"  # someone changed a message they had sent; text is the new wording
    UNSUPPORTED = "unsupported"  # stickers, photos, voice notes, files...


@dataclass(frozen=True)
class Incoming:
    """One thing a person did: typed, tapped a button, shared a location..."""

    kind: InputKind
    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    update_key: str | None = None
    """A keyed hash of the channel's update id: the same update delivered twice has the same key."""
    language: str | None = None
    """The language the channel says the person reads (Telegram's ``language_code``, the web page's
    language), if it says; used when a chat starts, until the person chooses with ``/language``."""

    @property
    def is_a_place(self) -> bool:
        """Whether a shared location is a real place: both coordinates finite and within range (a
        channel's own checks may miss what another channel lets through)."""
        if self.latitude is None or self.longitude is None:
            return False
        return is_on_earth(self.latitude, self.longitude)


@dataclass(frozen=True)
class Button:
    """A button to offer; a channel hands ``action`` back when it is chosen."""

    label: str
    action: str


@dataclass(frozen=True)
class Reply:
    """One message to send, with its buttons and what the channel's keyboard should do."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    ask_location: bool = False
    """Offer a "Share my location" button (Telegram's location keyboard)."""
    location_label: str = ""
    """That button's words in the conversation's language ("": the English ones)."""
    replace_previous: bool = False
    """Update the message whose button was pressed instead of sending a new one (ticking options)."""
    clear_keyboard: bool = False
    """Take away the "Share my location" keyboard."""


def column(*buttons: Button) -> tuple[tuple[Button, ...], ...]:
    """One button per row: long labels stay readable on a phone."""
    return tuple((button,) for button in buttons)
