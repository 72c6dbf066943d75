"""Signposting: the national and local services people are pointed to."""
