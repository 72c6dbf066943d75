"""What the questionnaire draws rather than writes: boxes to tick or fill in, lines to write on, and
the QR code (drawn as squares from segno's matrix, so it is sharp at any print size)."""

from __future__ import annotations

from typing import Any

import segno
from reportlab.lib import colors
from reportlab.platypus import Flowable

INK = colors.black
LINE_WIDTH = 1.0


class Box(Flowable):
    """An empty square (a tick box), or ``count`` squares side by side (a number or date part)."""

    def __init__(self, size: float, count: int = 1) -> None:
        super().__init__()
        self.size, self.count = size, count

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size * self.count, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(LINE_WIDTH)
        for index in range(self.count):
            self.canv.rect(index * self.size, 0, self.size, self.size, stroke=1, fill=0)


class RuledLines(Flowable):
    """``count`` lines to write on, ``spacing`` apart, across the width available."""

    def __init__(self, count: int, spacing: float) -> None:
        super().__init__()
        self.count, self.spacing = count, spacing
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor("#505a5f"))
        self.canv.setLineWidth(0.75)
        for index in range(self.count):
            self.canv.line(0, index * self.spacing, self.width, index * self.spacing)


class QRCode(Flowable):
    """A QR code for ``url``, ``size`` points square with its quiet zone."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        # Error correction "M" survives a scuffed or folded form, as the posters' codes do.
        self.rows: list[Any] = [list(row) for row in segno.make(url, error="m").matrix_iter(border=4)]
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        module = self.size / len(self.rows)
        self.canv.setFillColor(INK)
        for y, row in enumerate(self.rows):
            for x, dark in enumerate(row):
                if dark:
                    self.canv.rect(x * module, self.size - (y + 1) * module, module, module, stroke=0, fill=1)
