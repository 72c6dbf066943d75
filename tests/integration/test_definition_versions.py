"""Versions of a consultation's definition, and the changes responses already given allow."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.answers import AnswerPart
from survey.authoring.changes import describe_changes
from survey.authoring.copying import blank_source, copy_consultation, free_slug, set_top_level
from survey.authoring.versions import (
    ChangeRefused,
    responses_per_version,
    save_definition,
    version_of,
    versions,
)
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import DefinitionError, parse_definition
from survey.responses.store import (
    NewResponse,
    prepare_response,
    save_response,
    store_response,
    store_responses,
)
from survey.storage.models import AuditEvent, Response
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import make_officer, make_partnership

SOURCE = """# Written by hand: comments stay in a copy.
id: town-survey
kind: consultation
title: Town survey
intro: Tell us about the town.
privacy_notice: Anonymous.
opens: 2026-01-05
closes: 2026-03-01
pages:
  - title: Views
    questions:
      - id: issues
        type: multiple_choice
        text: Which issues matter?
        options: [Litter, Noise, Drug dealing]
        other: true
      - id: top
        type: ranking
        text: Rank these
        options: [Litter, Noise, Drug dealing]
        rank: 3
      - id: safe
        type: scale
        text: How safe do you feel?
        preset: safety
      - id: words
        type: free_text
        text: Anything else?
        max_length: 500
      - id: age
        type: number
        text: How old are you?
        min: 11
        max: 99
"""


def _changed(source: str, old: str, new: str) -> str:
    assert old in source, old
    return source.replace(old, new, 1)


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner")


@pytest.fixture
def town(db_session, owner):
    return create_consultation(db_session, owner, SOURCE, slug="town")


def _answer(db_session, consultation, **answers):
    return store_response(
        db_session, consultation, definition_of(consultation), answers, channel=Channel.WEB
    ).response


def _full_answer(db_session, town):
    return _answer(
        db_session,
        town,
        issues=(
            AnswerPart(option="litter"),
            AnswerPart(option="noise"),
            AnswerPart(option="other", text="Dogs"),
        ),
        top=(AnswerPart(option="noise", rank=1), AnswerPart(option="litter", rank=2)),
        safe=(AnswerPart(option="fairly_safe", number=1.0),),
        words=(AnswerPart(text="More lighting by the park, please."),),
        age=(AnswerPart(number=42.5),),
    )


class TestVersions:
    def test_a_new_consultation_is_version_one_of_itself(self, db_session, town):
        (only,) = versions(db_session, town)
        assert (only.version, only.consultation_id, only.id) == (1, town.id, town.definition_id)

    def test_a_change_is_the_next_version_audited_with_a_summary(self, db_session, owner, town):
        officer = make_officer(db_session, owner, Role.ANALYST)
        source = _changed(SOURCE, "title: Town survey", "title: Town centre survey")
        save_definition(db_session, town, source, officer_id=officer.id)
        newest, oldest = versions(db_session, town)
        assert (newest.version, oldest.version) == (2, 1)
        assert town.definition_id == newest.id and town.title == "Town centre survey"
        assert newest.created_by.id == officer.id and newest.change_summary == "Changed the title."
        event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "definition_changed"))
        assert event.officer_id == officer.id
        assert event.details["from_version"] == 1 and event.details["to_version"] == 2
        assert event.details["summary"] == ["Changed the title."]

    def test_the_same_text_again_stores_no_new_version(self, db_session, town):
        save_definition(db_session, town, SOURCE)
        assert len(versions(db_session, town)) == 1

    def test_only_comments_and_layout_changed_stores_no_new_version(self, db_session, town):
        reflowed = SOURCE.replace("# Written by hand", "# Edited").replace(
            "[Litter, Noise, Drug dealing]", "[Litter,  Noise, Drug dealing]"
        )
        save_definition(db_session, town, reflowed)
        assert len(versions(db_session, town)) == 1

    def test_a_bad_definition_stores_nothing(self, db_session, town):
        with pytest.raises(DefinitionError):
            save_definition(db_session, town, SOURCE.replace("rank: 3", "rank: 9"))
        assert len(versions(db_session, town)) == 1 and town.title == "Town survey"

    def test_a_draft_follows_the_definition_dates_and_an_open_one_keeps_its_own(self, db_session, town):
        save_definition(db_session, town, _changed(SOURCE, "closes: 2026-03-01", "closes: 2026-04-01"))
        assert str(town.closes_on) == "2026-04-01"
        town.status = ConsultationStatus.OPEN
        save_definition(db_session, town, _changed(SOURCE, "closes: 2026-03-01", "closes: 2026-05-01"))
        assert str(town.closes_on) == "2026-04-01"

    def test_each_response_records_the_version_it_answered(self, db_session, town):
        first = _answer(db_session, town, words=(AnswerPart(text="Fine."),))
        save_definition(db_session, town, _changed(SOURCE, "Anything else?", "Is there anything else?"))
        second = _answer(db_session, town, words=(AnswerPart(text="Fine."),))
        assert first.definition_id == version_of(db_session, town, 1).id
        assert second.definition_id == version_of(db_session, town, 2).id


class TestSafeChanges:
    def test_a_draft_without_responses_may_change_anything(self, db_session, town):
        source = _changed(SOURCE, "type: ranking", "type: single_choice")
        source = _changed(source, "        rank: 3\n", "        required: true\n")
        save_definition(db_session, town, _changed(source, "id: town-survey", "id: renamed"))
        assert definition_of(town).id == "renamed"

    def test_wording_new_options_and_new_optional_questions_are_allowed(self, db_session, town):
        _full_answer(db_session, town)
        source = _changed(SOURCE, "Which issues matter?", "Which issues matter most?")
        source = _changed(
            source,
            "[Litter, Noise, Drug dealing]\n        other",
            "[Litter, Noise, Drug dealing, Graffiti]\n        other",
        )
        source = source + "      - id: more\n        type: free_text\n        text: And?\n"
        save_definition(db_session, town, source)
        assert definition_of(town).question("more").text == "And?"
        assert (
            "Added the option 'graffiti' to the question 'issues'."
            in versions(db_session, town)[0].change_summary
        )

    @pytest.mark.parametrize(
        ("old", "new", "says"),
        [
            (
                "      - id: words\n        type: free_text\n"
                "        text: Anything else?\n        max_length: 500\n",
                "",
                "The question 'words' has answers, so it cannot be removed; close the consultation and copy",
            ),
            (
                "options: [Litter, Noise, Drug dealing]\n        other",
                "options: [Noise, Drug dealing]\n        other",
                "The option 'litter' of the question 'issues' has answers",
            ),
            ("        other: true\n", "", "The option 'other' of the question 'issues' has answers"),
            (
                "type: ranking\n        text: Rank these\n"
                "        options: [Litter, Noise, Drug dealing]\n        rank: 3\n",
                "type: single_choice\n        text: Rank these\n"
                "        options: [Litter, Noise, Drug dealing]\n",
                "its type cannot change from ranking to single_choice",
            ),
            ("id: town-survey", "id: town-2027", "The definition's id cannot change"),
            ("kind: consultation", "kind: worry", "The kind cannot change from consultation to worry"),
            (
                "        max_length: 500",
                "        max_length: 10",
                "has an answer 34 characters long, so max_length",
            ),
            ("        rank: 3", "        rank: 1", "has answers ranked down to 2, so rank cannot be 1"),
            (
                "other: true\n",
                "other: true\n        max_choices: 2\n",
                "has a response with 3 options ticked",
            ),
            ("        max: 99", "        max: 40", "has an answer of 42.5, so max cannot be 40"),
            ("        min: 11", "        min: 11\n        integer: true", "not whole numbers, so integer"),
            (
                "        text: How old are you?",
                "        text: How old are you?\n        required: true",
                "The question 'age' cannot become required",
            ),
            (
                "        max_length: 500\n",
                "        max_length: 500\n      - id: new\n        type: free_text\n"
                "        text: New?\n        required: true\n",
                "The new question 'new' cannot be required",
            ),
        ],
    )
    def test_a_change_that_answers_forbid_is_refused_and_nothing_stored(
        self, db_session, town, old, new, says
    ):
        _full_answer(db_session, town)
        with pytest.raises(ChangeRefused) as refused:
            save_definition(db_session, town, _changed(SOURCE, old, new))
        assert any(says in problem for problem in refused.value.problems), refused.value.problems
        assert len(versions(db_session, town)) == 1 and definition_of(town).title == "Town survey"

    def test_an_unanswered_question_may_be_removed_once_there_are_responses(self, db_session, town):
        _answer(db_session, town, words=(AnswerPart(text="Fine."),))
        save_definition(
            db_session, town, _changed(SOURCE, "        rank: 3\n", "        rank: 3\n        hint: New\n")
        )
        source = SOURCE.split("      - id: age")[0]
        save_definition(db_session, town, source)
        assert [q.id for q in definition_of(town).questions] == ["issues", "top", "safe", "words"]

    def test_a_scale_score_with_answers_cannot_change(self, db_session, owner):
        source = SOURCE.replace(
            "preset: safety",
            "options:\n          - {value: yes, label: 'Yes', score: 1}\n"
            "          - {value: no, label: 'No', score: 0}",
        )
        town = create_consultation(db_session, owner, source, slug="scored")
        _answer(db_session, town, safe=(AnswerPart(option="yes", number=1.0),))
        with pytest.raises(ChangeRefused, match="its score cannot change"):
            save_definition(db_session, town, source.replace("score: 1}", "score: 2}"))


class TestStarting:
    def test_a_blank_definition_loads_and_states_the_partnerships_retention(self, db_session, owner):
        owner.retention_months = 36
        definition = parse_definition(blank_source(db_session, owner))
        assert "We keep the answers for 3 years" in definition.privacy_notice
        assert owner.name in definition.privacy_notice
        assert len(definition.pages) == 1 and len(definition.questions) == 1

    def test_a_copy_keeps_question_ids_and_comments_with_a_new_slug_and_no_dates(self, db_session, town):
        _full_answer(db_session, town)
        copy = copy_consultation(db_session, town)
        copied = definition_of(copy)
        assert copy.slug == "town-copy" and copy.title == "Town survey (copy)"
        assert [q.id for q in copied.questions] == [q.id for q in definition_of(town).questions]
        assert copied.opens is None and copy.closes_on is None and copy.status == ConsultationStatus.DRAFT
        assert copy.definition.source.startswith("# Written by hand")
        assert copy_consultation(db_session, town).slug == "town-copy-2"
        assert db_session.scalar(select(Response).where(Response.consultation_id == copy.id)) is None

    def test_a_made_up_slug_is_valid_and_free(self, db_session, town):
        assert free_slug(db_session, "Town_Survey 2027") == "town-survey-2027"
        assert free_slug(db_session, "town") == "town-2"
        assert free_slug(db_session, "new") == "new-2" and free_slug(db_session, "___") == "new-consultation"

    def test_set_top_level_replaces_a_block_scalar_and_keeps_the_rest(self):
        source = "id: x\ntitle: |\n  Two\n  lines\n\n# next\nintro: Hi\n"
        assert (
            set_top_level(source, "title", "One: line") == "id: x\ntitle: 'One: line'\n\n# next\nintro: Hi\n"
        )
        assert set_top_level(source, "intro", None) == "id: x\ntitle: |\n  Two\n  lines\n\n# next\n"
        assert set_top_level("id: x\n", "closes", None) == "id: x\n"


class TestEveryChannelRecordsItsVersion:
    def test_the_web_and_paper_path_records_the_version(self, db_session, town):
        save_definition(db_session, town, _changed(SOURCE, "Anything else?", "Is there anything else?"))
        for channel in (Channel.WEB, Channel.PAPER):
            prepared = prepare_response(
                town,
                definition_of(town),
                {"words": (AnswerPart(text="Fine."),)},
                channel=channel,
                submission_key=f"key-{channel.value}",
            )
            assert (
                save_response(db_session, prepared).response.definition_id
                == version_of(db_session, town, 2).id
            )

    def test_an_import_records_the_version_like_a_web_response(self, db_session, town):
        save_definition(db_session, town, _changed(SOURCE, "Anything else?", "Is there anything else?"))
        batch = [NewResponse({"words": (AnswerPart(text="Fine."),)}, Channel.IMPORT) for _ in range(3)]
        store_responses(db_session, town, definition_of(town), batch)
        stored = db_session.scalars(select(Response.definition_id).where(Response.consultation_id == town.id))
        assert set(stored) == {version_of(db_session, town, 2).id}

    def test_each_version_counts_the_responses_that_answered_it(self, db_session, town):
        _answer(db_session, town, words=(AnswerPart(text="Fine."),))
        save_definition(db_session, town, _changed(SOURCE, "Anything else?", "Is there anything else?"))
        for _ in range(2):
            _answer(db_session, town, words=(AnswerPart(text="Fine."),))
        counts = responses_per_version(db_session, town)
        assert counts == {version_of(db_session, town, 1).id: 1, version_of(db_session, town, 2).id: 2}


class TestDescribingAChange:
    def test_names_what_changed_by_id(self):
        old = parse_definition(SOURCE)
        new = parse_definition(
            _changed(
                SOURCE, "[Litter, Noise, Drug dealing]\n        other", "[Litter, Graffiti]\n        other"
            )
            + "      - id: more\n        type: free_text\n        text: And?\n"
        )
        assert describe_changes(old, new) == [
            "Added the question 'more'.",
            "Added the option 'graffiti' to the question 'issues'.",
            "Removed the options 'noise', 'drug_dealing' from the question 'issues'.",
        ]

    def test_a_reordering_alone_is_named(self):
        old = parse_definition(SOURCE)
        words, age = SOURCE.split("      - id: words")[1].split("      - id: age")
        new = parse_definition(
            SOURCE.split("      - id: words")[0] + "      - id: age" + age + "      - id: words" + words
        )
        assert describe_changes(old, new) == ["Changed the order of the questions."]
        assert describe_changes(None, new) == ["First version."]
