"""Which national services lead the reply to an urgent message, for each kind of risk.

The table is data (``survey/signposting/data/urgent-helplines.yaml``) so that the services for a kind of
risk change in one place, beside the services themselves, and every channel (the bot, the web
confirmation) gives the same help.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

from survey.signposting.services import ServicesError, load_directory

SOURCE_NAME = "urgent-helplines.yaml"


@cache
def helplines_by_risk() -> dict[str, tuple[str, ...]]:
    """Risk category value -> national service ids, in the file's order (the most life-threatening first).

    Raises :class:`ServicesError` when the file names a service that is not a national service.
    """
    text = files("survey.signposting").joinpath(f"data/{SOURCE_NAME}").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ServicesError(f"{SOURCE_NAME}: expected a mapping of risk to a list of service ids")
    national = {service.id for service in load_directory().all()}
    table: dict[str, tuple[str, ...]] = {}
    for risk, service_ids in data.items():
        if not isinstance(service_ids, list) or not service_ids:
            raise ServicesError(f"{SOURCE_NAME}: {risk}: expected a list of service ids")
        unknown = [service_id for service_id in service_ids if service_id not in national]
        if unknown:
            raise ServicesError(f"{SOURCE_NAME}: {risk}: {', '.join(unknown)} is not a national service")
        table[str(risk)] = tuple(service_ids)
    return table
