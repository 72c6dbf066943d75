"""Storage: the models, the engine and the migrations. Query and write functions live beside the
domain they serve (``survey.officers.accounts``, ``survey.officers.audit``, ...)."""
