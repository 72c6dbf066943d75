"""The import wizard beyond its first walk-through: files as big as the command line takes, the mapping
saved for next year, and every problem the import itself would find shown before anything is stored."""

from __future__ import annotations

import pytest

from survey.responses.csv_import import MAX_FILE_BYTES
from tests.integration.test_import_wizard import (  # noqa: F401  (fixtures)
    GOOGLE,
    WIZARD,
    analyst,
    annual,
    kept,
    owner,
    upload,
)
from webapp import REQUEST_LIMIT


def google_forms_of_size(size: int) -> bytes:
    """The Google Forms sample with its rows repeated until the file is at least ``size`` bytes."""
    header, *rows = GOOGLE.splitlines(keepends=True)
    body = b"".join(rows)
    return header + body * (size // len(body) + 1)


@pytest.fixture
def wizard(analyst, kept):  # noqa: F811
    return analyst, kept


class TestFileSize:
    def test_a_file_bigger_than_other_forms_take_but_within_the_limit_is_accepted(self, wizard):
        client, kept_files = wizard
        data = google_forms_of_size(REQUEST_LIMIT + 1024 * 1024)
        assert REQUEST_LIMIT < len(data) < MAX_FILE_BYTES
        response = upload(client, data)
        assert response.status_code == 302 and response.headers["Location"] == f"{WIZARD}/matches"
        assert len(kept_files()) == 1

    def test_a_file_just_over_the_limit_is_refused_on_the_form_with_the_limit(self, wizard):
        client, kept_files = wizard
        data = google_forms_of_size(MAX_FILE_BYTES + 100 * 1024)
        response = upload(client, data)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "the most that can be imported at once is 20 MB" in page and kept_files() == []

    def test_a_file_far_over_the_limit_gets_the_too_large_page(self, wizard):
        client, kept_files = wizard
        response = upload(client, google_forms_of_size(MAX_FILE_BYTES + 2 * 1024 * 1024))
        assert response.status_code == 413
        assert "The file or answer you sent is too large" in response.get_data(as_text=True)
        assert kept_files() == []
