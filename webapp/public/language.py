"""Which language a page is in, and the switcher that changes it (links: no JavaScript needed).

The order: officer pages are always English (en-GB); then the visitor's choice, kept in a strictly
necessary cookie set by a switcher link; then, on a first visit, the browser's ``Accept-Language``;
else English. Templates translate with Flask-Babel's ``_()``; Python texts (``N_``-marked in their
texts module) with :func:`t`. Both read :mod:`survey.languages`' one catalogue.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from flask import Blueprint, Flask, current_app, redirect, request
from flask_babel import Babel, Domain, get_locale

from survey.consultations import definition_of
from survey.languages import (
    ENGLISH,
    LANGUAGES,
    Language,
    best_match,
    english_name,
    language,
    offered,
    translate,
    translations,
)
from survey.storage.models import Consultation
from webapp.database import app_state

LANGUAGE_COOKIE = "safer_voices_language"
COOKIE_SECONDS = 365 * 24 * 3600
#: Pages for staff, never translated: "Officer pages stay in English".
STAFF_PATHS = ("/officer", "/sign-in", "/sign-out", "/two-factor", "/password", "/shared")
STAFF_BLUEPRINTS = {"auth", "two_factor", "shared_links"}
NO_QUERY_BLUEPRINTS = {"check"}

bp = Blueprint("language", __name__)


def staff_page() -> bool:
    return request.blueprint in STAFF_BLUEPRINTS or request.path.startswith(STAFF_PATHS)


def page_language() -> Language:
    """The language of the page being served."""
    if staff_page():
        return ENGLISH
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if offered(chosen):
        return language(chosen)
    return best_match(request.headers.get("Accept-Language"))


def current_language() -> Language:
    """The language Flask-Babel settled on for this request (English outside a request)."""
    return language(str(get_locale() or ENGLISH.code))


def t(text: str, **values: Any) -> str:
    """A Python text (an English source text from a texts module) in the page's language."""
    return translate(text, current_language().code, **values)


class _OneCatalogue(Domain):
    """Flask-Babel reading the same catalogues as the bot and the chat (:mod:`survey.languages`)."""

    def get_translations(self) -> Any:
        return translations(current_language().code)


@bp.route("/language/<code>")
def choose(code: str) -> Any:
    """Switch to language ``code`` and go back to the page the link was on (``next``)."""
    response = redirect(_same_site(request.args.get("next")), code=303)
    if offered(code):
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=COOKIE_SECONDS, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _same_site(target: str | None) -> str:
    # Only a path on this site: never an open redirect to somewhere else.
    parts = urlsplit(target or "/")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def switcher_links() -> list[dict[str, Any]]:
    """A link per other language, back to this page; each names its language in that language."""
    # Check a report never echoes what was typed into its address (a reference and check code there
    # must not be read back), so its links come back to the bare page.
    keep_query = request.query_string and request.blueprint not in NO_QUERY_BLUEPRINTS
    here = request.full_path.rstrip("?") if keep_query else request.path
    current = current_language()
    return [{"language": each, "current": each == current,
             "href": f"/language/{each.code}?next={_quoted(here)}"} for each in LANGUAGES]


def _quoted(path: str) -> str:
    return quote(path, safe="/")


def translation_contact() -> str | None:
    contact = app_state().settings.translation_contact
    if contact and not contact.startswith("https://"):
        return f"mailto:{contact}"
    return contact


def consultation_title(consultation: Consultation) -> str:
    """A consultation's title in the page's language: its definition's translation, when it has one."""
    code = current_language().code
    if code == ENGLISH.code:
        return consultation.title
    definition = definition_of(consultation)
    shown = definition.in_language(code).title
    return shown if shown != definition.title else consultation.title


def language_context() -> dict[str, Any]:
    return {"page_language": current_language(), "staff_page": staff_page(), "language_links": switcher_links,
            "t": t, "translation_contact": translation_contact(), "language_name": english_name,
            "consultation_title": consultation_title}


def init_app(app: Flask) -> None:
    babel = Babel(app, locale_selector=lambda: page_language().code, default_locale=ENGLISH.code,
                  default_timezone="Europe/London")
    babel.domain_instance = _OneCatalogue()  # type: ignore[misc]
    app.context_processor(language_context)
    app.register_blueprint(bp)
