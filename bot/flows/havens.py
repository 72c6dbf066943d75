"""Safe havens near me: a location in, the nearest havens open now out. The location is not kept."""

from __future__ import annotations

import datetime as dt

from bot import texts
from bot.chat import Reply, column
from bot.core import Context
from survey.places.safe_havens import (
    LOCAL_TIME,
    NearbyHaven,
    describe_hours,
    haven_kind_label,
    is_open,
    nearest_open_havens,
    public_havens,
)
from survey.storage.models import SafeHaven

SHOW_ALL_LIMIT = 10


class HavensFlow:
    def start(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "location"
        others = column(ctx.button(texts.HAVENS_WITHOUT_LOCATION, "all"),
                        ctx.button(texts.BACK_TO_MENU, "cancel"))
        return [Reply(texts.HAVENS_ASK, ask_location=True),
                Reply("If you do not want to share your location:", others)]

    def current(self, ctx: Context) -> list[Reply]:
        return self.start(ctx)

    def on_button(self, ctx: Context, action: str) -> list[Reply]:
        if action != "all" or ctx.partnership is None:
            return [Reply(texts.STALE_BUTTON), *self.current(ctx)]
        now = dt.datetime.now(dt.UTC)
        havens = [h for h in public_havens(ctx.session(), ctx.partnership.id) if is_open(h, now)]
        if not havens:
            return ctx.finish(Reply(f"{texts.HAVENS_NONE}\n\n{texts.HAVENS_DANGER}", clear_keyboard=True))
        blocks = [texts.HAVENS_OPEN] + [describe_haven(h, now) for h in havens[:SHOW_ALL_LIMIT]]
        return ctx.finish(Reply("\n\n".join(blocks), clear_keyboard=True))

    def on_text(self, ctx: Context, text: str) -> list[Reply]:
        return [Reply(texts.HAVENS_NEED_LOCATION), *self.current(ctx)]

    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]:
        info = ctx.partnership
        if info is None:
            return ctx.finish(Reply(texts.NOT_SET_UP))
        now = dt.datetime.now(dt.UTC)
        nearby = nearest_open_havens(ctx.session(), info.id, latitude, longitude, at=now)
        if not nearby:
            none_near = f"{texts.HAVENS_NONE_NEAR}\n\n{texts.HAVENS_DANGER}"
            return ctx.finish(Reply(none_near, clear_keyboard=True))
        blocks = [texts.HAVENS_NEAR] + [describe_haven(n.haven, now, n) for n in nearby]
        return ctx.finish(Reply("\n\n".join(blocks), clear_keyboard=True))


def distance_in_words(metres: float) -> str:
    rounded = max(50, round(metres / 50) * 50)
    if rounded < 1000:
        return f"about {rounded} metres away"
    return f"about {metres / 1000:.1f} km away"


def describe_haven(haven: SafeHaven, now: dt.datetime, nearby: NearbyHaven | None = None) -> str:
    today = now.astimezone(LOCAL_TIME).weekday()
    hours = describe_hours(haven)[today][1]
    title = f"{haven.name} ({haven_kind_label(haven.kind).lower()})"
    if nearby is not None:
        title += f", {distance_in_words(nearby.distance_m)}"
    return f"{title}\n{haven.address}\nOpen today: {hours}"
