"""The page a download link opens, and the download itself.

Opening the page (GET) reads the link's state and changes nothing. Pressing the button (POST, with
its CSRF token) makes the file, then uses the link up in one conditional update; a link used,
expired or revoked gets a page that says so, and the attempt is audited.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template
from flask_wtf import FlaskForm

from analysis.published.dates import long_date
from survey.sharing.links import LinkState, claim, link_by_token, state_of
from survey.storage.models import ExportLink
from survey.storage.types import utcnow
from webapp.database import commit_now, db_session
from webapp.shared_links.files import export_file

bp = Blueprint("shared_links", __name__, url_prefix="/shared")


TITLES = {
    None: "This link does not work",
    LinkState.AVAILABLE: "Download shared data",
    LinkState.USED: "This link has already been used",
    LinkState.EXPIRED: "This link has expired",
    LinkState.REVOKED: "This link has been revoked",
}


class DownloadForm(FlaskForm):
    """The download button: a POST with its CSRF token."""


def _page(link: ExportLink | None, state: LinkState | None, *, unavailable: bool = False) -> tuple[str, int]:
    status = 200 if state == LinkState.AVAILABLE and not unavailable else (404 if link is None else 410)
    title = "There is nothing to download yet" if unavailable else TITLES[state]
    page = render_template(
        "shared_links/link.html",
        title=title,
        link=link,
        state=state,
        form=DownloadForm(),
        unavailable=unavailable,
        long_date=long_date,
    )
    return page, status


def _refused(link: ExportLink, *, audited: bool = False) -> tuple[str, int]:
    """The page for a link that cannot be used; the attempt is audited and kept, though the page is
    an error (whose request would otherwise roll back)."""
    if not audited:
        claim(db_session(), link)  # refused: it records the attempt and changes nothing else
    commit_now()
    return _page(link, state_of(link, utcnow()))


@bp.route("/<token>")
def link_page(token: str) -> Any:
    link = link_by_token(db_session(), token)
    return _page(link, state_of(link, utcnow()) if link else None)


@bp.route("/<token>", methods=["POST"])
def download(token: str) -> Any:
    session = db_session()
    link = link_by_token(session, token)
    if link is None:
        return _page(None, None)
    if not DownloadForm().validate_on_submit():
        return _page(link, state_of(link, utcnow()))
    if state_of(link, utcnow()) != LinkState.AVAILABLE:
        return _refused(link)
    exported = export_file(session, link)  # made first: a file that cannot be made leaves the link unused
    if exported is None:
        return _page(link, LinkState.AVAILABLE, unavailable=True)
    if not claim(session, link):  # another download won the race
        return _refused(link, audited=True)
    response = Response(exported.body, mimetype=exported.media_type.split(";")[0])
    response.headers["Content-Type"] = exported.media_type
    response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
