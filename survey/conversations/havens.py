"""Safe havens near me: a location in, the nearest havens open now out. The location is not kept.

Opening hours are said the way people say them ("9am to 5:30pm", "Open all day today"), never as a
timetable ("09:00 to 17:30", "00:00 to 24:00").
"""

from __future__ import annotations

import datetime as dt

from survey.conversations import texts
from survey.conversations.context import Context
from survey.conversations.messages import Reply, column
from survey.languages import SOURCE, translate
from survey.places.safe_havens import (
    LOCAL_TIME,
    WEEKDAYS,
    NearbyHaven,
    haven_kind_label,
    is_open,
    nearest_open_havens,
    public_havens,
)
from survey.storage.models import SafeHaven

SHOW_ALL_LIMIT = 10


class HavensFlow:
    """Safe havens near me: a location (or not) -> the havens open now (then the menu)."""

    def start(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "location"
        others = column(ctx.button(texts.HAVENS_WITHOUT_LOCATION, "all"),
                        ctx.button(texts.BACK_TO_MENU, "cancel"))
        return [Reply(ctx.t(texts.HAVENS_ASK), ask_location=True, location_label=ctx.t(texts.SHARE_LOCATION)),
                Reply(ctx.t(texts.HAVENS_IF_NOT_SHARING), others)]

    def current(self, ctx: Context) -> list[Reply]:
        return self.start(ctx)

    def on_button(self, ctx: Context, action: str) -> list[Reply]:
        if action != "all" or ctx.partnership is None:
            return [Reply(ctx.t(texts.STALE_BUTTON)), *self.current(ctx)]
        now = dt.datetime.now(dt.UTC)
        havens = [h for h in public_havens(ctx.session(), ctx.partnership.id) if is_open(h, now)]
        if not havens:
            none_open = texts.paragraphs(ctx.t(texts.HAVENS_NONE), ctx.t(texts.HAVENS_DANGER))
            return ctx.finish(Reply(none_open, clear_keyboard=True))
        blocks = [describe_haven(h, now, language=ctx.language) for h in havens[:SHOW_ALL_LIMIT]]
        return ctx.finish(Reply(texts.paragraphs(ctx.t(texts.HAVENS_OPEN), *blocks), clear_keyboard=True))

    def on_text(self, ctx: Context, text: str) -> list[Reply]:
        return [Reply(ctx.t(texts.HAVENS_NEED_LOCATION_IN[ctx.channel])), *self.current(ctx)]

    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]:
        info = ctx.partnership
        if info is None:
            return ctx.finish(Reply(ctx.t(texts.NOT_SET_UP)))
        now = dt.datetime.now(dt.UTC)
        nearby = nearest_open_havens(ctx.session(), info.id, latitude, longitude, at=now)
        if not nearby:
            none_near = texts.paragraphs(ctx.t(texts.HAVENS_NONE_NEAR), ctx.t(texts.HAVENS_DANGER))
            return ctx.finish(Reply(none_near, clear_keyboard=True))
        blocks = [describe_haven(n.haven, now, n, language=ctx.language) for n in nearby]
        return ctx.finish(Reply(texts.paragraphs(ctx.t(texts.HAVENS_NEAR), *blocks), clear_keyboard=True))


def distance_in_words(metres: float, language: str = SOURCE) -> str:
    """A distance as a person would say it: to the nearest 50 metres, or in km from 1 km."""
    rounded = max(50, round(metres / 50) * 50)
    if rounded < 1000:
        return translate(texts.DISTANCE_IN_METRES, language, metres=rounded)
    return translate(texts.DISTANCE_IN_KM, language, kilometres=metres / 1000)


def describe_haven(haven: SafeHaven, now: dt.datetime, nearby: NearbyHaven | None = None, *,
                   language: str = SOURCE) -> str:
    """A haven as a short message block: name and kind (and distance), address, today's hours."""
    today = WEEKDAYS[now.astimezone(LOCAL_TIME).weekday()]
    hours = hours_in_words((haven.opening_hours or {}).get(today, []), language)
    kind = translate(haven_kind_label(haven.kind), language).lower()
    if nearby is None:
        title = translate(texts.HAVEN, language, name=haven.name, kind=kind)
    else:
        title = translate(texts.HAVEN_WITH_DISTANCE, language, name=haven.name, kind=kind,
                          distance=distance_in_words(nearby.distance_m, language))
    return texts.lines(title, haven.address, hours)


def hours_in_words(spans: list[list[str]], language: str = SOURCE) -> str:
    """Today's opening hours as a person would say them: "Open today: 9am to midday and 1pm to 5pm"."""
    if [list(span) for span in spans] == [["00:00", "24:00"]]:
        return translate(texts.HAVEN_OPEN_ALL_DAY, language)
    said = [translate(texts.HOURS_SPAN, language, opens=clock_in_words(opens, language),
                      closes=clock_in_words(closes, language))
            for opens, closes in spans]
    hours = said[0] if said else ""
    for later in said[1:]:
        hours = translate(texts.HOURS_AND, language, earlier=hours, later=later)
    return translate(texts.HAVEN_OPEN_TODAY, language, hours=hours)


def clock_in_words(clock: str, language: str = SOURCE) -> str:
    """ "09:00" -> "9am", "17:30" -> "5:30pm", "12:00" -> "midday", "00:00" and "24:00" -> "midnight"."""
    hour, minute = (int(part) for part in clock.split(":"))
    if minute == 0 and hour in (0, 24):
        return translate(texts.MIDNIGHT, language)
    if minute == 0 and hour == 12:
        return translate(texts.MIDDAY, language)
    on_the_clock = (hour - 1) % 12 + 1
    time = f"{on_the_clock}" if minute == 0 else f"{on_the_clock}:{minute:02d}"
    return translate(texts.CLOCK_AM if hour < 12 else texts.CLOCK_PM, language, time=time)
