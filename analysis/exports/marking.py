"""The Government Security Classification marking every paper and workbook carries.

Public outputs are always **OFFICIAL**: their figures have been through disclosure control and
carry no free text, so they can be published. Officer outputs are **OFFICIAL-SENSITIVE** unless the
person exporting chooses OFFICIAL: they hold exact small counts by age, gender, ethnicity and
disability (with a few dozen respondents a count of 1 or 2 can point to a person), example quotes
from what residents and young people wrote, and references to answers flagged as urgent risk.
Information whose loss could harm the people in it is what the OFFICIAL-SENSITIVE handling caveat is
for, and a partnership's Strategic Assessment is usually handled that way. A manager who has checked
an officer paper (for example, a board paper that will sit in a public pack) can mark it OFFICIAL.
"""

from __future__ import annotations

from enum import StrEnum


class Classification(StrEnum):
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


PUBLIC_IS_OFFICIAL = ("A public report is OFFICIAL: its figures are protected for publishing, so it "
                      "cannot be marked OFFICIAL-SENSITIVE")


def classification_for(public: bool, chosen: Classification | str | None = None) -> Classification:
    """The marking of an output: ``chosen`` if given, else OFFICIAL (public) or OFFICIAL-SENSITIVE.

    Raises :class:`ValueError` (with :data:`PUBLIC_IS_OFFICIAL`) for a public output marked
    OFFICIAL-SENSITIVE: a paper cannot be both for publishing and not to be published.
    """
    if chosen is None:
        return Classification.OFFICIAL if public else Classification.OFFICIAL_SENSITIVE
    classification = Classification(chosen)
    if public and classification is not Classification.OFFICIAL:
        raise ValueError(PUBLIC_IS_OFFICIAL)
    return classification


def handling_note(public: bool, classification: Classification, partnership: str | None) -> str:
    """One sentence under the marking on a cover or a contents sheet: who may read it and what not to do."""
    if public:
        return ("Published figures: counts from 1 to 9 are not shown ([c]) and other counts are rounded "
                "to the nearest 5. There is no free text.")
    readers = f"officers of {partnership}" if partnership else "the partnership's officers"
    if classification is Classification.OFFICIAL_SENSITIVE:
        return (f"For {readers} and its board. The figures are exact and include small groups and "
                "what people wrote: do not publish or forward them. Use the public version to publish.")
    return (f"For {readers} and its board. The figures are exact, not protected for publishing: "
            "use the public version to publish.")
