"""Chat to us (``/chat``): the bot's conversations on the website, for young people who do not use
Telegram. The web chat is a channel adapter, as ``bot/`` is: the conversations, their texts, their
safeguarding and the store they are kept in are the core's (:mod:`survey.conversations`); this area
only turns form posts into turns and shows the transcript the core keeps. It works with JavaScript
off (each message is a form post and the page shows the chat so far); ``chat.mjs`` updates it in
place when JavaScript is on.
"""

from __future__ import annotations

from flask import Flask

from webapp.chat import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
