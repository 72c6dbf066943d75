"""Check a report: the reference and check code in, the report's status and the officer's reply out.

The two are only ever sent in a form's body (POST), never in a web address, and never logged. A
wrong code and an unknown reference get the same words, and both count: towards the reference's
daily lock (``survey.triage.check``) and towards this browser's and this address's limits on wrong
tries (Flask-Limiter, keyed as in ``webapp.extensions``). The answer pages carry the two on to the
withdraw step in hidden fields, so nothing about the report is kept in the session.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from survey.triage.check import CheckOutcome, CheckResult, check_report, withdraw_report
from survey.triage.codes import normalise
from webapp.check import texts
from webapp.database import db_session
from webapp.extensions import limiter, session_key
from webapp.public.language import t

bp = Blueprint("check", __name__, url_prefix="/check-a-report")

#: Wrong tries allowed per browser and per network address (a school shares one), besides the
#: reference's own lock of 10 a day. Only wrong tries count: a class checking its reports is not held up.
PER_SESSION_WRONG_TRIES = "10 per minute"
PER_ADDRESS_WRONG_TRIES = "30 per minute"
#: Longer than any reference or code typed with spaces and dashes; anything beyond is not one.
LONGEST_TYPED = 40

MISSING = {"reference": texts.ENTER_REFERENCE, "code": texts.ENTER_CODE}


def _was_wrong(_response: Response) -> bool:
    return bool(g.get("wrong_check_try"))


def _limited(view: Any) -> Any:
    """The two limits on wrong tries, shared by checking and withdrawing."""
    view = limiter.shared_limit(
        PER_SESSION_WRONG_TRIES, "check-a-report-session", key_func=session_key, methods=["POST"],
        deduct_when=_was_wrong,
    )(view)
    return limiter.shared_limit(
        PER_ADDRESS_WRONG_TRIES, "check-a-report-address", methods=["POST"], deduct_when=_was_wrong
    )(view)


def _typed() -> tuple[str, str]:
    """The reference and code as typed into the form."""
    return (
        (request.form.get("reference") or "").strip()[:LONGEST_TYPED],
        (request.form.get("code") or "").strip()[:LONGEST_TYPED],
    )


def _missing(reference: str, code: str) -> dict[str, str]:
    typed = {"reference": reference, "code": code}
    return {field: t(message) for field, message in MISSING.items() if not normalise(typed[field])}


def _refused(result: CheckResult) -> dict[str, str]:
    """The one error for a wrong code or unknown reference (or a lock), counted as a wrong try."""
    g.wrong_check_try = True
    return {"reference": t(texts.LOCKED if result.outcome is CheckOutcome.LOCKED else texts.NO_MATCH)}


def _form(*, withdrawing: bool, reference: str, code: str, errors: dict[str, str]) -> Any:
    return render_template(
        "check/form.html",
        title=t(texts.WITHDRAW_A_REPORT if withdrawing else texts.CHECK_A_REPORT),
        withdrawing=withdrawing,
        reference=reference,
        code=code,
        errors=errors,
        errors_list=[{"text": message, "href": f"#{field}"} for field, message in errors.items()],
        error_title=bool(errors),
    )


@bp.route("", methods=["GET", "POST"])
@_limited
def check_page() -> Any:
    reference, code = _typed()
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _missing(reference, code)
        if not errors:
            result = check_report(db_session(), reference, code)
            if result.outcome is CheckOutcome.FOUND:
                return render_template(
                    "check/report.html", title=t(texts.YOUR_REPORT), result=result, reference=reference,
                    code=code,
                )
            errors = _refused(result)
    return _form(withdrawing=False, reference=reference, code=code, errors=errors)


@bp.route("/withdraw", methods=["GET", "POST"])
@_limited
def withdraw() -> Any:
    """Withdraw in two steps: the reference and code, then "are you sure" (``confirm=yes``)."""
    reference, code = _typed()
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _missing(reference, code)
        if not errors:
            confirmed = request.form.get("confirm") == "yes"
            result = (withdraw_report if confirmed else check_report)(db_session(), reference, code)
            if result.outcome is CheckOutcome.FOUND and confirmed:
                session["report_withdrawn"] = True
                return redirect(url_for("check.withdrawn"))
            if result.outcome is CheckOutcome.FOUND:
                return render_template(
                    "check/withdraw_confirm.html",
                    title=t(texts.ARE_YOU_SURE),
                    reference=reference,
                    code=code,
                )
            errors = _refused(result)
    return _form(withdrawing=True, reference=reference, code=code, errors=errors)


@bp.route("/withdrawn")
def withdrawn() -> Any:
    # Shown once: a shared phone must not go on saying that a report was withdrawn from it.
    if not session.pop("report_withdrawn", False):
        return redirect(url_for("check.check_page"))
    return render_template("check/withdrawn.html", title=t(texts.WITHDRAWN))
