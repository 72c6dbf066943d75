"""A partnership's services directory: the national services plus the partnership's own.

The local services are YAML kept on the partnership (``Partnership.local_services_yaml``, the schema
in :mod:`survey.signposting.services`). Officers edit it in the web app; the web "Get help" pages and the bot
read it through :func:`partnership_directory`, so both always point people to the same places.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from sqlalchemy.orm import Session

from survey.signposting.services import HelpTopic, Service, ServicesDirectory, ServicesError, load_directory
from survey.storage.models import Partnership

logger = logging.getLogger(__name__)

SOURCE_NAME = "local services"


@lru_cache(maxsize=32)
def _directory(local_yaml: str | None) -> ServicesDirectory:
    return load_directory(local_yaml, source_name=SOURCE_NAME)


def partnership_directory(partnership: Partnership | None) -> ServicesDirectory:
    """National services plus the partnership's local ones (national only when it has none).

    Stored YAML was checked when it was saved; if it is unreadable anyway (edited by hand in the
    database), the national services are still returned so nobody is left without a helpline.
    """
    local_yaml = partnership.local_services_yaml if partnership is not None else None
    try:
        return _directory(local_yaml)
    except ServicesError:
        logger.warning("The local services of a partnership could not be read; showing national ones only")
        return _directory(None)


def update_local_services(session: Session, partnership: Partnership, yaml_text: str) -> ServicesDirectory:
    """Check ``yaml_text`` and save it as the partnership's local services (blank removes them all).

    Raises :class:`~survey.signposting.services.ServicesError` (line and problem named) and saves nothing when
    the text is not a valid services file. Flushes, never commits.
    """
    text = yaml_text.replace("\r\n", "\n").strip()
    directory = load_directory(text or None, source_name=SOURCE_NAME)
    partnership.local_services_yaml = f"{text}\n" if text else None
    session.flush()
    return directory


AGE_BANDS: dict[str, tuple[str, int, int]] = {
    "10_or_under": ("10 or under", 0, 10),
    "11_15": ("11 to 15", 11, 15),
    "16_17": ("16 or 17", 16, 17),
    "18_24": ("18 to 24", 18, 24),
    "25_or_over": ("25 or over", 25, 120),
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
        service for service in services
        if (service.min_age is None or service.min_age <= high)
        and (service.max_age is None or service.max_age >= low)
    ]
