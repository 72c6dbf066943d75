"""The blueprint every reports page belongs to (``officer_reports``, under ``/officer/reports``), and
the template filter its pages share."""

from __future__ import annotations

from flask import Blueprint
from markupsafe import Markup

bp = Blueprint("officer_reports", __name__, url_prefix="/officer/reports")


@bp.app_template_filter("with_line_breaks")
def with_line_breaks(text: str) -> Markup:
    """Text shown as text, each of its line breaks kept as ``<br>`` (every line is escaped)."""
    return Markup("<br>").join(text.split("\n"))
