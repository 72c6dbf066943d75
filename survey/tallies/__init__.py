"""Kept tallies: per consultation, question, option and rank counts kept up to date as answers are
stored, changed and removed, so an unfiltered summary never recounts every answer."""
