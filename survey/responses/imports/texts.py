"""What the importer of other tools' files says: whole sentences with named placeholders."""

from __future__ import annotations

# Reading the file
FILE_TOO_BIG = (
    "The file is {size:.1f} MB; the most that can be imported at once is {limit} MB. "
    "Split it into smaller files."
)
UNKNOWN_SUFFIX = "{name} is not a file that can be imported. Save it as .csv, .xlsx or .ods and try again."
SHEET_OF_CSV = "A CSV file has no sheets, so --sheet cannot be used with it."
NOT_A_SPREADSHEET = "The file cannot be read as a spreadsheet. Open it, save it again and try again."
UNPACKS_TOO_BIG = "The spreadsheet unpacks to far more data than a survey holds, so it was not read."
UNSAFE_XML = "The spreadsheet cannot be read safely (defusedxml is not installed or the file has unsafe XML)."
NO_SUCH_SHEET = "The file has no sheet called '{sheet}'. Its sheets are: {sheets}."
FORMULA = (
    "Row {row}, column {column} holds a formula. Formulas are not imported: copy the sheet and paste "
    "it as values only, then try again."
)
TOO_MANY_COLUMNS = "The sheet has more than {limit:,} columns, which is more than a survey export holds."
TOO_MANY_ROWS = (
    "The file has more than {limit:,} rows of responses, the most that can be imported at once. "
    "Split it into smaller files."
)

# Matching columns
NO_MATCH = "No question matches this column."
CLOSEST = "The closest are: {candidates}."
MAP_IT = "Map it to a question (or to 'ignore') in a mapping file."
NO_OPTION = "'{option}' is not an option of '{question}'."
NOT_A_GRID = "'{question}' is not a question answered in several columns."
IDENTIFIES_PEOPLE = "The column '{header}' identifies people, so it is never stored."
SAME_TARGET = "The columns '{first}' and '{second}' both hold {target}."
UNKNOWN_TARGET = "'{target}' is not a question of this consultation."

# Translating cells
NOT_AN_ANSWER = "'{answer}' is not an answer to this question."
RANK_NOT_A_NUMBER = "'{rank}' is not a rank: write a whole number such as 1, 2 or 3."
SAME_RANK = "Two options are both ranked {rank}."
RANKED_TWICE = "'{option}' is ranked twice."
BAD_TIME = "'{cell}' is not a time in the form {example}."
OTHER_WITHOUT_WORDS = "The other option is chosen but no words are given."
CELL_TOO_LONG = "The cell is longer than {limit:,} characters."

# Presets
UNKNOWN_TOOL = "'{tool}' is not a tool the importer knows. Choose one of: {tools}."
DUPLICATE_FILE = (
    "This file was already imported into '{consultation}' on {date}. Nothing was stored. "
    "If it is meant to be imported again, use --allow-duplicate."
)
