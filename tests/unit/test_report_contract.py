"""The typed report: its JSON (keys, order, nulls, what each variant leaves out) and the JSON Schema
generated from its types, committed in analysis/report/report.schema.json."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analysis.report import Report, build_report, report_data
from analysis.report.models import Comparison, NumberQuestionReport, OptionChange, QuestionChange
from analysis.report.schema import SCHEMA_PATH, report_schema, schema_text
from analysis.tallies import ConsultationTallies, OptionTally, QuestionTally, SentimentSummary
from tests.json_schema import schema_errors

WHEN = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC)


def _option(value: str, count: int, percent: float, **extra: object) -> OptionTally:
    return OptionTally(value=value, label=value.title(), count=count, percent=percent, **extra)  # type: ignore


EVERY_TYPE = (
    QuestionTally(id="priorities", type="ranking", text="Rank", base=50, options=(
        _option("alpha", 50, 100.0, rank_counts=(30, 12, 8), rank_percent=(60.0, 24.0, 16.0), mean_rank=1.56,
                points=122),
        _option("bravo", 50, 100.0, rank_counts=(20, 30, 0), rank_percent=(40.0, 60.0, 0.0), mean_rank=1.6,
                points=120))),
    QuestionTally(id="issues", type="multiple_choice", text="Which?", base=40, options=(
        _option("xray", 30, 75.0), _option("yankee", 25, 62.5))),
    QuestionTally(id="safety", type="scale", text="How safe?", base=60, net_score=16.7, mean_score=0.22,
                  options=(
        _option("safe", 35, 58.3, score=1.0), _option("unsafe", 25, 41.7, score=-1.0),
        _option("dont_know", 0, 0.0))),
    QuestionTally(id="age", type="number", text="Age", base=30, number_mean=31.5, number_min=11.0,
                  number_max=94.0),
    QuestionTally(id="since", type="date", text="Since", base=0),
    QuestionTally(id="where", type="location", text="Where?", base=40, pins=25, described=15, options=(
        _option("park", 40, 100.0),)),
    QuestionTally(id="comments", type="free_text", text="Say", base=12,
                  sentiment=SentimentSummary(12, 5, 4, 3, 0.12, 0.08, None)),
    QuestionTally(id="about_gender", type="single_choice", text="Gender", base=45, about_you=True, options=(
        _option("woman", 25, 55.6), _option("man", 20, 44.4))),
)
TALLIES = ConsultationTallies(slug="fixture", title="Fixture", responses=63, questions=EVERY_TYPE)
COMPARISON = Comparison(earlier="fixture-2025", earlier_title="Fixture 2025", questions=(
    QuestionChange(id="issues", text="Which?", base=40, earlier_base=20, options=(
        OptionChange(value="xray", label="Xray", percent=75.0, earlier_percent=25.0, change=50.0, low=22.9,
                     high=67.6, significant=True),)),))


def _report(public: bool, comparison: Comparison | None = None) -> Report:
    return build_report(TALLIES, public=public, partnership="Demo", generated_at=WHEN, comparison=comparison)


class TestJson:
    def test_question_keys_follow_the_contract_order(self):
        questions = {q["id"]: q for q in _report(public=False).as_json()["questions"]}
        common = ["id", "type", "text", "base", "about_you", "options"]
        assert list(questions["safety"]) == [*common, "net_score", "mean_score"]
        assert list(questions["age"]) == [*common, "mean", "min", "max"]
        assert list(questions["since"]) == [*common, "earliest", "latest"]
        assert list(questions["where"]) == [*common, "pins", "described"]
        assert list(questions["comments"]) == [*common, "sentiment"]
        assert list(questions["priorities"]["options"][0]) == [
            "value", "label", "count", "percent", "rank_counts", "rank_percent", "mean_rank", "points"]
        assert list(questions["safety"]["options"][2]) == ["value", "label", "count", "percent", "score"]

    def test_officer_nulls_are_kept_and_public_extremes_are_absent(self):
        officer = {q["id"]: q for q in _report(public=False).as_json()["questions"]}
        assert officer["since"]["earliest"] is None and "earliest" in officer["since"]
        public = _report(public=True)
        published = {q["id"]: q for q in public.as_json()["questions"]}
        assert "max" not in published["age"] and "earliest" not in published["since"]
        assert "comments" not in published  # free text is never published
        age = public.question("age")
        assert isinstance(age, NumberQuestionReport) and age.max is None  # absent reads as None

    def test_report_data_is_the_typed_report_as_json(self):
        data = report_data(TALLIES, public=True, partnership="Demo", generated_at=WHEN)
        assert data == _report(public=True).as_json()
        text = _report(public=False).json_text()
        assert text.endswith("}\n") and json.loads(text)["generated_at"] == "2026-04-01T09:30:00+00:00"

    def test_comparison_is_in_the_officer_report_only(self):
        officer = _report(public=False, comparison=COMPARISON).as_json()
        assert officer["comparison"]["questions"][0]["options"][0]["significant"] is True
        assert list(officer)[-1] == "comparison"
        assert "comparison" not in _report(public=True, comparison=COMPARISON).as_json()
        assert "comparison" not in _report(public=False).as_json()

    @pytest.mark.parametrize("public", [False, True])
    def test_json_reads_back_into_the_same_report(self, public):
        report = _report(public, COMPARISON)
        again = Report.model_validate_json(report.json_text())
        assert again == report and again.as_json() == report.as_json()

    def test_a_question_type_the_report_does_not_know_is_refused(self):
        unknown = QuestionTally(id="q", type="yes_no", text="?", base=1)
        with pytest.raises(KeyError, match="yes_no"):
            build_report(ConsultationTallies(slug="s", title="T", responses=1, questions=(unknown,)))


class TestSchema:
    def test_committed_schema_is_generated_from_the_types(self):
        assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
            "The report's types changed: run `python -m analysis.report.schema` and commit the schema")

    @pytest.mark.parametrize("public", [False, True])
    def test_every_question_type_validates_against_the_committed_schema(self, public):
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        data = json.loads(_report(public, COMPARISON).json_text())
        assert schema_errors(data, schema) == []

    def test_the_schema_refuses_what_the_contract_does_not_allow(self):
        schema = report_schema()
        data = _report(public=False).as_json()
        del data["questions"][2]["net_score"]
        data["questions"][0]["options"][0]["extra"] = 1
        data["responses"] = "many"
        assert sorted(schema_errors(data, schema)) == [
            "$.questions[0]: matches 0 of the oneOf schemas",
            "$.questions[2]: matches 0 of the oneOf schemas",
            "$.responses: matches 0 of the anyOf schemas",
        ]
