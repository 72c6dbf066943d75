"""Kept tallies: per consultation, question and option and rank (in all, and per day) counts kept up
to date as answers are stored, changed and removed, so an unfiltered summary, or one of some days,
never recounts every answer.

Importing any part of the package sets up :mod:`survey.tallies.removal`'s listener, so a response
deleted through a session always leaves the tallies.
"""

from survey.tallies import removal as removal
