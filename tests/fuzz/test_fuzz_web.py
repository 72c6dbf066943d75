"""Generated requests to every public page and form: the consultation flow, sign-in, the safe spaces and
safe havens pages, help, check a report and the public cells API. Whatever arrives, the answer is never
a 5xx."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import SLUGS, assert_no_5xx, form_fields, form_with_token, fuzz, query, text
from tests.web import CSRF_PATTERN

pytestmark = pytest.mark.usefixtures("fuzz_site", "no_rate_limits")

QUESTIONS = [
    "priorities",
    "town_centre_issues",
    "violence_features",
    "safety_day",
    "safety_dark",
    "victim",
    "reported",
    "feel_safer",
    "about_age_band",
    "about_area",
    "feeling",
    "place",
    "reasons",
    "time_of_day",
]
slugs = st.one_of(st.sampled_from(SLUGS), text.filter(lambda s: "/" not in s and s not in {".", ".."}))
question_ids = st.one_of(
    st.sampled_from(QUESTIONS), text.filter(lambda s: "/" not in s and s not in {".", ".."})
)


def _path(*parts: str) -> str:
    return "/".join(quote(part, safe="") for part in parts)


def _token(client, slug: str = "annual") -> str:
    return CSRF_PATTERN.search(client.get(f"/consultations/{slug}/").get_data(as_text=True)).group(1)


def _begin(client, slug: str, token: str) -> None:
    """A draft in progress, so that question pages and check answers reach their real work."""
    client.post(f"/consultations/{slug}/start", data={"csrf_token": token})


def test_start_page(client):
    @fuzz
    @given(slug=slugs, params=query)
    def check(slug, params):
        path = f"/consultations/{_path(slug)}/?{urlencode(params)}"
        assert_no_5xx(client.get(path), path)

    check()


def test_start_a_draft(client):
    token = _token(client)

    @fuzz
    @given(slug=st.sampled_from(SLUGS), form=form_with_token(token))
    def check(slug, form):
        assert_no_5xx(client.post(f"/consultations/{slug}/start", data=form), f"start {form!r}")

    check()


def test_question_page(client):
    token = _token(client)

    @fuzz
    @given(slug=st.sampled_from(SLUGS), question=question_ids, params=query)
    def check(slug, question, params):
        _begin(client, slug, token)
        path = f"/consultations/{slug}/questions/{_path(question)}?{urlencode(params)}"
        assert_no_5xx(client.get(path), path)

    check()


def test_answer_a_question(client):
    token = _token(client)

    @fuzz
    @given(
        slug=st.sampled_from(SLUGS), question=question_ids, change=st.booleans(), form=form_with_token(token)
    )
    def check(slug, question, change, form):
        _begin(client, slug, token)
        path = f"/consultations/{slug}/questions/{_path(question)}" + ("?change=1" if change else "")
        assert_no_5xx(client.post(path, data=form), f"{path} {form!r}")

    check()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_check_answers_and_send(client, method):
    token = _token(client)

    @fuzz
    @given(slug=st.sampled_from(SLUGS), form=form_with_token(token))
    def check(slug, form):
        _begin(client, slug, token)
        path = f"/consultations/{slug}/check-answers"
        response = client.post(path, data=form) if method == "POST" else client.get(path, query_string=form)
        assert_no_5xx(response, f"{method} {path} {form!r}")

    check()


@pytest.mark.parametrize(
    ("method", "page"), [("GET", "confirmation"), ("GET", "saved"), ("GET", "resume"), ("POST", "resume")]
)
def test_confirmation_saved_and_resume(client, method, page):
    token = _token(client)

    @fuzz
    @given(slug=slugs, form=form_with_token(token))
    def check(slug, form):
        path = f"/consultations/{_path(slug)}/{page}"
        response = client.post(path, data=form) if method == "POST" else client.get(path, query_string=form)
        assert_no_5xx(response, f"{method} {path} {form!r}")

    check()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sign_in(client, method):
    token = _token(client)

    @fuzz
    @given(form=form_with_token(token), email=text, password=text)
    def check(form, email, password):
        data = {"email": email, "password": password, **form}
        response = (
            client.post("/sign-in", data=data)
            if method == "POST"
            else client.get("/sign-in", query_string=data)
        )
        assert_no_5xx(response, f"{method} sign in {data!r}")

    check()


@pytest.mark.parametrize("page", ["/safe-spaces", "/safe-havens"])
def test_map_pages(client, page):
    @fuzz
    @given(params=query)
    def check(params):
        path = f"{page}?{urlencode(params)}"
        assert_no_5xx(client.get(path), path)

    check()


def test_other_public_pages(client):
    pages = ["/", "/privacy", "/accessibility", "/healthz", "/help"]

    @fuzz
    @given(
        page=st.one_of(st.sampled_from(pages), text.map(lambda t: f"/help/{quote(t, safe='')}")), params=query
    )
    def check(page, params):
        path = f"{page}?{urlencode(params)}"
        assert_no_5xx(client.get(path), path)

    check()


def test_public_cells_api(client):
    @fuzz
    @given(params=query, fields=form_fields)
    def check(params, fields):
        path = f"/api/places/cells.geojson?{urlencode(params)}"
        assert_no_5xx(client.get(path, data=fields if fields else None), path)

    check()


@pytest.mark.parametrize("path", ["/check-a-report", "/check-a-report/withdraw"])
def test_check_a_report(client, path):
    token = _token(client)

    @fuzz
    @given(form=form_with_token(token), reference=text, code=text, confirm=st.sampled_from(["", "yes"]))
    def check(form, reference, code, confirm):
        data = {"reference": reference, "code": code, "confirm": confirm, **form}
        assert_no_5xx(client.post(path, data=data), f"POST {path} {data!r}")

    check()
