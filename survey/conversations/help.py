"""Get help: pick a topic, then an age band (or not), then the services that fit."""

from __future__ import annotations

from survey.conversations import texts
from survey.conversations.context import Context
from survey.conversations.messages import Reply, column
from survey.languages import SOURCE, translate
from survey.signposting.local_services import AGE_BANDS, services_for
from survey.signposting.services import HelpTopic, Service


class HelpFlow:
    """Get help: topic -> age band -> the services that fit (then the menu)."""

    def start(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "topic"
        info = ctx.partnership
        topics = info.directory.topics() if info else list(HelpTopic)
        buttons = [ctx.button(topic.label, f"topic:{topic.value}") for topic in topics]
        return [Reply(ctx.t(texts.HELP_TOPIC), column(*buttons, ctx.button(texts.BACK_TO_MENU, "cancel")))]

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
        return [Reply(ctx.t(texts.STALE_BUTTON)), *self.current(ctx)]

    def on_text(self, ctx: Context, text: str) -> list[Reply]:
        wanted = " ".join(text.casefold().split())
        if ctx.conversation.step == "topic":
            topic = next((t for t in HelpTopic if ctx.words(t.label).casefold() == wanted), None)
            if topic is not None:
                return self.on_button(ctx, f"topic:{topic.value}")
        if ctx.conversation.step == "age":
            band = next((key for key, (label, _, _) in AGE_BANDS.items()
                         if ctx.words(label).casefold() == wanted), None)
            if band is not None:
                return self._services(ctx, band)
        return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self.current(ctx)]

    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]:
        return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self.current(ctx)]

    def _ask_age(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "age"
        bands = [ctx.button(label, f"age:{key}") for key, (label, _, _) in AGE_BANDS.items()]
        rather_not = ctx.button(texts.AGE_RATHER_NOT_SAY, "age:none")
        back = ctx.button(texts.BACK_TO_MENU, "cancel")
        return [Reply(ctx.t(texts.HELP_AGE), column(*bands, rather_not, back))]

    def _services(self, ctx: Context, age_band: str | None) -> list[Reply]:
        topic = HelpTopic(ctx.conversation.extra["topic"])
        info = ctx.partnership
        services = services_for(info.directory, topic, age_band) if info else []
        if not services:
            return ctx.finish(Reply(ctx.t(texts.HELP_NONE)))
        heading = ctx.t(texts.HELP_SERVICES, topic=ctx.words(topic.label))
        blocks = (describe_service(s, ctx.language) for s in services)
        return ctx.finish(Reply(texts.paragraphs(heading, *blocks, ctx.t(texts.TRUSTED_ADULT))))


def describe_service(service: Service, language: str = SOURCE) -> str:
    """A service as a short message block in ``language``: name, what it does, how to reach it, when it
    is open. A national service's words are translated through the catalogue (a local service's, which
    officers write, are shown as written unless the catalogue has them)."""
    def say(text: str, **values: object) -> str:
        return translate(text, language, **values)

    contacts = [
        say(texts.SERVICE_CONTACT, label=say(contact.label), value=contact.value) if contact.label
        else say(texts.SERVICE_CONTACT_IN_WORDS, contact=contact.in_words(language))
        for contact in service.contacts
    ]
    hours = say(texts.SERVICE_OPEN, hours=say(service.hours)) if service.hours else None
    areas = say(texts.SERVICE_AREAS, areas=", ".join(service.areas)) if service.areas else None
    return texts.lines(say(service.name), say(service.description), *contacts, hours, areas)
