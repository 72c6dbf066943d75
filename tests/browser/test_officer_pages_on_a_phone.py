"""Every officer page on a phone: at 360 by 740 pixels in Chromium, no page scrolls sideways and axe
finds nothing wrong.

The pages are read from the app's URL map (every GET route under /officer), with the ids in their
paths filled from the demo partnership's records, so a page added later is checked without a change
here; a route whose path needs a value this file cannot fill fails the test until one is given.
Downloads (CSV, JSON, images, PDF) are fetched and skipped: only HTML pages are laid out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from demo.loader import load_demo
from survey.boundary import boundary_of
from survey.officers import accounts as officers
from survey.places.hotspots import aggregate_cells, grid_for
from survey.publications import EntryText, save_entry
from survey.storage.models import (
    Answer,
    Consultation,
    LocalService,
    Officer,
    PlanAction,
    PlanPriority,
    Response,
    RiskEvent,
    SafeHaven,
    TensionEntry,
    Ward,
    YouSaidWeDid,
)
from survey.vocabulary import ActionStatus, DefinitionKind, Role
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, sign_in_with_password
from tests.factories import PASSWORD, make_partnership
from tests.sharing import sharing_records

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ADMIN = "phone-admin@demo.example"
SURVEY_SLUG = "community-safety-2026"
# The import wizard's steps after the upload, walked with a sample file rather than opened by address
# (the mapping is a download; the import's status page is the worker's job, found only by its token).
WIZARD_STEPS = ("/import/matches", "/import/check", "/import/mapping", "/import/jobs/")
GOOGLE_FORMS_SAMPLE = Path(__file__).parent.parent / "data" / "imports" / "google-forms.csv"
# Pages worth seeing in more than one state (the path alone shows only the default).
EXTRA_PAGES = (
    f"/officer/consultations/{SURVEY_SLUG}/results/free-text?urgent=yes",
    "/officer/consultations/safe-spaces/results",
    "/officer/consultations/worries/results",
    "/officer/hotspots?size=100",
)


def _first(session: Session, query: Any) -> Any:
    value = session.scalar(query.limit(1))
    assert value is not None, f"the demo has nothing for {query}"
    return value


def _place_report_ids(session: Session) -> tuple[int, str]:
    row = session.execute(
        select(Response.id, Response.reference)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .where(Consultation.kind == DefinitionKind.PLACE_REPORT)
        .order_by(Response.id)
        .limit(1)
    ).one()
    return row.id, row.reference


def _busiest_cell(session: Session, partnership_id: int) -> str:
    partnership = session.get(
        Officer, _first(session, select(Officer.id).where(Officer.partnership_id == partnership_id))
    ).partnership
    cells = aggregate_cells(session, partnership_id, grid_for(boundary_of(partnership)))
    assert cells, "the demo has no place report on the map"
    return cells[0].key


def path_values(
    session: Session, partnership_id: int, sharing: dict[str, Any]
) -> dict[str, Callable[[], Any]]:
    """How to fill each placeholder: by ``endpoint:argument`` where a name means different records
    on different pages, otherwise by the argument's name."""
    response_id, reference = _place_report_ids(session)

    def own(model: Any) -> Callable[[], int]:
        return lambda: _first(session, select(model.id).where(model.partnership_id == partnership_id))

    return {
        "slug": lambda: SURVEY_SLUG,
        "fmt": lambda: "json",
        "officer_id": own(Officer),
        "reference": lambda: reference,
        "response_id": lambda: response_id,
        "cell": lambda: _busiest_cell(session, partnership_id),
        "haven_id": own(SafeHaven),
        "priority_id": own(PlanPriority),
        "action_id": own(PlanAction),
        "ward_id": own(Ward),
        "event_id": own(RiskEvent),
        "entry_id": own(TensionEntry),
        "officer_publication.entry_form:entry_id": lambda: _first(session, select(YouSaidWeDid.id)),
        "service_id": own(LocalService),
        "agreement_id": lambda: sharing["agreement_id"],
        "officer_sharing.received_page:agreement_id": lambda: sharing["received_agreement_id"],
        "officer_sharing.shared_figures:agreement_id": lambda: sharing["received_agreement_id"],
        "officer_sharing.shared_figures:slug": lambda: sharing["shared_slug"],
        "officer_sharing.shared_places:agreement_id": lambda: sharing["received_agreement_id"],
        "link_id": lambda: sharing["export_link_id"],
        "page": lambda: 1,
        "kind": lambda: "ranking",
        "key": lambda: "victim",
        "officer_builder.condition_answers:key": lambda: "reported",
        "target": lambda: "victim",
        "officer_redaction.redact_answer:reference": lambda: _free_text_answer(session)[0],
        "officer_redaction.redact_answer:answer_id": lambda: _free_text_answer(session)[1],
        "officer_consultations.version_yaml:number": lambda: 1,
        "officer_consultations.import_status:token": lambda: "0" * 32,
    }


def _free_text_answer(session: Session) -> tuple[str, int]:
    """A consultation response's reference and the id of one of its written answers."""
    row = session.execute(
        select(Response.reference, Answer.id)
        .join(Answer, Answer.response_id == Response.id)
        .where(Answer.text.is_not(None))
        .order_by(Answer.id)
        .limit(1)
    ).one()
    return row.reference, row.id


def officer_pages(app: Any, session: Session, partnership_id: int, sharing: dict[str, Any]) -> list[str]:
    """Every GET page under /officer, its placeholders filled, plus the extra states above."""
    values = path_values(session, partnership_id, sharing)
    pages = []
    missing = []
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        for rule in app.url_map.iter_rules():
            if not rule.rule.startswith("/officer") or "GET" not in (rule.methods or ()):
                continue
            filled = {}
            for argument in rule.arguments:
                fill = values.get(f"{rule.endpoint}:{argument}") or values.get(argument)
                if fill is None:
                    missing.append(f"{rule.rule} ({argument})")
                else:
                    filled[argument] = fill()
            if not (rule.arguments - filled.keys()):
                pages.append(adapter.build(rule.endpoint, filled, method="GET"))
    assert missing == [], f"give these placeholders a value in path_values: {missing}"
    return sorted(set(pages)) + list(EXTRA_PAGES)


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        if officers.officer_by_email(session, ADMIN) is None:
            officers.create_officer(
                session, email=ADMIN, password=PASSWORD, role=Role.ADMIN, partnership=partnership
            )
        consultation = _first(session, select(Consultation).where(Consultation.slug == SURVEY_SLUG))
        if session.scalar(select(YouSaidWeDid.id).limit(1)) is None:
            save_entry(
                session,
                consultation,
                EntryText(
                    "Street lighting on the way home from school was poor.",
                    "The council replaced twelve lights on Station Road.",
                    "Demo Borough Council",
                    ActionStatus.DONE,
                ),
                now=dt.datetime.now(dt.UTC),
            )
        sharing = sharing_records(session, partnership, make_partnership(session, "phone-third"))
        session.commit()
        return officer_pages(live_server.app, session, partnership.id, sharing)


def sign_in(page: Page, email: str) -> None:
    sign_in_with_password(page, email, PASSWORD)
    page.wait_for_url("**/officer/")


# The widest elements on a page and how far past the viewport they reach, to say what to fix.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, box]) => box.right > limit + 0.5 && box.width > 0)
    .map(([e, box]) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string'
       ? '.' + e.className.trim().split(/\\s+/).join('.') : ''} right=${Math.round(box.right)}`)
    .slice(-4);
}"""


@pytest.mark.timeout(900)
def test_no_officer_page_scrolls_sideways_at_360_pixels(page, demo, live_worker):
    page.set_viewport_size(PHONE)
    sign_in(page, ADMIN)
    overflowing: dict[str, Any] = {}
    checked = []

    def check(path: str) -> None:
        assert page.url.endswith(path), f"{path} went to {page.url}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            overflowing[path] = (width, page.evaluate(WIDEST))
        assert_no_axe_violations(page)
        checked.append(path)

    wizard = [path for path in demo if any(step in path for step in WIZARD_STEPS)]
    for path in demo:
        if path in wizard:
            continue
        fetched = page.request.get(path)
        assert fetched.status == 200, f"{path} answered {fetched.status}"
        if not fetched.headers.get("content-type", "").startswith("text/html"):
            continue
        page.goto(path)
        check(path)
    # The import wizard's later steps show only for a file being imported: walk one through them.
    assert len(wizard) == len(WIZARD_STEPS), wizard
    page.goto(f"/officer/consultations/{SURVEY_SLUG}/import/upload")
    page.get_by_label("Responses file").set_input_files(str(GOOGLE_FORMS_SAMPLE))
    page.get_by_role("button", name="Upload and match the columns").click()
    check(f"/officer/consultations/{SURVEY_SLUG}/import/matches")
    page.get_by_role("button", name="Continue").click()
    check(f"/officer/consultations/{SURVEY_SLUG}/import/check")
    mapping = page.request.get(f"/officer/consultations/{SURVEY_SLUG}/import/mapping")
    assert mapping.status == 200 and mapping.headers["content-type"].startswith("application/yaml")
    page.get_by_role("button", name="Import responses").click()
    # The status page refreshes itself until the worker has imported the file.
    expect(page.get_by_role("heading", level=1)).to_have_text("Responses imported", timeout=30_000)
    check(urlsplit(page.url).path)
    assert len(checked) >= 40, checked
    assert overflowing == {}, "\n".join(
        f"{path}: {width}px {widest}" for path, (width, widest) in overflowing.items()
    )


def test_a_table_is_stacked_on_a_phone_and_stays_a_table_on_a_desktop(page, demo):
    sign_in(page, ADMIN)
    row = "document.querySelector('.sv-table-stack tbody tr')"
    label = (
        "getComputedStyle(document.querySelector('.sv-table-stack tbody td[data-label]'), '::before').content"
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/officer/reports")
    assert page.evaluate(f"getComputedStyle({row}).display") == "table-row"
    assert page.locator(".sv-table-stack thead th").first.is_visible()
    assert page.evaluate(label) == "none"
    page.set_viewport_size(PHONE)
    page.goto("/officer/reports")
    assert page.evaluate(f"getComputedStyle({row}).display") == "block"
    assert page.evaluate(label) == '"Reference: "'
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto("/officer/")
    save_screenshot(page, "dashboard-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/officer/")
    save_screenshot(page, "dashboard-desktop")
