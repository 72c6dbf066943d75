"""Builders for ward tests: ward files as text, from squares or from the demo's wards."""

from __future__ import annotations

import json
import math
from typing import Any


def square(west: float, south: float, size: float) -> list[list[list[float]]]:
    return [
        [
            [west, south],
            [west + size, south],
            [west + size, south + size],
            [west, south + size],
            [west, south],
        ]
    ]


def ward_feature(
    code: str | None,
    name: str | None,
    coordinates: Any,
    *,
    kind: str = "Polygon",
    code_key: str = "WD24CD",
    name_key: str = "WD24NM",
) -> dict[str, Any]:
    properties: dict[str, Any] = {"LAD24CD": "E09000001", "LAD24NM": "District"}
    if code is not None:
        properties[code_key] = code
    if name is not None:
        properties[name_key] = name
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def ward_file(*features: dict[str, Any], **extra: Any) -> str:
    return json.dumps({"type": "FeatureCollection", **extra, "features": list(features)})


def two_wards() -> str:
    """West (E05000001) and East (E05000002): two squares of 0.01 degrees sharing the line lon = -0.1."""
    return ward_file(
        ward_feature("E05000001", "West", square(-0.11, 51.50, 0.01)),
        ward_feature("E05000002", "East", square(-0.10, 51.50, 0.01)),
    )


def detailed_ring(longitude: float, latitude: float, radius: float, points: int) -> list[list[float]]:
    """A circle of ``points`` vertices: a full-resolution ward boundary has tens of thousands."""
    ring = [
        [
            round(longitude + radius * math.cos(2 * math.pi * i / points), 7),
            round(latitude + radius * math.sin(2 * math.pi * i / points), 7),
        ]
        for i in range(points)
    ]
    return [*ring, ring[0]]


def big_ward_file(wards: int = 20, points: int = 12_000) -> str:
    """Several megabytes: ``wards`` detailed circles side by side, as ONS full-resolution files are."""
    return ward_file(
        *(
            ward_feature(
                f"E0500{index:04d}",
                f"Ward {index}",
                [detailed_ring(-0.5 + index * 0.03, 51.5, 0.014, points)],
            )
            for index in range(wards)
        )
    )


def two_demo_wards(west: str = "Westgate", east: str = "Eastgate") -> str:
    """Westgate (E05000001) and Eastgate (E05000002): squares splitting the demo boundary at lon -0.12."""
    return ward_file(
        ward_feature("E05000001", west, square(-0.14, 51.495, 0.02)),
        ward_feature("E05000002", east, square(-0.12, 51.495, 0.02)),
    )
