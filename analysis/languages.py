"""Responses by the language they were given in (issue 20), for officers.

Options are stored by value whatever language they were shown in, so every count in a report adds up
across languages with nothing to translate back. Free text keeps the language it was written in
(its response's ``language``): sentiment is scored only where the scorers read that language
(:data:`survey.responses.sentiment.SENTIMENT_LANGUAGES`), and themes are found for each language apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.filters import NO_FILTER, ResponseFilter, restrict_answers, restrict_responses
from survey.languages import CODES
from survey.responses.sentiment import SENTIMENT_LANGUAGES
from survey.storage.models import Answer, Consultation, Response


def in_language_order(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` by language code, in the order languages are offered, any unknown code last."""
    return dict(sorted(counts.items(), key=lambda item: (CODES.index(item[0]) if item[0] in CODES else 99,
                                                          item[0])))


def responses_by_language(
    session: Session, consultation: Consultation, response_filter: ResponseFilter = NO_FILTER
) -> dict[str, int]:
    """How many responses (that pass the filter) were given in each language; languages with none left out."""
    query = (select(Response.language, func.count()).where(Response.consultation_id == consultation.id)
             .group_by(Response.language))
    rows = session.execute(restrict_responses(query, consultation.id, response_filter)).all()
    return in_language_order({str(code): int(n) for code, n in rows if n})


def unscored_by_language(
    session: Session, consultation: Consultation, question_ids: Iterable[str],
    response_filter: ResponseFilter = NO_FILTER,
) -> dict[str, int]:
    """Free-text answers to these questions written in a language the sentiment scorers cannot read."""
    ids = list(question_ids)
    if not ids:
        return {}
    query = (select(Response.language, func.count()).select_from(Answer)
             .join(Response, Response.id == Answer.response_id)
             .where(Answer.consultation_id == consultation.id, Answer.question_id.in_(ids),
                    Answer.text.is_not(None), Answer.text != "",
                    Response.language.not_in(SENTIMENT_LANGUAGES))
             .group_by(Response.language))
    rows = session.execute(restrict_answers(query, consultation.id, response_filter)).all()
    return in_language_order({str(code): int(n) for code, n in rows if n})
