"""One database session per request, committed once when the view succeeds; one transaction per
command (``unit_of_work``).

On SQLite a request's work is tried again whole when the database is locked (another writer held on
past the busy timeout): the view runs again from the start in a fresh transaction, with the
respondent's cookie session as it was when the request came in, so a retried request neither loses
nor duplicates anything. A request that still cannot be served, or that meets a full disk or a lost
database connection, gets a 503 page with ``Retry-After`` (``webapp.errors``). Nothing it did is
kept, neither its database work nor its changes to the cookie, and the answers saved on earlier
pages are untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, g, request, session
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.exceptions import ServiceUnavailable

from survey.settings import Settings
from survey.storage.db import begin_write, is_unavailable, retry_on_locked, set_may_write

#: Requests that only read: their transactions may begin deferred, beside the writer.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Seconds a refused request is asked to wait before trying again.
RETRY_AFTER_SECONDS = 10


class DatabaseBusy(ServiceUnavailable):
    """The database stayed locked through every attempt: a 503 with ``Retry-After``, never a 500."""

    def __init__(self) -> None:
        super().__init__(retry_after=RETRY_AFTER_SECONDS)


@dataclass
class DatabaseState:
    """What the app keeps in ``app.extensions['safer_voices']``. Tests swap ``session_factory``."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]

    @staticmethod
    def init_app(app: Flask) -> None:
        # First of the before-request hooks: the transaction mode is chosen before anything reads.
        app.before_request_funcs.setdefault(None, []).insert(0, _choose_transaction_mode)
        app.after_request(_commit_if_successful)
        app.teardown_request(_close)
        app.dispatch_request = _retrying(app.dispatch_request)  # type: ignore[method-assign]


def app_state(app: Flask | None = None) -> DatabaseState:
    """The settings and database of ``app`` (the current app when not given)."""
    return (app or current_app).extensions["safer_voices"]


def db_session() -> Session:
    """The request's session. Core functions flush; the commit happens once, after the view."""
    if "db_session" not in g:
        g.db_session = app_state().session_factory()
    return g.db_session


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction for one command: everything it does is stored, or nothing is.

    The transaction begins (on SQLite: takes the write lock) before the command does anything, and
    that is tried again while the database is locked; once it has begun, the command cannot meet a
    lock, so retrying the beginning is retrying the whole unit of work.
    """
    session = app_state().session_factory()
    try:
        begin_write(session)
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def read_first() -> None:
    """Let this request read before it writes: its next transaction begins as a reader (on SQLite,
    deferred, beside the writer). Call :func:`start_writing` before the first write."""
    db = g.get("db_session")
    if db is None or not db.in_transaction():
        set_may_write(False)


def start_writing() -> None:
    """End the reading this request did and let its writes begin, taking the write lock only now.

    What was read stays loaded and usable (sessions do not expire on commit). The writes must not
    rely on the reads still being current; a submit rechecks its submission key, for example.
    """
    db = g.get("db_session")
    if db is not None and db.in_transaction() and not db.new and not db.dirty and not db.deleted:
        db.commit()
    set_may_write(True)


def commit_now() -> None:
    """Commit this request's writes now, so the write lock is let go before the page is built.

    For a view whose writing is done: what it does after this must not write. A commit that fails
    here fails the request just as the commit after the view would (retried while locked, 503 when
    the database cannot take it), and the cookie the view set is thrown away with it.
    """
    db = g.get("db_session")
    if db is not None and db.in_transaction():
        db.commit()


def rollback() -> None:
    """Throw away this request's changes (error pages call this before anything commits)."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _choose_transaction_mode() -> None:
    set_may_write(request.method not in READING_METHODS)


def _retrying(dispatch: Callable[[], Any]) -> Callable[[], Any]:
    """The view and its commit as one unit of work, tried again whole while the database is locked."""

    def dispatch_and_commit() -> Response:
        response = current_app.make_response(dispatch())
        if response.status_code < 400:
            db = g.get("db_session")
            if db is not None and db.in_transaction():
                db.commit()
        return response

    def dispatch_request() -> Response:
        cookie = copy.deepcopy(dict(session))
        request_globals = dict(vars(g))  # e.g. the signed-in officer, as the attempt found them

        def undo() -> None:
            rollback()
            db = g.get("db_session")
            vars(g).clear()
            vars(g).update(request_globals)
            if db is not None:
                g.db_session = db  # rolled back: the next attempt begins afresh in it
            if not current_app.session_interface.is_null_session(session):
                session.clear()
                session.update(copy.deepcopy(cookie))

        try:
            return retry_on_locked(dispatch_and_commit, undo=undo)
        except Exception as error:
            # Nothing a failed attempt did is kept: not its database work and not its cookie (a
            # submit that set "sent" before its commit failed must not show a confirmation).
            undo()
            if is_unavailable(error):
                raise DatabaseBusy() from error
            raise

    return dispatch_request


def _commit_if_successful(response: Response) -> Response:
    db = g.get("db_session")
    if db is not None and db.in_transaction():
        if response.status_code < 400:
            db.commit()  # a failure here raises, and the request becomes an error page
        else:
            db.rollback()
    return response


def _close(_error: BaseException | None) -> None:
    set_may_write(True)
    db = g.pop("db_session", None)
    if db is not None:
        db.rollback()
        db.close()
