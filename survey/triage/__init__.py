"""Triage and follow-up of reports: status, assignment, notes, replies and the reporter's check code."""
