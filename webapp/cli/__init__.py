"""The ``safer-voices`` command (``main``, the console script): Flask's Click CLI as the group, the
administration commands beside it, and one module per area of commands (``consultations``,
``report``, ``reports``)."""

from __future__ import annotations

from webapp.cli.group import cli, main

__all__ = ["cli", "main"]
