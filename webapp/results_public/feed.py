"""The Atom feed of the published results (RFC 4287): an entry for each live publication and each
"You said, we did" entry, updated when it changes. Built with ElementTree, so every text is escaped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree

from analysis.published.dates import iso_moment, long_date

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    updated: dt.datetime
    summary: str


def atom_feed(*, feed_id: str, title: str, author: str, self_link: str, page_link: str,
              entries: list[FeedEntry], fallback_updated: dt.datetime) -> bytes:
    """The feed as UTF-8 XML; ``fallback_updated`` dates a feed with no entries."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    newest = max((entry.updated for entry in entries), default=fallback_updated)
    _text(feed, "updated", iso_moment(newest))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_link, type="application/atom+xml")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_link, type="text/html")
    _text(ElementTree.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    for item in sorted(entries, key=lambda entry: entry.updated, reverse=True):
        element = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(element, "id", item.id)
        _text(element, "title", item.title)
        _text(element, "updated", iso_moment(item.updated))
        ElementTree.SubElement(element, f"{{{ATOM}}}link", rel="alternate", href=item.link, type="text/html")
        _text(element, "summary", f"{item.summary} Updated {long_date(item.updated)}.")
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ElementTree.Element, name: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{name}").text = value
