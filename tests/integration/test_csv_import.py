"""CSV import: every row checked like a respondent's answers, errors by row and column, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from demo.responses import generate_demo_responses
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses import csv_import
from survey.responses.csv_import import ImportFileError, RowError, decode_csv, import_responses, load_mapping
from survey.runner.navigation import to_cell
from survey.storage.models import Answer, Response
from survey.vocabulary import Channel, ConsultationStatus
from tests.factories import make_partnership
from tests.places import INSIDE, make_place_consultation

TINY = """\
id: tiny
kind: consultation
title: Tiny survey
intro: Two questions.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: colour
        type: single_choice
        text: Which colour?
        options: [Red, Blue]
        required: true
      - id: why
        type: free_text
        text: Why blue?
        max_length: 20
        show_if: {question: colour, in: [blue]}
"""


def _csv(*rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _count(session, consultation):
    return session.scalar(
        select(func.count()).select_from(Response).where(Response.consultation_id == consultation.id)
    )


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session)


@pytest.fixture
def annual(db_session, partnership):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, partnership, source, slug="annual", status=ConsultationStatus.OPEN)


@pytest.fixture
def tiny(db_session, partnership):
    return create_consultation(db_session, partnership, TINY, slug="tiny", status=ConsultationStatus.OPEN)


class TestStoringRows:
    def test_each_row_is_stored_as_one_response_with_its_answers(self, db_session, annual):
        text = _csv(
            ["priorities", "town_centre_issues", "safety_dark", "feel_safer"],
            ["violence;anti_social_behaviour", "drugs;other:E-scooters; on pavements", "a_bit_unsafe",
             "More lighting"],
            ["", "", "very_safe", ""],
        )
        result = import_responses(db_session, annual, text)
        assert result.ok and result.stored == 2 and result.rows == 2
        rows = db_session.execute(
            select(Answer.question_id, Answer.option, Answer.rank, Answer.text, Response.channel)
            .join(Response).where(Response.consultation_id == annual.id)
            .order_by(Response.id, Answer.question_id, Answer.rank, Answer.option)
        ).all()
        assert rows == [
            ("feel_safer", None, None, "More lighting", Channel.IMPORT),
            ("priorities", "violence", 1, None, Channel.IMPORT),
            ("priorities", "anti_social_behaviour", 2, None, Channel.IMPORT),
            ("safety_dark", "a_bit_unsafe", None, None, Channel.IMPORT),
            ("town_centre_issues", "drugs", None, None, Channel.IMPORT),
            ("town_centre_issues", "other", None, "E-scooters; on pavements", Channel.IMPORT),
            ("safety_dark", "very_safe", None, None, Channel.IMPORT),
        ]

    def test_exporter_columns_set_time_and_channel_and_references_are_new(self, db_session, annual):
        text = _csv(["reference", "channel", "submitted_at", "safety_day"],
                    ["ABCD-EFGH-JK", "paper", "2026-01-05T09:30:00+00:00", "fairly_safe"],
                    ["", "", "2026-01-06 10:00", "very_safe"])
        result = import_responses(db_session, annual, text, channel=Channel.PAPER)
        assert result.ok, result.errors
        stored = db_session.scalars(
            select(Response).where(Response.consultation_id == annual.id).order_by(Response.id)
        ).all()
        assert [r.channel for r in stored] == [Channel.PAPER, Channel.PAPER]
        assert stored[0].submitted_at == dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)
        assert stored[1].submitted_at == dt.datetime(2026, 1, 6, 10, 0, tzinfo=dt.UTC)  # no offset: UTC
        assert all(r.reference != "ABCD-EFGH-JK" for r in stored)

    def test_urgent_free_text_is_flagged_like_any_response(self, db_session, annual):
        text = _csv(["feel_safer"], ["My friend carries a knife to school"])
        import_responses(db_session, annual, text)
        assert db_session.scalar(select(Response.urgent).where(Response.consultation_id == annual.id))

    def test_an_export_of_stored_responses_reimports_to_the_same_answers(self, db_session, partnership,
                                                                         annual):
        generate_demo_responses(db_session, annual, count=40, seed=7)
        definition = definition_of(annual)
        originals = _answers_by_response(db_session, annual)
        rows = [[q.id for q in definition.questions]]
        for answers in originals:
            rows.append([to_cell(q, answers.get(q.id, ())) for q in definition.questions])
        copy = create_consultation(db_session, partnership, annual.definition.source, slug="copy")
        result = import_responses(db_session, copy, _csv(*rows))
        assert result.ok, result.errors[:3]
        assert _answers_by_response(db_session, copy) == originals

    def test_the_raw_responses_export_reimports_to_the_same_answers(self, db_session, partnership, annual):
        from analysis.exports.raw import responses_csv

        generate_demo_responses(db_session, annual, count=25, seed=3)
        import_responses(db_session, annual, _csv(["feel_safer", "submitted_at"],
                                                  ["=1+1 and -- more patrols", "2026-01-02T03:04:05+00:00"]))
        originals = _answers_by_response(db_session, annual)
        copy = create_consultation(db_session, partnership, annual.definition.source, slug="copy")
        exported = responses_csv(db_session, annual, definition_of(annual))
        assert "'=1+1 and -- more patrols" in exported  # the export protects spreadsheets
        result = import_responses(db_session, copy, exported)
        assert result.ok, result.errors[:3]
        assert sorted(map(repr, _answers_by_response(db_session, copy))) == sorted(map(repr, originals))

    def test_five_thousand_rows_import(self, db_session, annual):
        rows = [["priorities", "safety_day", "about_age_band"]]
        rows += [["anti_social_behaviour;violence", "fairly_safe", "35_44"]] * 5000
        result = import_responses(db_session, annual, _csv(*rows))
        assert result.ok and result.stored == 5000
        assert _count(db_session, annual) == 5000


def _answers_by_response(session, consultation):
    parts = session.execute(
        select(Answer.response_id, Answer.question_id, Answer.option, Answer.rank, Answer.number, Answer.text)
        .where(Answer.consultation_id == consultation.id)
        .order_by(Answer.response_id, Answer.question_id, Answer.rank, Answer.option)
    ).all()
    by_response: dict[int, dict] = {}
    for response_id, question_id, option, rank, number, text in parts:
        answers = by_response.setdefault(response_id, {})
        answers[question_id] = (*answers.get(question_id, ()), AnswerPart(option=option, rank=rank,
                                                                          number=number, text=text))
    return [answers for _, answers in sorted(by_response.items())]


class TestAllOrNothing:
    FILE = _csv(["colour", "why"], ["red", ""], ["green", ""], ["blue", "it is calm"], ["", ""], ["blue", ""])

    def test_one_bad_row_stores_nothing_and_is_named_by_row_and_column(self, db_session, tiny):
        result = import_responses(db_session, tiny, self.FILE)
        assert result.stored == 0 and _count(db_session, tiny) == 0
        assert result.errors == [
            RowError(3, "colour", "Select from the options shown ('green' is not one of them)")
        ]
        assert str(result.errors[0]) == (
            "row 3, column colour: Select from the options shown ('green' is not one of them)"
        )

    def test_skip_invalid_stores_the_valid_rows_and_reports_the_rest(self, db_session, tiny):
        result = import_responses(db_session, tiny, self.FILE, skip_invalid=True)
        assert result.stored == 3 and _count(db_session, tiny) == 3
        assert result.rejected_rows == [3]
        assert result.blank_rows == [5]

    def test_a_database_failure_part_way_leaves_none_of_the_file(self, db_session, tiny, monkeypatch):
        import survey.responses.store as responses

        monkeypatch.setattr(responses, "_BULK_BATCH", 1)
        real_insert = responses.insert
        calls = {"n": 0}

        def failing_insert(table):
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("disk full")
            return real_insert(table)

        monkeypatch.setattr(responses, "insert", failing_insert)
        with pytest.raises(RuntimeError):
            import_responses(db_session, tiny, _csv(["colour"], ["red"], ["blue"], ["red"]))
        assert _count(db_session, tiny) == 0


class TestRowErrors:
    @pytest.mark.parametrize(
        ("header", "cell", "column", "reason"),
        [
            ("priorities", "violence;burglary", "priorities", "Select from the options shown ('burglary'"),
            ("priorities", "violence;violence", "priorities", "Each option can only be ranked once"),
            ("town_centre_issues", "drugs;other:", "town_centre_issues", "Enter the other option"),
            ("safety_day", "very_safe;fairly_safe", "safety_day", "Select one option only"),
            ("feel_safer", "x" * 2001, "feel_safer", "Answer must be 2000 characters or fewer"),
            ("feel_safer", "x" * 10_001, "feel_safer", "The cell is longer than 10,000 characters"),
            ("submitted_at", "last Tuesday", "submitted_at", "Enter the time in ISO 8601 form"),
            ("submitted_at", "2999-01-01T00:00:00Z", "submitted_at", "The time is in the future"),
            ("channel", "email", "channel", "Channel must be one of web, paper, import, bot"),
            ("reported", "yes", "reported", "Answered, but the question was not asked: it is only asked when "
                                            "victim is yes"),
        ],
    )
    def test_bad_cell_is_reported_with_its_row_and_column(self, db_session, annual, header, cell, column,
                                                           reason):
        result = import_responses(db_session, annual, _csv(["safety_dark", header], ["very_safe", cell]))
        assert len(result.errors) == 1, result.errors
        error = result.errors[0]
        assert (error.row, error.column) == (2, column)
        assert error.reason.startswith(reason)
        assert _count(db_session, annual) == 0

    def test_a_required_question_left_empty_is_an_error(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["colour", "submitted_at"], ["", "2026-01-01"]))
        assert result.errors == [RowError(2, "colour", "Select an answer")]

    def test_a_required_question_without_a_column_is_named_by_its_id(self, db_session, partnership):
        source = TINY.replace("id: tiny", "id: tiny2")
        consultation = create_consultation(db_session, partnership, source, slug="tiny2")
        result = import_responses(db_session, consultation, _csv(["why"], ["calm"]))
        # "why" is hidden without a colour, and colour is required: both are reported.
        assert {(e.row, e.column) for e in result.errors} == {(2, "colour"), (2, "why")}

    def test_a_row_longer_than_the_header_is_an_error(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["colour"], ["red", "surprise"], ["red", ""]))
        assert result.errors == [RowError(2, None, "The row has 2 cells but the header has 1 columns")]

    def test_a_short_row_leaves_the_missing_cells_unanswered(self, db_session, tiny):
        result = import_responses(db_session, tiny, "colour,why\r\nred\r\n")
        assert result.ok and result.stored == 1


class TestHeader:
    def test_an_unknown_column_is_an_error_on_row_1_even_with_skip_invalid(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["colour", "Age"], ["red", "42"]), skip_invalid=True)
        assert [(e.row, e.column) for e in result.errors] == [(1, "Age")]
        assert "Not a question of this consultation" in result.errors[0].reason
        assert result.stored == 0 and _count(db_session, tiny) == 0

    def test_the_same_question_twice_is_an_error(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["colour", " colour"], ["red", "red"]))
        assert result.errors == [RowError(1, "colour", "'colour' is already read as colour")]

    def test_a_column_without_a_name_is_an_error(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["colour", ""], ["red", "x"]))
        assert result.errors == [RowError(1, "2", "The column has no name")]

    @pytest.mark.parametrize("text", ["", "\r\n", ",,\r\n"])
    def test_an_empty_file_is_an_error(self, db_session, tiny, text):
        result = import_responses(db_session, tiny, text)
        assert result.errors == [RowError(1, None, "The file is empty: row 1 must name the columns")]

    def test_a_file_of_extra_columns_only_is_an_error(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["reference"], ["X"]))
        assert result.errors == [RowError(1, None, "No column is a question of this consultation")]


class TestFile:
    def test_utf8_with_and_without_excel_bom_reads_the_same(self, db_session, tiny):
        data = "colour,why\r\nblue,café\r\n".encode()
        assert decode_csv(b"\xef\xbb\xbf" + data) == decode_csv(data) == "colour,why\r\nblue,café\r\n"
        result = import_responses(db_session, tiny, "\ufeff" + data.decode())
        assert result.ok and result.stored == 1

    def test_a_file_that_is_not_utf8_says_so_and_where(self):
        with pytest.raises(ImportFileError, match="not UTF-8 \\(the first problem is on line 2\\)"):
            decode_csv("colour,why\nblue,café\n".encode("latin-1"))

    def test_utf16_from_excel_is_refused_with_advice(self):
        with pytest.raises(ImportFileError, match="CSV UTF-8"):
            decode_csv("colour\r\nred\r\n".encode("utf-16"))

    def test_a_file_over_the_size_limit_is_refused(self, monkeypatch):
        monkeypatch.setattr(csv_import, "MAX_FILE_BYTES", 10)
        with pytest.raises(ImportFileError, match="most that can be imported at once"):
            decode_csv(b"colour\r\nred\r\nblue\r\n")

    def test_too_many_rows_are_refused(self, db_session, tiny, monkeypatch):
        monkeypatch.setattr(csv_import, "MAX_ROWS", 2)
        with pytest.raises(ImportFileError, match="3 rows of responses"):
            import_responses(db_session, tiny, _csv(["colour"], ["red"], ["red"], ["red"]))
        assert _count(db_session, tiny) == 0

    def test_broken_csv_quoting_is_reported_with_its_line(self, db_session, tiny):
        with pytest.raises(ImportFileError, match="Line 2 is not valid CSV"):
            import_responses(db_session, tiny, 'colour,why\r\nblue,"unclosed\r\n')


class TestMapping:
    MAPPING = """\
columns:
  "Favourite colour": colour
  "Respondent ID": ignore
  "Date": submitted_at
values:
  colour:
    "Red": red
    "Blue": blue
    "N/A": ""
"""

    def test_their_headers_and_values_are_read_as_ours(self, db_session, tiny):
        text = _csv(["Respondent ID", "Favourite colour", "Date"], ["17", "Blue", "2026-02-01"],
                    ["18", "Red", ""])
        result = import_responses(db_session, tiny, text, mapping=load_mapping(self.MAPPING))
        assert result.ok and result.stored == 2
        options = db_session.scalars(
            select(Answer.option).where(Answer.consultation_id == tiny.id).order_by(Answer.id)
        ).all()
        assert options == ["blue", "red"]

    def test_a_value_mapped_to_empty_means_not_answered(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["Favourite colour"], ["N/A"]),
                                  mapping=load_mapping(self.MAPPING))
        assert result.errors == [RowError(2, "Favourite colour", "Select an answer")]

    def test_a_plain_dict_maps_columns(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["Q1"], ["red"]), mapping={"Q1": "colour"})
        assert result.ok and result.stored == 1

    def test_a_column_mapped_to_a_missing_question_is_a_header_error(self, db_session, tiny):
        result = import_responses(db_session, tiny, _csv(["Q1"], ["red"]), mapping={"Q1": "color"})
        assert [(e.row, e.column) for e in result.errors] == [(1, "Q1")]
        assert "sends it to 'color', which is not a question" in result.errors[0].reason

    def test_a_value_mapped_to_a_missing_option_is_a_header_error(self, db_session, tiny):
        mapping = load_mapping("values:\n  colour:\n    Green: green\n")
        result = import_responses(db_session, tiny, _csv(["colour"], ["red"]), mapping=mapping)
        assert result.errors == [RowError(1, "colour", "The mapping file maps 'Green' to 'green', which is "
                                                         "not an option of this question")]


PLAIN_OTHER = """\
id: plain-other
kind: consultation
title: Plain other
intro: One question.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: where
        type: single_choice
        text: Where do you live?
        options: [{value: town, label: Town}, {value: other, label: Other}]
      - id: issues
        type: multiple_choice
        text: Which issues?
        options: [{value: drugs, label: Drugs}, {value: other, label: Other}]
"""


class TestTheAnswerStepRules:
    """Each row obeys the rules the answer step applies on the web and in the bot."""

    def test_a_pin_outside_the_partnerships_area_is_refused_by_row_and_column(self, db_session, partnership):
        consultation = make_place_consultation(db_session, partnership)
        text = _csv(["feeling", "place", "reasons"], ["unsafe", f"{INSIDE[0]},{INSIDE[1]}", "poor_lighting"],
                    ["unsafe", "55.95,-3.19", "poor_lighting"])
        result = import_responses(db_session, consultation, text)
        assert result.stored == 0 and _count(db_session, consultation) == 0
        assert [str(error) for error in result.errors] == [
            "row 3, column place: The place you chose is outside North Community Safety Partnership. "
            "Choose a place inside North Community Safety Partnership"
        ]

    def test_skip_invalid_stores_only_the_pin_inside(self, db_session, partnership):
        consultation = make_place_consultation(db_session, partnership)
        text = _csv(["feeling", "place"], ["unsafe", "55.95,-3.19"], ["unsafe", f"{INSIDE[0]},{INSIDE[1]}"])
        result = import_responses(db_session, consultation, text, skip_invalid=True)
        assert result.stored == 1 and result.rejected_rows == [2]

    def test_the_command_refuses_a_pin_outside_and_stores_nothing(self, runner, db_session, partnership,
                                                                   tmp_path):
        consultation = make_place_consultation(db_session, partnership, "safe-spaces")
        path = tmp_path / "reports.csv"
        path.write_text("feeling,place\nunsafe,\"55.95,-3.19\"\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "safe-spaces", str(path)])
        assert result.exit_code == 1
        assert "row 2, column place: The place you chose is outside North Community Safety Partnership" in (
            result.output
        )
        assert _count(db_session, consultation) == 0

    def test_a_plain_option_called_other_imports_as_an_ordinary_option(self, db_session, partnership):
        consultation = create_consultation(db_session, partnership, PLAIN_OTHER, slug="plain",
                                           status=ConsultationStatus.OPEN)
        text = _csv(["where", "issues"], ["other", "drugs;other"])
        result = import_responses(db_session, consultation, text)
        assert result.ok and result.stored == 1
        stored = _answers_by_response(db_session, consultation)
        assert stored == [{"where": (AnswerPart(option="other"),),
                           "issues": (AnswerPart(option="drugs"), AnswerPart(option="other"))}]

    def test_other_words_are_refused_where_the_question_has_no_other_box(self, db_session, partnership):
        consultation = create_consultation(db_session, partnership, PLAIN_OTHER, slug="plain",
                                           status=ConsultationStatus.OPEN)
        result = import_responses(db_session, consultation, _csv(["where"], ["other:the seaside"]))
        assert [str(error) for error in result.errors] == [
            "row 2, column where: Select from the options shown ('other:the seaside' is not one of them)"
        ]

    def test_the_command_imports_a_plain_other(self, runner, db_session, partnership, tmp_path):
        consultation = create_consultation(db_session, partnership, PLAIN_OTHER, slug="plain",
                                           status=ConsultationStatus.OPEN)
        path = tmp_path / "plain.csv"
        path.write_text("where,issues\nother,other\ntown,\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "plain", str(path)])
        assert result.exit_code == 0, result.output
        assert "Stored 2 responses." in result.output and _count(db_session, consultation) == 2


class TestSummary:
    @pytest.mark.parametrize(("stored", "blank", "summary"), [
        (3, [4], "Stored 3 responses. Skipped 1 blank row."),
        (1, [], "Stored 1 response."),
        (0, [2, 5], "Stored 0 responses. Skipped 2 blank rows."),
    ])
    def test_the_summary_says_what_was_stored_and_skipped(self, stored, blank, summary):
        assert csv_import.ImportResult(stored=stored, blank_rows=blank).summary == summary

    def test_the_command_says_how_many_blank_rows_were_skipped(self, runner, db_session, tiny, tmp_path):
        path = tmp_path / "tiny.csv"
        path.write_text("colour,why\nred,\nblue,calm\n,\nred,\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "tiny", str(path)])
        assert result.exit_code == 0, result.output
        assert "Stored 3 responses. Skipped 1 blank row." in result.output
