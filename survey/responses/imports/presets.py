"""What each tool's export looks like as people download it: a :class:`Preset` per tool.

* **Google Forms** (the CSV of the linked Google Sheet, or "Download responses (.csv)"): a
  ``Timestamp`` column, day-first UK local time ``dd/mm/yyyy hh:mm:ss``; one column per question headed
  by its text; checkbox answers are the option labels joined by ``", "`` in the form's option order,
  with a respondent's own "Other" words in place of the label, last; a grid (how a ranking is asked)
  is a column per row headed ``Question [Row]`` holding the chosen column (``1``, ``1st``...); an
  ``Email address`` column when the form collects emails.
* **Microsoft Forms** ("Open results in Excel", .xlsx): ``ID``, ``Start time``, ``Completion time``,
  ``Email``, ``Name`` (and ``Last modified time``), then a column per question; several answers are
  labels each followed by ``;`` (``A;B;``), a ranking is its labels in rank order the same way, and
  "Other" words stand in place of the label. Times are Excel dates (or ``m/d/yy h:mm:ss`` text) in UTC.
* **SmartSurvey** (Export, Excel .xlsx): two header rows, row 1 the question (written once over its
  columns) and row 2 the part (an option, ``Other (please specify)``, or empty for a one-column
  question); ``UserNo``, ``Name``, ``Email``, ``IP Address``, ``Unique ID``, ``Started``, ``Ended``
  first; a checkbox question is a column per option holding its label when chosen, a ranking a column
  per option holding its rank; times ``dd/mm/yyyy hh:mm:ss`` UK local time.
* **Citizen Space** (Analysis, export responses as CSV): ``Response ID``, ``Submitted on``
  (``yyyy-mm-dd hh:mm:ss``, UK local time), contact fields (``Name``, ``Email``, ``Organisation``) and a
  column per question; a checkbox question is a column per option ``Question: Option`` holding the
  label when ticked (and ``Question: Other`` the words), a ranking a column per rank ``Question: Rank 1``
  holding the option.

SmartSurvey's and Citizen Space's layouts are reconstructed from their help pages and real downloads
partnerships have shared; a column laid out differently is reported by name, never guessed, and a
mapping file fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from survey.responses.imports.matching import normalise

SAFER_VOICES = "safer-voices"
# Columns that identify a person: never stored, whatever a mapping file says.
IDENTIFYING = ("email", "email address", "name", "full name", "ip address", "phone", "telephone")


@dataclass(frozen=True)
class Preset:
    """How one tool writes its export."""

    name: str
    title: str
    joiner: str | None
    """How several answers share a cell: ``", "`` (labels resolved against the options), ``";"``, or
    ``None`` when the tool gives each option a column of its own."""
    time_columns: tuple[str, ...] = ()
    time_formats: tuple[str, ...] = ()
    time_zone: str = "Europe/London"
    ignore: tuple[str, ...] = ()
    identifying: tuple[str, ...] = ()
    id_columns: tuple[str, ...] = ()
    """The tool's own response ids: part of the file's fingerprint, never stored."""
    header_rows: int = 1

    def is_identifying(self, header: str) -> bool:
        return normalise(header) in {normalise(name) for name in (*IDENTIFYING, *self.identifying)}

    def is_ignored(self, header: str) -> bool:
        return normalise(header) in {normalise(name) for name in (*self.ignore, *self.id_columns)}

    def is_time(self, header: str) -> bool:
        return normalise(header) in {normalise(name) for name in self.time_columns}

    def fits(self, header: list[str]) -> bool:
        """Whether a file with this header row looks like this tool's export."""
        names = {normalise(cell) for cell in header}
        signature = {normalise(name) for name in (*self.time_columns, *self.id_columns)}
        return bool(signature) and signature <= names


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(SAFER_VOICES, "Safer Voices", ";"),
        Preset(
            "google-forms", "Google Forms", ", ",
            time_columns=("Timestamp",), time_formats=("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"),
            ignore=("Score",), identifying=("Username",),
        ),
        Preset(
            "microsoft-forms", "Microsoft Forms", ";",
            time_columns=("Completion time",),
            time_formats=("%m/%d/%y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%Y %H:%M"),
            time_zone="UTC", ignore=("Start time", "Last modified time", "Total points", "Quiz feedback"),
            id_columns=("ID",),
        ),
        Preset(
            "smartsurvey", "SmartSurvey", None,
            time_columns=("Ended",), time_formats=("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"),
            ignore=("Started", "Unique ID", "Status"), identifying=("IP Address",),
            id_columns=("UserNo",), header_rows=2,
        ),
        Preset(
            "citizen-space", "Citizen Space", None,
            time_columns=("Submitted on",), time_formats=("%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"),
            ignore=("Responding as", "Published response"), identifying=("Organisation", "Postcode"),
            id_columns=("Response ID",),
        ),
    )
}


def detect_tool(header: list[str]) -> str:
    """The name of the tool whose export has this header row (``safer-voices`` when none fits)."""
    for preset in PRESETS.values():
        if preset.name != SAFER_VOICES and preset.fits(header):
            return preset.name
    return SAFER_VOICES


def combined_header(rows: list[list[str]]) -> list[str]:
    """One header row from two (SmartSurvey): the question, carried over its columns, with each
    column's part as ``Question [Part]``; a column with no part is the question alone."""
    top, parts = rows[0], rows[1] if len(rows) > 1 else []
    width = max(len(top), len(parts))
    header: list[str] = []
    question = ""
    for index in range(width):
        above = top[index].strip() if index < len(top) else ""
        part = parts[index].strip() if index < len(parts) else ""
        question = above or question
        if not above and not part:
            header.append("")
        elif not part or normalise(part) in ("response", "open ended response"):
            header.append(question)
        else:
            header.append(f"{question} [{part}]")
    return header
