"""The public results pages: what the partnership heard and what it is doing about it.

Every figure comes from the publication's frozen snapshot (``analysis.published``), never from the
responses, and only while the publication is live: unpublished results, another partnership's and
draft or open consultations are all a 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, url_for

from analysis.exports.html import figure, question_chart
from analysis.published import snapshot_report
from analysis.published.downloads import LICENCE_NAME, LICENCE_URL, published_csv, published_json
from analysis.published.findings import key_findings
from survey.plans.links import public_actions
from survey.publications import entries, published_consultation, published_results
from survey.storage.models import Partnership, ResultsPublication
from webapp.database import db_session
from webapp.public import texts
from webapp.public.language import t
from webapp.public.site import current_site_partnership, local_date
from webapp.results_public.feed import FeedEntry, atom_feed

bp = Blueprint("results_public", __name__, url_prefix="/results")


def _site() -> Partnership:
    partnership = current_site_partnership()
    if partnership is None:
        abort(404)
    return partnership


def _publication(slug: str) -> ResultsPublication:
    publication = published_consultation(db_session(), _site().id, slug)
    if publication is None:
        abort(404)
    return publication


@bp.route("")
def index() -> Any:
    publications = published_results(db_session(), _site().id)
    return render_template("results_public/index.html", title=t(texts.RESULTS), publications=publications,
                           long_date=local_date)


@bp.route("/<slug>")
def results(slug: str) -> Any:
    publication = _publication(slug)
    report = snapshot_report(publication)
    actions = entries(db_session(), publication.consultation_id)
    return render_template(
        "results_public/results.html", title=t(texts.RESULTS_OF, title=report.title), publication=publication,
        data=report, findings=key_findings(report),
        actions=actions, linked_actions=public_actions(db_session(), actions),  # public parts only
        question_chart=question_chart, figure=figure, long_date=local_date, licence_name=LICENCE_NAME,
        licence_url=LICENCE_URL,
    )


def _download(slug: str, extension: str) -> Response:
    publication = _publication(slug)
    report = snapshot_report(publication)
    if extension == "csv":
        body, media_type = published_csv(report, publication.published_at), "text/csv; charset=utf-8"
    else:
        body, media_type = published_json(report, publication.published_at), "application/json"
    response = Response(body, mimetype=media_type.split(";")[0])
    response.headers["Content-Type"] = media_type
    stamp = f"{publication.published_at:%Y%m%d}"
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}-results-{stamp}.{extension}"'
    response.headers["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


@bp.route("/<slug>/data.csv")
def download_csv(slug: str) -> Response:
    return _download(slug, "csv")


@bp.route("/<slug>/data.json")
def download_json(slug: str) -> Response:
    return _download(slug, "json")


@bp.route("/feed.atom")
def feed() -> Response:
    site = _site()
    index_url = url_for("results_public.index", _external=True)
    items = []
    for publication in published_results(db_session(), site.id):
        consultation = publication.consultation
        page = url_for("results_public.results", slug=consultation.slug, _external=True)
        items.append(FeedEntry(id=f"{page}#published-{publication.id}",
                               title=f"Results: {consultation.title}", link=page,
                               updated=publication.published_at,
                               summary=f"The results of {consultation.title} were published."))
        for action in entries(db_session(), consultation.id):
            items.append(FeedEntry(
                id=f"{page}#you-said-we-did-{action.id}", title=f"You said, we did: {action.you_said}",
                link=f"{page}#you-said-we-did-{action.id}", updated=action.updated_at,
                summary=f"You said: {action.you_said}. What we are doing: {action.we_did} "
                        f"Led by {action.lead}. Status: {action.status.label}.",
            ))
    body = atom_feed(feed_id=index_url, title=f"{site.name}: published results", author=site.name,
                     self_link=url_for("results_public.feed", _external=True), page_link=index_url,
                     entries=items, fallback_updated=site.created_at)
    return Response(body, mimetype="application/atom+xml")
