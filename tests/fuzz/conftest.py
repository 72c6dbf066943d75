"""Fuzzing the public endpoints and the bot's handlers with Hypothesis: generated input never gets a 5xx.

The number of examples per endpoint comes from ``SAFER_VOICES_FUZZ_EXAMPLES``: a small number in the
normal test run (a smoke test), 10,000 under ``make fuzz``. The seed is fixed, so a run is repeatable;
a failure prints the smallest input that reproduces it. Rate limits are switched off for these tests
(they would answer 429 before the code under test is reached) and restored afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.vocabulary import ConsultationStatus
from tests.conversations import FORMS, make_demo_partnership
from webapp.extensions import limiter

EXAMPLES = int(os.environ.get("SAFER_VOICES_FUZZ_EXAMPLES", "60"))
SEED = 20261203
SLUGS = ["annual", FORMS["place-report"], FORMS["worry"]]

_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no example database: every run is the same generated sequence
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


def fuzz(test: Callable) -> Callable:
    """``@given(...)`` goes above this: a fixed seed and the example count of this run."""
    return seed(SEED)(_settings(test))


# Text as hostile people type it: any code point a form can carry (surrogates cannot be encoded),
# and the classics that break parsers, databases and spreadsheets.
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "9" * 400,
    "\x00",
    "a\x00b",
    "%00",
    "\r\n",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE response; --',
    '=HYPERLINK("x")',
    "@SUM(1)",
    "other",
    "yes",
    "no",
    "save",
    "1",
    "2",
    "5",
    "99",
    "paper",
    "web",
    "𝕏" * 50,
    "ǅ",
    "\u202e",
    "a" * 5000,
]
text = st.one_of(st.sampled_from(NASTY), st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
FIELDS = [
    "csrf_token",
    "answer",
    "other_text",
    "action",
    "website",
    "restart",
    "preview",
    "channel",
    "code",
    "email",
    "password",
    "latitude",
    "longitude",
    "area",
    "landmark",
    "description",
    "answer-day",
    "answer-month",
    "answer-year",
    "rank-violence",
    "rank-anti_social_behaviour",
    "rank-town_centre_safety",
    "rank-drug_dealing_and_drug_use",
    "rank-burglary_and_theft",
]
values = st.one_of(text, st.lists(text, max_size=4))
form_fields = st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), values, max_size=8)
query = st.dictionaries(
    st.sampled_from(["preview", "channel", "change", "page", "breakdown", "zoom"]) | text, text, max_size=4
)


def form_with_token(token: str) -> st.SearchStrategy[dict]:
    """Generated form fields carrying the session's real CSRF token most of the time."""
    return st.tuples(form_fields, st.sampled_from(["valid", "valid", "valid", "missing", "wrong"]), text).map(
        lambda t: {
            **t[0],
            **({"csrf_token": token} if t[1] == "valid" else {"csrf_token": t[2]} if t[1] == "wrong" else {}),
        }
    )


@pytest.fixture
def settings(settings):  # noqa: F811 - extends the shared fixture: the public map API is on
    settings.public_hotspots = True
    return settings


@pytest.fixture
def fuzz_site(db_session):
    """The demo partnership with its place-report and worry forms, and the annual consultation."""
    partnership = make_demo_partnership(db_session)
    source = template_path("community-safety").read_text(encoding="utf-8")
    create_consultation(db_session, partnership, source, slug="annual", status=ConsultationStatus.OPEN)
    db_session.flush()
    return partnership


@pytest.fixture
def no_rate_limits() -> Iterator[None]:
    was = limiter.enabled
    limiter.enabled = False
    yield
    limiter.enabled = was


def assert_no_5xx(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {response.status_code}"
