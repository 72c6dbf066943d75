"""Emails to officers: urgent alerts and daily digests. Never anything a reporter wrote.

* ``outbox``: a ``Notification`` row is added in the same transaction as the report it is about,
  and the worker is told its id once that transaction commits;
* ``alerts``: each partnership's alert addresses; ``digest``: the optional daily digest;
* ``sending``: the worker's side (claim, send, retry with back-off, record); ``messages`` and
  ``texts``: what an email says; ``mail``: the mail server's URL and SMTP.
"""
