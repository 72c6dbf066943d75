"""Public board papers and workbooks: the published figures only, each hidden one footnoted."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from analysis.disclosure import FOOTNOTE
from analysis.exports.build import export_report
from analysis.exports.formats import ExportSource
from analysis.exports.marking import Classification
from analysis.filters import NO_FILTER
from analysis.report.consultation import public_figures
from tests.analysis_data import make_fixture_consultation
from tests.factories import make_partnership
from tests.papers import tables
from tests.published import MANY

NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def consultation(db_session):
    return make_fixture_consultation(db_session, make_partnership(db_session), responses=MANY)


def _source(db_session, consultation) -> ExportSource:  # type: ignore[no-untyped-def]
    return ExportSource(session=db_session, consultation=consultation, public=True, response_filter=NO_FILTER,
                        earlier=None, now=NOW, classification=Classification.OFFICIAL)


class TestPublicPaper:
    def test_every_table_with_a_hidden_figure_carries_the_footnote(self, db_session, consultation):
        paper = _source(db_session, consultation).paper
        hidden = [table for table in tables(paper)
                  if any("[c]" in cell for row in table.rows for cell in row)]
        assert hidden, "the fixture has hidden figures"
        for table in hidden:
            assert FOOTNOTE in table.note, table.caption
        shown = [table for table in tables(paper) if table not in hidden]
        assert all(FOOTNOTE not in table.note for table in shown if "By:" not in table.caption)

    def test_figures_are_the_published_ones(self, db_session, consultation):
        source = _source(db_session, consultation)
        figures = public_figures(db_session, consultation, as_of=NOW.date())
        safety = next(table for table in tables(source.paper)
                      if table.caption.startswith("How safe do you feel after dark?"))
        published = {row[0]: row[1] for row in safety.rows}
        for option in source.report.question("safety").options:
            value = figures.get(("option", "safety", option.value))
            assert published[option.label] == ("[c]" if value is None else f"{value:,}")


class TestPublicWorkbook:
    def test_every_sheet_with_a_hidden_figure_carries_the_footnote(self, db_session, consultation):
        book = load_workbook(io.BytesIO(export_report(db_session, consultation, "xlsx", public=True,
                                                      now=NOW).as_bytes()))
        checked = 0
        for sheet in book.worksheets:
            values = [cell.value for row in sheet.iter_rows() for cell in row]
            if "[c]" in values and sheet.title not in ("Contents", "Notes"):
                assert FOOTNOTE in values, sheet.title
                checked += 1
        assert checked
