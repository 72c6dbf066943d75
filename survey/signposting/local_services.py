"""A partnership's services directory: the national services plus the partnership's own.

The local services are rows (:class:`~survey.storage.models.LocalService`, kept by
:mod:`survey.signposting.local_store`) that officers edit with forms or a CSV file. The web "Get help"
pages and the bot read them through :func:`partnership_directory`, so both always point people to the
same places.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session, object_session

from survey.languages import N_
from survey.signposting.local_store import ServiceFields, as_service, local_services, ward_names
from survey.signposting.services import HelpTopic, Service, ServicesDirectory, ServicesError, load_directory
from survey.storage.models import Partnership

logger = logging.getLogger(__name__)

SOURCE_NAME = "local services"


def partnership_directory(partnership: Partnership | None) -> ServicesDirectory:
    """National services plus the partnership's local ones (national only when it has none).

    The local services are read through the session ``partnership`` was loaded in. A stored service
    that cannot be shown (changed by hand in the database) is left out, so nobody is left without the
    national helplines.
    """
    session = object_session(partnership) if partnership is not None else None
    if partnership is None or session is None:
        return load_directory()
    return local_directory(session, partnership.id)


def local_directory(session: Session, partnership_id: int) -> ServicesDirectory:
    """National services plus the local services of ``partnership_id``."""
    names = ward_names(session, partnership_id)
    local = []
    for row in local_services(session, partnership_id):
        service = as_service(row, names)
        if service is None:
            logger.warning("Local service %s has no topic or contact and is not shown", row.id)
        else:
            local.append(service)
    try:
        return ServicesDirectory(load_directory().all(), local)
    except ServicesError:
        logger.warning("The local services of a partnership could not be read; showing national ones only")
        return load_directory()


def fields_from_yaml(yaml_text: str) -> list[ServiceFields]:
    """Local services written in the YAML format of the national file, as fields to store.

    For loading example services (the demo) and the services of a partnership kept as YAML before the
    forms existed. Each service keeps its first phone, text and web contact. Raises
    :class:`~survey.signposting.services.ServicesError` when the YAML is not a valid services file.
    """
    return [_fields(service) for service in load_directory(yaml_text, source_name=SOURCE_NAME).local()]


def _fields(service: Service) -> ServiceFields:
    def first(kind: str) -> str:
        return next((contact.value for contact in service.contacts if contact.kind == kind), "")

    return ServiceFields(
        service.name,
        service.description,
        tuple(t for t in HelpTopic if t in service.topics),
        service.min_age,
        service.max_age,
        first("phone"),
        first("text"),
        first("web"),
        service.hours,
    )


AGE_BANDS: dict[str, tuple[str, int, int]] = {
    "10_or_under": (N_("10 or under"), 0, 10),
    "11_15": (N_("11 to 15"), 11, 15),
    "16_17": (N_("16 or 17"), 16, 17),
    "18_24": (N_("18 to 24"), 18, 24),
    "25_or_over": (N_("25 or over"), 25, 120),
}
"""Age bands people pick from to narrow "Get help" (the web page and the bot offer the same ones)."""


def services_for(
    directory: ServicesDirectory, topic: HelpTopic | str, age_band: str | None = None
) -> list[Service]:
    """The directory's services for ``topic`` in its usual order, keeping only those open to someone in
    ``age_band`` (a key of :data:`AGE_BANDS`; ``None`` or unknown: every age)."""
    services = directory.for_topic(topic)
    if age_band not in AGE_BANDS:
        return services
    _, low, high = AGE_BANDS[age_band]
    return [
        service
        for service in services
        if (service.min_age is None or service.min_age <= high)
        and (service.max_age is None or service.max_age >= low)
    ]
