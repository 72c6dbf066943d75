"""Who may use which route: every route in the app must be listed here with a decision.

Each row gives the status expected for an anonymous visitor, a viewer, an analyst and an admin of
the partnership that owns the records, and for an admin of *another* partnership who asks for
those records by id. A route that appears or disappears without a row failing here is a defect.
Path placeholders are filled from the records made in the fixture: ``{officer_id}`` is an officer
of the owning partnership.
"""

from __future__ import annotations

import pytest

from survey.storage.models import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import csrf_token, sign_in

WHO = ("anonymous", "viewer", "analyst", "admin", "other")
PUBLIC = dict.fromkeys(WHO, 200)
REDIRECT_TO_SIGN_IN = 302


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
    ("GET", "/assets/vendor/govuk-frontend/VERSION"): PUBLIC,
    ("GET", "/sign-in"): PUBLIC,
    # Signing in again while signed in shows the form again (wrong details: 200 with an error).
    ("POST", "/sign-in"): PUBLIC,
    ("GET", "/sign-out"): {"anonymous": 302, "viewer": 200, "analyst": 200, "admin": 200, "other": 200},
    ("POST", "/sign-out"): {"anonymous": 302, "viewer": 302, "analyst": 302, "admin": 302, "other": 302},
    ("GET", "/signed-out"): PUBLIC,
    ("GET", "/officer/"): officer_only(Role.VIEWER),
    ("GET", "/officer/officers"): officer_only(Role.ADMIN),
    ("GET", "/officer/officers/new"): officer_only(Role.ADMIN),
    ("POST", "/officer/officers/new"): officer_only(Role.ADMIN),  # empty form: 200 with errors
    ("GET", "/officer/officers/{officer_id}"): officer_only(Role.ADMIN, own_record=True),
    ("POST", "/officer/officers/{officer_id}"): officer_only(Role.ADMIN, own_record=True, ok=302),
    ("GET", "/officer/audit"): officer_only(Role.ADMIN),
}

# How each URL rule is reached in the table above.
RULE_EXAMPLES = {
    "/assets/<path:filename>": "/assets/vendor/govuk-frontend/VERSION",
    "/officer/officers/<int:officer_id>": "/officer/officers/{officer_id}",
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
def people(app, db_session):
    owner = make_partnership(db_session, "owner")
    other_partnership = make_partnership(db_session, "elsewhere")
    accounts = {
        "viewer": make_officer(db_session, owner, Role.VIEWER),
        "analyst": make_officer(db_session, owner, Role.ANALYST),
        "admin": make_officer(db_session, owner, Role.ADMIN),
        "other": make_officer(db_session, other_partnership, Role.ADMIN),
    }
    # The record every {officer_id} path points at: a colleague in the owning partnership.
    colleague = make_officer(db_session, owner, Role.VIEWER, email="colleague@owner.example")
    return accounts, {"officer_id": colleague.id}


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
