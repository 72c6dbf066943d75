"""Demo and generated data for a partnership to try Safer Voices with. Never imported by the core."""
