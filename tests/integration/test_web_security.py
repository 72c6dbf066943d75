"""Headers, CSRF, cookies, error pages and the health check."""

from __future__ import annotations

import re

import pytest
from flask import Flask, request
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import sign_in


class TestSecurityHeaders:
    def test_every_page_sends_the_security_headers(self, client, db_session):
        make_partnership(db_session)
        response = client.get("/")
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in response.headers

    def test_hsts_is_sent_over_https(self, client, db_session):
        response = client.get("/", base_url="https://localhost")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")

    def test_behind_a_trusted_proxy_https_is_recognised(self, settings, db_session):
        from webapp import create_app

        proxied = create_app(settings.model_copy(update={"trusted_proxies": 1}))
        proxied.extensions["safer_voices"].session_factory = lambda: db_session
        forwarded = {"X-Forwarded-Proto": "https"}
        assert "Strict-Transport-Security" in proxied.test_client().get("/", headers=forwarded).headers
        direct = create_app(settings)
        direct.extensions["safer_voices"].session_factory = lambda: db_session
        # Without a trusted proxy the header is a client's claim and is ignored.
        assert "Strict-Transport-Security" not in direct.test_client().get("/", headers=forwarded).headers

    def test_every_inline_script_carries_this_responses_nonce(self, client, db_session):
        response = client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        scripts = re.findall(r"<script([^>]*)>", response.get_data(as_text=True))
        assert scripts
        assert all(f'nonce="{nonce}"' in attributes for attributes in scripts)
        assert nonce != re.search(r"'nonce-([^']+)'",
                                  client.get("/").headers["Content-Security-Policy"]).group(1)

    def test_no_page_refers_to_another_site_for_assets(self, client, db_session):
        page = client.get("/").get_data(as_text=True)
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        loaded = [s for s in sources if not s.startswith(("/", "#"))]
        # The only absolute link is the "Exit this page" button's destination, which is navigated
        # to, never loaded.
        assert loaded == ["https://www.bbc.co.uk/weather"]

    def test_assets_are_served_by_the_app_at_pinned_versions(self, client):
        assert client.get("/assets/vendor/govuk-frontend/VERSION").get_data(as_text=True).strip() == "6.3.0"
        assert client.get("/assets/vendor/govuk-frontend/LICENSE.txt").status_code == 200
        css = client.get("/assets/vendor/govuk-frontend/govuk-frontend.min.css").get_data(as_text=True)
        assert "GDS Transport" not in css  # the GOV.UK typeface is reserved for GOV.UK


class TestCsrfAndCookies:
    def test_a_post_without_a_csrf_token_is_refused(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        response = client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
        assert response.status_code == 400
        assert "this page has expired" in response.get_data(as_text=True)

    def test_session_cookie_is_httponly_and_samesite(self, client, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        response = sign_in(client, officer.email, PASSWORD)
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert "Secure" not in cookie  # the test settings turn Secure off for plain http

    def test_session_cookie_is_secure_by_default(self, settings, db_session):
        from webapp import create_app

        secure_app = create_app(settings.model_copy(update={"cookie_secure": True}))
        assert secure_app.config["SESSION_COOKIE_SECURE"] is True


class TestErrorPages:
    def test_404_is_friendly(self, client, db_session):
        response = client.get("/no-such-page")
        assert response.status_code == 404
        assert "Page not found" in response.get_data(as_text=True)

    def test_500_shows_no_stack_trace_and_logs_no_message(self, app: Flask, db_session, caplog):
        @app.route("/boom")
        def boom():
            raise RuntimeError(request.args["said"])

        app.config["PROPAGATE_EXCEPTIONS"] = False
        with caplog.at_level("DEBUG"):
            response = app.test_client().get("/boom?said=what a respondent typed")
        page = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Sorry, there is a problem with the service" in page
        assert "what a respondent typed" not in page and "Traceback" not in page
        assert "RuntimeError" in caplog.text and "boom" in caplog.text  # where, for the team
        assert "what a respondent typed" not in caplog.text

    def test_405_for_the_wrong_method(self, client, db_session):
        assert client.post("/healthz").status_code in (400, 405)


class TestHealthCheck:
    def test_healthz_checks_the_database(self, client, db_session):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.get_json() == {"status": "ok", "database": "ok"}

    def test_healthz_reports_an_unreachable_database(self, app):
        # Port 1 on loopback refuses connections: the database is unreachable.
        unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", poolclass=NullPool)
        app.extensions["safer_voices"].session_factory = sessionmaker(bind=unreachable)
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        assert response.get_json()["database"] == "unreachable"


@pytest.mark.parametrize("path", ["/", "/privacy", "/accessibility", "/sign-in"])
def test_public_pages_have_one_h1_and_a_title_that_starts_with_it(client, db_session, path):
    make_partnership(db_session)
    page = client.get(path).get_data(as_text=True)
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert len(headings) == 1
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith(re.sub(r"<[^>]+>", "", headings[0]).strip()) or path == "/"
