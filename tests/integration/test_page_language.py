"""Which language a public page is in: the switcher, the remembered choice, Accept-Language, lang and dir."""

from __future__ import annotations

import re

import pytest

from survey.languages import best_match, translate
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import sign_in
from webapp.public.language import LANGUAGE_COOKIE


@pytest.fixture
def partnership(db_session):
    partnership = make_partnership(db_session, "north")
    db_session.flush()
    return partnership


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


def test_a_first_visit_is_in_english_without_accept_language(client, partnership):
    page = client.get("/").get_data(as_text=True)
    assert 'lang="en-GB" dir="ltr"' in html_tag(page)
    assert "Exit this page" in page and "Skip to main content" in page


@pytest.mark.parametrize(("header", "lang", "direction", "words"), [
    ("cy-GB,cy;q=0.9,en;q=0.8", "cy", "ltr", "Gadael y dudalen hon"),
    ("pl-PL", "pl", "ltr", "Opuść tę stronę"),
    ("ur-PK, en;q=0.5", "ur", "rtl", "یہ صفحہ چھوڑیں"),
    ("fr-FR, de;q=0.9", "en-GB", "ltr", "Exit this page"),
])
def test_a_first_visit_honours_accept_language(client, partnership, header, lang, direction, words):
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'lang="{lang}" dir="{direction}"' in html_tag(page)
    assert words in page


def test_the_switcher_links_every_language_and_the_choice_is_remembered(client, partnership):
    page = client.get("/privacy").get_data(as_text=True)
    for code, name in (("cy", "Cymraeg"), ("pl", "Polski"), ("ur", "اردو")):
        assert f'href="/language/{code}?next=/privacy" hreflang="{code}" lang="{code}"' in page
        assert f">{name}</a>" in page
    chosen = client.get("/language/ur?next=/privacy")
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/privacy"
    cookie = chosen.headers["Set-Cookie"]
    assert f"{LANGUAGE_COOKIE}=ur" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # The choice outranks the browser's own preference on every later page.
    page = client.get("/", headers={"Accept-Language": "pl"}).get_data(as_text=True)
    assert 'lang="ur" dir="rtl"' in html_tag(page)
    assert "govuk-frontend.rtl.min.css" in page and "govuk-frontend.min.css" not in page
    assert '<span aria-current="true" lang="ur" dir="rtl">اردو</span>' in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_the_switcher_never_sends_anyone_off_the_site(client, partnership, target):
    response = client.get("/language/cy", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_an_unknown_language_changes_nothing(client, partnership):
    response = client.get("/language/xx?next=/privacy")
    assert response.status_code == 303 and "Set-Cookie" not in response.headers
    assert 'lang="en-GB"' in html_tag(client.get("/").get_data(as_text=True))


def test_officer_pages_stay_in_english(app, db_session, partnership):
    officer = make_officer(db_session, partnership, Role.ADMIN)
    client = app.test_client()
    client.get("/language/cy")
    assert "Gadael y dudalen hon" in client.get("/").get_data(as_text=True)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    page = client.get("/officer/").get_data(as_text=True)
    assert 'lang="en-GB" dir="ltr"' in html_tag(page)
    assert "sv-language-switcher" not in page


def test_translated_pages_ask_for_help_with_the_translation(app, client, partnership):
    app.extensions["safer_voices"].settings.translation_contact = "help@north.example"
    welsh = client.get("/", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert 'href="mailto:help@north.example">Helpwch ni i wella\'r cyfieithiad hwn</a>' in welsh
    assert "Help us improve" not in client.get("/").get_data(as_text=True)


def test_best_match_weighs_quality_and_skips_nonsense():
    assert best_match("pl;q=0.4, cy;q=0.8").code == "cy"
    assert best_match("en;q=0, ur").code == "ur"
    assert best_match("q=;;,,*").code == "en"
    assert best_match(None).code == "en"


def test_the_core_translates_with_placeholders_and_falls_back_to_english():
    assert translate("Run by %(name)s with Safer Voices. In an emergency, call 999.", "pl") == (
        "Prowadzone przez %(name)s w Safer Voices. W nagłym wypadku dzwoń pod 999.")
    assert translate("A sentence nobody has translated.", "cy") == "A sentence nobody has translated."
    assert translate("Menu", "xx") == "Menu"
