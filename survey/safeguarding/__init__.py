"""Safeguarding: spotting urgent risk in what people write, and what to tell them first."""
