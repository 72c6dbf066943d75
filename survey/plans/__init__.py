"""A partnership's action plan: priorities from its strategy, their actions with a RAG status, and
each action's dated progress updates.

* ``store``: creating and changing priorities and actions, adding progress updates (a status change is
  recorded with the status it replaced), and the queries the pages and exports read (overdue and red
  actions, the updates of a period);
* ``dates``: the dates a spreadsheet holds ("2026-12-02", "2 December 2026", "02/12/2026");
* ``csv_import``: a plan from a CSV file with the columns of :data:`csv_import.COLUMNS`, all or
  nothing, every problem reported by row and column;
* ``issues``: the issues residents ranked (ranking options of the partnership's consultations) that a
  priority can answer;
* ``links``: "You said, we did" entries linked to actions, and what residents may read of them.

The CSV export and the quarterly board update are in ``analysis.exports.quarterly``.

Nothing here commits: the caller owns the transaction. Every change is audited by the caller's
``survey.officers.audit.record_event`` through the functions here (never with the words of a plan).
"""
