"""Issue 12's "done when", end to end: an urgent worry told on the web emails the alert address through
the real worker with nothing of the report in it; an officer sets it to actioned with a reply; the
reporter reads that reply on "Check a report" and in the chat with the reference and check code; a
wrong code reveals nothing."""

from __future__ import annotations

import re
import signal
import subprocess
import time

from survey.consultations import create_consultation
from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.definitions.definition import template_path
from survey.notifications.alerts import add_alert_addresses
from survey.partnerships import get_or_create_partnership
from survey.settings import Settings
from survey.vocabulary import ConsultationStatus, Role
from tests.conversations import Chat
from tests.factories import PASSWORD, make_officer
from tests.integration.test_worker_process import (  # noqa: F401  (fixtures)
    BIN,
    SECRET_KEY,
    URGENT_WORDS,
    as_environment,
    live_database,
    tell_a_worry_on_the_web,
)
from tests.mail import smtp_server  # noqa: F401  (a fixture)
from tests.web import CSRF_PATTERN, sign_in
from webapp import create_app

REPLY = "Thank you for telling us. Officers went to the bus garage the same evening and the man was arrested."
SENT = re.compile(r"Your reference is<br><strong[^>]*>([A-Z0-9-]+)</strong>.*?Your check code is<br>"
                  r"<strong[^>]*>([A-Z0-9-]+)</strong>", re.S)
NO_MATCH = "The reference and check code do not match a report"


def post_form(client, page: str, action: str, data: dict[str, str]):
    token = CSRF_PATTERN.search(client.get(page).get_data(as_text=True)).group(1)
    return client.post(action, data={"csrf_token": token, **data})


def test_an_urgent_worry_is_alerted_actioned_and_its_reply_read_with_the_reference_and_code(
    tmp_path, live_database, smtp_server  # noqa: F811
):
    settings = Settings(
        instance_path=tmp_path / "instance", database_url=live_database, secret_key=SECRET_KEY,
        cookie_secure=False, environment="test", smtp_url=smtp_server.url, mail_from="alerts@north.example",
        base_url="https://sv.north.example", _env_file=None,
    )
    app = create_app(settings)
    sessions = app.extensions["safer_voices"].session_factory
    with sessions() as session, session.begin():
        north = get_or_create_partnership(session, "north", "North Community Safety Partnership")
        source = template_path("worry").read_text(encoding="utf-8")
        create_consultation(session, north, source, slug="worries", status=ConsultationStatus.OPEN)
        add_alert_addresses(session, north.id, ["duty@north.example"])
        officer_email = make_officer(session, north, Role.ANALYST).email
    worker = subprocess.Popen([BIN / "safer-voices", "worker"], env=as_environment(settings), cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reporter = app.test_client()
    try:
        told_at = time.monotonic()
        tell_a_worry_on_the_web(reporter, "worries", URGENT_WORDS)
        [alert] = smtp_server.catcher.wait_for(1, timeout=55)
        assert time.monotonic() - told_at < 60
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=30)

    # The alert: when, and where to sign in; nothing of the report.
    confirmation = reporter.get("/consultations/worries/confirmation").get_data(as_text=True)
    reference, code = SENT.search(confirmation).groups()
    assert alert["To"] == "duty@north.example" and "/officer/reports" in alert.get_content()
    for leak in ("knife", "stab", "bus garage", reference, "weapons", "immediate"):
        assert leak.casefold() not in alert.as_string().casefold()

    # The officer: sets it to actioned and replies.
    officer = app.test_client()
    assert sign_in(officer, officer_email, PASSWORD).status_code == 302
    page = f"/officer/reports/{reference}"
    assert post_form(officer, page, f"{page}/status", {"new_status": "actioned"}).status_code == 302
    assert post_form(officer, page, f"{page}/reply", {"share": "reply", "reply": REPLY}).status_code == 302

    # The reporter, on the web: the status and the reply; a wrong code tells nothing.
    shown = post_form(reporter, "/check-a-report", "/check-a-report", {"reference": reference, "code": code})
    text = shown.get_data(as_text=True)
    assert REPLY in text and "knife" not in text
    wrong_code = "ABC-DEF-GHJ" if code != "ABC-DEF-GHJ" else "ABC-DEF-GHK"
    wrong = post_form(reporter, "/check-a-report", "/check-a-report",
                      {"reference": reference, "code": wrong_code})
    unknown = post_form(reporter, "/check-a-report", "/check-a-report",
                        {"reference": "ZZZZ-ZZZZ-ZZ", "code": code})
    for answer in (wrong, unknown):
        body = answer.get_data(as_text=True)
        assert NO_MATCH in body and REPLY not in body
    strip = re.compile(r'nonce="[^"]*"|name="csrf_token" value="[^"]*"|value="[^"]*"')
    assert strip.sub("", wrong.get_data(as_text=True)) == strip.sub("", unknown.get_data(as_text=True))

    # The reporter, in the chat: the same reply.
    chat = Chat(ConversationEngine(sessions, partnership_slug="north"))
    chat.command("start")
    chat.tap(texts.MENU_CHECK)
    chat.say(reference)
    [answer] = chat.say(code)
    assert REPLY in answer.text and "knife" not in answer.text
    app.extensions["safer_voices"].engine.dispose()
