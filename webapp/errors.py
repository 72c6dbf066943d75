"""Friendly error pages: what happened and what to do, never a stack trace."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, g, render_template
from flask_babel import get_locale
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, SQLAlchemyError
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from survey.languages import N_, translate
from survey.storage.db import is_unavailable, set_may_write
from webapp.database import RETRY_AFTER_SECONDS, DatabaseBusy
from webapp.database import rollback as _rollback

logger = logging.getLogger(__name__)

PAGES = {
    400: (N_("Sorry, there is a problem with your request"), N_("Go back and try again.")),
    403: (
        N_("You do not have permission to see this page"),
        N_("Ask an administrator in your partnership if you need access."),
    ),
    404: (
        N_("Page not found"),
        N_("If you typed the web address, check it is correct. "
           "If you pasted it, check you copied the entire address."),
    ),
    405: (N_("Sorry, you cannot do that here"), N_("Go back and use the buttons on the page.")),
    413: (N_("The file or answer you sent is too large"), N_("Go back and send something smaller.")),
    429: (N_("You have tried too many times"), N_("Wait a few minutes, then try again.")),
    500: (
        N_("Sorry, there is a problem with the service"),
        N_("Try again later. Nothing you sent has been saved."),
    ),
    503: (
        N_("Sorry, the service is busy"),
        N_("Wait a minute, then go back and send the page again. What you sent on this page has not "
           "been saved, but answers you saved before are safe."),
    ),
}
#: A form sent after its session ran out (CSRF): its own page, not a plain 400.
EXPIRED_TITLE = N_("Your session has expired")
EXPIRED_HEADING = N_("Sorry, this page has expired")
EXPIRED_ADVICE = N_("Go back, reload the page and try again. Nothing has been saved.")


def t(text: str) -> str:
    # The page's language as Flask-Babel chose it (errors sit below webapp.public, so not its ``t``).
    return translate(text, str(get_locale() or "en"))


def render_error(status: int) -> tuple[str, int, dict[str, str]]:
    heading, advice = (t(text) for text in PAGES.get(status, PAGES[500] if status >= 500 else PAGES[400]))
    # A busy service says when to come back; browsers, proxies and load tests all read it.
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == DatabaseBusy.code else {}
    if status == DatabaseBusy.code:
        g.database_unavailable = True  # the layout must not ask the database for the site's name
    return render_template("errors/error.html", title=heading, heading=heading, advice=advice,
                           status=status), status, headers


def rollback() -> None:
    """Throw away the request's changes; the error page only reads, beside any writer (SQLite)."""
    try:
        _rollback()
    except SQLAlchemyError:
        pass  # the connection is gone (a database restart): there is nothing left to throw away
    set_may_write(False)


def _log(error: BaseException, what: str) -> None:
    # Where it failed goes to the server log for the team; the page never shows it. Not the
    # exception's message: it can quote what a respondent typed. No request details either.
    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error("%s: %s\n%s", what, type(error).__name__, frames)


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> Any:
        rollback()
        page, status = render_template(
            "errors/error.html", title=t(EXPIRED_TITLE), heading=t(EXPIRED_HEADING), advice=t(EXPIRED_ADVICE),
            status=400,
        ), 400
        return page, status

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Any:
        rollback()
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code)

    @app.errorhandler(DataError)
    def _bad_data(error: DataError) -> Any:
        # A value the database cannot hold (PostgreSQL refuses a NUL character in text) is the
        # request's fault, not the service's: say so, keep nothing.
        rollback()
        _log(error, "Value refused by the database")
        return render_error(BadRequest.code)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        rollback()
        if is_unavailable(error):  # locked, full or gone outside the retried unit of work: busy
            _log(error, "Database unavailable")
            return render_error(DatabaseBusy.code)
        _log(error, "Unhandled error")
        return render_error(InternalServerError.code)
