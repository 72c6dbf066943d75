"""One database session per request, committed once when the view succeeds; one transaction per
command (``unit_of_work``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, Response, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from survey.settings import Settings


@dataclass
class DatabaseState:
    """What the app keeps in ``app.extensions['safer_voices']``. Tests swap ``session_factory``."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]

    @staticmethod
    def init_app(app: Flask) -> None:
        app.after_request(_commit_if_successful)
        app.teardown_request(_close)


def app_state() -> DatabaseState:
    return current_app.extensions["safer_voices"]


def db_session() -> Session:
    """The request's session. Core functions flush; the commit happens once, after the view."""
    if "db_session" not in g:
        g.db_session = app_state().session_factory()
    return g.db_session


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction for one command: everything it does is stored, or nothing is."""
    session = app_state().session_factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def rollback() -> None:
    """Throw away this request's changes (error pages call this before anything commits)."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _commit_if_successful(response: Response) -> Response:
    session = g.get("db_session")
    if session is not None:
        if response.status_code < 400:
            session.commit()  # a failure here raises, and the request becomes a 500 page
        else:
            session.rollback()
    return response


def _close(_error: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
