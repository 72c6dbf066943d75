"""The shipped definitions in survey/definitions/templates load, and ask what the brief says they ask."""

from __future__ import annotations

import pytest

from survey.answers import AnswerPart
from survey.definitions.definition import Definition, list_templates, load_template, template_path
from survey.question_types.about_you import ABOUT_YOU_QUESTION_IDS
from survey.runner.navigation import visible_questions


def ids(questions) -> list[str]:
    return [question.id for question in questions]


def values(question) -> list[str]:
    return [option.value for option in question.all_options]


class TestTemplateFiles:
    def test_the_three_templates_are_listed(self) -> None:
        assert list_templates() == ["community-safety", "place-report", "worry"]

    def test_template_path_points_at_the_packaged_yaml(self) -> None:
        path = template_path("worry")
        assert path.name == "worry.yaml"
        assert path.read_text(encoding="utf-8").startswith("#")

    def test_unknown_template_is_a_key_error(self) -> None:
        with pytest.raises(KeyError, match="no template 'nope'"):
            template_path("nope")

    @pytest.mark.parametrize("name", ["community-safety", "place-report", "worry"])
    def test_each_loads_and_round_trips(self, name) -> None:
        definition = load_template(name)
        assert definition.id == name
        assert Definition.model_validate(definition.model_dump(mode="json")) == definition

    @pytest.mark.parametrize("name", ["community-safety", "place-report", "worry"])
    def test_privacy_notice_promises_anonymity_without_ip_addresses(self, name) -> None:
        notice = load_template(name).privacy_notice
        assert "IP address" in notice
        assert "name" in notice
        assert "delete" in notice


class TestCommunitySafetyConsultation:
    definition = load_template("community-safety")

    def test_questions_in_order(self) -> None:
        assert self.definition.kind == "consultation"
        assert ids(self.definition.questions) == [
            "priorities",
            "town_centre_issues",
            "violence_features",
            "safety_day",
            "safety_dark",
            "victim",
            "reported",
            "feel_safer",
            *ABOUT_YOU_QUESTION_IDS,
        ]

    def test_nothing_is_required(self) -> None:
        assert not any(question.required for question in self.definition.questions)

    def test_priorities_rank_all_five_issues(self) -> None:
        question = self.definition.question("priorities")
        assert question.rank == 5
        assert [option.label for option in question.options] == [
            "Anti-social behaviour",
            "Town centre safety",
            "Violence",
            "Drug dealing and drug use",
            "Burglary and theft",
        ]

    def test_town_centre_issues_has_all_13_options_including_other(self) -> None:
        question = self.definition.question("town_centre_issues")
        assert question.type == "multiple_choice"
        assert len(question.all_options) == 13
        assert values(question)[-1] == "other"

    def test_features_of_violence_has_all_11_options_including_other(self) -> None:
        question = self.definition.question("violence_features")
        assert len(question.all_options) == 11
        assert "domestic_abuse" in values(question) and values(question)[-1] == "other"

    @pytest.mark.parametrize("question_id", ["safety_day", "safety_dark"])
    def test_feelings_of_safety_use_the_safety_scale_with_dont_know(self, question_id) -> None:
        question = self.definition.question(question_id)
        assert question.preset == "safety"
        assert values(question) == ["very_safe", "fairly_safe", "a_bit_unsafe", "very_unsafe", "dont_know"]

    def test_reporting_is_asked_only_of_victims(self) -> None:
        victim = {"victim": (AnswerPart(option="yes"),)}
        not_victim = {"victim": (AnswerPart(option="prefer_not_to_say"),)}
        assert "reported" in ids(visible_questions(self.definition, victim))
        assert "reported" not in ids(visible_questions(self.definition, not_victim))

    def test_area_question_lists_demo_wards(self) -> None:
        question = self.definition.question("about_area")
        assert len(question.options) > 3
        assert values(question)[-2:] == ["somewhere_else", "prefer_not_to_say"]


class TestPlaceReport:
    definition = load_template("place-report")

    def test_questions_in_order(self) -> None:
        assert self.definition.kind == "place_report"
        assert ids(self.definition.questions) == [
            "feeling",
            "place",
            "reasons",
            "safe_reasons",
            "time_of_day",
            "day_type",
            "about_age_band",
            "details",
        ]

    def test_feeling_and_place_are_required_and_place_can_be_described_without_a_map(self) -> None:
        assert values(self.definition.question("feeling")) == ["unsafe", "safe"]
        place = self.definition.question("place")
        assert place.type == "location" and place.required and place.allow_description

    @pytest.mark.parametrize(
        ("feeling", "shown", "hidden"),
        [("unsafe", "reasons", "safe_reasons"), ("safe", "safe_reasons", "reasons")],
    )
    def test_reasons_follow_the_feeling(self, feeling, shown, hidden) -> None:
        visible = ids(visible_questions(self.definition, {"feeling": (AnswerPart(option=feeling),)}))
        assert shown in visible and hidden not in visible

    def test_unsafe_reasons(self) -> None:
        assert values(self.definition.question("reasons")) == [
            "poor_lighting",
            "groups_gathering",
            "drug_dealing",
            "isolated",
            "harassment",
            "street_drinking",
            "anti_social_behaviour",
            "fear_of_knife_crime",
            "traffic",
            "other",
        ]

    def test_times_of_day_and_details_limit(self) -> None:
        assert values(self.definition.question("time_of_day")) == [
            "morning",
            "daytime",
            "after_school",
            "evening",
            "night",
        ]
        assert values(self.definition.question("day_type")) == ["weekdays", "weekends", "both"]
        assert self.definition.question("details").max_length == 1000


class TestWorry:
    definition = load_template("worry")

    def test_questions_in_order(self) -> None:
        assert self.definition.kind == "worry"
        assert ids(self.definition.questions) == ["topic", "details", "place", "about_age_band"]

    def test_topics(self) -> None:
        assert values(self.definition.question("topic")) == [
            "knives",
            "gangs",
            "drugs",
            "anti_social_behaviour",
            "bullying",
            "online_harm",
            "home",
            "hate",
            "something_else",
        ]

    def test_details_in_own_words_and_optional_place(self) -> None:
        details = self.definition.question("details")
        assert details.text == "Tell us in your own words" and details.max_length == 2000
        place = self.definition.question("place")
        assert not place.required and place.allow_description

    def test_privacy_notice_is_honest_that_it_is_not_watched_all_the_time(self) -> None:
        assert "not watched all the time" in self.definition.privacy_notice
        assert "999" in self.definition.privacy_notice


class TestPlainWordsForYoungPeople:
    @pytest.mark.parametrize("name", ["place-report", "worry"])
    def test_question_text_is_short(self, name) -> None:
        for question in load_template(name).questions:
            if not question.about_you:
                assert len(question.text.split()) <= 10, question.text
