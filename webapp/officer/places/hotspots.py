"""Officer hotspots: place reports counted into grid cells, the reports behind a cell, GIS exports,
and putting reports named without the map onto it.

Counts are aggregates; the reports behind a cell, the exports and the unplaced list show raw
data, so each of those is an audit event (who, when, which filters; never the content).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from analysis.spreadsheet_safety import safe_row
from survey.boundary import boundary_of
from survey.officers.audit import record_event
from survey.places.by_ward import cell_names, ward_counts
from survey.places.hotspots import (
    OFFICER_CELL_M,
    aggregate_cells,
    cell_response_ids,
    cells_geojson,
    flat_breakdown,
    grid_for,
    parse_cell_key,
)
from survey.places.reports import PlaceError, place_on_map, place_reports, unplaced_response_ids
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import app_state, db_session
from webapp.officer.places.hotspot_filters import (
    CELL_SIZES,
    cell_rows,
    filter_choices,
    option_labels,
    read_filters,
)
from webapp.officer.places.hotspot_legend import shaded

bp = Blueprint("officer_hotspots", __name__, url_prefix="/officer")


def _grid() -> Any:
    size = request.args.get("size", type=int)
    cell_m = size if size in CELL_SIZES else OFFICER_CELL_M
    return grid_for(boundary_of(signed_in_officer().partnership), cell_m)


@bp.route("/hotspots")
@officer_required(Role.VIEWER)
def hotspots() -> Any:
    officer = signed_in_officer()
    filters, errors = read_filters(request.args)
    grid = _grid()
    cells = aggregate_cells(db_session(), officer.partnership_id, grid, filters)
    can_see_reports = officer.role.allows(Role.ANALYST)
    query = request.args.to_dict()
    names = cell_names(db_session(), officer.partnership_id, grid, cells[:100])
    geojson, legend = shaded(cells_geojson(cells, grid, with_breakdown=False))
    return render_template(
        "officer/hotspots.html", title="Hotspots", cells=cells, grid=grid, errors=errors,
        rows=cell_rows(cells, grid, option_labels(db_session(), officer.partnership_id), names),
        by_ward=ward_counts(db_session(), officer.partnership_id, filters),
        args=request.args, choices=filter_choices(db_session(), officer.partnership_id),
        cells_geojson=geojson, legend=legend,
        total=sum(cell.reports for cell in cells), can_see_reports=can_see_reports,
        unplaced=len(unplaced_response_ids(db_session(), officer.partnership_id)) if can_see_reports else 0,
        boundary=boundary_of(officer.partnership), tile_url=app_state().settings.map_tile_url,
        cell_link=url_for("officer_hotspots.cell", cell="__cell__", **query) if can_see_reports else None,
        export_query=query,
    )


@bp.route("/hotspots/cells/<cell>")
@officer_required(Role.ANALYST)
def cell(cell: str) -> Any:
    officer = signed_in_officer()
    position = parse_cell_key(cell)
    if position is None:
        abort(404)
    filters, _errors = read_filters(request.args)
    grid = _grid()
    ids = cell_response_ids(db_session(), officer.partnership_id, grid, *position, filters)
    reports = place_reports(db_session(), officer.partnership_id, ids[:500])
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                 action="hotspot_cell_viewed", target_type="hotspot_cell", target_id=cell,
                 details={"cell_size_m": grid.cell_m, "reports": len(ids), **filters.as_dict()})
    return render_template("officer/hotspot_cell.html", title="Reports in one square", reports=reports,
                           total=len(ids), centre=grid.centre(*position), grid=grid,
                           back=url_for("officer_hotspots.hotspots", **request.args.to_dict()))


@bp.route("/hotspots/cells.geojson")
@officer_required(Role.ANALYST)
def export_geojson() -> Any:
    officer = signed_in_officer()
    filters, _errors = read_filters(request.args)
    grid = _grid()
    cells = aggregate_cells(db_session(), officer.partnership_id, grid, filters)
    _audit_export(officer, "geojson", grid, filters, len(cells))
    names = cell_names(db_session(), officer.partnership_id, grid, cells)
    body = json.dumps(cells_geojson(cells, grid, names=names), separators=(",", ":"))
    return _download(body, "application/geo+json", "hotspots.geojson")


@bp.route("/hotspots/cells.csv")
@officer_required(Role.ANALYST)
def export_csv() -> Any:
    officer = signed_in_officer()
    filters, _errors = read_filters(request.args)
    grid = _grid()
    cells = aggregate_cells(db_session(), officer.partnership_id, grid, filters)
    _audit_export(officer, "csv", grid, filters, len(cells))
    columns = sorted({key for cell in cells for key in flat_breakdown(cell)})
    names = cell_names(db_session(), officer.partnership_id, grid, cells)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row(["cell", "centre_latitude", "centre_longitude", "cell_size_m", "ward_code",
                              "ward_name", "nearest_named_place", "reports", *columns]))
    for item in cells:
        counts = flat_breakdown(item)
        latitude, longitude = grid.centre(item.ix, item.iy)
        name = names.get(item.key)
        writer.writerow(safe_row([item.key, latitude, longitude, int(grid.cell_m),
                                  *((name.ward_code or "", name.ward_name or "", name.near or "") if name
                                    else ("", "", "")), item.reports,
                                  *(counts.get(column, 0) for column in columns)]))
    return _download(out.getvalue(), "text/csv", "hotspots.csv")


def _audit_export(officer: Any, kind: str, grid: Any, filters: Any, cells: int) -> None:
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                 action="hotspots_exported", target_type="hotspots", target_id=kind,
                 details={"format": kind, "cell_size_m": grid.cell_m, "cells": cells, **filters.as_dict()})


def _download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/places/unplaced")
@officer_required(Role.ANALYST)
def unplaced() -> Any:
    officer = signed_in_officer()
    reports = place_reports(db_session(), officer.partnership_id,
                            unplaced_response_ids(db_session(), officer.partnership_id))
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                 action="unplaced_reports_viewed", target_type="place_report",
                 details={"reports": len(reports)})
    return render_template("officer/unplaced.html", title="Reports to put on the map", reports=reports)


@bp.route("/places/<int:response_id>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def place_report(response_id: int) -> Any:
    officer = signed_in_officer()
    found = place_reports(db_session(), officer.partnership_id, [response_id])
    if not found:
        abort(404)
    report = found[0]
    boundary = boundary_of(officer.partnership)
    error = None
    values = {"latitude": "", "longitude": ""}
    if request.method == "POST":
        values = {key: request.form.get(key, "").strip()[:30] for key in values}
        try:
            latitude, longitude = float(values["latitude"]), float(values["longitude"])
            place_on_map(db_session(), officer.partnership_id, response_id, latitude, longitude,
                         boundary=boundary)
        except ValueError as problem:
            error = str(problem) if isinstance(problem, PlaceError) else (
                "Enter the latitude and longitude as numbers, or put a pin on the map")
        else:
            record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                         action="place_report_placed", target_type="response", target_id=response_id)
            flash(f"Report {report.reference} is on the map")
            return redirect(url_for("officer_hotspots.unplaced"))
    elif report.place is not None and report.place.latitude is not None:
        values = {"latitude": str(report.place.latitude), "longitude": str(report.place.longitude)}
    return render_template("officer/place_report.html", title=f"Put report {report.reference} on the map",
                           report=report, values=values, error=error, boundary=boundary,
                           tile_url=app_state().settings.map_tile_url)

