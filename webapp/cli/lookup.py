"""What the commands look up by the name a person types, with an error they can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # imported when a command runs, not when the command line lists its options
    from sqlalchemy.orm import Session

    from survey.storage.models import Consultation


def consultation_named(session: Session, slug: str) -> Consultation:
    """The consultation with this slug; a ClickException (exit code 1) naming the slug if there is none."""
    from survey.consultations import consultation_by_slug

    consultation = consultation_by_slug(session, slug)
    if consultation is None:
        raise click.ClickException(
            f"There is no consultation with the slug '{slug}' (the slug is the end of its public URL)"
        )
    return consultation
