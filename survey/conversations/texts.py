"""Everything the conversations say that is not a question from a definition, in one place per text.

Short words, short sentences: many of the people reading this are 11 to 17. Each text is whole
sentences; a text that shows a value has a named placeholder (``{reference}``), filled with
``str.format``, so a translation can move it. Messages are laid out from these texts with
:func:`lines` and :func:`paragraphs` only; no sentence is built by joining pieces.
"""

from __future__ import annotations

WELCOME = """Hi. You can use this chat to tell {name} about a place where you feel unsafe, or about \
something that worries you. You can also find help.

What we keep:
- only what you choose to send us, with a reference number.

What we do not keep:
- your name, your username, your phone number or your Telegram account number.

We forget this chat 30 minutes after your last message. To make us forget it now, type /forget.

Nobody watches this chat all the time, so we cannot reply straight away.
If you or someone else is in danger right now, call 999."""

MENU = "What do you want to do?"
MENU_REPORT = "Report a place that feels unsafe"
MENU_WORRY = "Tell us about a worry"
MENU_HELP = "Get help"
MENU_HAVENS = "Safe havens near me"
BACK_TO_MENU = "Back to the menu"

HELP = """Here is what you can do:
- Report a place that feels unsafe
- Tell us about a worry
- Get help: who you can talk to
- Safe havens near me: places you can go into if you feel scared

Type these at any time:
/start to see the menu
/cancel to stop what you are doing (nothing is sent)
/forget to make us forget this chat now
/help to see this message

If you or someone else is in danger right now, call 999."""

CANCELLED = "OK, I have stopped. Nothing was sent."
FORGOTTEN = ("Done. I have forgotten this chat. Anything you already sent stays with the team under its "
             "reference, but it does not say who you are.\n\nTo delete the messages from your phone too, "
             "delete this chat in Telegram.")
UNKNOWN_COMMAND = "Sorry, I do not know that command. Type /help to see what you can do."
UNSUPPORTED = ("Sorry, I can only read typed messages and locations. I cannot see stickers, photos, "
               "voice notes or files. Please type your answer.")
LOCATION_NOT_READ = ("Sorry, I could not read that location. "
                     "Please share your location again or type the place.")
EDITED = ("I cannot see changes to a message you have already sent. "
          "If you want to change something, send it again.")
STALE_BUTTON = "That button is from an older message, so it does not work any more."
PICK_A_BUTTON = "Please tap one of the buttons, or type /cancel to stop."
NOT_SET_UP = "Sorry, this chat is not set up yet. If you are in danger right now, call 999."
GROUP_CHAT = ("I only talk in private chats, so nobody else sees what you tell me. "
              "Please send me a message directly.")
SOMETHING_WENT_WRONG = ("Sorry, something went wrong on our side. Please try again, or type /start.\n"
                        "If you or someone else is in danger right now, call 999.")

CANCEL = "Cancel"
SKIP = "Skip this question"
DONE = "Done"
SEND = "Send it"
START_AGAIN = "Start again"
SHARE_LOCATION = "Share my location"

QUESTION = "Question {number} of {total}"
TICK_ALL_THAT_APPLY = "Tap all that are true, then tap Done."
TAP_IN_ORDER = "Tap them in order, the most important first, then tap Done."
TICKED_OPTION = "✓ {label}"
RANKED_OPTION = "{rank}. {label}"

FORM_CLOSED = "Sorry, you cannot send this here right now. You can still get help."
TYPE_OTHER = "Type what you mean, in a few words."
LOCATION_PROMPT = ("Tap \"Share my location\" below to send where you are now, or type the name of a street, "
                   "park, shop or landmark.")
LOCATION_AREAS = "Or choose an area:"
LOCATION_OPTIONAL = "You do not have to say where."
LOCATION_STOP = "You can stop at any time."
GOT_LOCATION = "Thanks, I have the place."
CHECK = "Please check what you are sending:"
CHECK_SEND = "Tap \"Send it\" to send this to the team. Nobody will know it was you."
SENT = ("Sent. Thank you for telling us.\n\nYour reference is {reference}. Keep it if you want to tell "
        "us more later. It does not say who you are.\n\nNobody watches this chat all the time. "
        "If you or someone else is in danger right now, call 999.")

HELP_TOPIC = "What do you need help with?"
HELP_AGE = "How old are you? This helps me show services that are right for you."
AGE_RATHER_NOT_SAY = "I'd rather not say"
HELP_NONE = "I could not find a service for that. You can always call Childline free on 0800 1111."
HELP_SERVICES = "These can help with \"{topic}\":"

HAVENS_ASK = ("Safe havens are shops, cafes and libraries that will let you come in and get help if "
              "you feel scared.\n\nShare your location and I will find the nearest ones that are open now. "
              "I use it only for this search and do not keep it.")
HAVENS_IF_NOT_SHARING = "If you do not want to share your location:"
HAVENS_WITHOUT_LOCATION = "Show open ones without my location"
HAVENS_NEAR = "The nearest safe havens open now:"
HAVENS_OPEN = "Safe havens open now:"
HAVENS_NONE_NEAR = "I could not find a safe haven open near you right now."
HAVENS_NONE = "No safe havens are open right now."
HAVENS_DANGER = ("If you are in danger right now, call 999. "
                 "A shop or a busy place with people around can also help.")
HAVENS_NEED_LOCATION = ("To find the nearest ones, tap \"Share my location\". "
                        "Or tap the button to see all open ones.")
HAVEN = "{name} ({kind})"
HAVEN_WITH_DISTANCE = "{name} ({kind}), {distance}"
HAVEN_OPEN_TODAY = "Open today: {hours}"
DISTANCE_IN_METRES = "about {metres} metres away"
DISTANCE_IN_KM = "about {kilometres:.1f} km away"

SERVICE_CONTACT = "- {label}: {value}"
SERVICE_CONTACT_IN_WORDS = "- {contact}"
SERVICE_OPEN = "Open: {hours}"


def lines(*parts: str | None) -> str:
    """Texts one under another (empty ones left out)."""
    return "\n".join(part for part in parts if part)


def paragraphs(*parts: str | None) -> str:
    """Texts with a blank line between them (empty ones left out)."""
    return "\n\n".join(part for part in parts if part)
