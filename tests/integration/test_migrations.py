"""The migrations are the schema: one head, pinned, and identical to the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.storage.models import Base


class TestMigrationHistory:
    def test_there_is_exactly_one_head(self):
        assert len(migrate.heads()) == 1

    def test_head_matches_the_pinned_head_file(self):
        assert migrate.heads() == [migrate.pinned_head()], (
            "A new migration must update survey/storage/migrations/HEAD"
        )


class TestMigrationsMatchModels:
    def test_migrated_database_has_no_difference_from_the_models(self, engine):
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []

    def test_every_model_table_exists_after_upgrade(self, engine):
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables

    def test_downgrade_to_base_then_upgrade_again(self, databases):
        engine = create_database_engine(databases.create())
        try:
            migrate.upgrade(engine)
            from alembic import command

            command.downgrade(migrate.alembic_config(engine), "base")
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
            migrate.upgrade(engine)
            assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        finally:
            engine.dispose()
