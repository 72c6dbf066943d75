"""Who may use which route: every route in the app must be listed here with a decision.

Each row gives the status expected for an anonymous visitor, a viewer, an analyst and an admin of
the partnership that owns the records, and for an admin of *another* partnership who asks for
those records by id. A route that appears or disappears without a row failing here is a defect.
Path placeholders are filled from the records made in the fixture: ``{officer_id}`` is an officer
of the owning partnership.
"""

from __future__ import annotations

import datetime as dt

import pytest

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.notifications.alerts import add_alert_addresses
from survey.publications import EntryText, save_entry
from survey.signposting.local_store import ServiceFields, add_service
from survey.signposting.services import HelpTopic
from survey.tensions.events import EventValues, create_event
from survey.vocabulary import (
    ActionStatus,
    ConsultationStatus,
    EventType,
    RiskRating,
    Role,
)
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.places import place_records
from tests.plans import make_action, make_priority
from tests.sharing import sharing_records
from tests.tensions import log_entry, make_ward
from tests.web import csrf_token, sign_in

WHO = ("anonymous", "viewer", "analyst", "admin", "other")
PUBLIC = dict.fromkeys(WHO, 200)
REDIRECT_TO_SIGN_IN = 302
BUILD = "/officer/consultations/{consultation_slug}/build"
SET_UP_BY_CHOICE = {"anonymous": 302, "viewer": 200, "analyst": 200, "admin": 302, "other": 302}


def officer_only(role: Role, *, own_record: bool = False, ok: int = 200) -> dict[str, int]:
    allowed = {r: ok if r.allows(role) else 403 for r in Role}
    return {
        "anonymous": REDIRECT_TO_SIGN_IN,
        "viewer": allowed[Role.VIEWER],
        "analyst": allowed[Role.ANALYST],
        "admin": allowed[Role.ADMIN],
        # Another partnership's admin passes the role check but must not find the record.
        "other": 404 if own_record else allowed[Role.ADMIN],
    }


ROUTES: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/"): PUBLIC,
    ("GET", "/privacy"): PUBLIC,
    ("GET", "/accessibility"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    # The language switcher: anyone, back to the page it was on (303), the choice in a cookie.
    ("GET", "/language/cy"): dict.fromkeys(WHO, 303),
    ("GET", "/assets/vendor/govuk-frontend/VERSION"): PUBLIC,
    ("GET", "/sign-in"): PUBLIC,
    # Signing in again while signed in shows the form again (wrong details: 200 with an error).
    ("POST", "/sign-in"): PUBLIC,
    ("GET", "/sign-out"): {"anonymous": 302, "viewer": 200, "analyst": 200, "admin": 200, "other": 200},
    ("POST", "/sign-out"): {"anonymous": 302, "viewer": 302, "analyst": 302, "admin": 302, "other": 302},
    ("GET", "/signed-out"): PUBLIC,
    # The second step of signing in: only for a browser that has given a password and not yet a
    # code; anyone else is sent on (to sign in, or to the dashboard).
    ("GET", "/sign-in/code"): dict.fromkeys(WHO, 302),
    ("POST", "/sign-in/code"): dict.fromkeys(WHO, 302),
    ("GET", "/sign-in/recovery-code"): dict.fromkeys(WHO, 302),
    ("POST", "/sign-in/recovery-code"): dict.fromkeys(WHO, 302),
    # Setting up an authenticator app: by choice for officers without one (an empty form: 200 with an
    # error); administrators already have one and are sent to Settings.
    ("GET", "/two-factor/set-up"): SET_UP_BY_CHOICE,
    ("POST", "/two-factor/set-up"): SET_UP_BY_CHOICE,
    # Every officer changes their own password (empty form: 200 with errors).
    ("GET", "/change-password"): officer_only(Role.VIEWER),
    ("POST", "/change-password"): officer_only(Role.VIEWER),
    ("GET", "/change-password/done"): officer_only(Role.VIEWER),
    # The public consultation flow on an open consultation. Without answers in progress every
    # step sends the visitor back to the start (302); nothing there is officer-only.
    ("GET", "/consultations/{consultation_slug}/"): PUBLIC,
    ("POST", "/consultations/{consultation_slug}/start"): dict.fromkeys(WHO, 302),
    ("GET", "/consultations/{consultation_slug}/questions/priorities"): dict.fromkeys(WHO, 302),
    ("POST", "/consultations/{consultation_slug}/questions/priorities"): dict.fromkeys(WHO, 302),
    ("GET", "/consultations/{consultation_slug}/check-answers"): dict.fromkeys(WHO, 302),
    ("POST", "/consultations/{consultation_slug}/check-answers"): dict.fromkeys(WHO, 302),
    ("GET", "/consultations/{consultation_slug}/confirmation"): dict.fromkeys(WHO, 302),
    ("GET", "/consultations/{consultation_slug}/saved"): dict.fromkeys(WHO, 302),
    ("GET", "/consultations/{consultation_slug}/resume"): PUBLIC,
    ("POST", "/consultations/{consultation_slug}/resume"): PUBLIC,  # no code: 200 with an error
    # Check a report: the reference and code only ever in a form's body (empty: 200 with errors).
    # The web chat: no chat cookie here, so the start page; starting one and leaving redirect.
    ("GET", "/chat"): PUBLIC,
    ("POST", "/chat"): PUBLIC,
    ("POST", "/chat/start"): dict.fromkeys(WHO, 303),
    ("GET", "/chat/exit"): dict.fromkeys(WHO, 303),
    ("POST", "/chat/exit"): dict.fromkeys(WHO, 303),
    ("GET", "/check-a-report"): PUBLIC,
    ("POST", "/check-a-report"): PUBLIC,
    ("GET", "/check-a-report/withdraw"): PUBLIC,
    ("POST", "/check-a-report/withdraw"): PUBLIC,
    ("GET", "/check-a-report/withdrawn"): dict.fromkeys(WHO, 302),  # nothing withdrawn here: back
    ("GET", "/officer/"): officer_only(Role.VIEWER),
    ("GET", "/officer/officers"): officer_only(Role.ADMIN),
    ("GET", "/officer/officers/new"): officer_only(Role.ADMIN),
    ("POST", "/officer/officers/new"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("GET", "/officer/officers/{officer_id}"): officer_only(Role.ADMIN, own_record=True),
    ("POST", "/officer/officers/{officer_id}"): officer_only(Role.ADMIN, own_record=True, ok=302),
    # An administrator forces a reset of a colleague's password: the answer shows the one-time one.
    ("POST", "/officer/officers/{officer_id}/reset-password"): officer_only(Role.ADMIN, own_record=True),
    ("GET", "/officer/audit"): officer_only(Role.ADMIN),
    # Get help (public) and the officers' reports inbox and local services editor.
    ("GET", "/help"): PUBLIC,
    ("GET", "/help/bullying"): PUBLIC,
    ("GET", "/officer/reports"): officer_only(Role.VIEWER),
    ("GET", "/officer/reports/{reference}"): officer_only(Role.VIEWER, own_record=True),
    # Viewers read a report; analysts and admins change it (an empty form: 200 with an error).
    ("POST", "/officer/reports/{reference}/status"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/reports/{reference}/assignee"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/reports/{reference}/notes"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/reports/{reference}/reply"): officer_only(Role.ANALYST, own_record=True),
    # Local services: viewers read and download; analysts and admins add, change, remove and import
    # (an empty form: 200 with errors).
    ("GET", "/officer/services"): officer_only(Role.VIEWER),
    ("GET", "/officer/services/export.csv"): officer_only(Role.VIEWER),
    ("GET", "/officer/services/new"): officer_only(Role.ANALYST),
    ("POST", "/officer/services/new"): officer_only(Role.ANALYST),
    ("GET", "/officer/services/import"): officer_only(Role.ANALYST),
    ("POST", "/officer/services/import"): officer_only(Role.ANALYST),
    ("GET", "/officer/services/{local_service_id}"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/services/{local_service_id}"): officer_only(Role.ANALYST, own_record=True),
    ("GET", "/officer/services/{local_service_id}/remove"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/services/{local_service_id}/remove"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    # Running consultations: viewers read, analysts import, admins create and change status/dates.
    ("GET", "/officer/consultations/"): officer_only(Role.VIEWER),
    ("GET", "/officer/consultations/new"): officer_only(Role.ADMIN),
    ("POST", "/officer/consultations/new"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("GET", "/officer/consultations/{consultation_slug}"): officer_only(Role.VIEWER, own_record=True),
    ("POST", "/officer/consultations/{consultation_slug}/status"): officer_only(
        Role.ADMIN, own_record=True, ok=400  # no status given
    ),
    ("GET", "/officer/consultations/{consultation_slug}/dates"): officer_only(Role.ADMIN, own_record=True),
    ("POST", "/officer/consultations/{consultation_slug}/dates"): officer_only(
        Role.ADMIN, own_record=True, ok=302  # blank dates: saved as "no limits"
    ),
    ("GET", "/officer/consultations/{consultation_slug}/import"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/consultations/{consultation_slug}/import"): officer_only(
        Role.ANALYST, own_record=True  # no file: 200 with an error
    ),
    # The import wizard: analysts import. Without an uploaded file every later step leads back (302).
    ("GET", "/officer/consultations/{consultation_slug}/import/upload"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", "/officer/consultations/{consultation_slug}/import/upload"): officer_only(
        Role.ANALYST, own_record=True  # no file: 200 with an error
    ),
    ("GET", "/officer/consultations/{consultation_slug}/import/matches"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("POST", "/officer/consultations/{consultation_slug}/import/matches"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", "/officer/consultations/{consultation_slug}/import/check"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("POST", "/officer/consultations/{consultation_slug}/import/check"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    # An import job's status page: a job that is not this consultation's (here: none) is not found.
    ("GET", "/officer/consultations/{consultation_slug}/import/jobs/{import_token}"): officer_only(
        Role.ANALYST, own_record=True, ok=404
    ),
    ("GET", "/officer/consultations/{consultation_slug}/import/mapping"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", "/officer/consultations/{consultation_slug}/qr.png"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/consultations/{consultation_slug}/qr.svg"): officer_only(Role.VIEWER, own_record=True),
    # The builder: viewers read the summary; analysts and admins edit. An empty post changes nothing:
    # a form with required fields answers 200 with errors; one without (or a button) finds no
    # ``based_on`` version, so it is treated as a repeated click and sent back to the summary (302).
    ("GET", BUILD): officer_only(Role.VIEWER, own_record=True),
    ("GET", BUILD + "/details"): officer_only(Role.ANALYST, own_record=True),
    ("POST", BUILD + "/details"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("GET", BUILD + "/pages/new"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/pages/new"): officer_only(
        Role.ANALYST, own_record=True, ok=302  # no title (optional): on to choosing the first question
    ),
    ("GET", BUILD + "/pages/1"): officer_only(Role.ANALYST, own_record=True),
    ("POST", BUILD + "/pages/1"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("POST", BUILD + "/pages/1/move"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", BUILD + "/pages/1/remove"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/pages/1/remove"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", BUILD + "/pages/1/questions/new"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/pages/1/questions/new"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("GET", BUILD + "/pages/1/questions/new/ranking"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/pages/1/questions/new/ranking"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("GET", BUILD + "/questions/victim"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/questions/victim"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("GET", BUILD + "/questions/victim/kind"): officer_only(Role.ANALYST, own_record=True),
    ("POST", BUILD + "/questions/victim/kind"): officer_only(Role.ANALYST, own_record=True),
    ("POST", BUILD + "/questions/victim/move"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", BUILD + "/questions/victim/remove"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/questions/victim/remove"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", BUILD + "/questions/reported/condition"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/questions/reported/condition"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("GET", BUILD + "/questions/reported/condition/victim"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/questions/reported/condition/victim"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", BUILD + "/questions/reported/no-condition"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    # The printable questionnaire (no responses in it): every officer of the partnership prints it.
    ("GET", "/officer/consultations/{consultation_slug}/questionnaire.pdf"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/questionnaire-large-print.pdf"): officer_only(
        Role.VIEWER, own_record=True
    ),
    # The definition (issue 16): viewers download any version and read the history; analysts and
    # administrators replace it with a YAML file (no file: 200 with an error).
    ("GET", "/officer/consultations/{consultation_slug}/definition.yaml"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/versions"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/versions/1.yaml"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/replace"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", "/officer/consultations/{consultation_slug}/replace"): officer_only(
        Role.ANALYST, own_record=True
    ),
    # Its texts in other languages (issue 20): viewers see what is missing and download the CSV;
    # analysts and administrators upload it back (no file: 200 with an error).
    ("GET", "/officer/consultations/{consultation_slug}/translations"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/translations.csv"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/translations/upload"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", "/officer/consultations/{consultation_slug}/translations/upload"): officer_only(
        Role.ANALYST, own_record=True
    ),
    # Results: viewers read aggregates and (audited) free text and download public variants;
    # officer exports (raw data, OFFICIAL-SENSITIVE summaries) need an analyst.
    ("GET", "/officer/consultations/{consultation_slug}/results"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/consultations/{consultation_slug}/results/free-text"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/results/crosstab"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/export/csv"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("GET", "/officer/consultations/{consultation_slug}/public-export/json"): officer_only(
        Role.VIEWER, own_record=True
    ),
    # Published results: the list and feed are public; unpublished results (the fixture's open
    # consultation) do not exist for anyone. Analysts publish and write "You said, we did".
    ("GET", "/results"): PUBLIC,
    ("GET", "/results/feed.atom"): PUBLIC,
    ("GET", "/results/{consultation_slug}"): dict.fromkeys(WHO, 404),
    ("GET", "/results/{consultation_slug}/data.csv"): dict.fromkeys(WHO, 404),
    ("GET", "/results/{consultation_slug}/data.json"): dict.fromkeys(WHO, 404),
    ("GET", "/officer/consultations/{consultation_slug}/results/publication"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("POST", "/officer/consultations/{consultation_slug}/results/publish"): officer_only(
        Role.ANALYST, own_record=True, ok=302  # an open consultation: refused, with the reason shown
    ),
    ("POST", "/officer/consultations/{consultation_slug}/results/unpublish"): officer_only(
        Role.ANALYST, own_record=True, ok=302  # nothing published: the reason is shown
    ),
    ("GET", "/officer/consultations/{consultation_slug}/results/you-said-we-did/new"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", "/officer/consultations/{consultation_slug}/results/you-said-we-did/new"): officer_only(
        Role.ANALYST, own_record=True  # empty form: 200 with errors
    ),
    ("GET", "/officer/consultations/{consultation_slug}/results/you-said-we-did/{entry_id}"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", "/officer/consultations/{consultation_slug}/results/you-said-we-did/{entry_id}"): officer_only(
        Role.ANALYST, own_record=True  # empty form: 200 with errors
    ),
    # Safe spaces map. The public cells API is off unless SAFER_VOICES_PUBLIC_HOTSPOTS is set.
    ("GET", "/safe-spaces"): PUBLIC,
    ("GET", "/safe-havens"): PUBLIC,
    # Safe havens near a postcode or area: a search with no CSRF token (it changes nothing); empty: 200
    # with an error.
    ("POST", "/safe-havens"): PUBLIC,
    ("GET", "/api/places/cells.geojson"): dict.fromkeys(WHO, 404),
    ("GET", "/officer/safe-havens"): officer_only(Role.VIEWER),
    ("GET", "/officer/safe-havens/new"): officer_only(Role.ADMIN),
    ("POST", "/officer/safe-havens/new"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("GET", "/officer/safe-havens/{haven_id}"): officer_only(Role.ADMIN, own_record=True),
    ("POST", "/officer/safe-havens/{haven_id}"): officer_only(Role.ADMIN, own_record=True),
    ("GET", "/officer/safe-havens/{haven_id}/delete"): officer_only(Role.ADMIN, own_record=True),
    ("POST", "/officer/safe-havens/{haven_id}/delete"): officer_only(Role.ADMIN, own_record=True, ok=302),
    ("GET", "/officer/boundary"): officer_only(Role.ADMIN),
    ("POST", "/officer/boundary"): officer_only(Role.ADMIN),  # no file: 200 with an error
    ("GET", "/officer/hotspots"): officer_only(Role.VIEWER),
    # Wards: counts are aggregates for everyone; loading a file is for analysts and administrators.
    ("GET", "/officer/wards"): officer_only(Role.VIEWER),
    ("GET", "/officer/wards/upload"): officer_only(Role.ANALYST),
    ("POST", "/officer/wards/upload"): officer_only(Role.ANALYST),  # no file: 200 with an error
    # A cell is a place, not a record: another partnership's officer sees only their own reports.
    ("GET", "/officer/hotspots/cells/{cell}"): officer_only(Role.ANALYST),
    ("GET", "/officer/hotspots/cells.geojson"): officer_only(Role.ANALYST),
    ("GET", "/officer/hotspots/cells.csv"): officer_only(Role.ANALYST),
    ("GET", "/officer/places/unplaced"): officer_only(Role.ANALYST),
    ("GET", "/officer/places/{response_id}"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/places/{response_id}"): officer_only(Role.ANALYST, own_record=True),  # 200: error
    # Settings: every officer's own daily digest (unticked: off); administrators set alert addresses.
    ("GET", "/officer/settings/"): officer_only(Role.VIEWER),
    ("POST", "/officer/settings/digest"): officer_only(Role.VIEWER, ok=302),
    # Administrators decide whether every officer needs two-factor sign-in (unticked: only admins).
    ("POST", "/officer/settings/two-factor"): officer_only(Role.ADMIN, ok=302),
    ("GET", "/officer/settings/alerts"): officer_only(Role.ADMIN),
    ("POST", "/officer/settings/alerts"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("POST", "/officer/settings/alerts/{alert_address_id}/remove"): officer_only(
        Role.ADMIN, own_record=True, ok=302
    ),
    # Data retention: every officer reads the policy; administrators change it (empty: 200 with errors).
    ("GET", "/officer/retention"): officer_only(Role.VIEWER),
    ("GET", "/officer/retention/edit"): officer_only(Role.ADMIN),
    ("POST", "/officer/retention/edit"): officer_only(Role.ADMIN),
    # Correcting responses: every officer reads the answers that may hold personal details; analysts
    # and administrators keep one as it is; only administrators redact words or delete a response
    # (an empty form: 200 with errors, nothing changed).
    ("GET", "/officer/responses/personal-details"): officer_only(Role.VIEWER),
    ("POST", "/officer/responses/{reference}/answers/{answer_id}/keep"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("GET", "/officer/responses/{reference}/redact"): officer_only(Role.ADMIN, own_record=True),
    ("GET", "/officer/responses/{reference}/answers/{answer_id}/redact"): officer_only(
        Role.ADMIN, own_record=True
    ),
    ("POST", "/officer/responses/{reference}/answers/{answer_id}/redact"): officer_only(
        Role.ADMIN, own_record=True
    ),
    ("GET", "/officer/responses/{reference}/delete"): officer_only(Role.ADMIN, own_record=True),
    ("POST", "/officer/responses/{reference}/delete"): officer_only(Role.ADMIN, own_record=True),
    # The action plan: viewers read; analysts and admins change, import and export.
    ("GET", "/officer/plan"): officer_only(Role.VIEWER),
    ("GET", "/officer/plan/priorities/new"): officer_only(Role.ANALYST),
    ("POST", "/officer/plan/priorities/new"): officer_only(Role.ANALYST),  # empty form: 200 with errors
    ("GET", "/officer/plan/priorities/{priority_id}"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/plan/priorities/{priority_id}"): officer_only(Role.ANALYST, own_record=True),
    ("GET", "/officer/plan/priorities/{priority_id}/actions/new"): officer_only(
        Role.ANALYST, own_record=True
    ),
    ("POST", "/officer/plan/priorities/{priority_id}/actions/new"): officer_only(
        Role.ANALYST, own_record=True  # empty form: 200 with errors
    ),
    ("GET", "/officer/plan/actions/{plan_action_id}"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/plan/actions/{plan_action_id}/edit"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/plan/actions/{plan_action_id}/edit"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/plan/actions/{plan_action_id}/updates"): officer_only(Role.ANALYST, own_record=True),
    ("GET", "/officer/plan/import"): officer_only(Role.ANALYST),
    ("POST", "/officer/plan/import"): officer_only(Role.ANALYST),  # no file: 200 with an error
    ("GET", "/officer/plan/export.csv"): officer_only(Role.ANALYST),
    ("GET", "/officer/plan/board-update"): officer_only(Role.ANALYST),
    ("POST", "/officer/plan/board-update"): officer_only(Role.ANALYST),  # empty form: 200 with errors
    # Community tensions and events of risk: viewers read, analysts and admins log and change.
    ("GET", "/officer/tensions/"): officer_only(Role.VIEWER),
    ("GET", "/officer/tensions/entries"): officer_only(Role.VIEWER),
    ("GET", "/officer/tensions/entries/new"): officer_only(Role.ANALYST),
    ("POST", "/officer/tensions/entries/new"): officer_only(Role.ANALYST),  # empty form: 200 with errors
    ("GET", "/officer/tensions/entries/{tension_entry_id}"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/tensions/entries/{tension_entry_id}/edit"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/tensions/entries/{tension_entry_id}/edit"): officer_only(
        Role.ANALYST, own_record=True  # empty form: 200 with errors
    ),
    ("POST", "/officer/tensions/entries/{tension_entry_id}/close"): officer_only(
        Role.ANALYST, own_record=True, ok=302
    ),
    ("POST", "/officer/tensions/entries/{tension_entry_id}/reopen"): officer_only(
        Role.ANALYST, own_record=True, ok=302  # an open entry: nothing to reopen, back to the entry
    ),
    ("GET", "/officer/tensions/wards/{ward_id}"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/tensions/events"): officer_only(Role.VIEWER),
    ("GET", "/officer/tensions/events/new"): officer_only(Role.ANALYST),
    ("POST", "/officer/tensions/events/new"): officer_only(Role.ANALYST),  # empty form: 200 with errors
    ("GET", "/officer/tensions/events/{risk_event_id}"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/tensions/events/{risk_event_id}/edit"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/tensions/events/{risk_event_id}/edit"): officer_only(Role.ANALYST, own_record=True),
    ("GET", "/officer/tensions/events/{risk_event_id}/debrief"): officer_only(Role.ANALYST, own_record=True),
    ("POST", "/officer/tensions/events/{risk_event_id}/debrief"): officer_only(Role.ANALYST, own_record=True),
    # Data sharing: viewers read; administrators make and revoke agreements and links. What another
    # partnership shares is read by the recipient's officers only (its giver and outsiders: 404).
    ("GET", "/officer/sharing"): officer_only(Role.VIEWER),
    ("GET", "/officer/sharing/agreements/new"): officer_only(Role.ADMIN),
    ("POST", "/officer/sharing/agreements/new"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("GET", "/officer/sharing/agreements/{agreement_id}"): officer_only(Role.VIEWER, own_record=True),
    ("POST", "/officer/sharing/agreements/{agreement_id}/revoke"): officer_only(
        Role.ADMIN, own_record=True, ok=302
    ),
    ("GET", "/officer/sharing/received/{received_agreement_id}"): officer_only(Role.VIEWER, own_record=True),
    ("GET", "/officer/sharing/received/{received_agreement_id}/figures/{shared_slug}"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/sharing/received/{received_agreement_id}/places"): officer_only(
        Role.VIEWER, own_record=True
    ),
    ("GET", "/officer/sharing/links/new"): officer_only(Role.ADMIN),
    ("POST", "/officer/sharing/links/new"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("GET", "/officer/sharing/links/{export_link_id}"): officer_only(Role.VIEWER, own_record=True),
    ("POST", "/officer/sharing/links/{export_link_id}/revoke"): officer_only(
        Role.ADMIN, own_record=True, ok=302
    ),
    # An agency's download link: anyone holding it (each case has a fresh, unused link).
    ("GET", "/shared/{link_token}"): PUBLIC,
    ("POST", "/shared/{link_token}"): PUBLIC,
}

# How each URL rule is reached in the table above.
RULE_EXAMPLES = {
    "/language/<code>": "/language/cy",
    "/officer/responses/<reference>/answers/<int:answer_id>/keep": (
        "/officer/responses/{reference}/answers/{answer_id}/keep"
    ),
    "/officer/responses/<reference>/answers/<int:answer_id>/redact": (
        "/officer/responses/{reference}/answers/{answer_id}/redact"
    ),
    "/officer/responses/<reference>/redact": "/officer/responses/{reference}/redact",
    "/officer/responses/<reference>/delete": "/officer/responses/{reference}/delete",
    "/officer/plan/priorities/<int:priority_id>": "/officer/plan/priorities/{priority_id}",
    "/officer/plan/priorities/<int:priority_id>/actions/new": (
        "/officer/plan/priorities/{priority_id}/actions/new"
    ),
    "/officer/plan/actions/<int:action_id>": "/officer/plan/actions/{plan_action_id}",
    "/officer/plan/actions/<int:action_id>/edit": "/officer/plan/actions/{plan_action_id}/edit",
    "/officer/plan/actions/<int:action_id>/updates": "/officer/plan/actions/{plan_action_id}/updates",
    "/assets/<path:filename>": "/assets/vendor/govuk-frontend/VERSION",
    "/officer/officers/<int:officer_id>": "/officer/officers/{officer_id}",
    "/officer/officers/<int:officer_id>/reset-password": "/officer/officers/{officer_id}/reset-password",
    "/help/<topic>": "/help/bullying",
    "/officer/services/<int:service_id>": "/officer/services/{local_service_id}",
    "/officer/services/<int:service_id>/remove": "/officer/services/{local_service_id}/remove",
    "/officer/reports/<reference>": "/officer/reports/{reference}",
    "/officer/reports/<reference>/status": "/officer/reports/{reference}/status",
    "/officer/reports/<reference>/assignee": "/officer/reports/{reference}/assignee",
    "/officer/reports/<reference>/notes": "/officer/reports/{reference}/notes",
    "/officer/reports/<reference>/reply": "/officer/reports/{reference}/reply",
    "/officer/consultations/<slug>": "/officer/consultations/{consultation_slug}",
    "/officer/consultations/<slug>/status": "/officer/consultations/{consultation_slug}/status",
    "/officer/consultations/<slug>/dates": "/officer/consultations/{consultation_slug}/dates",
    "/officer/consultations/<slug>/definition.yaml": (
        "/officer/consultations/{consultation_slug}/definition.yaml"
    ),
    "/officer/consultations/<slug>/versions": "/officer/consultations/{consultation_slug}/versions",
    "/officer/consultations/<slug>/versions/<int:number>.yaml": (
        "/officer/consultations/{consultation_slug}/versions/1.yaml"
    ),
    "/officer/consultations/<slug>/replace": "/officer/consultations/{consultation_slug}/replace",
    "/officer/consultations/<slug>/translations": "/officer/consultations/{consultation_slug}/translations",
    "/officer/consultations/<slug>/translations.csv": (
        "/officer/consultations/{consultation_slug}/translations.csv"
    ),
    "/officer/consultations/<slug>/translations/upload": (
        "/officer/consultations/{consultation_slug}/translations/upload"
    ),
    "/officer/consultations/<slug>/import": "/officer/consultations/{consultation_slug}/import",
    "/officer/consultations/<slug>/import/upload": "/officer/consultations/{consultation_slug}/import/upload",
    "/officer/consultations/<slug>/import/matches": (
        "/officer/consultations/{consultation_slug}/import/matches"
    ),
    "/officer/consultations/<slug>/import/check": "/officer/consultations/{consultation_slug}/import/check",
    "/officer/consultations/<slug>/import/jobs/<token>": (
        "/officer/consultations/{consultation_slug}/import/jobs/{import_token}"
    ),
    "/officer/consultations/<slug>/import/mapping": (
        "/officer/consultations/{consultation_slug}/import/mapping"
    ),
    "/officer/consultations/<slug>/qr.png": "/officer/consultations/{consultation_slug}/qr.png",
    "/officer/consultations/<slug>/qr.svg": "/officer/consultations/{consultation_slug}/qr.svg",
    "/officer/consultations/<slug>/build": (
        "/officer/consultations/{consultation_slug}/build"
    ),
    "/officer/consultations/<slug>/build/details": (
        "/officer/consultations/{consultation_slug}/build/details"
    ),
    "/officer/consultations/<slug>/build/pages/new": (
        "/officer/consultations/{consultation_slug}/build/pages/new"
    ),
    "/officer/consultations/<slug>/build/pages/<int:page>": (
        "/officer/consultations/{consultation_slug}/build/pages/1"
    ),
    "/officer/consultations/<slug>/build/pages/<int:page>/move": (
        "/officer/consultations/{consultation_slug}/build/pages/1/move"
    ),
    "/officer/consultations/<slug>/build/pages/<int:page>/remove": (
        "/officer/consultations/{consultation_slug}/build/pages/1/remove"
    ),
    "/officer/consultations/<slug>/build/pages/<int:page>/questions/new": (
        "/officer/consultations/{consultation_slug}/build/pages/1/questions/new"
    ),
    "/officer/consultations/<slug>/build/pages/<int:page>/questions/new/<kind>": (
        "/officer/consultations/{consultation_slug}/build/pages/1/questions/new/ranking"
    ),
    "/officer/consultations/<slug>/build/questions/<key>": (
        "/officer/consultations/{consultation_slug}/build/questions/victim"
    ),
    "/officer/consultations/<slug>/build/questions/<key>/kind": (
        "/officer/consultations/{consultation_slug}/build/questions/victim/kind"
    ),
    "/officer/consultations/<slug>/build/questions/<key>/move": (
        "/officer/consultations/{consultation_slug}/build/questions/victim/move"
    ),
    "/officer/consultations/<slug>/build/questions/<key>/remove": (
        "/officer/consultations/{consultation_slug}/build/questions/victim/remove"
    ),
    "/officer/consultations/<slug>/build/questions/<key>/condition": (
        "/officer/consultations/{consultation_slug}/build/questions/reported/condition"
    ),
    "/officer/consultations/<slug>/build/questions/<key>/condition/<target>": (
        "/officer/consultations/{consultation_slug}/build/questions/reported/condition/victim"
    ),
    "/officer/consultations/<slug>/build/questions/<key>/no-condition": (
        "/officer/consultations/{consultation_slug}/build/questions/reported/no-condition"
    ),
    "/officer/consultations/<slug>/questionnaire.pdf": (
        "/officer/consultations/{consultation_slug}/questionnaire.pdf"
    ),
    "/officer/consultations/<slug>/questionnaire-large-print.pdf": (
        "/officer/consultations/{consultation_slug}/questionnaire-large-print.pdf"
    ),
    "/officer/consultations/<slug>/results": "/officer/consultations/{consultation_slug}/results",
    "/officer/consultations/<slug>/results/free-text": (
        "/officer/consultations/{consultation_slug}/results/free-text"
    ),
    "/officer/consultations/<slug>/results/crosstab": (
        "/officer/consultations/{consultation_slug}/results/crosstab"
    ),
    "/officer/consultations/<slug>/export/<any(json, csv, xlsx, html, pdf, docx):fmt>": (
        "/officer/consultations/{consultation_slug}/export/csv"
    ),
    "/officer/consultations/<slug>/public-export/<any(json, xlsx, html, pdf, docx):fmt>": (
        "/officer/consultations/{consultation_slug}/public-export/json"
    ),
    "/results/<slug>": "/results/{consultation_slug}",
    "/results/<slug>/data.csv": "/results/{consultation_slug}/data.csv",
    "/results/<slug>/data.json": "/results/{consultation_slug}/data.json",
    "/officer/consultations/<slug>/results/publication": (
        "/officer/consultations/{consultation_slug}/results/publication"
    ),
    "/officer/consultations/<slug>/results/publish": (
        "/officer/consultations/{consultation_slug}/results/publish"
    ),
    "/officer/consultations/<slug>/results/unpublish": (
        "/officer/consultations/{consultation_slug}/results/unpublish"
    ),
    "/officer/consultations/<slug>/results/you-said-we-did/new": (
        "/officer/consultations/{consultation_slug}/results/you-said-we-did/new"
    ),
    "/officer/consultations/<slug>/results/you-said-we-did/<int:entry_id>": (
        "/officer/consultations/{consultation_slug}/results/you-said-we-did/{entry_id}"
    ),
    "/officer/safe-havens/<int:haven_id>": "/officer/safe-havens/{haven_id}",
    "/officer/safe-havens/<int:haven_id>/delete": "/officer/safe-havens/{haven_id}/delete",
    "/officer/hotspots/cells/<cell>": "/officer/hotspots/cells/{cell}",
    "/officer/places/<int:response_id>": "/officer/places/{response_id}",
    "/officer/settings/alerts/<int:address_id>/remove": "/officer/settings/alerts/{alert_address_id}/remove",
    "/officer/tensions/entries/<int:entry_id>": "/officer/tensions/entries/{tension_entry_id}",
    "/officer/tensions/entries/<int:entry_id>/edit": "/officer/tensions/entries/{tension_entry_id}/edit",
    "/officer/tensions/entries/<int:entry_id>/close": "/officer/tensions/entries/{tension_entry_id}/close",
    "/officer/tensions/entries/<int:entry_id>/reopen": "/officer/tensions/entries/{tension_entry_id}/reopen",
    "/officer/tensions/wards/<int:ward_id>": "/officer/tensions/wards/{ward_id}",
    "/officer/tensions/events/<int:event_id>": "/officer/tensions/events/{risk_event_id}",
    "/officer/tensions/events/<int:event_id>/edit": "/officer/tensions/events/{risk_event_id}/edit",
    "/officer/tensions/events/<int:event_id>/debrief": "/officer/tensions/events/{risk_event_id}/debrief",
    "/officer/sharing/agreements/<int:agreement_id>": "/officer/sharing/agreements/{agreement_id}",
    "/officer/sharing/agreements/<int:agreement_id>/revoke": (
        "/officer/sharing/agreements/{agreement_id}/revoke"
    ),
    "/officer/sharing/received/<int:agreement_id>": "/officer/sharing/received/{received_agreement_id}",
    "/officer/sharing/received/<int:agreement_id>/figures/<slug>": (
        "/officer/sharing/received/{received_agreement_id}/figures/{shared_slug}"
    ),
    "/officer/sharing/received/<int:agreement_id>/places": (
        "/officer/sharing/received/{received_agreement_id}/places"
    ),
    "/officer/sharing/links/<int:link_id>": "/officer/sharing/links/{export_link_id}",
    "/officer/sharing/links/<int:link_id>/revoke": "/officer/sharing/links/{export_link_id}/revoke",
    "/shared/<token>": "/shared/{link_token}",
    "/consultations/<slug>/": "/consultations/{consultation_slug}/",
    "/consultations/<slug>/start": "/consultations/{consultation_slug}/start",
    "/consultations/<slug>/questions/<question_id>": (
        "/consultations/{consultation_slug}/questions/priorities"
    ),
    "/consultations/<slug>/check-answers": "/consultations/{consultation_slug}/check-answers",
    "/consultations/<slug>/confirmation": "/consultations/{consultation_slug}/confirmation",
    "/consultations/<slug>/saved": "/consultations/{consultation_slug}/saved",
    "/consultations/<slug>/resume": "/consultations/{consultation_slug}/resume",
}


def test_every_route_in_the_app_is_in_the_table(app):
    in_app = set()
    for rule in app.url_map.iter_rules():
        path = RULE_EXAMPLES.get(rule.rule, rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            in_app.add((method, path))
    assert in_app == set(ROUTES), (
        f"unlisted routes: {sorted(in_app - set(ROUTES))}; listed but gone: {sorted(set(ROUTES) - in_app)}"
    )


@pytest.fixture
def people(app, db_session, settings):
    owner = make_partnership(db_session, "owner")
    settings.site_partnership = owner.slug  # the public pages are the owner's site
    other_partnership = make_partnership(db_session, "elsewhere")
    accounts = {
        "viewer": make_officer(db_session, owner, Role.VIEWER),
        "analyst": make_officer(db_session, owner, Role.ANALYST),
        "admin": make_officer(db_session, owner, Role.ADMIN),
        "other": make_officer(db_session, other_partnership, Role.ADMIN),
    }
    # The record every {officer_id} path points at: a colleague in the owning partnership.
    colleague = make_officer(db_session, owner, Role.VIEWER, email="colleague@owner.example")
    consultation = create_consultation(
        db_session, owner, template_path("community-safety").read_text(encoding="utf-8"),
        slug="owner-survey", status=ConsultationStatus.OPEN,
    )
    haven, report, cell = place_records(db_session, owner)
    (alert_address,) = add_alert_addresses(db_session, owner.id, ["duty@owner.example"])
    action = save_entry(db_session, consultation, EntryText("Lighting", "New lights in the park.", "Council",
                                                            ActionStatus.PLANNED))
    plan_action = make_action(db_session, make_priority(db_session, owner))
    ward = make_ward(db_session, owner)
    tension_entry = log_entry(db_session, owner, ward, dt.date(2026, 11, 30))
    risk_event, _new = create_event(db_session, owner.id, EventValues(
        title="Bonfire night", event_type=EventType.HALLOWEEN_BONFIRE, starts_on=dt.date(2026, 11, 5),
        ends_on=dt.date(2026, 11, 5), risk_rating=RiskRating.HIGH, owner="Council", ward_id=ward.id,
    ), officer_id=None)
    local_service, _new = add_service(db_session, owner.id, ServiceFields(
        "Owner Youth Hub", "Youth workers to talk to.", (HelpTopic.BULLYING,), phone="01632 960100"))
    sharing = sharing_records(db_session, owner, make_partnership(db_session, "third"))
    db_session.commit()  # a 404 rolls its request back: the records must outlive it (until the test ends)
    return accounts, {**sharing, "officer_id": colleague.id, "consultation_slug": consultation.slug,
                      "haven_id": haven.id, "response_id": report.id, "cell": cell,
                      "reference": report.reference, "alert_address_id": alert_address.id,
                      "entry_id": action.id, "priority_id": plan_action.priority_id,
                      "plan_action_id": plan_action.id, "ward_id": ward.id,
                      "tension_entry_id": tension_entry.id, "risk_event_id": risk_event.id,
                      "local_service_id": local_service.id, "import_token": "0" * 32,
                      "answer_id": next(answer.id for answer in report.answers if answer.text)}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "path"), sorted(ROUTES))
def test_route_gives_the_expected_status(app, people, method, path, who):
    accounts, ids = people
    client = app.test_client()
    if who != "anonymous":
        assert sign_in(client, accounts[who].email, PASSWORD).status_code == 302
    url = path.format(**ids)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": csrf_token(client)})
    assert response.status_code == ROUTES[(method, path)][who], f"{who} {method} {url}"
