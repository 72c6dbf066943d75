"""The demo borough's wards: eight fictional wards that tile the demo boundary.

``data/demo-wards.geojson`` was made once with shapely (Voronoi cells around eight seed points, cut
to ``data/demo-boundary.geojson``) and is shaped as an ONS ward file is (``WD24CD``/``WD24NM`` beside
the district's ``LAD24CD``/``LAD24NM``), with made-up codes in an unused range (``E050999xx``).
"""

from __future__ import annotations

from importlib.resources import files

from sqlalchemy.orm import Session

from survey.storage.models import Partnership
from survey.wards.register import import_wards, partnership_wards


def demo_wards_text() -> str:
    return files("demo").joinpath("data/demo-wards.geojson").read_text(encoding="utf-8")


def load_demo_wards(session: Session, partnership: Partnership) -> None:
    """Load the demo wards the first time (every pinned report is then assigned to its ward)."""
    if not partnership_wards(session, partnership.id):
        import_wards(session, partnership.id, demo_wards_text())
