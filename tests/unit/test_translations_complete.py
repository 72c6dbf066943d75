"""Every public text is translated into every language, and no translation loses a placeholder."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from survey.languages import CODES, SOURCE, catalogue_path, translations
from survey.translations.tool import TEMPLATE, extract, missing, read

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
OTHERS = [code for code in CODES if code != SOURCE]


def placeholders(text: str) -> list[str]:
    return sorted(a or b for a, b in PLACEHOLDER.findall(text))


def test_the_template_holds_every_marked_text(tmp_path):
    fresh = tmp_path / "messages.pot"
    extract(fresh)
    wanted = {message.id for message in read(fresh) if message.id}
    kept = {message.id for message in read(TEMPLATE) if message.id}
    assert sorted(map(str, wanted - kept)) == [], "run `make translations` and translate the new texts"
    assert sorted(map(str, kept - wanted)) == [], "run `make translations`: these texts are no longer used"


def test_every_language_translates_every_text():
    assert missing() == {}


@pytest.mark.parametrize("code", OTHERS)
def test_translations_keep_their_placeholders(code):
    with catalogue_path(code).open("rb") as source:
        catalog = read_po(source, locale=code)
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = placeholders(english[-1])
        for form in forms:
            found = placeholders(form)
            # A plural form for exactly one (Welsh "un", Polish "jeden") may leave the count out.
            if found != expected and not (len(english) > 1 and set(found) <= set(expected)):
                wrong.append((english[0], form))
    assert wrong == []


@pytest.mark.parametrize("code", OTHERS)
def test_each_catalogue_loads(code):
    assert translations(code).gettext("Exit this page") != "Exit this page"
