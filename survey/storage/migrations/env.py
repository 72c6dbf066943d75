"""Alembic environment: migrate the engine handed over by ``survey.storage.migrate``."""

from alembic import context

from survey.storage.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: fall back to the configured settings
    from survey.settings import Settings
    from survey.storage.db import engine_from_settings

    engine = engine_from_settings(Settings())

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
