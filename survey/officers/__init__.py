"""Officers of a partnership: accounts, roles and the audit log."""
