"""Local services as rows that officers edit with forms, moved out of the partnership's YAML

Each service of ``partnership.local_services_yaml`` becomes a ``local_service`` row, in file order,
keeping its first phone, text and web contact (the YAML was checked when it was saved); then the YAML
column goes. Downgrading writes the rows back as YAML in the same format.

The conversion is written out here rather than imported from ``survey.signposting``, so that this
revision keeps working however that code changes later.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import yaml
from alembic import op

import survey.storage.types

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_partnership = sa.table("partnership", sa.column("id", sa.Integer), sa.column("local_services_yaml", sa.Text))
_service = sa.table(
    "local_service",
    sa.column("id", sa.Integer),
    sa.column("partnership_id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("topics", sa.JSON),
    sa.column("min_age", sa.Integer),
    sa.column("max_age", sa.Integer),
    sa.column("phone", sa.String),
    sa.column("text_message", sa.String),
    sa.column("website", sa.String),
    sa.column("hours", sa.String),
    sa.column("ward_codes", sa.JSON),
    sa.column("created_at", survey.storage.types.UTCDateTime(timezone=True)),
    sa.column("updated_at", survey.storage.types.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    op.create_table(
        "local_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("text_message", sa.String(length=100), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("hours", sa.String(length=200), nullable=False),
        sa.Column("ward_codes", sa.JSON(), nullable=False),
        sa.Column("submission_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", survey.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", survey.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"], ["partnership.id"], name=op.f("fk_local_service_partnership_id_partnership")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_service")),
        sa.UniqueConstraint("submission_key", name=op.f("uq_local_service_submission_key")),
    )
    with op.batch_alter_table("local_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_service_partnership_id"), ["partnership_id"], unique=False)

    connection = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    stored = connection.execute(
        sa.select(_partnership.c.id, _partnership.c.local_services_yaml).order_by(_partnership.c.id)
    ).all()
    for partnership_id, text in stored:
        rows = [_row(item) for item in _items(text)]
        if rows:
            connection.execute(
                _service.insert(),
                [
                    {**row, "partnership_id": partnership_id, "created_at": now, "updated_at": now}
                    for row in rows
                ],
            )

    # Natively, not in a batch: SQLite's batch mode copies the table, which its foreign keys (every
    # officer and consultation points at a partnership) refuse. SQLite has dropped columns since 3.35.
    op.execute("ALTER TABLE partnership DROP COLUMN local_services_yaml")


def downgrade() -> None:
    op.add_column("partnership", sa.Column("local_services_yaml", sa.Text(), nullable=True))

    connection = op.get_bind()
    by_partnership: dict[int, list[dict[str, Any]]] = {}
    for row in connection.execute(sa.select(_service).order_by(_service.c.id)).mappings():
        by_partnership.setdefault(row["partnership_id"], []).append(_item(row))
    for partnership_id, items in by_partnership.items():
        text = yaml.safe_dump({"services": items}, sort_keys=False, allow_unicode=True, width=100)
        connection.execute(
            _partnership.update().where(_partnership.c.id == partnership_id).values(local_services_yaml=text)
        )

    with op.batch_alter_table("local_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_service_partnership_id"))
    op.drop_table("local_service")


def _items(text: str | None) -> list[dict[str, Any]]:
    data = yaml.safe_load(text) if text and text.strip() else None
    services = data.get("services") if isinstance(data, dict) else None
    return [item for item in services or [] if isinstance(item, dict)]


def _row(item: dict[str, Any]) -> dict[str, Any]:
    contacts = [contact for contact in item.get("contacts") or [] if isinstance(contact, dict)]

    def first(kind: str, limit: int) -> str:
        return next((str(c.get("value", "")).strip()[:limit] for c in contacts if c.get("kind") == kind), "")

    name = " ".join(str(item.get("name") or item.get("id") or "Local service").split())
    return {
        "name": name[:200],
        "description": " ".join(str(item.get("description") or name).split()),
        "topics": [str(topic) for topic in item.get("topics") or []],
        "min_age": item.get("min_age"),
        "max_age": item.get("max_age"),
        "phone": first("phone", 40),
        "text_message": first("text", 100),
        "website": first("web", 500),
        "hours": str(item.get("hours") or "")[:200],
        "ward_codes": [],
    }


def _item(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"local_{row['id']}",
        "name": row["name"],
        "description": row["description"],
        "topics": list(row["topics"]),
    }
    for age in ("min_age", "max_age"):
        if row[age] is not None:
            item[age] = row[age]
    kinds = (("phone", row["phone"]), ("text", row["text_message"]), ("web", row["website"]))
    item["contacts"] = [{"kind": kind, "value": value} for kind, value in kinds if value]
    if row["hours"]:
        item["hours"] = row["hours"]
    return item
