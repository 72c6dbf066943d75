"""A partnership's local services as rows (:class:`~survey.storage.models.LocalService`): checked,
added, changed, removed, and read as the :class:`~survey.signposting.services.Service` objects the web
"Get help" pages and the bot show. Every function flushes and never commits.

The form, the CSV import and the demo loader all go through :func:`check_fields`, so a service is held
to the same rules however it arrives: a name, a sentence about it, at least one topic, ages in order,
a UK phone number, a way to text it or an https:// website (at least one), and only the partnership's
own wards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.signposting.phones import phone_problem, text_message_problem, website_problem
from survey.signposting.services import Contact, HelpTopic, Service
from survey.storage.models import LocalService, Ward
from survey.storage.types import utcnow

NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 1_000
HOURS_MAX_LENGTH = 200
TEXT_MESSAGE_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 40
OLDEST_AGE = 120
ID_PREFIX = "local_"


@dataclass(frozen=True)
class ServiceFields:
    """What an officer says about a service (blank strings for what they left out)."""

    name: str
    description: str
    topics: tuple[HelpTopic, ...]
    min_age: int | None = None
    max_age: int | None = None
    phone: str = ""
    text_message: str = ""
    website: str = ""
    hours: str = ""
    ward_codes: tuple[str, ...] = ()

    def tidied(self) -> ServiceFields:
        """The same fields with spaces tidied, topics in menu order and wards without repeats."""

        def tidy(text: str) -> str:
            return " ".join(text.split())

        return ServiceFields(
            tidy(self.name),
            tidy(self.description),
            tuple(t for t in HelpTopic if t in set(self.topics)),
            self.min_age,
            self.max_age,
            tidy(self.phone),
            tidy(self.text_message),
            self.website.strip(),
            tidy(self.hours),
            tuple(dict.fromkeys(self.ward_codes)),
        )


class ServiceFieldsError(ValueError):
    """The fields cannot be stored; ``errors`` maps a field name to what to fix, in GOV.UK words."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


def check_fields(values: ServiceFields, ward_codes: Iterable[str]) -> dict[str, str]:
    """Every problem with ``values`` (already :meth:`~ServiceFields.tidied`), by field name.

    ``ward_codes`` are the codes of the partnership's wards: any other is a problem.
    """
    errors = {**_words_problems(values), **_age_problems(values), **_contact_problems(values)}
    if len(values.hours) > HOURS_MAX_LENGTH:
        errors["hours"] = f"Opening hours must be {HOURS_MAX_LENGTH} characters or fewer"
    if set(values.ward_codes) - set(ward_codes):
        errors["ward_codes"] = "Select wards of your partnership only"
    return errors


def _words_problems(values: ServiceFields) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not values.name:
        errors["name"] = "Enter the name of the service"
    elif len(values.name) > NAME_MAX_LENGTH:
        errors["name"] = f"Name must be {NAME_MAX_LENGTH} characters or fewer"
    if not values.description:
        errors["description"] = "Enter what the service does"
    elif len(values.description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = f"Description must be {DESCRIPTION_MAX_LENGTH:,} characters or fewer"
    if not values.topics:
        errors["topics"] = "Select what the service helps with"
    return errors


def _age_problems(values: ServiceFields) -> dict[str, str]:
    errors = {
        name: f"Age must be a whole number from 0 to {OLDEST_AGE}"
        for name in ("min_age", "max_age")
        if getattr(values, name) is not None and not 0 <= getattr(values, name) <= OLDEST_AGE
    }
    if (
        not errors
        and values.min_age is not None
        and values.max_age is not None
        and values.min_age > values.max_age
    ):
        errors["max_age"] = "The oldest age must be the same as or more than the youngest age"
    return errors


def _contact_problems(values: ServiceFields) -> dict[str, str]:
    problems = {
        "phone": (
            f"Phone number must be {PHONE_MAX_LENGTH} characters or fewer"
            if len(values.phone) > PHONE_MAX_LENGTH
            else phone_problem(values.phone)
        )
        if values.phone
        else None,
        "text_message": (
            f"Text message must be {TEXT_MESSAGE_MAX_LENGTH} characters or fewer"
            if len(values.text_message) > TEXT_MESSAGE_MAX_LENGTH
            else text_message_problem(values.text_message)
        )
        if values.text_message
        else None,
        "website": website_problem(values.website) if values.website else None,
    }
    errors = {name: problem for name, problem in problems.items() if problem}
    if not (values.phone or values.text_message or values.website):
        errors["phone"] = (
            "Enter a phone number, a number to text or a website, so people can reach the service"
        )
    return errors


def local_services(session: Session, partnership_id: int) -> list[LocalService]:
    """The partnership's local services, in the order they were added."""
    return list(
        session.scalars(
            select(LocalService)
            .where(LocalService.partnership_id == partnership_id)
            .order_by(LocalService.id)
        )
    )


def own_service(session: Session, partnership_id: int, service_id: int) -> LocalService | None:
    """One of the partnership's services (``None`` for another partnership's, or none at all)."""
    row = session.get(LocalService, service_id)
    return row if row is not None and row.partnership_id == partnership_id else None


def ward_names(session: Session, partnership_id: int) -> dict[str, str]:
    """The partnership's wards, code -> name, in name order."""
    rows = session.execute(
        select(Ward.code, Ward.name).where(Ward.partnership_id == partnership_id).order_by(Ward.name)
    )
    return {code: name for code, name in rows}


def add_service(
    session: Session, partnership_id: int, values: ServiceFields, *, submission_key: str | None = None
) -> tuple[LocalService, bool]:
    """Store a new service; returns it and whether it is new (a re-sent form returns the one it stored).

    Raises :class:`ServiceFieldsError` and stores nothing when the fields have a problem.
    """
    if submission_key:
        existing = session.scalar(
            select(LocalService).where(
                LocalService.submission_key == submission_key, LocalService.partnership_id == partnership_id
            )
        )
        if existing is not None:
            return existing, False
    row = LocalService(partnership_id=partnership_id, submission_key=submission_key or None)
    _fill(row, _checked(session, partnership_id, values))
    session.add(row)
    session.flush()
    return row, True


def change_service(session: Session, row: LocalService, values: ServiceFields) -> bool:
    """Change a service's details; returns whether anything changed. Raises :class:`ServiceFieldsError`."""
    values = _checked(session, row.partnership_id, values, row_id=row.id)
    if fields_of(row) == values:
        return False
    _fill(row, values)
    row.updated_at = utcnow()
    session.flush()
    return True


def remove_service(session: Session, row: LocalService) -> None:
    """Remove a service: the help pages and the bot stop showing it at once."""
    session.delete(row)
    session.flush()


def fields_of(row: LocalService) -> ServiceFields:
    """A stored service's fields, as :func:`check_fields` sees them."""
    return ServiceFields(
        row.name,
        row.description,
        tuple(HelpTopic(t) for t in row.topics if t in set(HelpTopic)),
        row.min_age,
        row.max_age,
        row.phone,
        row.text_message,
        row.website,
        row.hours,
        tuple(row.ward_codes or ()),
    )


def as_service(row: LocalService, names: Mapping[str, str]) -> Service | None:
    """The service as the help pages and the bot show it (``None`` if it has no way to reach it).

    ``names`` maps ward codes to names (from :func:`ward_names`); a ward no longer loaded is left out.
    """
    contacts = []
    if row.phone:
        contacts.append(Contact(kind="phone", value=row.phone, label="Call"))
    if row.text_message:
        contacts.append(Contact(kind="text", value=row.text_message, label="Text"))
    if row.website:
        contacts.append(Contact(kind="web", value=row.website, label="Website"))
    topics = [topic for topic in HelpTopic if topic.value in set(row.topics)]
    if not contacts or not topics:
        return None
    return Service(
        id=f"{ID_PREFIX}{row.id}",
        name=row.name,
        description=row.description or row.name,
        topics=frozenset(topics),
        min_age=row.min_age,
        max_age=row.max_age,
        contacts=tuple(contacts),
        hours=row.hours,
        areas=tuple(names[code] for code in row.ward_codes or () if code in names),
    )


def _checked(
    session: Session, partnership_id: int, values: ServiceFields, *, row_id: int | None = None
) -> ServiceFields:
    values = values.tidied()
    errors = check_fields(values, ward_names(session, partnership_id) if values.ward_codes else ())
    # Names are unique in a partnership: the CSV import finds a service by its name.
    same_name = [
        row
        for row in local_services(session, partnership_id)
        if row.name.casefold() == values.name.casefold() and row.id != row_id
    ]
    if same_name and "name" not in errors:
        errors["name"] = "You already have a service with this name: change that one, or choose another name"
    if errors:
        raise ServiceFieldsError(errors)
    return values


def _fill(row: LocalService, values: ServiceFields) -> None:
    for field in fields(ServiceFields):
        value = getattr(values, field.name)
        if field.name == "topics":
            value = [topic.value for topic in value]
        elif field.name == "ward_codes":
            value = list(value)
        setattr(row, field.name, value)
