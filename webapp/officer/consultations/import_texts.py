"""What the officer import wizard says: whole sentences with named placeholders."""

from __future__ import annotations

UPLOAD_TITLE = "Import responses: upload a file"
MATCHES_TITLE = "Import responses: check the matches"
CHECK_TITLE = "Import responses: check what will be added"
DONE_TITLE = "Responses imported"

FILE_HINT = (
    "A CSV, Excel (.xlsx) or OpenDocument (.ods) file exported from a form tool or kept in a spreadsheet, "
    "with one row per response. {limit} MB or smaller; split a bigger file into several."
)
CHOOSE_FILE = "Choose a CSV, Excel (.xlsx) or OpenDocument (.ods) file"
FILE_GONE = (
    "The uploaded file is no longer kept (files are deleted after {minutes} minutes). Upload it again."
)
CHOOSE_TARGET = "Choose where the column '{header}' goes, or choose to ignore it"
SHEET_OF_CSV = "A CSV file has no sheets: leave the sheet name blank"
DUPLICATE_FILE = (
    "This file was already imported into this consultation on {date}. Nothing was stored. If you mean "
    "to import it again, tick 'I mean to import this file again'."
)
NOTHING_STORED = (
    "Nothing was stored. Fix the rows listed and upload the file again, or tick 'Store the rows "
    "without problems' to store the others."
)
ROWS_NOT_STORED = "{count} row(s) with problems were not stored."

WORK_IT_OUT = "Work it out for me"
IGNORE = "Ignore this column"
SUBMITTED_AT = "The time the response was sent"
REFERENCE = "The tool's own response id (not stored)"
WHOLE_QUESTION = "{question}"
GRID_OPTION = "{question}: {option}"
GRID_RANK = "{question}: rank {rank}"
NEVER_STORED = "Never stored: this column identifies people"
NOT_MATCHED = "Not matched."
CLOSEST = "The closest are: {candidates}."
SAVE_MAPPING = "Download the column matches as a mapping file"
SAVE_MAPPING_HINT = (
    "Keep it for next year: the command line imports the same form's export with the same matches "
    "(safer-voices responses import with --mapping)."
)

IMPORT_IN_BACKGROUND = (
    "The import runs in the background. The next page shows how far it has got and then what was stored."
)
IMPORTING_TITLE = "Importing responses"
WAITING = "The import is waiting to start."
PROGRESS = "Checked {done} of {total} rows."
STORING = "All {total} rows are checked. The responses are being stored."
REFRESHING = "This page refreshes by itself every {seconds} seconds until the import has finished."
STOP_REFRESHING = "Stop refreshing this page"
CHECK_PROGRESS = "See how far the import has got"
NOT_IMPORTED_TITLE = "No responses were imported"
FAILED_FILE_GONE = "Nothing was stored: the uploaded file was no longer kept. Upload it again."
FAILED_UNREADABLE = "Nothing was stored: {reason}"
FAILED_CONSULTATION_GONE = "Nothing was stored: the consultation is no longer there."
FAILED_BROKE = "Nothing was stored: something went wrong while importing. Upload the file again later."
UPLOAD_AGAIN = "Upload a file"
FILE_DELETED = "The uploaded file has been deleted."
BACK_TO = "Back to {title}"
