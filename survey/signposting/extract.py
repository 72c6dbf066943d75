"""The words of the national services file, for the translation catalogue (a Babel extractor).

``babel.cfg`` names :func:`services_yaml` for ``survey/signposting/data/services-national.yaml``, so
``make translations`` finds each service's name, description, hours and contact labels where they are
written, and a text contact with words in it ("SHOUT to 85258"): one source of each sentence. The bot
and the web show them with ``translate`` in the reader's language; a local service, which officers
write, is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from survey.signposting.services import parse_services


def service_texts(yaml_text: str) -> list[str]:
    """Every text of the services in ``yaml_text`` that a reader sees, as the app shows it (the
    description's lines joined), in the file's order, each once."""
    found: list[str] = []
    for service in parse_services(yaml_text, source_name="services", national=True):
        found += [service.name, service.description, service.hours]
        for contact in service.contacts:
            found.append(contact.label)
            if contact.kind == "text" and any(character.isalpha() for character in contact.value):
                found.append(contact.value)
    return list(dict.fromkeys(text for text in found if text))


def services_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                  ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extractor interface: ``(line, function, message, comments)`` for each text."""
    for text in service_texts(fileobj.read().decode("utf-8")):
        yield 0, "N_", text, []
