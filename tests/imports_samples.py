"""Sample exports of the shipped community safety questions, as each tool writes them.

Run ``PYTHONPATH=. python -m tests.imports_samples`` to write tests/data/imports/ again (the .xlsx files
hold the same cells each time; the zip inside may differ by its timestamps). Every file holds the
same six respondents and the awkward cases: an answer with a comma in it (an ethnic group label,
Other words), Other answers, blank answers, and times in UK summer time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook

from survey.definitions.definition import load_template

SAMPLES = Path(__file__).parent / "data" / "imports"
DEFINITION = load_template("community-safety")
ORDER = [question.id for question in DEFINITION.questions]

# Answers as labels (what a respondent saw); "other" holds a respondent's own words; times UK local.
RESPONDENTS: list[dict[str, object]] = [
    {"when": dt.datetime(2026, 7, 14, 18, 5, 9),
     "priorities": ["Violence", "Anti-social behaviour", "Drug dealing and drug use"],
     "town_centre_issues": ["Alcohol misuse or street drinking", "Feeling unsafe - low footfall"],
     "town_centre_issues.other": "E-scooters, on pavements",
     "violence_features": ["Domestic abuse", "Gun or knife crime"],
     "safety_day": "Very safe", "safety_dark": "A bit unsafe", "victim": "Yes", "reported": "No",
     "feel_safer": "Better lighting, more patrols", "about_relationship": ["I live here", "I work here"],
     "about_age_band": "25 to 34", "about_ethnicity": "Black, Black British, Caribbean or African",
     "about_area": "Castle"},
    {"when": dt.datetime(2026, 1, 20, 9, 15, 0),
     "priorities": ["Anti-social behaviour", "Burglary and theft"],
     "town_centre_issues": ["Groups gathering"],
     "safety_day": "Fairly safe", "safety_dark": "Very unsafe", "victim": "No",
     "about_relationship": ["I live here"], "about_age_band": "65 to 74", "about_ethnicity": "White"},
    {"when": dt.datetime(2026, 3, 29, 10, 30, 0), "safety_dark": "Don't know"},
    {"when": dt.datetime(2026, 6, 1, 22, 45, 30),
     "priorities": ["Town centre safety", "Violence", "Burglary and theft", "Drug dealing and drug use",
                    "Anti-social behaviour"],
     "town_centre_issues": ["Drug misuse or drug dealing", "Robbery", "Burglary - business"],
     "violence_features": ["Alcohol-related violence", "Youth violence"],
     "violence_features.other": "County lines",
     "safety_day": "Very safe", "safety_dark": "Fairly safe", "victim": "Prefer not to say",
     "feel_safer": "CCTV near the station", "about_relationship": ["I study here"],
     "about_age_band": "16 to 17", "about_gender": "Woman or girl", "about_ethnicity": "Prefer not to say"},
    {"when": dt.datetime(2026, 8, 31, 23, 59, 59),
     "priorities": ["Drug dealing and drug use"], "town_centre_issues": ["State of street lighting"],
     "town_centre_issues.other": "Broken glass", "safety_day": "A bit unsafe", "safety_dark": "Very unsafe",
     "victim": "Yes", "reported": "Yes", "about_relationship": ["I visit"], "about_gender": "Man or boy",
     "about_area": "Riverside"},
    {"when": dt.datetime(2026, 2, 2, 12, 0, 0), "feel_safer": "More youth clubs; open later",
     "about_ethnicity": "Mixed or multiple ethnic groups"},
]


def _question(question_id: str):
    return DEFINITION.question(question_id)


def _labels(question_id: str) -> list[str]:
    return [option.label for option in _question(question_id).options]


def _chosen(person: dict[str, object], question_id: str) -> list[str]:
    """Multiple-choice labels in the form's option order (how every tool writes them)."""
    picked = person.get(question_id) or []
    return [label for label in _labels(question_id) if label in picked]


def _rank(person: dict[str, object], label: str) -> str:
    order = person.get("priorities") or []
    return str(order.index(label) + 1) if label in order else ""


def google_forms() -> bytes:
    header = ["Timestamp", "Email address"]
    for question_id in ORDER:
        if question_id == "priorities":
            header += [f"{_question(question_id).text} [{label}]" for label in _labels(question_id)]
        else:
            header.append(_question(question_id).text)
    rows = [header]
    for person in RESPONDENTS:
        row = [person["when"].strftime("%d/%m/%Y %H:%M:%S"), ""]
        for question_id in ORDER:
            question = _question(question_id)
            if question_id == "priorities":
                row += [_rank(person, label) for label in _labels(question_id)]
            elif question.type == "multiple_choice":
                other = person.get(f"{question_id}.other")
                row.append(", ".join(_chosen(person, question_id) + ([other] if other else [])))
            else:
                row.append(str(person.get(question_id, "")))
        rows.append(row)
    return _csv(rows)


def microsoft_forms() -> bytes:
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    header += [_question(question_id).text for question_id in ORDER]
    rows: list[list[object]] = [header]
    for number, person in enumerate(RESPONDENTS, start=1):
        done = person["when"] - dt.timedelta(hours=1 if _summer(person["when"]) else 0)  # UTC
        row: list[object] = [number, done - dt.timedelta(minutes=7), done, "anonymous", ""]
        for question_id in ORDER:
            question = _question(question_id)
            if question_id == "priorities":
                row.append("".join(f"{label};" for label in person.get(question_id) or []))
            elif question.type == "multiple_choice":
                other = person.get(f"{question_id}.other")
                items = _chosen(person, question_id) + ([other] if other else [])
                row.append("".join(f"{label};" for label in items))
            else:
                row.append(str(person.get(question_id, "")))
        rows.append(row)
    return _xlsx(rows, "Sheet1")


def smartsurvey() -> bytes:
    top = ["UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended"]
    parts = [""] * len(top)
    for number, question_id in enumerate(ORDER, start=1):
        question = _question(question_id)
        title = f"{number}. {question.text}"
        if question.type in ("ranking", "multiple_choice"):
            labels = _labels(question_id) + (["Other (please specify)"] if question_id != "priorities"
                                             and question.type == "multiple_choice"
                                             and getattr(question, "other", False) else [])
            top += [title] + [""] * (len(labels) - 1)
            parts += labels
        else:
            top.append(title)
            parts.append("")
    rows: list[list[object]] = [top, parts]
    for number, person in enumerate(RESPONDENTS, start=1):
        started = (person["when"] - dt.timedelta(minutes=5)).strftime("%d/%m/%Y %H:%M:%S")
        row: list[object] = [1000 + number, "", "", f"192.0.2.{number}", "", started,
                             person["when"].strftime("%d/%m/%Y %H:%M:%S")]
        for question_id in ORDER:
            question = _question(question_id)
            if question_id == "priorities":
                row += [_rank(person, label) for label in _labels(question_id)]
            elif question.type == "multiple_choice":
                chosen = _chosen(person, question_id)
                row += [label if label in chosen else "" for label in _labels(question_id)]
                if getattr(question, "other", False):
                    row.append(person.get(f"{question_id}.other", ""))
            else:
                row.append(str(person.get(question_id, "")))
        rows.append(row)
    return _xlsx(rows, "Responses")


def citizen_space() -> bytes:
    header = ["Response ID", "Submitted on", "Name", "Email"]
    for question_id in ORDER:
        question = _question(question_id)
        if question_id == "priorities":
            header += [f"{question.text}: Rank {rank}" for rank in range(1, question.rank + 1)]
        elif question.type == "multiple_choice":
            header += [f"{question.text}: {label}" for label in _labels(question_id)]
            if getattr(question, "other", False):
                header.append(f"{question.text}: Other")
        else:
            header.append(question.text)
    rows = [header]
    for number, person in enumerate(RESPONDENTS, start=1):
        row = [f"ANON-{number:04d}-KQ7T", person["when"].strftime("%Y-%m-%d %H:%M:%S"), "", ""]
        for question_id in ORDER:
            question = _question(question_id)
            if question_id == "priorities":
                order = list(person.get(question_id) or [])
                row += [order[rank] if rank < len(order) else "" for rank in range(question.rank)]
            elif question.type == "multiple_choice":
                chosen = _chosen(person, question_id)
                row += [label if label in chosen else "" for label in _labels(question_id)]
                if getattr(question, "other", False):
                    row.append(str(person.get(f"{question_id}.other", "")))
            else:
                row.append(str(person.get(question_id, "")))
        rows.append(row)
    return _csv(rows)


def _summer(when: dt.datetime) -> bool:
    from zoneinfo import ZoneInfo

    return bool(when.replace(tzinfo=ZoneInfo("Europe/London")).dst())


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows: list[list[object]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    fixed = dt.datetime(2026, 9, 1, 9, 0, 0)
    book.properties.created = book.properties.modified = fixed
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILES = {
    "google-forms.csv": google_forms,
    "microsoft-forms.xlsx": microsoft_forms,
    "smartsurvey.xlsx": smartsurvey,
    "citizen-space.csv": citizen_space,
}

if __name__ == "__main__":
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name, write in FILES.items():
        (SAMPLES / name).write_bytes(write())
        print(f"Wrote {SAMPLES / name}")
