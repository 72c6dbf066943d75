"""The key to the hotspot map, as HTML: what the shades of red and the blue line mean.

Squares are drawn in five shades, each for a range of report counts; the map (map.mjs) colours each
square by the ``shade`` this module puts on it, so the key and the map cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

SHADES = 5


@dataclass(frozen=True)
class LegendBand:
    shade: int
    low: int
    high: int

    @property
    def label(self) -> str:
        if self.low == self.high:
            return f"{self.low} report{'' if self.low == 1 else 's'}"
        return f"{self.low} to {self.high} reports"


def shade_of(reports: int, most: int) -> int:
    """1 (lightest) to 5 (darkest): the fifth of the busiest square's count that ``reports`` falls in."""
    return max(1, min(SHADES, math.ceil(SHADES * reports / most))) if most > 0 else 1


def legend_bands(most: int) -> list[LegendBand]:
    """The shades in use for a busiest square of ``most`` reports, each with its range of counts
    (a shade no whole count falls in is left out)."""
    bands = []
    for shade in range(1, SHADES + 1):
        low, high = (shade - 1) * most // SHADES + 1, shade * most // SHADES
        if low <= high:
            bands.append(LegendBand(shade, low, high))
    return bands


def shaded(geojson: dict[str, Any]) -> tuple[dict[str, Any], list[LegendBand]]:
    """The cells' GeoJSON with a ``shade`` on every square, and the key that explains the shades."""
    features = geojson["features"]
    most = max((feature["properties"]["reports"] for feature in features), default=0)
    for feature in features:
        feature["properties"]["shade"] = shade_of(feature["properties"]["reports"], most)
    return geojson, legend_bands(most)
