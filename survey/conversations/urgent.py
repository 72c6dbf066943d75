"""The urgent-risk path: every typed message is read for risk before anything else happens.

When :func:`survey.safeguarding.risk.assess` suggests someone is at risk, the first reply is the 999
line and the right helplines, whatever flow the person is in; the flow then carries on. The risk
categories are remembered for the report being made, so it reaches the team flagged as urgent.
"""

from __future__ import annotations

from survey.conversations.context import Context
from survey.conversations.messages import InputKind, Reply
from survey.safeguarding.risk import assess, urgent_message
from survey.signposting.local_services import partnership_directory

FREE_TEXT = (InputKind.TEXT, InputKind.EDITED, InputKind.UNSUPPORTED)  # a photo's caption is text too


def urgent_replies(ctx: Context) -> list[Reply]:
    """The urgent-help message when this turn's words suggest someone is at risk; else nothing."""
    incoming = ctx.incoming
    if incoming.kind not in FREE_TEXT or not incoming.text.strip():
        return []
    assessment = assess(incoming.text)
    if not assessment.urgent:
        return []
    ctx.conversation.risks |= {category.value for category in assessment.categories}
    info = ctx.partnership
    directory = info.directory if info else partnership_directory(None)
    return [Reply(urgent_message(assessment, directory))]
