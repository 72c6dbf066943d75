"""Two-factor sign-in through the web pages and the command line: setting up an app, codes, replays,
recovery codes, pauses, rate limits, the partnership's rule and the administrator's reset."""

from __future__ import annotations

import pyotp
import pytest
from sqlalchemy import select

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.officers import accounts as officers
from survey.officers import two_factor
from survey.officers.audit import recent_events
from survey.storage.models import RecoveryCode
from survey.vocabulary import ConsultationStatus, Role
from tests.factories import PASSWORD, enrol_two_factor, make_officer, make_partnership
from tests.integration import test_route_access as route_table
from tests.web import (
    CODE_PAGE,
    SET_UP_PAGE,
    away_from_a_window_edge,
    csrf_token,
    enter_code,
    key_on_page,
    next_code,
    sign_in,
)

RECOVERY_PAGE = "/sign-in/recovery-code"
ROUTES = route_table.ROUTES
people = route_table.people  # the route table's fixture: officers of every role, and their records


def give_password(client, email: str, password: str = PASSWORD):
    return client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )


def post_code(client, code: str, page: str = CODE_PAGE):
    return client.post(page, data={"code": code, "csrf_token": csrf_token(client, page)})


def actions(db_session, officer) -> list[str]:
    return [event.action for event in reversed(recent_events(db_session, officer.partnership_id))]


@pytest.fixture
def admin(db_session):
    return make_officer(db_session, make_partnership(db_session), Role.ADMIN)


class TestPasswordAlone:
    def test_an_administrator_reaches_no_officer_page_with_a_password_alone(self, app, people):
        accounts, ids = people
        client = app.test_client()
        assert give_password(client, accounts["admin"].email).headers["Location"] == CODE_PAGE
        officer_pages = [
            (method, path) for method, path in ROUTES if path.startswith(("/officer", "/change-"))
        ]
        assert len(officer_pages) > 100
        token = csrf_token(client)
        for method, path in officer_pages:
            url = path.format(**ids)
            response = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
            assert (response.status_code, response.headers.get("Location")) == (302, CODE_PAGE), (
                f"{method} {url}"
            )

    def test_a_half_signed_in_administrator_is_not_signed_in_anywhere_else(self, client, admin):
        give_password(client, admin.email)
        assert "Sign out" not in client.get("/").get_data(as_text=True)  # the public menu, not the officers'
        assert client.get("/sign-in/code").status_code == 200

    def test_a_half_signed_in_administrator_cannot_preview_a_draft_or_enter_paper_responses(
        self, client, db_session, admin
    ):
        source = template_path("community-safety").read_text(encoding="utf-8")
        draft = create_consultation(
            db_session, admin.partnership, source, slug="draft-survey", status=ConsultationStatus.DRAFT
        )
        create_consultation(
            db_session, admin.partnership, source, slug="open-survey", status=ConsultationStatus.OPEN
        )
        give_password(client, admin.email)
        assert client.get(f"/consultations/{draft.slug}/?preview=1").status_code == 404
        assert client.get("/consultations/open-survey/?channel=paper").status_code == 403
        enter_code(client, admin.email)
        assert client.get(f"/consultations/{draft.slug}/?preview=1").status_code == 200

    def test_a_half_signed_in_officer_can_sign_out(self, client, admin):
        give_password(client, admin.email)
        response = client.post("/sign-out", data={"csrf_token": csrf_token(client, "/sign-out")})
        assert response.headers["Location"] == "/signed-out"
        assert client.get(CODE_PAGE).headers["Location"] == "/sign-in"


class TestSettingUp:
    def test_an_administrator_without_an_app_sets_one_up_before_anything_else(self, client, db_session):
        admin = make_officer(db_session, make_partnership(db_session), Role.ADMIN, two_factor=False)
        assert give_password(client, admin.email).headers["Location"] == SET_UP_PAGE
        assert client.get("/officer/").headers["Location"] == SET_UP_PAGE
        assert client.get(CODE_PAGE).headers["Location"] == SET_UP_PAGE
        page = client.get(SET_UP_PAGE).get_data(as_text=True)
        assert '<svg role="img"' in page and "QR code for your authenticator app" in page
        assert "Administrators must prove it is them" in page
        key = key_on_page(page)
        assert key_on_page(client.get(SET_UP_PAGE).get_data(as_text=True)) == key  # a reload keeps the key

        wrong = post_code(client, "000000" if pyotp.TOTP(key).now() != "000000" else "111111", SET_UP_PAGE)
        assert "The code is not correct" in wrong.get_data(as_text=True)
        assert not two_factor.is_enrolled(db_session, admin)

        done = post_code(client, pyotp.TOTP(key).now(), SET_UP_PAGE)
        page = done.get_data(as_text=True)
        assert done.status_code == 200 and "<title>Save your recovery codes" in page
        shown = [line.split("<code>")[1].split("</code>")[0] for line in page.split("<li>")[1:]]
        assert len(shown) == 10 and len(set(shown)) == 10
        stored = db_session.scalars(
            select(RecoveryCode.code_hash).where(RecoveryCode.officer_id == admin.id)
        ).all()
        assert len(stored) == 10 and not any(code in hashed for code in shown for hashed in stored)
        assert client.get("/officer/").status_code == 200
        assert actions(db_session, admin) == ["two_factor_enrolled", "sign_in"]
        assert recent_events(db_session, admin.partnership_id)[0].details == {"second_factor": "set_up"}

    def test_a_viewer_may_set_up_an_app_by_choice_and_is_then_always_asked(self, app, db_session):
        viewer = make_officer(db_session, make_partnership(db_session), Role.VIEWER)
        client = app.test_client()
        assert sign_in(client, viewer.email, PASSWORD).headers["Location"] == "/officer/"
        assert "Set up an authenticator app" in client.get("/officer/settings/").get_data(as_text=True)
        page = client.get(SET_UP_PAGE).get_data(as_text=True)
        assert post_code(client, pyotp.TOTP(key_on_page(page)).now(), SET_UP_PAGE).status_code == 200
        assert "10 unused recovery codes" in client.get("/officer/settings/").get_data(as_text=True)
        later = app.test_client()
        assert give_password(later, viewer.email).headers["Location"] == CODE_PAGE
        assert enter_code(later, viewer.email).headers["Location"] == "/officer/"


class TestCodes:
    def test_a_right_code_signs_in_and_is_audited(self, client, db_session, admin):
        give_password(client, admin.email)
        assert enter_code(client, admin.email).headers["Location"] == "/officer/"
        assert client.get("/officer/").status_code == 200
        assert actions(db_session, admin) == ["two_factor_verified", "sign_in"]

    def test_a_wrong_code_is_refused_with_a_message_and_audited(self, client, db_session, admin):
        give_password(client, admin.email)
        right = next_code(db_session, admin.email)
        response = post_code(client, "000000" if right != "000000" else "111111")
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "<title>Error: Enter the code" in page
        assert "The code is not correct or has already been used" in page and 'href="#code"' in page
        assert client.get("/officer/").headers["Location"] == CODE_PAGE
        assert actions(db_session, admin) == ["two_factor_failed"]

    def test_a_code_in_the_wrong_format_says_how_to_write_it(self, client, admin):
        give_password(client, admin.email)
        page = post_code(client, "12345a").get_data(as_text=True)
        assert "Enter the code in the correct format, like 123456" in page
        assert "Enter the code from your authenticator app" in post_code(client, "").get_data(as_text=True)

    def test_a_used_code_cannot_be_used_again(self, app, db_session, admin):
        laptop, stranger = app.test_client(), app.test_client()
        code = next_code(db_session, admin.email)
        give_password(laptop, admin.email)
        assert post_code(laptop, code).headers["Location"] == "/officer/"
        give_password(stranger, admin.email)  # someone who saw the password and the code
        replayed = post_code(stranger, code)
        assert replayed.status_code == 200 and "already been used" in replayed.get_data(as_text=True)
        assert stranger.get("/officer/").headers["Location"] == CODE_PAGE

    def test_repeated_wrong_codes_pause_the_account_and_end_the_session(self, client, db_session, admin):
        give_password(client, admin.email)
        right = next_code(db_session, admin.email)
        wrong = "000000" if right != "000000" else "111111"
        for _ in range(4):
            assert post_code(client, wrong).status_code == 200
        assert post_code(client, wrong).headers["Location"] == "/sign-in"
        assert client.get("/officer/").headers["Location"].startswith("/sign-in")
        assert officers.authenticate(db_session, admin.email, PASSWORD) is None  # paused, right password too
        assert actions(db_session, admin)[-2:] == ["two_factor_failed", "signed_out_after_wrong_codes"]

    def test_a_right_password_does_not_wipe_the_count_of_wrong_codes(self, app, db_session, admin):
        right = next_code(db_session, admin.email)
        wrong = "000000" if right != "000000" else "111111"
        for _ in range(4):
            client = app.test_client()
            give_password(client, admin.email)
            post_code(client, wrong)
        client = app.test_client()
        give_password(client, admin.email)
        assert post_code(client, wrong).headers["Location"] == "/sign-in"

    def test_codes_are_rate_limited_per_officer(self, client, admin):
        away_from_a_window_edge(15)
        give_password(client, admin.email)
        token = csrf_token(client, CODE_PAGE)
        statuses = [
            client.post(CODE_PAGE, data={"code": "abc", "csrf_token": token}).status_code for _ in range(11)
        ]
        assert statuses == [200] * 10 + [429]


class TestRecoveryCodes:
    @pytest.fixture
    def enrolled(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session), Role.ADMIN, two_factor=False)
        return officer, enrol_two_factor(db_session, officer)

    def test_a_recovery_code_signs_in_once(self, app, db_session, enrolled):
        officer, codes = enrolled
        client = app.test_client()
        give_password(client, officer.email)
        assert "Use a recovery code instead" in client.get(CODE_PAGE).get_data(as_text=True)
        assert post_code(client, codes[3].upper(), RECOVERY_PAGE).headers["Location"] == "/officer/"
        assert actions(db_session, officer) == ["two_factor_recovery_code_used", "sign_in"]
        assert recent_events(db_session, officer.partnership_id)[1].details == {"remaining": 9}
        assert two_factor.recovery_codes_left(db_session, officer) == 9

        again = app.test_client()
        give_password(again, officer.email)
        refused = post_code(again, codes[3], RECOVERY_PAGE)
        assert refused.status_code == 200
        assert "The recovery code is not correct or has already been used" in refused.get_data(as_text=True)
        assert post_code(again, codes[4], RECOVERY_PAGE).headers["Location"] == "/officer/"


class TestPartnershipRule:
    def test_an_administrator_requires_every_officer_to_use_an_app(self, app, db_session):
        partnership = make_partnership(db_session)
        admin = make_officer(db_session, partnership, Role.ADMIN)
        analyst = make_officer(db_session, partnership, Role.ANALYST)
        admin_client, analyst_client = app.test_client(), app.test_client()
        sign_in(admin_client, admin.email, PASSWORD)
        assert sign_in(analyst_client, analyst.email, PASSWORD).headers["Location"] == "/officer/"

        response = admin_client.post(
            "/officer/settings/two-factor",
            data={"all_officers": "y", "csrf_token": csrf_token(admin_client, "/officer/settings/")},
        )
        assert response.headers["Location"] == "/officer/settings/"
        assert two_factor.all_officers_required(db_session, partnership.id)
        event = recent_events(db_session, partnership.id)[0]
        assert (event.action, event.details) == ("two_factor_rule_changed", {"all_officers": True})

        # The analyst, signed in with a password alone, is sent to set up an app at their next page.
        assert analyst_client.get("/officer/").headers["Location"] == SET_UP_PAGE
        fresh = app.test_client()
        assert give_password(fresh, analyst.email).headers["Location"] == SET_UP_PAGE
        assert "Your partnership asks every officer" in fresh.get(SET_UP_PAGE).get_data(as_text=True)

    def test_other_partnerships_are_not_affected(self, app, db_session):
        two_factor.set_all_officers_required(db_session, make_partnership(db_session, "north").id, True)
        analyst = make_officer(db_session, make_partnership(db_session, "south"), Role.ANALYST)
        assert sign_in(app.test_client(), analyst.email, PASSWORD).headers["Location"] == "/officer/"

    def test_only_administrators_change_the_rule(self, app, db_session):
        analyst = make_officer(db_session, make_partnership(db_session), Role.ANALYST)
        client = app.test_client()
        sign_in(client, analyst.email, PASSWORD)
        response = client.post(
            "/officer/settings/two-factor",
            data={"all_officers": "y", "csrf_token": csrf_token(client, "/officer/settings/")},
        )
        assert response.status_code == 403
        assert not two_factor.all_officers_required(db_session, analyst.partnership_id)


class TestPasswordReset:
    def test_choosing_a_new_password_keeps_the_second_factor_given_at_sign_in(self, app, db_session, admin):
        officers.reset_password(db_session, admin)
        admin.password_hash = officers.hash_secret(PASSWORD)  # as if the one-time password were this
        client = app.test_client()
        assert sign_in(client, admin.email, PASSWORD).headers["Location"] == "/change-password"
        response = client.post(
            "/change-password",
            data={
                "current_password": PASSWORD,
                "new_password": "a brand new long passphrase",
                "csrf_token": csrf_token(client, "/change-password"),
            },
        )
        assert response.headers["Location"] == "/change-password/done"
        assert client.get("/officer/").status_code == 200


class TestResetCommand:
    def test_reset_removes_the_app_and_codes_signs_out_and_is_audited(self, app, runner, db_session, admin):
        client = app.test_client()
        sign_in(client, admin.email, PASSWORD)
        result = runner.invoke(args=["officer", "reset-2fa", admin.email.upper()])
        assert result.exit_code == 0, result.output
        assert "they set up a new app at their next sign-in" in result.output
        assert two_factor.enrolment(db_session, admin) is None
        assert db_session.scalars(select(RecoveryCode).where(RecoveryCode.officer_id == admin.id)).all() == []
        assert client.get("/officer/").headers["Location"].startswith("/sign-in")
        event = recent_events(db_session, admin.partnership_id)[0]
        assert (event.action, event.target_id, event.details) == (
            "two_factor_reset",
            str(admin.id),
            {"via": "cli", "had_app": True},
        )
        assert give_password(app.test_client(), admin.email).headers["Location"] == SET_UP_PAGE

    def test_an_unknown_email_is_an_error(self, runner, db_session):
        result = runner.invoke(args=["officer", "reset-2fa", "nobody@north.example"])
        assert result.exit_code == 1
        assert "There is no officer with the email nobody@north.example" in result.output
