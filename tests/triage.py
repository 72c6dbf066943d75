"""Reports to triage: a partnership's worry, place-report and survey forms, and a way to store one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses.store import store_response
from survey.storage.models import Consultation, Partnership, Response
from survey.vocabulary import Channel, ConsultationStatus

KNIFE = "he carries a knife\nevery day"


class Forms:
    """The three forms of one partnership, and :meth:`store` to send a response to one of them."""

    def __init__(self, session: Session, partnership: Partnership, slug_suffix: str = "") -> None:
        self.session = session
        self.by_template: dict[str, Consultation] = {}
        for template in ("worry", "place-report", "community-safety"):
            source = template_path(template).read_text(encoding="utf-8")
            self.by_template[template] = create_consultation(
                session, partnership, source, slug=f"{partnership.slug}-{template}{slug_suffix}",
                status=ConsultationStatus.OPEN)

    def store(self, template: str, answers: dict[str, tuple[AnswerPart, ...]], *,
              channel: Channel = Channel.WEB, at: dt.datetime | None = None) -> Response:
        # Fetched again: a request made in between closes the session and detaches what it held.
        consultation = self.session.get_one(Consultation, self.by_template[template].id)
        return store_response(self.session, consultation, definition_of(consultation), answers,
                              channel=channel, submitted_at=at).response

    def worry(self, words: str = "someone keeps shouting at me", topic: str = "bullying",
              **kwargs) -> Response:
        answers = {"topic": (AnswerPart(option=topic),), "details": (AnswerPart(text=words),)}
        return self.store("worry", answers, **kwargs)

    def place(self, where: str = "the underpass", **kwargs) -> Response:
        return self.store("place-report", {"feeling": (AnswerPart(option="unsafe"),),
                                           "place": (AnswerPart(text=where),)}, **kwargs)

    def survey(self, words: str, area: str | None = None, **kwargs) -> Response:
        answers = {"feel_safer": (AnswerPart(text=words),)}
        if area:
            answers["about_area"] = (AnswerPart(option=area),)
        return self.store("community-safety", answers, **kwargs)


def at(day: int, hour: int = 12) -> dt.datetime:
    """A time in March 2026 (UTC)."""
    return dt.datetime(2026, 3, day, hour, tzinfo=dt.UTC)
