"""``safer-voices consultations yaml`` and ``consultations update``: the definition from the command line."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.answers import AnswerPart
from survey.authoring.versions import versions
from survey.consultations import consultation_by_slug, create_consultation, definition_of
from survey.definitions.definition import parse_definition, template_path
from survey.responses.store import store_response
from survey.storage.models import AuditEvent
from survey.vocabulary import Channel, ConsultationStatus
from tests.factories import make_partnership


@pytest.fixture
def annual(db_session):
    source = template_path("community-safety").read_text(encoding="utf-8")
    north = make_partnership(db_session, "north")
    return create_consultation(db_session, north, source, slug="annual", status=ConsultationStatus.OPEN)


def _current(session):
    session.expire_all()
    return consultation_by_slug(session, "annual")


class TestYaml:
    def test_prints_the_current_definition(self, runner, annual):
        result = runner.invoke(args=["consultations", "yaml", "annual"])
        assert result.exit_code == 0, result.output
        assert parse_definition(result.output) == definition_of(annual)

    def test_writes_a_file_that_updates_back_to_the_same_definition(
        self, runner, db_session, annual, tmp_path
    ):
        path = tmp_path / "annual.yaml"
        assert runner.invoke(args=["consultations", "yaml", "annual", "-o", str(path)]).exit_code == 0
        result = runner.invoke(args=["consultations", "update", "annual", str(path)])
        assert result.exit_code == 0, result.output
        assert "asks the same as the current version" in result.output
        assert len(versions(db_session, _current(db_session))) == 1

    def test_an_unknown_version_or_slug_is_an_error(self, runner, annual):
        assert (
            "has no version 7"
            in runner.invoke(args=["consultations", "yaml", "annual", "--version", "7"]).output
        )
        assert (
            "no consultation with the slug 'nope'"
            in runner.invoke(args=["consultations", "yaml", "nope"]).output
        )


class TestUpdate:
    def test_a_safe_change_is_the_next_version_and_audited(self, runner, db_session, annual, tmp_path):
        path = tmp_path / "annual.yaml"
        path.write_text(
            annual.definition.source.replace("en: Community safety consultation", "en: Safer 2027")
        )
        result = runner.invoke(args=["consultations", "update", "annual", str(path)])
        assert result.exit_code == 0, result.output
        assert "'annual' now runs version 2 of its definition." in result.output
        assert _current(db_session).title == "Safer 2027"
        event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "definition_changed"))
        assert event.details["via"] == "cli" and event.details["to_version"] == 2
        assert (
            runner.invoke(args=["consultations", "yaml", "annual", "--version", "1"]).output.count(
                "en: Community safety consultation"
            )
            == 1
        )

    def test_a_refused_change_lists_why_and_changes_nothing(self, runner, db_session, annual, tmp_path):
        store_response(
            db_session,
            annual,
            definition_of(annual),
            {"safety_day": (AnswerPart(option="fairly_safe", number=1.0),)},
            channel=Channel.WEB,
        )
        path = tmp_path / "annual.yaml"
        path.write_text(annual.definition.source.replace("id: safety_day", "id: safety_by_day"))
        result = runner.invoke(args=["consultations", "update", "annual", str(path)])
        assert result.exit_code == 1
        assert "The question 'safety_day' has answers, so it cannot be removed" in result.output
        assert "nothing was changed" in result.output
        # (the command rolled its transaction back, and with it this test's records: nothing to count)

    def test_a_broken_file_lists_its_lines(self, runner, db_session, annual, tmp_path):
        path = tmp_path / "broken.yaml"
        path.write_text(annual.definition.source.replace("rank: 5", "rank: 50"))
        result = runner.invoke(args=["consultations", "update", "annual", str(path)])
        assert result.exit_code == 1 and "broken.yaml, line" in result.output
        assert "broken.yaml has 1 problem; nothing was changed" in result.output
