"""Signing in and out through the web pages."""

from __future__ import annotations

from survey.officers import accounts as officers
from survey.officers.audit import recent_events
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import csrf_token, enter_code, sign_in


class TestSignIn:
    def test_right_details_sign_in_and_land_on_the_dashboard(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        response = sign_in(client, officer.email, PASSWORD)
        assert response.status_code == 302
        assert response.headers["Location"] == "/officer/"
        assert client.get("/officer/").status_code == 200

    def test_wrong_password_and_unknown_email_get_the_same_generic_message(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        wrong_password = sign_in(client, officer.email, "not the password").get_data(as_text=True)
        unknown_email = sign_in(client, "nobody@north.example", PASSWORD).get_data(as_text=True)
        for page in (wrong_password, unknown_email):
            assert "Enter a correct email address and password" in page
            assert "<title>Error: Sign in" in page
        assert "not registered" not in unknown_email and "no account" not in unknown_email.lower()

    def test_empty_form_says_what_to_enter(self, client, db_session):
        page = client.post("/sign-in", data={"csrf_token": csrf_token(client)}).get_data(as_text=True)
        assert "Enter your email address" in page and "Enter your password" in page
        assert 'href="#email"' in page  # the error summary links to the field

    def test_sign_in_starts_a_new_session(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        with client.session_transaction() as session:
            session["left_over"] = "from before sign-in"
        sign_in(client, officer.email, PASSWORD)
        with client.session_transaction() as session:
            assert "left_over" not in session

    def test_throttling_pauses_the_account_after_repeated_failures(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        for _ in range(5):
            sign_in(client, officer.email, "not the password")
        response = sign_in(client, officer.email, PASSWORD)
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.get_data(as_text=True)

    def test_next_only_goes_to_paths_on_this_site(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        token = csrf_token(client)
        response = client.post("/sign-in?next=https://evil.example/", data={
            "email": officer.email, "password": PASSWORD, "csrf_token": token})
        assert response.headers["Location"] == "/sign-in/code"  # an administrator's second factor first
        assert enter_code(client, officer.email).headers["Location"] == "/officer/"

    def test_next_path_is_followed(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        token = csrf_token(client)
        response = client.post("/sign-in?next=/officer/audit", data={
            "email": officer.email, "password": PASSWORD, "csrf_token": token})
        assert response.headers["Location"] == "/sign-in/code"
        assert enter_code(client, officer.email).headers["Location"] == "/officer/audit"

    def test_next_path_is_followed_without_a_second_factor(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session), Role.ANALYST)
        response = client.post("/sign-in?next=/officer/reports", data={
            "email": officer.email, "password": PASSWORD, "csrf_token": csrf_token(client)})
        assert response.headers["Location"] == "/officer/reports"

    def test_sign_in_is_audited(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        sign_in(client, officer.email, PASSWORD)
        # Newest first: the second factor, then the sign-in it completed.
        events = recent_events(db_session, officer.partnership_id)
        assert [event.action for event in events] == ["sign_in", "two_factor_verified"]
        assert events[0].details == {"second_factor": "app"}


class TestSignOut:
    def test_sign_out_needs_a_post(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        sign_in(client, officer.email, PASSWORD)
        assert client.get("/sign-out").status_code == 200  # a confirmation page, nothing changes
        assert client.get("/officer/").status_code == 200

    def test_sign_out_ends_the_session_everywhere(self, app, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        laptop, phone = app.test_client(), app.test_client()
        sign_in(laptop, officer.email, PASSWORD)
        sign_in(phone, officer.email, PASSWORD)
        response = laptop.post("/sign-out", data={"csrf_token": csrf_token(laptop, "/sign-out")})
        assert response.headers["Location"] == "/signed-out"
        assert laptop.get("/officer/").status_code == 302
        assert phone.get("/officer/").status_code == 302


class TestDeactivation:
    def test_a_deactivated_officer_loses_access_at_once(self, app, db_session):
        partnership = make_partnership(db_session)
        admin = make_officer(db_session, partnership, Role.ADMIN)
        analyst = make_officer(db_session, partnership, Role.ANALYST)
        admin_client, analyst_client = app.test_client(), app.test_client()
        sign_in(admin_client, admin.email, PASSWORD)
        sign_in(analyst_client, analyst.email, PASSWORD)
        assert analyst_client.get("/officer/").status_code == 200

        page = f"/officer/officers/{analyst.id}"
        response = admin_client.post(page, data={"csrf_token": csrf_token(admin_client, page)})
        assert response.status_code == 302

        assert analyst_client.get("/officer/").status_code == 302
        assert officers.authenticate(db_session, analyst.email, PASSWORD) is None

    def test_an_admin_cannot_deactivate_themselves(self, client, db_session):
        admin = make_officer(db_session, make_partnership(db_session))
        sign_in(client, admin.email, PASSWORD)
        page = f"/officer/officers/{admin.id}"
        assert client.post(page, data={"csrf_token": csrf_token(client)}).status_code == 400
        assert admin.active


class TestAddOfficer:
    def test_admin_adds_an_officer_and_sees_the_password_once(self, client, db_session):
        admin = make_officer(db_session, make_partnership(db_session))
        sign_in(client, admin.email, PASSWORD)
        response = client.post("/officer/officers/new", data={
            "email": "new@north.example", "role": "analyst",
            "csrf_token": csrf_token(client, "/officer/officers/new")}, follow_redirects=True)
        page = response.get_data(as_text=True)
        password = page.split('class="sv-password-once">')[1].split("<")[0]
        assert officers.authenticate(db_session, "new@north.example", password) is not None
        assert "sv-password-once" not in client.get(response.request.path).get_data(as_text=True)

    def test_bad_email_is_shown_against_the_field_and_nothing_is_stored(self, client, db_session):
        admin = make_officer(db_session, make_partnership(db_session))
        sign_in(client, admin.email, PASSWORD)
        response = client.post("/officer/officers/new", data={
            "email": "not an email", "role": "analyst",
            "csrf_token": csrf_token(client, "/officer/officers/new")})
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Enter an email address in the correct format" in page
        assert len(officers.partnership_officers(db_session, admin.partnership_id)) == 1
