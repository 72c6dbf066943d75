"""``safer-voices partnership ...``: adding a partnership and setting who is told of urgent reports.

Each command is one unit of work: it changes everything it was asked to, or nothing.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group()
def partnership() -> None:
    """Manage partnerships."""


@partnership.command("create")
@click.argument("slug")
@click.argument("name")
@with_appcontext
def partnership_create(slug: str, name: str) -> None:
    """Create a partnership (SLUG is used in commands, NAME is shown in the header)."""
    from survey.partnerships import PartnershipError, get_or_create_partnership
    from webapp.database import unit_of_work

    try:
        with unit_of_work() as session:
            created = get_or_create_partnership(session, slug, name)
            click.echo(f"Partnership '{created.slug}': {created.name}")
    except PartnershipError as error:
        raise click.ClickException(str(error)) from error


@partnership.command("alerts")
@click.argument("slug")
@click.option("--email", "emails", multiple=True, metavar="ADDRESS",
              help="Add an address to tell when an urgent report arrives (repeat for more).")
@click.option("--clear", is_flag=True, help="Remove every address first (with --email: replace the list).")
@with_appcontext
def partnership_alerts(slug: str, emails: tuple[str, ...], clear: bool) -> None:
    """Show or change who is emailed when an urgent report arrives, and print the resulting list.

    An alert says only that an urgent report arrived and when, with a link to sign in: never what
    the report says.
    """
    from survey.notifications.alerts import (
        AlertAddressError,
        add_alert_addresses,
        alert_addresses,
        checked_address,
        clear_alert_addresses,
    )
    from survey.officers.audit import record_event
    from survey.partnerships import PartnershipError, require_partnership
    from webapp.database import unit_of_work

    try:
        with unit_of_work() as session:
            owner = require_partnership(session, slug)
            for email in emails:  # every address is checked before anything changes
                checked_address(email)
            if clear:
                removed = clear_alert_addresses(session, owner.id)
                if removed:
                    record_event(session, partnership_id=owner.id, action="alert_addresses_cleared",
                                 target_type="partnership", target_id=owner.id, details={"count": removed})
            for added in add_alert_addresses(session, owner.id, emails):
                record_event(session, partnership_id=owner.id, action="alert_address_added",
                             target_type="alert_address", target_id=added.id, details={"email": added.email})
            addresses = [address.email for address in alert_addresses(session, owner.id)]
    except (PartnershipError, AlertAddressError) as error:
        raise click.ClickException(str(error)) from error
    if addresses:
        click.echo(f"Urgent reports for '{slug}' are emailed to:")
        for address in addresses:
            click.echo(f"  {address}")
    else:
        click.echo(f"No addresses are told of urgent reports for '{slug}'. Add one with --email ADDRESS.")
