"""Public place pages: the safe spaces map, the safe havens list and map (nearest first for a
postcode or area typed: ``near``), and the public cells API.

The place report itself runs through the consultation flow (``/consultations/<slug>``); its
location question is drawn by ``consult/questions/location.html``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, jsonify, render_template

from survey.boundary import boundary_of
from survey.consultations import accepting_consultations
from survey.places.hotspots import cells_geojson, grid_for, public_cells
from survey.places.postcodes import postcodes_available
from survey.places.safe_havens import LOCAL_TIME, public_havens
from survey.places.texts import DAY_AND_TIME, WEEKDAY_NAMES, WEEKDAYS
from survey.vocabulary import DefinitionKind
from survey.wards.register import partnership_wards
from webapp.database import app_state, db_session
from webapp.extensions import csrf
from webapp.places.near import NearForm, find_near, haven_rows, search_hint
from webapp.places.texts import SAFE_HAVENS_TITLE, SAFE_SPACES_TITLE
from webapp.public.language import t
from webapp.public.site import current_site_partnership

bp = Blueprint("places", __name__)


@bp.route("/safe-spaces")
def safe_spaces() -> Any:
    partnership = current_site_partnership()
    settings = app_state().settings
    boundary = boundary_of(partnership)
    grid = grid_for(boundary, settings.public_hotspots_cell_m)
    report, cells = None, []
    if partnership is not None:
        reports = accepting_consultations(db_session(), partnership.id, kind=DefinitionKind.PLACE_REPORT)
        report = reports[0] if reports else None
        if settings.public_hotspots:
            cells = public_cells(db_session(), partnership.id, grid,
                                 min_reports=settings.public_hotspots_min_reports)
    return render_template(
        "places/safe_spaces.html", title=t(SAFE_SPACES_TITLE), report=report, boundary=boundary,
        public_hotspots=settings.public_hotspots, min_reports=settings.public_hotspots_min_reports,
        cells=cells, cells_geojson=cells_geojson(cells, grid, with_breakdown=False), grid=grid,
        tile_url=settings.map_tile_url,
    )


@bp.route("/safe-havens", methods=["GET", "POST"])
@csrf.exempt  # a search that changes nothing (see webapp.places.near)
def safe_havens() -> Any:
    partnership = current_site_partnership()
    session = db_session()
    havens = public_havens(session, partnership.id) if partnership else []
    ward_names = [ward.name for ward in partnership_wards(session, partnership.id)] if partnership else []
    available = postcodes_available(session)
    form = NearForm()
    place = None
    if form.validate_on_submit():
        place = find_near(session, partnership.id if partnership else None, form, has_wards=bool(ward_names))
    now = dt.datetime.now(dt.UTC)
    rows = haven_rows(havens, now, place)
    return render_template(
        "places/safe_havens.html", title=t(SAFE_HAVENS_TITLE), rows=rows, havens=havens, form=form,
        place=place, now_text=day_and_time(now), postcodes_available=available,
        search_hint=search_hint(available, ward_names),
        open_count=sum(row["open_now"] for row in rows), boundary=boundary_of(partnership),
        tile_url=app_state().settings.map_tile_url,
    )


def day_and_time(now: dt.datetime) -> str:
    """"Monday 14:05" in local time, the day in the page's language."""
    local = now.astimezone(LOCAL_TIME)
    return t(DAY_AND_TIME, day=t(WEEKDAY_NAMES[WEEKDAYS[local.weekday()]]), time=local.strftime("%H:%M"))


@bp.route("/api/places/cells.geojson")
def public_cells_geojson() -> Any:
    """Aggregated cells only: never a stored point, never a cell under the minimum, counts to 5."""
    settings = app_state().settings
    partnership = current_site_partnership()
    if not settings.public_hotspots or partnership is None:
        abort(404)
    grid = grid_for(boundary_of(partnership), settings.public_hotspots_cell_m)
    cells = public_cells(db_session(), partnership.id, grid, min_reports=settings.public_hotspots_min_reports)
    response = jsonify(cells_geojson(cells, grid, with_breakdown=False))
    response.mimetype = "application/geo+json"
    return response

