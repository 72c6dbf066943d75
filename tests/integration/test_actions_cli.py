"""``safer-voices actions import|export|board-update``: bad input says why, exits 2 and stores nothing."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import func, select

from survey.plans import store
from survey.storage.models import AuditEvent, PlanAction
from tests.factories import make_partnership
from tests.papers import lines, pdf_pages
from tests.plans import make_action, make_priority, plan_csv


@pytest.fixture
def north(db_session):
    partnership = make_partnership(db_session, "north")
    db_session.commit()  # a command that fails rolls back: what was arranged must outlive it
    return partnership


def actions_stored(db_session):
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(PlanAction))


GOOD = plan_csv("Violence,Street lighting review,Council,Police,2 March 2027,Amber,Fewer reports,Survey done",
                "Drugs,Test purchases,Police,,02/12/2026,red,,")


class TestImport:
    def test_a_good_file_is_stored_and_audited(self, runner, db_session, north, tmp_path):
        path = tmp_path / "plan.csv"
        path.write_text(GOOD, encoding="utf-8")
        result = runner.invoke(args=["actions", "import", "north", str(path)])
        assert result.exit_code == 0, result.output
        assert "Added 2 priorities and 2 actions" in result.output
        assert actions_stored(db_session) == 2
        events = db_session.scalars(select(AuditEvent.action).where(AuditEvent.partnership_id == north.id))
        assert "plan_imported" in set(events)

    def test_a_bad_row_is_reported_by_row_and_column_exits_2_and_stores_nothing(self, runner, db_session,
                                                                                  north, tmp_path):
        path = tmp_path / "plan.csv"
        path.write_text(GOOD + "Drugs,Closure orders,Police,,soon,green,,\n", encoding="utf-8")
        result = runner.invoke(args=["actions", "import", "north", str(path)])
        assert result.exit_code == 2
        assert "row 4, column due: 'soon' is not a date" in result.output
        assert "nothing was stored" in result.output
        assert actions_stored(db_session) == 0

    def test_an_unknown_partnership_or_missing_file_exits_2(self, runner, north, tmp_path):
        path = tmp_path / "plan.csv"
        path.write_text(GOOD, encoding="utf-8")
        result = runner.invoke(args=["actions", "import", "nowhere", str(path)])
        assert result.exit_code == 2 and "no partnership with the slug 'nowhere'" in result.output
        result = runner.invoke(args=["actions", "import", "north", str(tmp_path / "missing.csv")])
        assert result.exit_code == 2 and "cannot be read" in result.output


class TestExport:
    def test_the_export_imports_back_unchanged_and_is_safe_in_a_spreadsheet(self, runner, db_session, north,
                                                                          tmp_path):
        priority = make_priority(db_session, north, "=Violence")
        make_action(db_session, priority, "Patrols", lead="@Police")
        db_session.commit()
        path = tmp_path / "out.csv"
        result = runner.invoke(args=["actions", "export", "north", str(path)])
        assert result.exit_code == 0, result.output
        text = path.read_text(encoding="utf-8-sig")
        assert text.splitlines()[0] == "priority,action,lead,partners,due,status,measure,update"
        assert text.splitlines()[1].startswith("'=Violence,Patrols,'@Police,")
        again = runner.invoke(args=["actions", "import", "north", str(path)])
        assert again.exit_code == 0, again.output
        assert "Added 0 priorities and 0 actions, changed 0 actions" in again.output
        assert [p.title for p in store.priorities(db_session, north.id)] == ["=Violence"]


class TestBoardUpdate:
    def test_pdf_and_docx_are_written(self, runner, db_session, north, tmp_path):
        make_action(db_session, make_priority(db_session, north, "Violence"), "Patrols")
        db_session.commit()
        pdf, docx = tmp_path / "update.pdf", tmp_path / "update.docx"
        for fmt, path in (("pdf", pdf), ("docx", docx)):
            result = runner.invoke(args=["actions", "board-update", "north", "--quarter", "2026Q3",
                                         "--format", fmt, "-o", str(path)])
            assert result.exit_code == 0, result.output
        pages = pdf_pages(pdf.read_bytes(), tmp_path)
        assert "July to September 2026" in " ".join(lines(pages[0]))
        assert any("Patrols" in p.text for t in Document(io.BytesIO(docx.read_bytes())).tables
                   for r in t.rows for p in r.cells[0].paragraphs)

    def test_a_bad_quarter_exits_2(self, runner, north, tmp_path):
        result = runner.invoke(args=["actions", "board-update", "north", "--quarter", "Q3", "-o",
                                     str(tmp_path / "x.pdf")])
        assert result.exit_code == 2 and "for example 2026Q3" in result.output
        assert not (tmp_path / "x.pdf").exists()
