"""The services directory: where to send someone for help (signposting).

National services live in one data file, ``survey/signposting/data/services-national.yaml``, whose numbers are
pinned in a test. Each partnership adds its own local services (youth service, CAMHS, victim
support...) with the officers' forms or a CSV file (:mod:`survey.signposting.local_store`); they are
read into the same :class:`Service` model. Example services (the demo's) are written in the national
file's schema, read by :func:`load_directory` and stored as rows::

    services:
      - id: demo_youth_hub
        name: Demo Borough Youth Hub
        description: Drop in after school to talk to a youth worker.
        topics: [bullying, knives_weapons, something_else]
        min_age: 11
        max_age: 19
        contacts:
          - {kind: phone, value: "01632 960123", label: Call}
        hours: Monday to Friday, 3pm to 8pm

Order returned by :meth:`ServicesDirectory.for_topic`: urgent services (999) always come first.
Then, for the urgent topics (:data:`URGENT_TOPICS`), national helplines before local services, because
a 24-hour national line is the safer first step; for every other topic local services come first,
because the local youth service or anti-social behaviour team is usually the most useful. Within each
group services keep their file order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from survey.definitions.yaml_source import YAMLSourceError, line_of, load_yaml
from survey.languages import N_, SOURCE, translate
from survey.signposting import texts
from survey.signposting.phones import uk_number


class ServicesError(ValueError):
    """A services file that cannot be used; the message says which file, where, and what is wrong."""


class HelpTopic(StrEnum):
    """What someone needs help with; each topic has a plain-English menu label."""

    EMERGENCY = "emergency"
    CRIME = "crime"
    KNIVES_WEAPONS = "knives_weapons"
    GANGS_EXPLOITATION = "gangs_exploitation"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    MISSING = "missing"
    DRUGS_ALCOHOL = "drugs_alcohol"
    ANTISOCIAL_BEHAVIOUR = "antisocial_behaviour"
    BULLYING = "bullying"
    ONLINE_HARM = "online_harm"
    HOME_ABUSE = "home_abuse"
    HATE = "hate"
    MENTAL_HEALTH = "mental_health"
    SOMETHING_ELSE = "something_else"

    @property
    def label(self) -> str:
        """The words to show on a menu button or a form option."""
        return _TOPIC_LABELS[self]


_TOPIC_LABELS = {
    HelpTopic.EMERGENCY: N_("Someone is in danger right now"),
    HelpTopic.CRIME: N_("Tell someone about a crime"),
    HelpTopic.KNIVES_WEAPONS: N_("Knives or other weapons"),
    HelpTopic.GANGS_EXPLOITATION: N_("Gangs, or being made to carry or sell things"),
    HelpTopic.SEXUAL_EXPLOITATION: N_("Being groomed, or pressured into sexual things"),
    HelpTopic.MISSING: N_("Running away, or someone is missing"),
    HelpTopic.DRUGS_ALCOHOL: N_("Drugs or alcohol"),
    HelpTopic.ANTISOCIAL_BEHAVIOUR: N_("Anti-social behaviour"),
    HelpTopic.BULLYING: N_("Bullying"),
    HelpTopic.ONLINE_HARM: N_("Something that happened online"),
    HelpTopic.HOME_ABUSE: N_("Something at home"),
    HelpTopic.HATE: N_("Being picked on for who you are (hate crime)"),
    HelpTopic.MENTAL_HEALTH: N_("Feeling low, or wanting to hurt yourself"),
    HelpTopic.SOMETHING_ELSE: N_("Something else"),
}

URGENT_TOPICS = frozenset({
    HelpTopic.EMERGENCY, HelpTopic.KNIVES_WEAPONS, HelpTopic.GANGS_EXPLOITATION,
    HelpTopic.SEXUAL_EXPLOITATION, HelpTopic.MISSING, HelpTopic.HOME_ABUSE, HelpTopic.MENTAL_HEALTH,
})
"""Topics where someone may be at risk now: national helplines are listed before local services."""

ContactKind = Literal["phone", "text", "web", "textphone"]


class Contact(BaseModel):
    """One way to reach a service: a number to call or text, or a web address."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ContactKind
    value: str = Field(min_length=1)
    label: str = ""

    @model_validator(mode="after")
    def _web_is_a_link(self) -> Contact:
        if self.kind == "web" and not self.value.startswith(("https://", "http://")):
            raise ValueError(f"a web contact must start with https:// (got {self.value!r})")
        return self

    def in_words(self, language: str = SOURCE) -> str:
        """How to use this contact, for a message: "call 0800 1111", "text SHOUT to 85258" (in
        ``language``; a value with words in it, like "SHOUT to 85258", is translated too)."""
        match self.kind:
            case "phone":
                return translate(texts.CALL, language, number=self.value)
            case "text":
                return translate(texts.TEXT, language, number=translate(self.value, language))
            case "textphone":
                return translate(texts.TEXTPHONE, language, number=self.value)
            case _:
                return translate(texts.GO_TO, language, address=self.value)


class Service(BaseModel):
    """A national or local service that people can be pointed to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$", max_length=60)
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    topics: frozenset[HelpTopic] = Field(min_length=1)
    min_age: int | None = Field(default=None, ge=0, le=120)
    max_age: int | None = Field(default=None, ge=0, le=120)
    contacts: tuple[Contact, ...] = Field(min_length=1)
    hours: str = ""
    # The wards a local service serves, by name (empty: the whole area, or national).
    areas: tuple[str, ...] = ()
    open_24_7: bool = False
    national: bool = False
    urgent: bool = False

    @field_validator("description", mode="before")
    @classmethod
    def _tidy_description(cls, value: Any) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _ages_in_order(self) -> Service:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError(f"min_age {self.min_age} is more than max_age {self.max_age}")
        return self

    def suits_age(self, age: int | None) -> bool:
        """Whether someone of ``age`` can use the service (``None``: age unknown, always yes)."""
        if age is None:
            return True
        too_young = self.min_age is not None and age < self.min_age
        too_old = self.max_age is not None and age > self.max_age
        return not (too_young or too_old)

    def contact_in_words(self, limit: int = 2, language: str = SOURCE) -> str:
        """The first ``limit`` contacts joined for a message: "call 0800 1111 or go to https://..."."""
        said = [contact.in_words(language) for contact in self.contacts[:limit]]
        joined = said[0]
        for later in said[1:]:
            joined = translate(texts.EITHER, language, first=joined, second=later)
        return joined


class ServicesDirectory:
    """National services plus one partnership's local services, looked up by topic or id."""

    def __init__(self, national: Sequence[Service], local: Sequence[Service] = ()) -> None:
        self._national = tuple(national)
        self._local = tuple(local)
        self._by_id: dict[str, Service] = {}
        for service in self._national + self._local:
            if service.id in self._by_id:
                raise ServicesError(f"Service id {service.id!r} is used twice")
            self._by_id[service.id] = service

    def get(self, service_id: str) -> Service | None:
        """The service with this id, or ``None``."""
        return self._by_id.get(service_id)

    def all(self) -> list[Service]:
        """Every service: national first, then local, each in file order."""
        return list(self._national + self._local)

    def local(self) -> list[Service]:
        """The partnership's own services, in file order (what :func:`dump_local` saves)."""
        return list(self._local)

    def topics(self) -> list[HelpTopic]:
        """Topics that have at least one service, in menu order (``something_else`` always last)."""
        covered = {topic for service in self._by_id.values() for topic in service.topics}
        return [topic for topic in HelpTopic if topic in covered or topic is HelpTopic.SOMETHING_ELSE]

    def for_topic(self, topic: HelpTopic | str, age: int | None = None) -> list[Service]:
        """Services for ``topic`` that suit ``age``, in the order described in the module docstring."""
        topic = HelpTopic(topic)

        def pick(services: Iterable[Service]) -> list[Service]:
            return [s for s in services if topic in s.topics and s.suits_age(age)]

        urgent = pick(s for s in self._national + self._local if s.urgent)
        national = pick(s for s in self._national if not s.urgent)
        local = pick(s for s in self._local if not s.urgent)
        return urgent + (national + local if topic in URGENT_TOPICS else local + national)


def load_directory(
    local_yaml_text: str | None = None, *, source_name: str = "local services"
) -> ServicesDirectory:
    """The national services plus the local services in ``local_yaml_text`` (``None`` or blank: none).

    Raises :class:`ServicesError` naming ``source_name``, the line and the problem when the local file is
    not valid, or when a local service reuses a national id.
    """
    national = _national_services()
    local: list[Service] = []
    if local_yaml_text and local_yaml_text.strip():
        local = parse_services(local_yaml_text, source_name=source_name)
    national_ids = {service.id for service in national}
    for service in local:
        if service.id in national_ids:
            raise ServicesError(
                f"{source_name}: service id {service.id!r} is already a national service; choose another id"
            )
        if service.national:
            raise ServicesError(f"{source_name}: service {service.id!r} says national: true; remove it")
    return ServicesDirectory(national, local)


def parse_services(yaml_text: str, *, source_name: str, national: bool = False) -> list[Service]:
    """Validate a services YAML document (``services:`` list) and return its services in order."""
    try:
        data = load_yaml(yaml_text)
    except YAMLSourceError as error:
        where = f", line {error.line}" if error.line else ""
        raise ServicesError(f"{source_name}{where}: not valid YAML ({error.message})") from error
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise ServicesError(f"{source_name}: expected a 'services:' list at the top of the file")
    services: list[Service] = []
    seen: set[str] = set()
    for index, item in enumerate(data["services"]):
        if not isinstance(item, dict):
            where = _where(source_name, data, ["services", index])
            raise ServicesError(f"{where}: each service must be a mapping of fields (id, name, ...)")
        label = f" (service {item['id']!r})" if item.get("id") else ""
        try:
            service = Service.model_validate({**item, "national": national} if national else item)
        except ValidationError as error:
            first = error.errors()[0]["loc"]
            where = _where(source_name, data, ["services", index, *first])
            raise ServicesError(f"{where}{label}: {_explain(error)}") from error
        if service.id in seen:
            where = _where(source_name, data, ["services", index, "id"])
            raise ServicesError(f"{where}: service id {service.id!r} is used twice")
        seen.add(service.id)
        services.append(service)
    return services


def dump_local(services: Iterable[Service]) -> str:
    """YAML text for local services that :func:`load_directory` reads back to equal services."""
    items = []
    for service in services:
        item = service.model_dump(mode="json", exclude_defaults=True, exclude={"national"})
        item["topics"] = [topic.value for topic in HelpTopic if topic in service.topics]
        item["contacts"] = [contact.model_dump(exclude_defaults=True) for contact in service.contacts]
        items.append(item)
    return yaml.safe_dump({"services": items}, sort_keys=False, allow_unicode=True, width=100)


@cache
def national_phone_numbers() -> frozenset[str]:
    """The digits to dial of every national service's phone number (``"0800555111"``): residents quote
    them when they say what helped, and they are nobody's own number."""
    return frozenset(
        digits for service in _national_services() for contact in service.contacts
        if contact.kind == "phone" and (digits := uk_number(contact.value))
    )


@cache
def _national_services() -> tuple[Service, ...]:
    text = files("survey.signposting").joinpath("data/services-national.yaml").read_text(encoding="utf-8")
    return tuple(parse_services(text, source_name="services-national.yaml", national=True))


def _where(source_name: str, data: Any, path: list[Any]) -> str:
    line = line_of(data, path)
    return f"{source_name}, line {line}" if line else source_name


def _explain(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "service"
        given = problem.get("input")
        shown = f" (you gave {given!r})" if isinstance(given, str | int | float) and problem["loc"] else ""
        parts.append(f"{field}: {problem['msg']}{shown}")
    return "; ".join(parts)
