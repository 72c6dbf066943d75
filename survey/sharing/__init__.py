"""Data sharing: agreements that let another partnership on this installation read some of a
partnership's data (``agreements``), what of its place reports and hotspots crosses (``places``), and
single-use download links for an agency outside the installation (``links``).

Access is decided from the stored rows on every request, never cached, so revoking an agreement or a
link, or passing its date, stops it at once. Every access is audited, on both sides of an agreement.
"""
