"""Two officers saving one consultation's definition at the same moment get two versions, in turn."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.orm import sessionmaker

from survey.authoring.versions import save_definition, versions
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.storage.models import Consultation
from tests.factories import make_partnership


# PostgreSQL only (not skipped on SQLite: nothing is skipped in CI): on SQLite a unit of work takes the
# write lock before it reads, so two saves cannot overlap there in the first place.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_saves_at_once_take_turns_and_both_are_kept(databases, backend):
    engine = create_database_engine(databases.create())
    try:
        migrate.upgrade(engine)
        new_session = sessionmaker(engine, expire_on_commit=False)
        source = template_path("community-safety").read_text(encoding="utf-8")
        with new_session() as session:
            consultation = create_consultation(
                session, make_partnership(session, "north"), source, slug="annual"
            )
            session.commit()
            consultation_id = consultation.id
        both_read = threading.Barrier(2, timeout=10)
        failures: list[BaseException] = []

        def save(title: str) -> None:
            try:
                with new_session() as session:
                    mine = session.get(Consultation, consultation_id)
                    assert mine.definition.version == 1  # both read version 1 before either saves
                    both_read.wait()
                    changed = source.replace("en: Community safety consultation", f"en: {title}", 1)
                    save_definition(session, mine, changed)
                    session.commit()
            except BaseException as error:  # noqa: BLE001 - reported by the main thread
                failures.append(error)

        threads = [threading.Thread(target=save, args=(title,)) for title in ("First", "Second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert failures == []
        with new_session() as session:
            stored = versions(session, session.get(Consultation, consultation_id))
            assert [version.version for version in stored] == [3, 2, 1]
    finally:
        engine.dispose()
