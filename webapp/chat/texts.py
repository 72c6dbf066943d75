"""The web chat's page words set in Python (its title), marked for translation and shown in the page's
language with :func:`webapp.public.language.t`. The conversation's own words are the core's
(:mod:`survey.conversations.texts`)."""

from __future__ import annotations

from survey.languages import N_

CHAT_TO_US = N_("Chat to us")
