"""The rules of data sharing that need no database: when an agreement gives access, what state a link
is in, how a token is kept, and that shared counts follow the public figures' threshold."""

from __future__ import annotations

import datetime as dt

from analysis.disclosure import THRESHOLD
from survey.sharing.agreements import Access, access_of
from survey.sharing.links import MAX_DAYS, LinkState, state_of, token_hash
from survey.sharing.places import SMALLEST_COUNT
from survey.storage.models import ExportLink, SharingAgreement

START, REVIEW = dt.date(2026, 12, 1), dt.date(2027, 11, 30)
NOW = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)


def agreement(**overrides) -> SharingAgreement:
    return SharingAgreement(starts_on=START, review_on=REVIEW, **overrides)


def link(**overrides) -> ExportLink:
    return ExportLink(expires_at=NOW + dt.timedelta(days=7), **overrides)


class TestAgreementAccess:
    def test_access_runs_from_the_start_date_to_the_review_date_inclusive(self):
        assert access_of(agreement(), START - dt.timedelta(days=1)) == Access.NOT_STARTED
        assert access_of(agreement(), START) == Access.ACTIVE
        assert access_of(agreement(), REVIEW) == Access.ACTIVE
        assert access_of(agreement(), REVIEW + dt.timedelta(days=1)) == Access.ENDED

    def test_a_revoked_agreement_gives_no_access_whatever_the_date(self):
        assert access_of(agreement(revoked_at=NOW), START) == Access.REVOKED


class TestLinkState:
    def test_a_link_expires_at_its_moment(self):
        assert state_of(link(), NOW + dt.timedelta(days=7, seconds=-1)) == LinkState.AVAILABLE
        assert state_of(link(), NOW + dt.timedelta(days=7)) == LinkState.EXPIRED

    def test_used_and_revoked_say_what_happened_even_after_expiry(self):
        later = NOW + dt.timedelta(days=30)
        assert state_of(link(used_at=NOW), later) == LinkState.USED
        assert state_of(link(revoked_at=NOW), later) == LinkState.REVOKED

    def test_the_stored_hash_is_not_the_token(self):
        assert token_hash("abc") != "abc" and len(token_hash("abc")) == 64
        assert token_hash("abc") == token_hash("abc") != token_hash("abd")

    def test_no_link_lasts_more_than_two_weeks(self):
        assert MAX_DAYS == 14


def test_shared_counts_follow_the_public_threshold():
    assert SMALLEST_COUNT == THRESHOLD
