"""The agreed exports a download link gives: a consultation's published figures (the public CSV, from
the frozen snapshot), or the place reports in an area as CSV or GeoJSON, as they may cross
(``survey.sharing.places``: no reference, the pin to about 100 metres, free text only if agreed)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.published import snapshot_report
from analysis.published.downloads import published_csv
from analysis.spreadsheet_safety import safe_row
from survey.publications import current_publication
from survey.sharing.places import Area, SharedPlaceReport, shared_reports
from survey.storage.models import ExportLink
from survey.vocabulary import SharedExport

MOST_REPORTS = 100_000
PLACE_COLUMNS = ("submitted_on", "ward_code", "ward_name", "latitude", "longitude", "place")


@dataclass(frozen=True)
class ExportFile:
    body: str
    media_type: str
    filename: str


def export_file(session: Session, link: ExportLink) -> ExportFile | None:
    """The file the link gives, made now; ``None`` when there is nothing to give (the consultation's
    figures are no longer published)."""
    slug = link.partnership.slug
    if link.export == SharedExport.FIGURES_CSV:
        publication = current_publication(session, link.consultation_id or 0)
        if publication is None:
            return None
        body = published_csv(snapshot_report(publication), publication.published_at)
        return ExportFile(
            "\ufeff" + body,
            "text/csv; charset=utf-8",
            f"{publication.consultation.slug}-published-figures.csv",
        )
    reports = shared_reports(
        session,
        Area(link.partnership_id, link.ward_code),
        free_text=link.include_free_text,
        limit=MOST_REPORTS,
    )
    if link.export == SharedExport.PLACES_GEOJSON:
        return ExportFile(places_geojson(reports), "application/geo+json", f"{slug}-place-reports.geojson")
    return ExportFile("\ufeff" + places_csv(reports), "text/csv; charset=utf-8", f"{slug}-place-reports.csv")


def _answers(report: SharedPlaceReport) -> dict[str, str]:
    return {question_id: shown for question_id, _text, shown in report.answers}


def places_csv(reports: list[SharedPlaceReport]) -> str:
    """One row per report: where and when, then a column per question (by its id)."""
    questions = sorted({question_id for report in reports for question_id, _t, _s in report.answers})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*PLACE_COLUMNS, *questions])
    for report in reports:
        answers = _answers(report)
        writer.writerow(
            safe_row(
                [
                    report.submitted_on.isoformat(),
                    report.ward_code or "",
                    report.ward_name or "",
                    report.latitude,
                    report.longitude,
                    report.place,
                    *(answers.get(question, "") for question in questions),
                ]
            )
        )
    return buffer.getvalue()


def places_geojson(reports: list[SharedPlaceReport]) -> str:
    """A FeatureCollection of points (WGS84, to 3 decimal places) with each report's answers."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [report.longitude, report.latitude]},
            "properties": {
                "submitted_on": report.submitted_on.isoformat(),
                "ward_code": report.ward_code,
                "ward_name": report.ward_name,
                "place": report.place,
                **_answers(report),
            },
        }
        for report in reports
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n"
