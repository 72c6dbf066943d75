"""The languages the public side speaks, and the one catalogue of translations every channel reads.

English is the source: every text is written in English in its texts module or template, marked
for translation, and looked up here in the reader's language. The catalogues live in
``survey/translations/<code>/LC_MESSAGES/messages.po`` (``make translations`` extracts and updates
them; ``make install`` compiles them). The web app (through Flask-Babel), the bot and the web chat
all read the same compiled catalogues through :func:`translations`, so a sentence is translated once.

A catalogue whose ``.mo`` file is missing or older than its ``.po`` (a fresh checkout, a translator's
edit) is compiled in memory from the ``.po``, so a language never silently falls back to English.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).with_name("translations")
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    code: str  # the catalogue's name and the value of ``lang`` on the page
    own_name: str  # how its speakers write its name: what the language switcher shows
    english_name: str  # for officers' reports and exports, which stay in English
    direction: str = "ltr"  # "rtl" for a language written right to left

    @property
    def right_to_left(self) -> bool:
        return self.direction == "rtl"


ENGLISH = Language("en", "English", "English")
LANGUAGES: tuple[Language, ...] = (
    ENGLISH,
    Language("cy", "Cymraeg", "Welsh"),
    Language("pl", "Polski", "Polish"),
    Language("ur", "اردو", "Urdu", direction="rtl"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
CODES = tuple(BY_CODE)
SOURCE = ENGLISH.code


def N_(text: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Mark ``text`` for translation where it is defined; it is translated where it is shown."""
    return text


def language(code: str | None) -> Language:
    """The language for ``code`` (``"cy"``, ``"pl-PL"``, ``"UR"``), or English when it is not offered."""
    if not code:
        return ENGLISH
    return BY_CODE.get(code.strip().lower().replace("_", "-").split("-")[0], ENGLISH)


def english_name(code: str | None) -> str:
    """A language's name in English ("Welsh"): officer pages, reports and exports stay in English."""
    return language(code).english_name


def offered(code: str | None) -> bool:
    """Whether ``code`` names one of the languages offered (exactly, as a switcher link gives it)."""
    return code in BY_CODE


def best_match(accept_language: str | None) -> Language:
    """The offered language a browser's ``Accept-Language`` header prefers most, else English.

    Quality values are honoured (``pl;q=0.9, cy`` picks Welsh); a region (``pl-PL``) matches its
    language; an unparseable part is skipped rather than failing the page.
    """
    choices: list[tuple[float, int, Language]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        tag = tag.strip().lower()
        if not tag or quality <= 0:
            continue
        found = BY_CODE.get(tag.split("-")[0])
        if found is not None:
            choices.append((-quality, position, found))
    return min(choices)[2] if choices else ENGLISH


_lock = threading.Lock()
_loaded: dict[str, tuple[float, NullTranslations]] = {}


def catalogue_path(code: str, suffix: str = ".po") -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def translations(code: str) -> NullTranslations:
    """The compiled catalogue for ``code`` (English and unknown codes: the texts as written)."""
    if code == SOURCE or code not in BY_CODE:
        return NullTranslations()
    po = catalogue_path(code)
    stamp = po.stat().st_mtime if po.exists() else 0.0
    with _lock:
        cached = _loaded.get(code)
        if cached is None or cached[0] != stamp:
            cached = (stamp, _read_catalogue(code))
            _loaded[code] = cached
    return cached[1]


def _read_catalogue(code: str) -> NullTranslations:
    po, mo = catalogue_path(code), catalogue_path(code, ".mo")
    if not po.exists():
        return NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return Translations(compiled)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


class Filled(str):
    """An English text with its ``{placeholders}`` filled, that keeps its source and values.

    The core can say a whole sentence with values at the moment it knows them (an answer's error:
    "Date must be on or after {date}") without knowing who will read it; :func:`translate` of a
    ``Filled`` gives the sentence in any language, its values filled again (a date in that language).
    It is a ``str``, so English output and everything that handles it as text are unchanged.
    """

    source: str
    values: dict[str, object]

    def __new__(cls, source: str, **values: object) -> Filled:
        filled = super().__new__(cls, _filled(source, SOURCE, values))
        filled.source, filled.values = source, values
        return filled

    def __reduce__(self) -> tuple:  # kept in a session or a bot's state like any text
        return (_refill, (self.source, self.values))


def _refill(source: str, values: dict[str, object]) -> Filled:
    return Filled(source, **values)


def _filled(text: str, code: str, values: dict[str, object]) -> str:
    if not values:
        return text
    return text.format(**{name: _shown(value, code) for name, value in values.items()})


def _shown(value: object, code: str) -> object:
    # A date as people write it in that language: "1 March 2025", "1 Mawrth 2025", "1 marca 2025".
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value, "d MMMM y", locale=code)
    return value


def translate(text: str, code: str | None, /, **values: object) -> str:
    """``text`` (an English source text, or a :class:`Filled` one) in language ``code``, its
    ``{placeholders}`` filled."""
    if isinstance(text, Filled) and not values:
        text, values = text.source, text.values
    chosen = language(code).code
    translated = translations(chosen).gettext(text) if text else text
    return _filled(translated, chosen, values)


def translate_plural(singular: str, plural: str, count: int, code: str | None, /, **values: object) -> str:
    """The singular or plural form for ``count`` in language ``code`` (Welsh and Polish have several)."""
    translated = translations(language(code).code).ngettext(singular, plural, count)
    return translated.format(count=count, **values)
