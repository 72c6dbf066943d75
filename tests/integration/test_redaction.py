"""Correcting responses through the officer pages: the personal-details flags set at submit, the
review list, redacting words and deleting a response, and what exports and shared data quote."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select, update

from analysis.exports.raw import WITHHELD, responses_csv
from analysis.free_text import FreeTextQuery, free_text_items
from survey.consultations import definition_of
from survey.responses.redaction import REDACTED
from survey.storage.models import Answer, AuditEvent, Consultation, ReportNote, Response
from survey.storage.types import utcnow
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.triage import Forms
from tests.web import csrf_token, sign_in

PHONE = "07700 900123"
WORDS = f"The lad at the corner shop sells drugs, ring him on {PHONE} and see"


def signed_in(client, db_session, partnership, role=Role.ADMIN):
    officer = make_officer(db_session, partnership, role)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return officer


def text_answer(db_session, response: Response) -> Answer:
    return db_session.scalar(
        select(Answer).where(Answer.response_id == response.id, Answer.text.is_not(None))
    )


def redact_url(response: Response, answer: Answer) -> str:
    return f"/officer/responses/{response.reference}/answers/{answer.id}/redact"


def audit(db_session, action: str) -> list[AuditEvent]:
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


class TestFlagsAtSubmit:
    def test_a_phone_number_is_flagged_by_kind_and_waits_for_review(self, db_session):
        response = Forms(db_session, make_partnership(db_session)).survey(WORDS)
        answer = text_answer(db_session, response)
        assert (answer.personal_data, answer.personal_data_reviewed_at) == ("phone", None)

    def test_everyday_words_are_not_flagged(self, db_session):
        response = Forms(db_session, make_partnership(db_session)).survey("Better street lighting please")
        assert text_answer(db_session, response).personal_data is None

    def test_a_csv_import_is_scanned_too(self, db_session):
        from survey.answers import AnswerPart
        from survey.responses.store import NewResponse, store_responses
        from survey.vocabulary import Channel

        forms = Forms(db_session, make_partnership(db_session))
        consultation = forms.by_template["community-safety"]
        batch = [NewResponse({"feel_safer": (AnswerPart(text="email me at jo@example.com"),)}, Channel.PAPER)]
        store_responses(db_session, consultation, definition_of(consultation), batch)
        flags = db_session.scalars(
            select(Answer.personal_data).where(Answer.consultation_id == consultation.id)
        )
        assert list(flags) == ["email"]


class TestReviewList:
    def test_a_flagged_answer_is_listed_and_an_analyst_keeps_it(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        signed_in(client, db_session, partnership, Role.ANALYST)
        page = client.get("/officer/responses/personal-details").get_data(as_text=True)
        assert response.reference in page and "a phone number" in page and "Keep as it is" in page
        assert "Remove words" not in page  # only administrators redact

        answer = text_answer(db_session, response)
        url = f"/officer/responses/{response.reference}/answers/{answer.id}/keep"
        token = csrf_token(client, "/officer/responses/personal-details")
        assert client.post(url, data={"csrf_token": token}).status_code == 302
        assert client.post(url, data={"csrf_token": token}).status_code == 302  # a double click
        answer = db_session.get_one(Answer, answer.id, populate_existing=True)
        assert answer.personal_data_reviewed_at is not None
        assert len(audit(db_session, "personal_data_kept")) == 1
        assert PHONE not in str([event.details for event in audit(db_session, "personal_data_kept")])
        page = client.get("/officer/responses/personal-details").get_data(as_text=True)
        assert "There are no answers waiting to be reviewed." in page

    def test_a_keep_without_its_token_changes_nothing(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        signed_in(client, db_session, partnership, Role.ANALYST)
        answer_id, reference = text_answer(db_session, response).id, response.reference
        db_session.commit()  # a refused request rolls back: the records must outlive it
        client.post(f"/officer/responses/{reference}/answers/{answer_id}/keep", data={})
        answer = db_session.get_one(Answer, answer_id, populate_existing=True)
        assert answer.personal_data_reviewed_at is None

    def test_another_partnership_sees_none_of_them(self, client, db_session):
        Forms(db_session, make_partnership(db_session)).survey(WORDS)
        signed_in(client, db_session, make_partnership(db_session, "south"))
        page = client.get("/officer/responses/personal-details").get_data(as_text=True)
        assert PHONE not in page and "There are no answers waiting" in page


class TestRedacting:
    def test_the_check_page_then_the_redaction_audited_without_the_words(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        db_session.add(ReportNote(response_id=response.id, text=f"Rang {PHONE}: no answer"))
        db_session.flush()
        signed_in(client, db_session, partnership)
        answer = text_answer(db_session, response)
        form = client.get(redact_url(response, answer)).get_data(as_text=True)
        assert f'value="{PHONE}"' in form  # offered as a checkbox, found by the scan
        token = csrf_token(client, redact_url(response, answer))
        data = {"csrf_token": token, "found": PHONE, "words": "", "reason": "a phone number"}

        check = client.post(redact_url(response, answer), data=data).get_data(as_text=True)
        assert "Check the redaction" in check and f"ring him on {REDACTED} and see" in check
        answer = db_session.get_one(Answer, answer.id, populate_existing=True)
        assert PHONE in answer.text  # nothing changed yet

        done = client.post(redact_url(response, answer), data={**data, "confirmed": "yes"})
        assert done.status_code == 302 and done.headers["Location"].endswith(
            f"/officer/reports/{response.reference}"
        )
        again = client.post(redact_url(response, answer), data={**data, "confirmed": "yes"})
        assert again.status_code == 302  # a double submit: one redaction
        answer = db_session.get_one(Answer, answer.id, populate_existing=True)
        assert answer.text == f"The lad at the corner shop sells drugs, ring him on {REDACTED} and see"
        assert (answer.personal_data, answer.personal_data_reviewed_at is not None) == (None, True)
        note = db_session.scalar(select(ReportNote).where(ReportNote.response_id == response.id))
        assert note.text == f"Rang {REDACTED}: no answer"
        (event,) = audit(db_session, "answer_redacted")
        assert event.target_id == response.reference and event.details["reason"] == "a phone number"
        assert event.details["question_id"] == "feel_safer" and PHONE not in str(event.details)

    def test_typed_words_not_in_the_answer_and_no_reason_are_errors_and_change_nothing(
        self, client, db_session
    ):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        signed_in(client, db_session, partnership)
        answer = text_answer(db_session, response)
        token = csrf_token(client, redact_url(response, answer))
        page = client.post(
            redact_url(response, answer), data={"csrf_token": token, "words": "Dave", "reason": ""}
        )
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "govuk-error-summary" in text and "Enter the reason" in text
        page = client.post(
            redact_url(response, answer),
            data={"csrf_token": token, "words": "Dave", "reason": "a name", "confirmed": "yes"},
        )
        assert "The answer does not contain “Dave”" in page.get_data(as_text=True)
        page = client.post(
            redact_url(response, answer),
            data={
                "csrf_token": token,
                "words": "corner shop",
                "reason": "the corner shop",
                "confirmed": "yes",
            },
        )
        assert "must not repeat the words" in page.get_data(as_text=True)
        answer = db_session.get_one(Answer, answer.id, populate_existing=True)
        assert answer.text == WORDS and audit(db_session, "answer_redacted") == []

    def test_sentiment_is_scored_again_from_the_new_words(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(
            "I love the new lights, wonderful, thank you Dave Brown"
        )
        answer = text_answer(db_session, response)
        signed_in(client, db_session, partnership)
        token = csrf_token(client, redact_url(response, answer))
        client.post(
            redact_url(response, answer),
            data={
                "csrf_token": token,
                "words": "I love the new lights, wonderful, thank you",
                "reason": "test",
                "confirmed": "yes",
            },
        )
        answer = db_session.get_one(Answer, answer.id, populate_existing=True)
        assert answer.text == f"{REDACTED} Dave Brown"
        assert answer.sentiment_compound in (None, 0.0)

    def test_an_analyst_may_not_redact_and_another_partnership_finds_nothing(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        answer = text_answer(db_session, response)
        signed_in(client, db_session, make_partnership(db_session, "south"))
        assert client.get(redact_url(response, answer)).status_code == 404
        assert client.get(f"/officer/responses/{response.reference}/delete").status_code == 404


class TestDeleting:
    def test_a_reason_then_the_response_and_its_answers_are_gone(self, client, db_session):
        partnership = make_partnership(db_session)
        forms = Forms(db_session, partnership)
        response, kept = forms.survey("typed twice", area="live"), forms.survey("typed once", area="live")
        consultation_id, reference = response.consultation_id, response.reference
        signed_in(client, db_session, partnership)
        url = f"/officer/responses/{reference}/delete"
        token = csrf_token(client, url)
        page = client.post(url, data={"csrf_token": token, "reason": " "})
        assert "Enter the reason" in page.get_data(as_text=True)
        assert db_session.get(Response, response.id) is not None

        done = client.post(url, data={"csrf_token": token, "reason": "a paper form typed in twice"})
        assert done.status_code == 302
        assert client.post(url, data={"csrf_token": token, "reason": "again"}).status_code == 404
        db_session.expire_all()
        assert db_session.get(Response, kept.id) is not None
        remaining = db_session.scalar(
            select(func.count()).select_from(Response).where(Response.consultation_id == consultation_id)
        )
        assert remaining == 1
        assert (
            db_session.scalar(select(func.count()).select_from(Answer).where(Answer.text == "typed twice"))
            == 0
        )
        (event,) = audit(db_session, "response_deleted")
        assert (event.target_id, event.details["reason"]) == (reference, "a paper form typed in twice")
        assert "typed twice" not in str(event.details)


class TestQuotes:
    def test_the_raw_export_holds_back_unreviewed_words_until_they_are_kept(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        consultation = db_session.get_one(Consultation, response.consultation_id)
        export = responses_csv(db_session, consultation, definition_of(consultation))
        assert PHONE not in export and WITHHELD in export
        rows = list(csv.reader(io.StringIO(export.removeprefix("\ufeff"))))
        assert len(rows) == 2  # the response is still counted, only its words held back

        signed_in(client, db_session, partnership, Role.ANALYST)
        answer = text_answer(db_session, response)
        client.post(
            f"/officer/responses/{response.reference}/answers/{answer.id}/keep",
            data={"csrf_token": csrf_token(client, "/officer/responses/personal-details")},
        )
        db_session.expire_all()
        assert PHONE in responses_csv(db_session, consultation, definition_of(consultation))

    def test_the_themes_quote_no_unreviewed_answer_and_officers_still_read_it(self, db_session):
        forms = Forms(db_session, make_partnership(db_session))
        flagged = forms.survey(WORDS)
        forms.survey("More police patrols at night")
        consultation = db_session.get_one(Consultation, flagged.consultation_id)
        definition = definition_of(consultation)
        hidden, total = free_text_items(
            db_session, consultation, definition, FreeTextQuery(hide_unreviewed_personal_data=True)
        )
        assert total == 1 and [item.text for item in hidden] == ["More police patrols at night"]
        shown, total = free_text_items(db_session, consultation, definition)
        assert total == 2 and {item.personal_data for item in shown} == {("phone",), ()}


class TestSharedPlaceReports:
    def test_flagged_words_cross_to_no_one_until_reviewed(self, db_session):
        from survey.sharing.places import Area, shared_reports
        from tests.places import INSIDE, make_place_consultation, store_place_report

        partnership = make_partnership(db_session)
        consultation = make_place_consultation(db_session, partnership)
        place = {"latitude": INSIDE[0], "longitude": INSIDE[1]}
        store_place_report(db_session, consultation, place=place, details=f"Ring Dave on {PHONE}")
        store_place_report(db_session, consultation, place=place, details="Dark and empty after six")

        def shared() -> str:
            return str(shared_reports(db_session, Area(partnership.id), free_text=True))

        assert PHONE not in shared() and "Dark and empty after six" in shared()
        db_session.execute(
            update(Answer).where(Answer.personal_data.is_not(None)).values(personal_data_reviewed_at=utcnow())
        )
        assert PHONE in shared()


class TestOfficersReadingFreeText:
    def test_the_free_text_page_shows_a_flagged_answer_with_its_tag(self, client, db_session):
        partnership = make_partnership(db_session)
        response = Forms(db_session, partnership).survey(WORDS)
        slug = db_session.get_one(Consultation, response.consultation_id).slug
        signed_in(client, db_session, partnership, Role.VIEWER)
        page = client.get(f"/officer/consultations/{slug}/results/free-text").get_data(as_text=True)
        assert PHONE in page and "May contain personal details: phone" in page
