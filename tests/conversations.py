"""Builders for conversation tests (the engine on its own, and the Telegram bot): the demo partnership."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from demo.services import load_demo_services
from survey.boundary import save_boundary
from survey.consultations import create_consultation
from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import Incoming, InputKind, Reply
from survey.conversations.state import ConversationKey
from survey.definitions.definition import template_path
from survey.places.safe_havens import all_day, save_haven
from survey.storage.models import Partnership
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from tests.places import DEMO_BOUNDARY

HAVEN_LATITUDE, HAVEN_LONGITUDE = 51.5010, -0.1250
PARTNERSHIP_SLUG = "riverside"
PARTNERSHIP_NAME = "Riverside Community Safety Partnership"
FORMS = {"place-report": "riverside-places", "worry": "riverside-worries"}
INSIDE_THE_AREA = (51.5033, -0.1195)
FAR_OUTSIDE_THE_AREA = (55.95, -3.19)  # Edinburgh: nowhere near the demo borough
KEY = ConversationKey("a-keyed-hash")


def make_demo_partnership(session: Session) -> Partnership:
    """A partnership with the demo boundary, the shipped place-report and worry forms open, the demo's
    local services and one safe haven open all the time."""
    partnership = make_partnership(session, PARTNERSHIP_SLUG, PARTNERSHIP_NAME)
    save_boundary(session, partnership, DEMO_BOUNDARY.read_text(encoding="utf-8"))
    for template, slug in FORMS.items():
        source = template_path(template).read_text(encoding="utf-8")
        create_consultation(session, partnership, source, slug=slug, status=ConsultationStatus.OPEN)
    load_demo_services(session, partnership)
    save_haven(session, partnership.id, {
        "name": "Riverside Library", "kind": "library", "address": "1 River Walk, Demo Borough",
        "latitude": HAVEN_LATITUDE, "longitude": HAVEN_LONGITUDE, "opening_hours": all_day(),
        "verified_until": dt.date.today() + dt.timedelta(days=90),
    })
    session.flush()
    return partnership


class Chat:
    """A person talking to the engine: remembers the last buttons so a test can tap them by label."""

    def __init__(self, engine: ConversationEngine, key: ConversationKey = KEY, *, transcript: bool = False
                 ) -> None:
        self.engine = engine
        self.key = key
        self.transcript = transcript
        self.buttons: dict[str, str] = {}

    def send(self, kind: InputKind, text: str = "", **extra) -> list[Reply]:
        replies = self.engine.handle(self.key, Incoming(kind, text, **extra), transcript=self.transcript)
        shown = {b.label: b.action for r in replies for row in r.buttons for b in row}
        if shown:
            self.buttons = shown
        return replies

    def say(self, text: str) -> list[Reply]:
        return self.send(InputKind.TEXT, text)

    def tap(self, label: str) -> list[Reply]:
        return self.send(InputKind.BUTTON, self.buttons[label])

    def command(self, name: str) -> list[Reply]:
        return self.send(InputKind.COMMAND, name)

    def share(self, latitude: float, longitude: float) -> list[Reply]:
        return self.send(InputKind.LOCATION, latitude=latitude, longitude=longitude)


def tell_a_worry(chat: Chat) -> str:
    """Tell a worry about drugs from the start (words, a place in words, an age band) and send it; the
    text of the reply that confirms it (with its reference and check code)."""
    chat.command("start")
    chat.tap(texts.MENU_WORRY)
    chat.tap("Drugs")
    chat.say("people sell weed behind the leisure centre")
    chat.say("Castle Park")
    chat.tap(texts.AGE_16_OR_17)
    return chat.tap(texts.SEND)[0].text
