"""The safeguarding lexicon: the named patterns :func:`survey.safeguarding.risk.assess` searches for, the
text-speak and other languages' words it understands, and the idioms it lets pass.

Each pattern is ``(name, categories, source)``: the source is a regex fragment over normalised text
(single spaces, no punctuation); a source starting with ``^`` must match from the first word. Measured by
the corpus in ``tests/data/safeguarding/``: tune on its tuning half only (see its README).
"""

from __future__ import annotations

from survey.safeguarding.lexicon.exemptions import EXEMPTIONS
from survey.safeguarding.lexicon.exploitation import EXPLOITATION
from survey.safeguarding.lexicon.home import HOME
from survey.safeguarding.lexicon.languages import PHRASES_BY_LANGUAGE, URDU_SCRIPT
from survey.safeguarding.lexicon.missing import HELD, MISSING
from survey.safeguarding.lexicon.self_harm import SELF_HARM
from survey.safeguarding.lexicon.sexual import SEXUAL
from survey.safeguarding.lexicon.violence import DANGER, WEAPONS
from survey.safeguarding.lexicon.words import PHRASES as MIXED_PHRASES
from survey.safeguarding.lexicon.words import TEXT_SPEAK

PATTERNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    WEAPONS + DANGER + SELF_HARM + HOME + EXPLOITATION + SEXUAL + MISSING + HELD
)

PHRASES = {**MIXED_PHRASES, **PHRASES_BY_LANGUAGE}
"""Words of other languages (mixed into English, or the chat's own languages) read as English."""

__all__ = ["EXEMPTIONS", "PATTERNS", "PHRASES", "TEXT_SPEAK", "URDU_SCRIPT"]
