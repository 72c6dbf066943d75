"""Get help: pick a topic, then an age band (or not), then the services that fit."""

from __future__ import annotations

from survey.conversations import texts
from survey.conversations.context import Context
from survey.conversations.messages import Reply, column
from survey.signposting.local_services import AGE_BANDS, services_for
from survey.signposting.services import HelpTopic, Service


class HelpFlow:
    """Get help: topic -> age band -> the services that fit (then the menu)."""

    def start(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "topic"
        info = ctx.partnership
        topics = info.directory.topics() if info else list(HelpTopic)
        buttons = [ctx.button(topic.label, f"topic:{topic.value}") for topic in topics]
        return [Reply(texts.HELP_TOPIC, column(*buttons, ctx.button(texts.BACK_TO_MENU, "cancel")))]

    def current(self, ctx: Context) -> list[Reply]:
        if ctx.conversation.step == "age":
            return self._ask_age(ctx)
        return self.start(ctx)

    def on_button(self, ctx: Context, action: str) -> list[Reply]:
        kind, _, value = action.partition(":")
        if kind == "topic" and value in HelpTopic.__members__.values():
            ctx.conversation.extra["topic"] = value
            return self._ask_age(ctx)
        if kind == "age" and ctx.conversation.step == "age":
            return self._services(ctx, value if value in AGE_BANDS else None)
        return [Reply(texts.STALE_BUTTON), *self.current(ctx)]

    def on_text(self, ctx: Context, text: str) -> list[Reply]:
        wanted = " ".join(text.casefold().split())
        if ctx.conversation.step == "topic":
            topic = next((t for t in HelpTopic if t.label.casefold() == wanted), None)
            if topic is not None:
                return self.on_button(ctx, f"topic:{topic.value}")
        if ctx.conversation.step == "age":
            band = next((key for key, (label, _, _) in AGE_BANDS.items() if label.casefold() == wanted), None)
            if band is not None:
                return self._services(ctx, band)
        return [Reply(texts.PICK_A_BUTTON), *self.current(ctx)]

    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]:
        return [Reply(texts.PICK_A_BUTTON), *self.current(ctx)]

    def _ask_age(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "age"
        bands = [ctx.button(label, f"age:{key}") for key, (label, _, _) in AGE_BANDS.items()]
        rather_not = ctx.button(texts.AGE_RATHER_NOT_SAY, "age:none")
        return [Reply(texts.HELP_AGE, column(*bands, rather_not, ctx.button(texts.BACK_TO_MENU, "cancel")))]

    def _services(self, ctx: Context, age_band: str | None) -> list[Reply]:
        topic = HelpTopic(ctx.conversation.extra["topic"])
        info = ctx.partnership
        services = services_for(info.directory, topic, age_band) if info else []
        if not services:
            return ctx.finish(Reply(texts.HELP_NONE))
        heading = texts.HELP_SERVICES.format(topic=topic.label)
        blocks = (describe_service(s) for s in services)
        return ctx.finish(Reply(texts.paragraphs(heading, *blocks, texts.TRUSTED_ADULT)))


def describe_service(service: Service) -> str:
    """A service as a short message block: name, what it does, how to reach it, when it is open."""
    contacts = [
        texts.SERVICE_CONTACT.format(label=contact.label, value=contact.value) if contact.label
        else texts.SERVICE_CONTACT_IN_WORDS.format(contact=contact.in_words())
        for contact in service.contacts
    ]
    hours = texts.SERVICE_OPEN.format(hours=service.hours) if service.hours else None
    areas = texts.SERVICE_AREAS.format(areas=", ".join(service.areas)) if service.areas else None
    return texts.lines(service.name, service.description, *contacts, hours, areas)
