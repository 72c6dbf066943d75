"""A partnership's action plan on paper and in spreadsheets: the CSV export (:mod:`.plan_csv`, the
columns the importer reads) and the quarterly board update (:mod:`.build` makes it a board paper's
document model, rendered as PDF and Word by :mod:`analysis.exports.paper`'s renderers)."""
