"""A partnership's alert addresses: who is emailed when an urgent report arrives.

Functions flush, never commit. The settings page and ``safer-voices partnership alerts`` both use
them, and each change is audited by its caller (the web knows the officer; the command line does not).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from survey.mail_server import MAIL_ADDRESS
from survey.storage.models import AlertAddress

MAX_ALERT_ADDRESSES = 20


class AlertAddressError(ValueError):
    """An alert address that cannot be added, in words an administrator can act on."""


def checked_address(email: str) -> str:
    """``email`` as it is stored (trimmed, lower case), or :class:`AlertAddressError`."""
    address = email.strip().lower()
    if not address:
        raise AlertAddressError("Enter an email address")
    if len(address) > 254 or not MAIL_ADDRESS.match(address):
        raise AlertAddressError("Enter an email address in the correct format, like name@example.org")
    return address


def alert_addresses(session: Session, partnership_id: int) -> list[AlertAddress]:
    """The partnership's alert addresses, in alphabetical order."""
    query = select(AlertAddress).where(AlertAddress.partnership_id == partnership_id)
    return list(session.scalars(query.order_by(AlertAddress.email)))


def add_alert_addresses(session: Session, partnership_id: int, emails: Iterable[str]) -> list[AlertAddress]:
    """Add each address not on the list yet; returns the ones added. Every address is checked
    first, so one bad address adds none."""
    wanted = list(dict.fromkeys(checked_address(email) for email in emails))
    existing = {address.email for address in alert_addresses(session, partnership_id)}
    new = [email for email in wanted if email not in existing]
    if len(existing) + len(new) > MAX_ALERT_ADDRESSES:
        raise AlertAddressError(f"A partnership can have at most {MAX_ALERT_ADDRESSES} alert addresses")
    added = [AlertAddress(partnership_id=partnership_id, email=email) for email in new]
    session.add_all(added)
    session.flush()
    return added


def add_alert_address(session: Session, partnership_id: int, email: str) -> AlertAddress:
    """Add one address, or :class:`AlertAddressError` if it is not valid or is on the list already."""
    added = add_alert_addresses(session, partnership_id, [email])
    if not added:
        raise AlertAddressError(f"{checked_address(email)} is already on the list")
    return added[0]


def remove_alert_address(session: Session, partnership_id: int, address_id: int) -> AlertAddress | None:
    """Remove one of the partnership's addresses; ``None`` when it has no address with that id."""
    address = session.scalar(
        select(AlertAddress).where(AlertAddress.id == address_id,
                                   AlertAddress.partnership_id == partnership_id)
    )
    if address is not None:
        session.delete(address)
        session.flush()
    return address


def clear_alert_addresses(session: Session, partnership_id: int) -> int:
    """Remove every alert address of the partnership; returns how many there were."""
    result = session.execute(delete(AlertAddress).where(AlertAddress.partnership_id == partnership_id))
    session.flush()
    return result.rowcount or 0
