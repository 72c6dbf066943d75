"""When the database cannot be reached (a PostgreSQL restart, a lost connection), a page is a 503 with
Retry-After and a friendly page that asks the database nothing, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

import webapp.public.site as site


def _gone(*_args, **_kwargs):
    raise OperationalError("SELECT partnership", {}, Exception("server closed the connection unexpectedly"),
                           connection_invalidated=True)


@pytest.mark.parametrize("path", ["/", "/safe-spaces", "/help"])
def test_a_lost_database_connection_is_a_503_with_retry_after(client, monkeypatch, path):
    monkeypatch.setattr(site, "site_partnership", _gone)
    response = client.get(path)
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    page = response.get_data(as_text=True)
    assert "Sorry, the service is busy" in page and "Safer Voices" in page
