"""The Telegram adapter (and the console) over the channel-neutral conversations in
:mod:`survey.conversations`: updates in, :class:`~survey.conversations.messages.Incoming` to the
engine, its replies out as Telegram messages."""
