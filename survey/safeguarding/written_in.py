"""Which of the chat's languages an urgent message is written in, so 999 comes first in that language.

Someone whose phone is set to English may still write in Polish when frightened. The guess is cheap
and only looks for what is sure: Urdu script; letters only Polish or Welsh use; otherwise the urgent
phrases of :mod:`survey.safeguarding.lexicon.languages` (Polish without accents, Welsh, Roman Urdu)
and everyday words English does not use, the language with the most of them winning. ``None`` when
nothing says (most English messages).
"""

from __future__ import annotations

import re
import unicodedata

from survey.safeguarding.lexicon.languages import POLISH, ROMAN_URDU, WELSH

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_OWN_LETTERS = {"pl": set("ąćęłńśźż"), "cy": set("ŵŷ")}
_PHRASES = {"pl": POLISH, "cy": WELSH, "ur": ROMAN_URDU}
# Short everyday words of each language that English does not use: two of them settle it.
_MARKERS = {
    "pl": frozenset("mnie sie jest nie moj moja mi chce mam ktos moze juz".split()),
    "cy": frozenset("fy mae dw dwi ddim eisiau yn fe hi nhw".split()),
    "ur": frozenset("mujhe nahi hai hain hoon mera meri mere abbu ammi raha rahi aayi aaya sakta sakti"
                    .split()),
}
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def written_in(text: str) -> str | None:
    """The code of the chat's language ``text`` is surely written in (not English), else ``None``."""
    if _ARABIC_SCRIPT.search(text):
        return "ur"
    folded = text.casefold()
    for code, letters in _OWN_LETTERS.items():
        if not letters.isdisjoint(folded):
            return code
    plain = unicodedata.normalize("NFKD", folded.replace("ł", "l")).encode("ascii", "ignore").decode()
    words = f" {_NOT_WORD.sub(' ', plain.replace(chr(39), ''))} "
    said = set(words.split())
    hits = {code: 2 * sum(f" {phrase} " in words for phrase in phrases) + len(said & _MARKERS[code])
            for code, phrases in _PHRASES.items()}
    best = max(hits.values())
    winners = [code for code, count in hits.items() if count == best]
    return winners[0] if best >= 2 and len(winners) == 1 else None
