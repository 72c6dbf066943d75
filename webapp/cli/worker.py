"""``safer-voices worker``: the background worker on its own (``serve --no-worker`` leaves it out)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.command("worker")
@with_appcontext
def worker() -> None:
    """Run the background worker: it sends urgent alerts and daily digests and runs the scheduled
    jobs. Run one per host beside `serve --no-worker`; with SAFER_VOICES_REDIS_URL set, any number
    of hosts share the work and each scheduled job still runs once. Stop it with Ctrl-C."""
    from survey.worker.consumer import configure_logging, run_worker
    from webapp.database import app_state

    settings = app_state().settings
    configure_logging(settings)
    run_worker(settings)
