"""The safe spaces map and safe havens pages in Welsh, Polish and Urdu: their sentences, the havens'
details (kind, days, hours, distances), the search's errors, and the maps' words handed to the scripts
(map.mjs and havens-near.mjs keep none of their own)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from survey.places.postcode_import import import_postcodes
from survey.places.safe_havens import all_day, describe_distance, describe_hours
from tests.factories import make_partnership
from tests.places import make_haven, make_place_consultation
from webapp.places.texts import SCRIPT_TEXTS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "onspd-sample.csv"

# language -> (the havens page's first sentence, "Open now", "Pharmacy", "Monday", the empty search's
# error, the nearest heading for SE1 7PB, "Less than 100 metres away", the safe spaces page's button)
EXPECTED = {
    "cy": ("Mae hafanau diogel yn siopau, caffis", "Ar agor nawr", "Fferyllfa", "Dydd Llun",
           "Rhowch god post neu enw ardal", "Yr hafanau diogel agosaf at SE1 7PB",
           "Llai na 100 metr i ffwrdd", "Dweud wrthym am le"),
    "pl": ("Bezpieczne schronienia to sklepy, kawiarnie", "Teraz otwarte", "Apteka", "Poniedziałek",
           "Wpisz kod pocztowy lub nazwę okolicy", "Bezpieczne schronienia najbliżej miejsca: SE1 7PB",
           "Mniej niż 100 metrów stąd", "Opowiedz nam o miejscu"),
    "ur": ("محفوظ پناہ گاہیں دکانیں، کیفے", "ابھی کھلا ہے", "فارمیسی", "پیر",
           "پوسٹ کوڈ یا کسی علاقے کا نام درج کریں", "SE1 7PB کے قریب ترین محفوظ پناہ گاہیں",
           "100 میٹر سے کم فاصلے پر", "ہمیں کسی جگہ کے بارے میں بتائیں"),
}


@pytest.fixture
def partnership(db_session, app):
    partnership = make_partnership(db_session, "north")
    app.extensions["safer_voices"].settings.site_partnership = "north"
    make_place_consultation(db_session, partnership)
    make_haven(db_session, partnership, name="Bridge Chemist", kind="pharmacy", latitude=51.5021,
               longitude=-0.1185, opening_hours=all_day())
    with SAMPLE.open(encoding="utf-8-sig", newline="") as lines:
        import_postcodes(db_session, lines)
    db_session.flush()
    return partnership


def text_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def script_texts(page: str) -> dict[str, str]:
    found = re.search(r'<script type="application/json" id="sv-map-texts">(.*?)</script>', page, re.S)
    assert found, "the page gives the map scripts no words"
    return json.loads(found.group(1))


@pytest.mark.parametrize("code", ["cy", "pl", "ur"])
class TestPlacePagesInEachLanguage:
    def test_the_havens_page_and_its_havens_are_in_the_chosen_language(self, client, partnership, code):
        client.get(f"/language/{code}?next=/")
        page = text_of(client.get("/safe-havens"))
        intro, open_now, pharmacy, monday, *_ = EXPECTED[code]
        assert f'lang="{code}"' in page
        for words in (intro, open_now, pharmacy, monday):
            assert words in page
        for english in ("Safe havens are shops", "Open now", "Pharmacy", "Monday", "Kind of place"):
            assert english not in page

    def test_the_search_works_and_speaks_the_language(self, client, partnership, code):
        *_, error, nearest, under_100, _button = EXPECTED[code]
        headers = {"Accept-Language": code}
        empty = text_of(client.post("/safe-havens", data={"near": ""}, headers=headers))
        assert "govuk-error-summary" in empty and error in empty
        found = text_of(client.post("/safe-havens", data={"near": "se1 7pb"}, headers=headers))
        assert nearest in found and under_100 in found

    def test_the_map_scripts_get_every_word_in_the_language(self, client, partnership, code):
        texts = script_texts(text_of(client.get("/safe-havens", headers={"Accept-Language": code})))
        assert set(texts) == set(SCRIPT_TEXTS)
        untranslated = [name for name, english in SCRIPT_TEXTS.items() if texts[name] == english]
        assert untranslated == ([] if code != "cy" else ["map"])  # "Map" is the same word in Welsh
        # Placeholders survive translation, for the scripts to fill.
        assert "{area}" in texts["outside"] and "{save}" in texts["pinPlacedClick"]
        assert "{metres}" in texts["aboutMetres"] and "{name}" in texts["sorted"]

    def test_the_safe_spaces_page_is_in_the_chosen_language(self, client, partnership, code):
        client.get(f"/language/{code}?next=/")
        page = text_of(client.get("/safe-spaces"))
        assert EXPECTED[code][-1] in page and "Tell us about a place" not in page


def test_english_pages_and_scripts_keep_their_words(client, partnership):
    page = text_of(client.get("/safe-havens"))
    assert "Safe havens are shops" in page and "Pharmacy" in page and "Monday" in page
    texts = script_texts(page)
    assert texts == SCRIPT_TEXTS
    assert texts["useMyLocation"] == "Use my location" and texts["under100"] == "Less than 100 metres away"


def test_the_map_words_are_written_once_a_page(client, partnership):
    page = client.get("/safe-havens").get_data(as_text=True)
    assert page.count('id="sv-map-texts"') == 1


class TestHavenDetailsInALanguage:
    @pytest.mark.parametrize(("metres", "code", "said"), [
        (40, None, "Less than 100 metres away"),
        (340, "en", "About 350 metres away"),
        (340, "cy", "Tua 350 metr i ffwrdd"),
        (1234, "pl", "Około 1.2 km stąd"),
        (12345, "ur", "تقریباً 12 کلومیٹر دور"),
    ])
    def test_distances(self, metres, code, said):
        assert describe_distance(metres, code) == said

    def test_opening_hours(self, db_session):
        haven = make_haven(db_session, make_partnership(db_session, "south"),
                           opening_hours={"mon": [["09:00", "17:30"]]})
        assert describe_hours(haven)[:2] == [("Monday", "09:00 to 17:30"), ("Tuesday", "Closed")]
        assert describe_hours(haven, "ur")[:2] == [("پیر", "09:00 سے 17:30 تک"), ("منگل", "بند")]
