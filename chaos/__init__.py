"""Faults under load: see README.md."""
