"""Wards: a partnership's small areas, loaded from an ONS-style GeoJSON file (``parsing``), stored
all or nothing (``register``), and every map pin of the partnership assigned to the ward it lies in
(``index``: a spatial index over prepared polygons, cached per process by partnership)."""
