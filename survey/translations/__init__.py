"""The catalogues (one folder per language) and the tool that keeps them in step with the texts."""
