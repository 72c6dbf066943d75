"""Conversations: the menu, place reports and worries, help by topic, safe havens, checking on a report
and the urgent-risk path (with words of danger held until a report carries them), channel-neutral. A
channel adapter (``bot/`` for Telegram and the console; a web chat later) turns what a person did
into an :class:`~survey.conversations.messages.Incoming`, calls
:meth:`~survey.conversations.engine.ConversationEngine.handle` and shows the replies.

Dependencies run one way (an import-linter contract holds them): ``engine`` -> the flows (``form``,
``help``, ``havens``, ``urgent``, ``report_check``) -> ``context`` -> ``menu``, ``state``, ``asking``
(how the chat asks: a question count that holds, shorter keyboards) -> ``messages``, ``texts``.
The form flow answers through :func:`survey.runner.step.answer`, the one door every channel uses.
"""
