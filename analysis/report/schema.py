"""The JSON Schema of the report, generated from its types.

``python -m analysis.report.schema`` rewrites ``analysis/report/report.schema.json``; a test fails
when the committed file differs from what the types generate, so the published schema cannot drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from analysis.report.models import Report

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every report's JSON satisfies."""
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the schema file."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"Wrote {SCHEMA_PATH}")


if __name__ == "__main__":
    main()
