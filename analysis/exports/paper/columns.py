"""Table column widths for both renderers: no figure or word is ever broken across lines.

Each column is at least as wide as its longest word (so "12.5%" or "(3.6% to 62.4%)" wraps only at
a space); what room is left goes to the columns in proportion to how much more each would need to
fit its longest cell on one line; a table narrower than the page is stretched to its width. The
renderers measure text their own way (reportlab's font metrics; an estimate for Word's Arial).
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.exports.paper.model import Table

Measure = Callable[[str, bool], float]
"""The width of a text (``True``: in bold) in the renderer's unit."""


def fit_columns(table: Table, measure: Measure, total: float, padding: float) -> list[float] | None:
    """Widths summing to ``total`` (each cell padded by ``padding``), or ``None`` when the longest
    words alone do not fit: the caller then tries a smaller type size."""
    columns = len(table.header)
    least, most = [0.0] * columns, [0.0] * columns
    for row_index, row in enumerate((table.header, *table.rows)):
        for column, text in enumerate(row):
            bold = row_index == 0 or column == 0  # the header row and each row's header
            longest_word = max((measure(word, bold) for word in text.split()), default=0.0)
            least[column] = max(least[column], longest_word + padding)
            most[column] = max(most[column], measure(text, bold) + padding)
    spare = total - sum(least)
    if spare < 0:
        return None
    wanted = [high - low for low, high in zip(least, most, strict=True)]
    share = 1.0 if sum(wanted) <= spare else spare / sum(wanted)
    widths = [low + extra * share for low, extra in zip(least, wanted, strict=True)]
    stretch = (total - sum(widths)) / columns
    return [width + stretch for width in widths]
