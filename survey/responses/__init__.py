"""Responses: the one write path, CSV import, the urgent inbox and sentiment."""
