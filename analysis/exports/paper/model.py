"""The board paper as a document model: built once from the summary, rendered as PDF and as Word.

A :class:`Paper` is a cover, then the one-page summary of key findings, then the detail, each a
sequence of blocks (headings, text, bullets, tables, pictures). The renderers
(:mod:`~analysis.exports.paper.pdf`, :mod:`~analysis.exports.paper.word`) add what belongs to a
page rather than to the content: the contents list (from the headings of levels 1 and 2), the
marking at the top and bottom of every page, "Page N of M", headings kept with what follows and
table rows that never split across pages. So the two formats cannot drift apart in what they say.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from analysis.exports.marking import Classification

CONTENTS_TITLE = "Contents"
SUMMARY_TITLE = "Summary of key findings"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    """1: a section (in the contents, starts a page); 2: a question (in the contents); 3: a part of one."""


@dataclass(frozen=True)
class Text:
    text: str
    style: Literal["body", "note", "quote", "lead"] = "body"
    """``lead``: a key sentence, in bold; ``note``: small print; ``quote``: what someone wrote."""
    keep_with_next: bool = False
    """Keep on the same page as the next block (a question's base line with its chart)."""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """Body rows; the first cell of each is the row's header."""
    note: str = ""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError(f"A row of '{self.caption}' has {len(row)} cells "
                                 f"for {len(self.header)} columns")


@dataclass(frozen=True)
class Picture:
    """A chart as a PNG, always followed in the paper by a table of the same figures."""

    png: bytes
    width_inches: float
    height_inches: float
    alt: str
    """What the chart shows, for a screen reader: Word's alternative text (reportlab cannot tag a PDF;
    there the table that follows carries the figures)."""


Block = Heading | Text | Bullets | Table | Picture


@dataclass(frozen=True)
class Cover:
    title: str
    kind: str
    """What the paper is: "Summary for the Strategic Assessment" or "Public summary of results"."""
    partnership: str
    period: str
    """When the consultation ran, in words."""
    date: str
    """When the paper was made, in words: "2 December 2026"."""
    classification: Classification
    handling: str
    """Who may read it and what not to do with it."""
    details: tuple[str, ...] = ()
    """Further lines: responses, filters."""


@dataclass(frozen=True)
class Paper:
    cover: Cover
    summary: tuple[Block, ...]
    """The one-page summary of key findings, its heading first."""
    detail: tuple[Block, ...]
    language: str = "en-GB"

    @property
    def title(self) -> str:
        """The document's title (its metadata, and the first line of the cover)."""
        return f"{self.cover.title}: {self.cover.kind}"

    @property
    def marking(self) -> str:
        """The marking at the top and bottom of every page."""
        return self.cover.classification.value

    def blocks(self) -> Iterator[Block]:
        """Every block after the cover and contents, in order."""
        yield from self.summary
        yield from self.detail

    def contents(self) -> list[Heading]:
        """The headings listed in the contents (levels 1 and 2), in order."""
        return [block for block in self.blocks() if isinstance(block, Heading) and block.level <= 2]
