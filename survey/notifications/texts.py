"""Every word the emails say, in one place, as whole sentences.

An email tells an officer *that* something arrived and where to sign in, never *what*: no words of
a report, no place, no reference, no category. Anyone may read a phone's lock screen.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/London")

URGENT_ALERT_SUBJECT = "Urgent report received"
URGENT_ALERT_BODY = "An urgent report was received at {time}. Sign in to read it:"
URGENT_IMPORT_BODY = "Urgent reports were imported at {time}. Sign in to read them:"
URGENT_ALERT_FOOTER = (
    "You get this email because this address is on the urgent alert list of {partnership}. "
    "An administrator can change the list on the Settings page."
)

DIGEST_SUBJECT = "Your daily summary of new reports"
DIGEST_ONE = "1 new report that is not urgent was received since {since}. Sign in to read it:"
DIGEST_MANY = "{count} new reports that are not urgent were received since {since}. Sign in to read them:"
DIGEST_FOOTER = (
    "You get this summary because you asked for it. You can stop it on the Settings page when you "
    "are signed in."
)

NO_MAIL_SERVER = (
    "No mail server is set up, so this email could not be sent. Set SAFER_VOICES_SMTP_URL and "
    "SAFER_VOICES_MAIL_FROM, then restart the service."
)
GAVE_UP = "Gave up after {attempts} attempts. {reason}"


def clock_time(moment: dt.datetime, *, now: dt.datetime) -> str:
    """``21:40`` in London time, with the day as well (``21:40 on Monday 5 January``) when it was
    not today."""
    local = moment.astimezone(LOCAL_TIME)
    if local.date() == now.astimezone(LOCAL_TIME).date():
        return local.strftime("%H:%M")
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B}"


def urgent_alert_body(*, received_at: dt.datetime, imported: bool, link: str, partnership: str,
                      now: dt.datetime) -> str:
    opening = URGENT_IMPORT_BODY if imported else URGENT_ALERT_BODY
    return "\n\n".join([
        f"{opening.format(time=clock_time(received_at, now=now))}\n{link}",
        URGENT_ALERT_FOOTER.format(partnership=partnership),
    ]) + "\n"


def digest_body(*, count: int, since: dt.datetime, link: str, now: dt.datetime) -> str:
    since_text = clock_time(since, now=now)
    opening = DIGEST_ONE.format(since=since_text) if count == 1 else DIGEST_MANY.format(
        count=count, since=since_text
    )
    return f"{opening}\n{link}\n\n{DIGEST_FOOTER}\n"
