"""Issue 16's done-when for redaction: an administrator redacts a phone number from a free-text
answer through the officer pages, on a database of the test's own committed as in production, and the
number is in no file of the database (SQLite's file, -wal and -shm; PostgreSQL's whole data directory)
and in no export of the consultation."""

from __future__ import annotations

import io
import secrets
import zipfile
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import Engine, select

from analysis.exports.build import export_report
from analysis.exports.formats import FORMATS
from survey.responses.redaction import REDACTED
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import Answer, AuditEvent, Consultation
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.papers import pdf_pages
from tests.retention import database_files, file_bytes, in_files_soon, require_wal_recycling_off
from tests.triage import Forms
from tests.web import csrf_token, sign_in
from webapp import create_app

ADMIN = "admin@north.example"


@pytest.fixture
def committed(databases, tmp_path) -> Iterator[tuple[Flask, Engine]]:
    """A migrated database of this test's own and the app on it: every request commits."""
    url = databases.create()
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    if engine.dialect.name == "postgresql":
        require_wal_recycling_off()
    settings = Settings(
        instance_path=tmp_path / "instance",
        database_url=url,
        secret_key="test-secret-key",
        cookie_secure=False,
        environment="test",
        _env_file=None,
    )
    app = create_app(settings)
    yield app, engine
    app.extensions["safer_voices"].engine.dispose()
    engine.dispose()


def plant(engine: Engine, words: str) -> tuple[str, int, int]:
    """A partnership with an administrator, the response holding ``words`` and a few others."""
    with make_session_factory(engine)() as session, session.begin():
        partnership = make_partnership(session)
        make_officer(session, partnership, Role.ADMIN, email=ADMIN)
        forms = Forms(session, partnership)
        for other in (
            "More police patrols at night please",
            "Better street lighting by the park",
            "More youth clubs and things for teenagers to do",
            "CCTV at the station",
        ):
            forms.survey(other, area="live")
        response = forms.survey(words, area="live")
        answer_id = session.scalar(
            select(Answer.id).where(Answer.response_id == response.id, Answer.text.is_not(None))
        )
        return response.reference, answer_id, response.consultation_id


def export_texts(engine: Engine, consultation_id: int, folder) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every officer export of the consultation, as text to search. (Public variants hold no free text
    at all, which their own tests hold them to, and their disclosure control takes a minute here.)"""
    texts = {}
    with make_session_factory(engine)() as session:
        consultation = session.get_one(Consultation, consultation_id)
        for name in FORMATS:
            made = export_report(session, consultation, name)
            body = made.body if isinstance(made.body, bytes) else "".join(made.body).encode()
            texts[name] = _readable(name, body, folder)
    return texts


def _readable(name: str, body: bytes, folder) -> str:  # type: ignore[no-untyped-def]
    if name == "pdf":
        return "\n".join(pdf_pages(body, folder))
    if name in ("xlsx", "docx"):  # zipped XML: every part, unzipped
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(part).decode("utf-8", "replace") for part in archive.namelist())
    return body.decode("utf-8")


def test_a_redacted_phone_number_is_in_no_database_file_and_no_export(committed, tmp_path):
    app, engine = committed
    phone = f"07700 9{secrets.randbelow(10**5):05d}"
    reference, answer_id, consultation_id = plant(
        engine, f"The man at the garages deals, his number is {phone}"
    )
    assert in_files_soon(engine, phone), "the number should be in the files before the redaction"

    client = app.test_client()
    assert sign_in(client, ADMIN, PASSWORD).status_code in (200, 302)
    url = f"/officer/responses/{reference}/answers/{answer_id}/redact"
    form = client.get(url).get_data(as_text=True)
    assert f'value="{phone}"' in form
    data = {"csrf_token": csrf_token(client, url), "found": phone, "words": "", "reason": "a phone number"}
    assert "Check the redaction" in client.post(url, data=data).get_data(as_text=True)
    done = client.post(url, data={**data, "confirmed": "yes"})
    assert done.status_code == 302

    with make_session_factory(engine)() as session:
        text = session.scalar(select(Answer.text).where(Answer.id == answer_id))
        details = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "answer_redacted")
        ).all()
    assert text == f"The man at the garages deals, his number is {REDACTED}"
    assert len(details) == 1 and phone not in str(details)

    exports = export_texts(engine, consultation_id, tmp_path)
    assert REDACTED in exports["csv"]  # the answer is exported, without the number
    digits = phone.replace(" ", "")
    assert [name for name, words in exports.items() if phone in words or digits in words] == []

    app.extensions["safer_voices"].engine.dispose()
    engine.dispose()
    holding = [str(path) for path in database_files(engine) if phone.encode() in file_bytes(path)]
    assert holding == []
