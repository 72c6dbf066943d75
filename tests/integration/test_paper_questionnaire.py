"""The printed questionnaire (``safer-voices consultations paper`` and the officers' download):
every question numbered as paper entry numbers it, with its instructions and conditions in words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from survey.consultations import create_consultation
from survey.definitions.definition import load_template, template_path
from survey.definitions.numbering import question_numbers
from survey.vocabulary import ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.questionnaires import numbered_questions, pdf_text, pdf_title, word_heights
from tests.web import CSRF_PATTERN, sign_in

SLUG = "annual"
TEMPLATE = load_template("community-safety")


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north", "Northtown Community Safety Partnership")


@pytest.fixture
def annual(db_session, north):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, north, source, slug=SLUG, status=ConsultationStatus.OPEN)


@pytest.fixture
def place_reports(db_session, north):
    """A form for reporting places: it has no public page, so nothing to print."""
    source = template_path("place-report").read_text(encoding="utf-8")
    return create_consultation(db_session, north, source, slug="places", status=ConsultationStatus.OPEN)


def _print(runner, tmp_path, *extra):
    output = tmp_path / "questionnaire.pdf"
    result = runner.invoke(args=["consultations", "paper", SLUG, "-o", str(output), *extra])
    assert result.exit_code == 0, result.output
    return output.read_bytes(), result.output


class TestTheCommand:
    def test_every_question_is_printed_with_its_number_in_order(self, runner, annual, tmp_path):
        pdf, _ = _print(runner, tmp_path)
        text = pdf_text(pdf, tmp_path)
        numbers = question_numbers(TEMPLATE)
        assert numbered_questions(text) == sorted(numbers.values())
        position = 0
        for question in TEMPLATE.questions:
            heading = text.index(f"Question {numbers[question.id]} ", position)
            position = text.index(question.text, heading)  # the question's words follow its number
            if numbers[question.id] < len(numbers):
                assert position < text.index(f"Question {numbers[question.id] + 1} ", heading)

    def test_it_says_who_asks_how_to_answer_and_the_privacy_notice(self, runner, annual, tmp_path):
        pdf, output = _print(runner, tmp_path)
        text = pdf_text(pdf, tmp_path)
        assert text.startswith("Northtown Community Safety Partnership Community safety consultation")
        assert "This survey is anonymous. We do not ask for your name" in text
        assert "http://127.0.0.1:5000/consultations/annual/" in text and "Scan the QR code" in text
        assert "Its QR code opens http://127.0.0.1:5000/consultations/annual/" in output
        assert pdf_title(pdf, tmp_path) == "Community safety consultation"

    def test_instructions_and_conditions_are_in_words(self, runner, annual, tmp_path):
        pdf, _ = _print(runner, tmp_path)
        text = pdf_text(pdf, tmp_path)
        assert "Number them from 1 (most important) to 5." in text
        assert "Tick all that apply." in text and "Tick one." in text
        assert "If you ticked ‘Other - please specify’, write it here:" in text
        assert "If you answered ‘No’ or ‘Prefer not to say’, go to question 8." in text
        assert "Answer question 7 only if you answered ‘Yes’ to question 6." in text
        # The condition comes before the question it is about, the go-to after the one it follows.
        assert (
            text.index("go to question 8")
            < text.index("Answer question 7 only if")
            < text.index("Did you report it to the police?")
        )

    def test_large_print_sets_every_word_at_16_points_or_more(self, runner, annual, tmp_path):
        standard, _ = _print(runner, tmp_path)
        large, output = _print(runner, tmp_path, "--large-print")
        assert "large print paper questionnaire" in output
        assert min(word_heights(large, tmp_path)) >= 16 - 0.01  # a word's box is its size or more
        assert min(word_heights(standard, tmp_path)) < 16  # the check can tell them apart
        assert "Large print" in pdf_text(large, tmp_path)

    def test_an_unknown_slug_is_refused(self, runner, north, tmp_path):
        result = runner.invoke(args=["consultations", "paper", "nope", "-o", str(tmp_path / "x.pdf")])
        assert result.exit_code == 1 and "There is no consultation with the slug 'nope'" in result.output
        assert not (tmp_path / "x.pdf").exists()

    def test_a_form_that_is_not_a_consultation_is_refused(self, runner, place_reports, tmp_path):
        result = runner.invoke(args=["consultations", "paper", "places", "-o", str(tmp_path / "x.pdf")])
        assert result.exit_code == 1 and "only consultations are printed" in result.output
        assert not (tmp_path / "x.pdf").exists()


def test_the_command_line_and_the_app_start_without_loading_reportlab():
    """Every ``safer-voices`` command imports the officer pages; reportlab waits for a PDF."""
    check = "import sys, webapp.cli.group; sys.exit('reportlab' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], cwd=Path(__file__).parents[2], timeout=120)
    assert result.returncode == 0


class TestTheDownload:
    def test_a_viewer_downloads_it_from_the_consultation_page(
        self, client, db_session, north, annual, tmp_path
    ):
        viewer = make_officer(db_session, north, Role.VIEWER)
        sign_in(client, viewer.email, PASSWORD)
        page = client.get(f"/officer/consultations/{SLUG}").get_data(as_text=True)
        assert f'href="/officer/consultations/{SLUG}/questionnaire.pdf"' in page
        assert f'href="/officer/consultations/{SLUG}/questionnaire-large-print.pdf"' in page
        response = client.get(f"/officer/consultations/{SLUG}/questionnaire.pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert "annual-questionnaire.pdf" in response.headers["Content-Disposition"]
        text = pdf_text(response.data, tmp_path)
        assert "Question 1 How would you rank these issues" in text
        assert f"http://localhost/consultations/{SLUG}/" in text
        large = client.get(f"/officer/consultations/{SLUG}/questionnaire-large-print.pdf")
        assert "annual-questionnaire-large-print.pdf" in large.headers["Content-Disposition"]
        assert min(word_heights(large.data, tmp_path)) >= 16 - 0.01

    def test_a_place_report_form_has_no_questionnaire(self, client, db_session, north, place_reports):
        sign_in(client, make_officer(db_session, north, Role.ADMIN).email, PASSWORD)
        assert client.get("/officer/consultations/places/questionnaire.pdf").status_code == 404


def _heading_number(page: str) -> int | None:
    match = re.search(r'<span class="govuk-caption-l">Question (\d+)( of \d+)?</span>', page)
    assert match, "no question heading"
    assert match.group(2) is None, "paper entry promises no total"
    return int(match.group(1))


class TestPaperEntryFollowsTheNumbers:
    def _begin(self, client, db_session, north):
        sign_in(client, make_officer(db_session, north, Role.ANALYST).email, PASSWORD)
        page = client.get(f"/consultations/{SLUG}/?channel=paper").get_data(as_text=True)
        token = CSRF_PATTERN.search(page).group(1)
        started = client.post(f"/consultations/{SLUG}/start", data={"csrf_token": token, "channel": "paper"})
        return started.headers["Location"]

    def _walk(self, client, location, answers):
        """Each page's heading number by question id, answering as ``answers`` says (else blank)."""
        seen = {}
        while "/questions/" in location:
            page = client.get(location).get_data(as_text=True)
            question_id = location.rsplit("/", 1)[-1]
            seen[question_id] = _heading_number(page)
            token = CSRF_PATTERN.search(page).group(1)
            location = client.post(
                location, data={"csrf_token": token, **answers.get(question_id, {})}
            ).headers["Location"]
        return seen, location

    def test_every_page_shows_the_printed_number(self, client, db_session, north, annual, runner, tmp_path):
        seen, _ = self._walk(client, self._begin(client, db_session, north), {"victim": {"answer": "yes"}})
        assert seen == question_numbers(TEMPLATE)
        text = pdf_text(_print(runner, tmp_path)[0], tmp_path)
        for question in TEMPLATE.questions:  # the same number stands before the same words on paper
            assert re.search(
                rf"Question {seen[question.id]} (Answer question \d+ only if [^.]*\. )?"
                rf"{re.escape(question.text)}",
                text,
            ), question.id

    def test_a_skipped_question_keeps_the_numbers_after_it(self, client, db_session, north, annual):
        seen, check = self._walk(client, self._begin(client, db_session, north), {"victim": {"answer": "no"}})
        assert "reported" not in seen and seen["feel_safer"] == 8  # the web would call it question 7
        page = client.get(check).get_data(as_text=True)
        assert '<span class="govuk-caption-m">Question 8</span>What would make you feel safer?' in page
        assert "Question numbers are the ones printed on the form." in page

    def test_the_web_flow_keeps_counting_the_questions_shown(self, client, annual):
        page = client.get(f"/consultations/{SLUG}/").get_data(as_text=True)
        token = CSRF_PATTERN.search(page).group(1)
        location = client.post(f"/consultations/{SLUG}/start", data={"csrf_token": token}).headers["Location"]
        seen, check = self._walk(client, location, {"victim": {"answer": "no"}})
        assert seen["feel_safer"] == 7
        assert "govuk-caption-m" not in client.get(check).get_data(as_text=True)
