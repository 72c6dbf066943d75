"""Bringing in responses from other tools' exports (Google Forms, Microsoft Forms, SmartSurvey, Citizen
Space) and from spreadsheets: read the file (:mod:`.spreadsheets`), match its columns to questions
(:mod:`.plan`), translate its cells into this platform's cells (:mod:`.translate`), then import them
through :func:`survey.responses.csv_import.import_records`, the same answer step as every other channel.
"""
