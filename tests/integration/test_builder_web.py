"""The consultation builder's pages: every edit goes through save_definition, a bad one stores nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from survey.answers import AnswerPart
from survey.consultations import consultation_by_slug, create_consultation, definition_of
from survey.definitions.definition import parse_definition, template_path
from survey.responses.store import store_response
from survey.storage.models import Definition as DefinitionRow
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import make_partnership
from tests.web import CSRF_PATTERN, officer_client

BASE = "/officer/consultations/annual/build"
BASED_ON = re.compile(r'name="based_on"[^>]*value="(\d+)"')


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner")


@pytest.fixture
def annual(db_session, owner):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, owner, source, slug="annual", status=ConsultationStatus.DRAFT)


@pytest.fixture
def signed_in(app, db_session, owner):
    return lambda role, partnership=None: officer_client(app, db_session, partnership or owner, role)


@pytest.fixture
def analyst(signed_in):
    return signed_in(Role.ANALYST)


def _definition(session):
    consultation = consultation_by_slug(session, "annual")
    session.refresh(consultation)
    return parse_definition(consultation.definition.source)


def _versions(session):
    return session.scalar(select(func.count()).select_from(DefinitionRow))


def _post(client, path, data, form_page=None):
    """Post ``data`` as the form on ``form_page`` (default: the same path) would: with its CSRF token
    and the version it was drawn from."""
    page = client.get(form_page or path).get_data(as_text=True)
    fields = {"csrf_token": CSRF_PATTERN.search(page).group(1)}
    based_on = BASED_ON.search(page)
    if based_on:
        fields["based_on"] = based_on.group(1)
    return client.post(path, data={**fields, **data})


class TestOverview:
    def test_viewers_read_every_page_and_question_without_change_links(self, signed_in, annual):
        page = signed_in(Role.VIEWER).get(BASE).get_data(as_text=True)
        assert "Build the consultation" in page
        assert "Page 2: Feeling safe" in page and "Did you report it to the police?" in page
        assert "Only if the answer to \u2018Have you been a victim" in page and "\u2018Yes\u2019" in page
        assert f"{BASE}/questions/victim" not in page and "Move up" not in page

    def test_analysts_get_change_move_and_remove_for_each_question(self, analyst, annual):
        page = analyst.get(BASE).get_data(as_text=True)
        assert f'href="{BASE}/questions/victim"' in page
        assert f'action="{BASE}/questions/victim/move"' in page
        assert f'href="{BASE}/questions/about_relationship/remove"' in page
        assert 'href="/consultations/annual/?preview=1"' in page

    def test_another_partnerships_consultation_is_not_found(self, signed_in, db_session, annual):
        elsewhere = make_partnership(db_session, "elsewhere")
        client = signed_in(Role.ADMIN, elsewhere)
        assert client.get(BASE).status_code == 404
        assert client.get(f"{BASE}/questions/victim").status_code == 404


class TestDetails:
    def test_the_title_and_privacy_notice_are_saved_as_a_new_version(self, analyst, db_session, annual):
        before = _versions(db_session)
        response = _post(
            analyst,
            f"{BASE}/details",
            {
                "title": "Safer streets 2027",
                "intro": "Tell us.\r\n\r\nIt takes 5 minutes.",
                "privacy_notice": "Anonymous.",
            },
        )
        assert response.status_code == 302 and response.headers["Location"] == BASE
        definition = _definition(db_session)
        assert (
            definition.title == "Safer streets 2027"
            and definition.intro.strip() == "Tell us.\n\nIt takes 5 minutes."
        )
        assert consultation_by_slug(db_session, "annual").title == "Safer streets 2027"
        assert _versions(db_session) == before + 1

    def test_a_blank_title_is_an_error_and_nothing_is_stored(self, analyst, db_session, annual):
        before = _versions(db_session)
        response = _post(analyst, f"{BASE}/details", {"title": "", "intro": "x", "privacy_notice": "y"})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "<title>Error:" in page and "Enter a title" in page
        assert _versions(db_session) == before

    def test_viewers_cannot_change_it(self, signed_in, annual):
        assert signed_in(Role.VIEWER).get(f"{BASE}/details").status_code == 403


class TestAddingQuestions:
    def test_choosing_a_type_leads_to_that_types_form(self, analyst, annual):
        response = _post(analyst, f"{BASE}/pages/1/questions/new", {"kind": "ranking"})
        assert response.status_code == 302
        assert response.headers["Location"] == f"{BASE}/pages/1/questions/new/ranking"
        page = analyst.get(response.headers["Location"]).get_data(as_text=True)
        assert "How many options should people rank?" in page and 'name="other"' not in page

    def test_no_type_chosen_is_an_error(self, analyst, annual):
        page = _post(analyst, f"{BASE}/pages/1/questions/new", {}).get_data(as_text=True)
        assert "Select the kind of question" in page

    def test_a_multiple_choice_with_other_gets_an_id_from_its_words(self, analyst, db_session, annual):
        response = _post(
            analyst,
            f"{BASE}/pages/2/questions/new/multiple_choice",
            {
                "text": "Where do you feel unsafe?",
                "options": "Parks\r\nBus stops\r\n\r\nAlleys",
                "other": "y",
                "max_choices": "2",
            },
        )
        assert response.status_code == 302
        assert response.headers["Location"] == f"{BASE}#item-where_do_you_feel_unsafe"
        question = _definition(db_session).question("where_do_you_feel_unsafe")
        assert [option.value for option in question.all_options] == ["parks", "bus_stops", "alleys", "other"]
        assert question.max_choices == 2 and question.required is False

    @pytest.mark.parametrize(
        ("kind", "fields", "check"),
        [
            (
                "scale",
                {"preset": "custom", "options": "Good\nOK\nPoor", "dont_know": "y"},
                lambda q: (
                    [(o.value, o.score) for o in q.all_options]
                    == [("good", 1), ("ok", 0), ("poor", -1), ("dont_know", None)]
                ),
            ),
            ("scale", {"preset": "safety"}, lambda q: q.preset == "safety" and q.dont_know is False),
            (
                "free_text",
                {"max_length": "500", "sentiment": "y"},
                lambda q: q.max_length == 500 and q.sentiment,
            ),
            (
                "number",
                {"min": "0", "max": "10.5", "integer": "y"},
                lambda q: (q.min, q.max, q.integer) == (0, 10.5, True),
            ),
            (
                "date",
                {"not_in_future": "y", "min": ["1", "1", "2020"], "max": ["", "", ""]},
                lambda q: q.not_in_future and q.min == dt.date(2020, 1, 1) and q.max is None,
            ),
            (
                "location",
                {"areas": "Abbey\nCastle", "allow_description": "y"},
                lambda q: [a.value for a in q.areas] == ["abbey", "castle"] and q.allow_description,
            ),
            (
                "single_choice",
                {"options": "Yes\nNo", "required": "y"},
                lambda q: q.required and len(q.options) == 2,
            ),
        ],
    )
    def test_every_type_is_saved_with_its_fields(self, analyst, db_session, annual, kind, fields, check):
        response = _post(
            analyst, f"{BASE}/pages/1/questions/new/{kind}", {"text": "What about it?", **fields}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        assert check(_definition(db_session).question("what_about_it"))

    def test_the_loaders_problem_is_shown_and_nothing_is_stored(self, analyst, db_session, annual):
        before = _versions(db_session)
        response = _post(
            analyst,
            f"{BASE}/pages/1/questions/new/ranking",
            {"text": "Rank these", "options": "A\nB", "rank": "3"},
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "<title>Error:" in page
        assert "Question &#39;rank_these&#39;: rank (3) is more than the number of options (2)" in page
        assert 'href="#rank">Question &#39;rank_these&#39;: rank (3)' in page  # the summary links to the box
        assert _versions(db_session) == before

    def test_a_new_page_is_made_with_its_first_question(self, analyst, db_session, annual):
        response = _post(analyst, f"{BASE}/pages/new", {"title": "Your street"})
        assert response.status_code == 302
        assert response.headers["Location"] == f"{BASE}/pages/4/questions/new?page_title=Your+street"
        _post(
            analyst,
            f"{BASE}/pages/4/questions/new",
            {"kind": "free_text"},
            form_page=f"{BASE}/pages/4/questions/new?page_title=Your+street",
        )
        path = f"{BASE}/pages/4/questions/new/free_text?page_title=Your+street"
        assert (
            _post(analyst, path, {"text": "What is your street like?", "max_length": "2000"}).status_code
            == 302
        )
        definition = _definition(db_session)
        assert definition.pages[3].title == "Your street"
        assert definition.pages[3].questions[0].id == "what_is_your_street_like"

    def test_a_page_beyond_the_next_is_not_found(self, analyst, annual):
        assert analyst.get(f"{BASE}/pages/9/questions/new").status_code == 404
        assert analyst.get(f"{BASE}/pages/1/questions/new/essay").status_code == 404


class TestChangingQuestions:
    def test_changed_wording_keeps_option_values_and_hidden_fields(self, analyst, db_session, annual):
        page = analyst.get(f"{BASE}/questions/town_centre_issues").get_data(as_text=True)
        assert "Alcohol misuse or street drinking\nDrug misuse" in page
        options = "Street drinking\nDrug misuse or drug dealing\nFeeling unsafe - low footfall"
        response = _post(
            analyst,
            f"{BASE}/questions/town_centre_issues",
            {"text": "Which town centre issues matter?", "options": options, "other": "y"},
        )
        assert response.status_code == 302
        question = _definition(db_session).question("town_centre_issues")
        assert [o.value for o in question.options] == ["street_drinking", "drugs", "low_footfall"]
        assert question.options[0].label == "Street drinking" and question.other

    def test_a_double_submit_changes_once_and_says_why(self, analyst, db_session, annual):
        page = analyst.get(f"{BASE}/questions/victim/remove").get_data(as_text=True)
        data = {"csrf_token": CSRF_PATTERN.search(page).group(1), "based_on": BASED_ON.search(page).group(1)}
        assert analyst.post(f"{BASE}/questions/feel_safer/remove", data=data).status_code == 302
        before = _versions(db_session)
        again = analyst.post(f"{BASE}/questions/safety_day/remove", data=data, follow_redirects=True)
        assert "changed after you opened that page" in again.get_data(as_text=True)
        assert _versions(db_session) == before
        assert "safety_day" in [question.id for question in _definition(db_session).questions]

    def test_removing_a_condition_target_is_refused_with_the_loaders_words(self, analyst, db_session, annual):
        before = _versions(db_session)
        response = _post(analyst, f"{BASE}/questions/victim/remove", {})
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "show_if: &#39;victim&#39; is not an earlier question" in page
        assert _versions(db_session) == before

    def test_moving_up_from_the_top_of_a_page_goes_to_the_page_before(self, analyst, db_session, annual):
        response = _post(analyst, f"{BASE}/questions/safety_day/move", {"direction": "up"}, form_page=BASE)
        assert response.status_code == 302
        definition = _definition(db_session)
        assert definition.pages[0].questions[-1].id == "safety_day"
        assert definition.pages[1].questions[0].id == "safety_dark"

    def test_moving_a_question_above_its_condition_is_refused(self, analyst, db_session, annual):
        response = _post(analyst, f"{BASE}/questions/reported/move", {"direction": "up"}, form_page=BASE)
        assert response.status_code == 200
        assert "is not an earlier question" in response.get_data(as_text=True)
        assert _definition(db_session).pages[1].questions[3].id == "reported"

    def test_the_about_you_set_is_changed_as_one_block(self, analyst, db_session, annual):
        page = analyst.get(f"{BASE}/questions/about_relationship").get_data(as_text=True)
        assert 'value="ethnicity" checked' in page or "checked" in page
        response = _post(analyst, f"{BASE}/questions/about_relationship", {"names": ["age_band", "gender"]})
        assert response.status_code == 302
        ids = [question.id for question in _definition(db_session).questions]
        assert ids[-2:] == ["about_age_band", "about_gender"] and "about_area" not in ids

    def test_the_area_question_needs_its_areas(self, analyst, annual):
        response = _post(analyst, f"{BASE}/questions/about_relationship", {"names": ["area"], "areas": ""})
        assert "Enter the areas people can choose from" in response.get_data(as_text=True)


class TestChangingTheKind:
    def test_a_single_choice_becomes_a_multiple_choice_keeping_its_id_options_and_condition(
        self, analyst, db_session, annual
    ):
        response = _post(analyst, f"{BASE}/questions/reported/kind", {"kind": "multiple_choice"})
        assert response.headers["Location"] == f"{BASE}/questions/reported?kind=multiple_choice"
        page = analyst.get(response.headers["Location"]).get_data(as_text=True)
        assert "Most options one person may choose" in page and "Yes\nNo\nPrefer not to say" in page
        assert _definition(db_session).question("reported").type == "single_choice"  # nothing stored yet
        saved = _post(
            analyst,
            response.headers["Location"],
            {"text": "Who did you tell?", "options": "Yes\nNo\nPrefer not to say"},
        )
        assert saved.status_code == 302
        question = _definition(db_session).question("reported")
        assert question.type == "multiple_choice" and question.show_if.question == "victim"

    def test_about_you_has_no_other_kind(self, analyst, annual):
        assert analyst.get(f"{BASE}/questions/about_relationship/kind").status_code == 404
        assert analyst.get(f"{BASE}/questions/victim?kind=about_you").status_code == 404


class TestConditions:
    def test_a_condition_is_set_in_two_steps(self, analyst, db_session, annual):
        first = _post(analyst, f"{BASE}/questions/feel_safer/condition", {"target": "safety_dark"})
        assert first.headers["Location"] == f"{BASE}/questions/feel_safer/condition/safety_dark"
        page = analyst.get(first.headers["Location"]).get_data(as_text=True)
        assert "A bit unsafe" in page and "Don&#39;t know" in page
        second = _post(analyst, first.headers["Location"], {"values": ["a_bit_unsafe", "very_unsafe"]})
        assert second.status_code == 302
        condition = _definition(db_session).question("feel_safer").show_if
        assert condition.question == "safety_dark" and condition.values == ("a_bit_unsafe", "very_unsafe")

    def test_only_earlier_choice_questions_are_offered(self, analyst, annual):
        page = analyst.get(f"{BASE}/questions/victim/condition").get_data(as_text=True)
        assert 'value="priorities"' in page and 'value="safety_dark"' in page
        assert 'value="feel_safer"' not in page
        assert analyst.get(f"{BASE}/questions/victim/condition/feel_safer").status_code == 404

    def test_a_condition_is_removed(self, analyst, db_session, annual):
        response = _post(
            analyst,
            f"{BASE}/questions/reported/no-condition",
            {},
            form_page=f"{BASE}/questions/reported/condition",
        )
        assert response.status_code == 302
        assert _definition(db_session).question("reported").show_if is None


class TestPages:
    def test_a_page_is_renamed_moved_and_removed(self, analyst, db_session, annual):
        assert _post(analyst, f"{BASE}/pages/1", {"title": "What matters"}).status_code == 302
        assert _definition(db_session).pages[0].title == "What matters"
        assert _post(analyst, f"{BASE}/pages/3/move", {"direction": "up"}, form_page=BASE).status_code == 302
        assert _definition(db_session).pages[1].title == "About you"
        assert _post(analyst, f"{BASE}/pages/2/remove", {}).status_code == 302
        assert [page.title for page in _definition(db_session).pages] == ["What matters", "Feeling safe"]

    def test_the_first_page_cannot_move_up(self, analyst, db_session, annual):
        response = _post(analyst, f"{BASE}/pages/1/move", {"direction": "up"}, form_page=BASE)
        assert "Page 1 is already the first page" in response.get_data(as_text=True)


class TestExclusiveOptions:
    def test_none_of_these_is_saved_as_an_option_chosen_on_its_own(self, analyst, db_session, annual):
        fields = {"text": "What have you seen?", "options": "Litter\nGraffiti\nNone of these"}
        bad = _post(
            analyst, f"{BASE}/pages/1/questions/new/multiple_choice", {**fields, "exclusive": "Nothing"}
        )
        assert "\u2018Nothing\u2019 is not one of the options" in bad.get_data(as_text=True)
        good = _post(
            analyst, f"{BASE}/pages/1/questions/new/multiple_choice", {**fields, "exclusive": "None of these"}
        )
        assert good.status_code == 302
        assert _definition(db_session).question("what_have_you_seen").exclusive == ("none_of_these",)


class TestDateLimits:
    def test_a_date_that_is_not_real_is_an_error_on_the_form(self, analyst, annual):
        response = _post(
            analyst,
            f"{BASE}/pages/1/questions/new/date",
            {"text": "When did it happen?", "min": ["31", "2", "2026"], "max": ["", "", ""]},
        )
        assert "Earliest date allowed must be a real date, for example 31 3 2027" in response.get_data(
            as_text=True
        )

    def test_a_stored_limit_is_shown_again(self, analyst, annual):
        _post(
            analyst,
            f"{BASE}/pages/1/questions/new/date",
            {"text": "When did it happen?", "min": ["6", "1", "2026"], "max": ["", "", ""]},
        )
        page = analyst.get(f"{BASE}/questions/when_did_it_happen").get_data(as_text=True)
        assert 'id="min-day" name="min" type="text" value="06"' in page


class TestErrorMessage:
    def test_a_required_questions_own_error_message_is_kept_and_dropped_when_optional(
        self, analyst, db_session, annual
    ):
        fields = {"text": "Have you been a victim of crime?", "options": "Yes\nNo\nPrefer not to say"}
        _post(
            analyst,
            f"{BASE}/questions/victim",
            {**fields, "required": "y", "error_message": "Select yes or no"},
        )
        assert _definition(db_session).question("victim").required_message == "Select yes or no"
        _post(analyst, f"{BASE}/questions/victim", {**fields, "error_message": "Select yes or no"})
        assert _definition(db_session).question("victim").error_message is None


class TestEveryKindOfDefinition:
    @pytest.mark.parametrize("name", ["place-report", "worry"])
    def test_every_question_of_a_shipped_template_can_be_opened(self, analyst, db_session, owner, name):
        source = template_path(name).read_text(encoding="utf-8")
        consultation = create_consultation(db_session, owner, source, slug=f"built-{name}")
        base = f"/officer/consultations/{consultation.slug}/build"
        page = analyst.get(base).get_data(as_text=True)
        assert "Preview as a respondent" not in page  # only consultations have a public flow
        for question in parse_definition(source).questions:
            assert analyst.get(f"{base}/questions/{question.id}").status_code == 200, question.id


class TestOnceAnswered:
    def test_the_summary_says_what_changes_are_safe_once_people_have_answered(
        self, analyst, db_session, annual
    ):
        answers = {"victim": (AnswerPart(option="no"),)}
        store_response(db_session, annual, definition_of(annual), answers, channel=Channel.WEB)
        page = analyst.get(BASE).get_data(as_text=True)
        assert "1 person has answered it" in page and "close it and copy it instead" in page

    def test_removing_an_answered_question_is_refused_and_wording_may_still_change(
        self, analyst, db_session, annual
    ):
        answers = {"feel_safer": (AnswerPart(text="Better lighting on the canal path."),)}
        store_response(db_session, annual, definition_of(annual), answers, channel=Channel.WEB)
        before = _versions(db_session)

        refused = _post(analyst, f"{BASE}/questions/feel_safer/remove", {})

        page = refused.get_data(as_text=True)
        assert refused.status_code == 200
        assert "feel_safer" in page and "close the consultation and copy it instead" in page
        assert _versions(db_session) == before
        assert "feel_safer" in [question.id for question in _definition(db_session).questions]

        form = analyst.get(f"{BASE}/questions/feel_safer").get_data(as_text=True)
        assert 'name="text"' in form
        wording = "What one thing would make you feel safer?"
        fields = {"text": wording, "hint": "", "max_length": "2000"}
        changed = _post(analyst, f"{BASE}/questions/feel_safer", fields)
        assert changed.status_code == 302
        assert _versions(db_session) == before + 1
        assert _definition(db_session).question("feel_safer").text == wording


class TestDoubleSubmit:
    def test_adding_a_question_twice_adds_it_once(self, analyst, db_session, annual):
        path = f"{BASE}/pages/1/questions/new/free_text"
        page = analyst.get(path).get_data(as_text=True)
        data = {
            "csrf_token": CSRF_PATTERN.search(page).group(1),
            "based_on": BASED_ON.search(page).group(1),
            "text": "Anything else?",
            "max_length": "2000",
        }
        assert analyst.post(path, data=data).status_code == 302
        again = analyst.post(path, data=data, follow_redirects=True).get_data(as_text=True)
        assert "changed after you opened that page" in again
        ids = [question.id for question in _definition(db_session).questions]
        assert ids.count("anything_else") == 1 and "anything_else_2" not in ids
