"""Authoring consultations: building and changing a definition after it is created.

The web builder and an uploaded YAML file are two views of one definition: both end in
:func:`survey.authoring.versions.save_definition`, which checks the new YAML exactly as the loader
does and stores it as the consultation's next version.
"""
