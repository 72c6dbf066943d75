"""The board update as a file: PDF or Word, by the board papers' renderers."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.exports.paper.model import Paper
from analysis.exports.quarterly.quarter import Quarter

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class RenderedFile:
    content: bytes
    media_type: str
    filename: str


def render_board_update(paper: Paper, file_format: str, partnership_slug: str, quarter: Quarter,
                        *, public: bool = False) -> RenderedFile:
    """``paper`` as ``pdf`` or ``docx`` bytes, with its media type and a file name saying what it is."""
    if file_format == "pdf":
        from analysis.exports.paper.pdf import paper_pdf  # reportlab: only when a PDF is asked for

        content = paper_pdf(paper)
    elif file_format == "docx":
        from analysis.exports.paper.word import paper_docx

        content = paper_docx(paper)
    else:
        raise ValueError(f"The format must be one of {', '.join(MEDIA_TYPES)}")
    variant = "-public" if public else ""
    return RenderedFile(content, MEDIA_TYPES[file_format],
                        f"{partnership_slug}-board-update-{quarter.code}{variant}.{file_format}")
