"""``safer-voices reports list`` and ``reports update``: triage from the shell, audited, all or nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from survey.storage.models import AuditEvent, Response
from survey.vocabulary import Channel, ReportStatus, Role
from tests.factories import make_officer, make_partnership
from tests.triage import KNIFE, Forms, at


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def reports(db_session, north):
    forms = Forms(db_session, north)
    urgent = forms.worry(KNIFE, channel=Channel.BOT, at=at(2))
    place = forms.place("the dark underpass", at=at(3))
    forms.survey("more lights please")  # a calm survey answer is not a report
    south = Forms(db_session, make_partnership(db_session, "south")).place(at=at(4))
    db_session.commit()  # a command that fails rolls back: what was arranged must outlive it
    # Plain records: a command that fails rolls back and closes the session, detaching its objects.
    return tuple(Stored(report.reference, report.id) for report in (urgent, place, south))


@dataclass(frozen=True)
class Stored:
    reference: str
    id: int


def fresh(db_session, report):
    db_session.expire_all()
    return db_session.get(Response, report.id)


def cli_events(db_session):
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action.like("report_%"))
                                   .order_by(AuditEvent.id)))


class TestList:
    def test_a_table_of_every_partnerships_reports_urgent_first_without_their_words(self, runner, reports):
        urgent, place, south = reports
        result = runner.invoke(args=["reports", "list"])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0].split()[:4] == ["REFERENCE", "PARTNERSHIP", "KIND", "STATUS"]
        assert [line.split()[0] for line in lines[1:]] == [urgent.reference, south.reference, place.reference]
        assert "yes, not opened" in lines[1]
        assert "underpass" not in result.output and "knife" not in result.output

    def test_json_for_one_partnership_with_filters(self, runner, db_session, reports):
        urgent, place, _south = reports
        result = runner.invoke(args=["reports", "list", "--partnership", "north", "--format", "json"])
        assert result.exit_code == 0, result.output
        listed = json.loads(result.output)
        assert listed["total"] == 2 and [r["reference"] for r in listed["reports"]] == [urgent.reference,
                                                                                        place.reference]
        first = listed["reports"][0]
        assert (first["kind"], first["channel"], first["urgent"]) == ("worry", "bot", True)
        assert first["status"] == "new"
        assert first["risk_categories"] == ["weapons"] and first["partnership"] == "north"
        urgent_only = runner.invoke(args=["reports", "list", "--urgent", "--format", "json"])
        urgent_only = json.loads(urgent_only.output)
        assert [r["reference"] for r in urgent_only["reports"]] == [urgent.reference]
        fresh(db_session, place).status = ReportStatus.CLOSED
        db_session.flush()
        closed = runner.invoke(args=["reports", "list", "--status", "closed", "--format", "json"])
        closed = json.loads(closed.output)
        assert [r["reference"] for r in closed["reports"]] == [place.reference]

    def test_nothing_matching_and_bad_input(self, runner, reports):
        empty = runner.invoke(args=["reports", "list", "--status", "closed"])
        assert empty.exit_code == 0 and empty.output.strip() == "No reports match."
        unknown = runner.invoke(args=["reports", "list", "--partnership", "nowhere"])
        assert unknown.exit_code == 1 and "There is no partnership with the slug 'nowhere'" in unknown.output
        bad = runner.invoke(args=["reports", "list", "--status", "done"])
        assert bad.exit_code == 2 and "Invalid value for '--status'" in bad.output

    def test_a_limit_says_how_many_are_left_out(self, runner, reports):
        result = runner.invoke(args=["reports", "list", "--limit", "1"])
        assert result.exit_code == 0 and "Showing 1 of 3: use --limit to see more." in result.output


class TestUpdate:
    def test_status_reply_and_assignee_at_once_each_audited_as_cli(self, runner, db_session, north, reports):
        urgent, _place, _south = reports
        officer = make_officer(db_session, north, Role.ANALYST)
        result = runner.invoke(args=["reports", "update", urgent.reference.lower(), "--status", "actioned",
                                     "--reply", "Thank you. We have told the school.",
                                     "--assign", officer.email])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == (f"{urgent.reference}: assigned to {officer.email}, status actioned, "
                                         "reply saved.")
        report = fresh(db_session, urgent)
        assert (report.status, report.reply, report.assigned_officer_id) == (
            ReportStatus.ACTIONED, "Thank you. We have told the school.", officer.id)
        events = cli_events(db_session)
        assert [e.action for e in events] == ["report_assigned", "report_status_changed", "report_reply_set"]
        assert all(e.officer_id is None and e.details["via"] == "cli" for e in events)
        assert all(e.target_id == urgent.reference for e in events)
        assert "school" not in repr([e.details for e in events])

    def test_status_only_takes_the_reply_back_and_unassign_leaves_it_with_nobody(self, runner, db_session,
                                                                                 north, reports):
        urgent, _place, _south = reports
        officer = make_officer(db_session, north, Role.ANALYST)
        runner.invoke(args=["reports", "update", urgent.reference, "--reply", "We are on it.",
                            "--assign", officer.email])
        result = runner.invoke(args=["reports", "update", urgent.reference, "--status-only", "--unassign"])
        assert result.exit_code == 0, result.output
        report = fresh(db_session, urgent)
        assert (report.reply, report.assigned_officer_id) == (None, None)
        again = runner.invoke(args=["reports", "update", urgent.reference, "--status-only"])
        assert again.output.strip() == f"{urgent.reference}: nothing to change."

    @pytest.mark.parametrize(("args", "message", "code"), [
        (["--status", "actioned", "--assign", "nobody@north.example"],
         "There is no officer with the email address nobody@north.example in this report's partnership", 1),
        (["--status", "actioned", "--assign", "admin@south.example"], "in this report's partnership", 1),
        (["--status", "actioned", "--reply", "   "],
         "Enter a reply, or choose to send only the status; nothing was changed", 1),
        (["--status", "finished"], "Invalid value for '--status'", 2),
        ([], "Give at least one of --status, --reply, --status-only, --assign or --unassign", 2),
        (["--reply", "hi", "--status-only"], "Give --reply or --status-only, not both", 2),
        (["--assign", "x@north.example", "--unassign"], "Give --assign or --unassign, not both", 2),
    ])
    def test_bad_input_is_a_clear_error_and_changes_nothing(self, runner, db_session, reports, args, message,
                                                            code):
        urgent, _place, _south = reports
        make_officer(db_session, make_partnership(db_session, "south"), Role.ADMIN)
        db_session.commit()
        result = runner.invoke(args=["reports", "update", urgent.reference, *args])
        assert result.exit_code == code, result.output
        assert message in result.output
        report = fresh(db_session, urgent)
        assert (report.status, report.reply, report.assigned_officer_id) == (ReportStatus.NEW, None, None)
        assert cli_events(db_session) == []

    def test_an_unknown_reference_is_an_error(self, runner, db_session, reports):
        result = runner.invoke(args=["reports", "update", "AAAA-BBBB-CC", "--status", "closed"])
        assert result.exit_code == 1
        assert "There is no report with the reference AAAA-BBBB-CC" in result.output
        assert cli_events(db_session) == []
