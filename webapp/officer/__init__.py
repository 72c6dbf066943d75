"""Pages for signed-in officers, one package per area, each registering its own blueprint:

* ``team``: the dashboard, managing officers, the audit log (blueprint ``officer``);
* ``consultations``: creating and running consultations, paper entry, CSV import;
* ``results``: each consultation's results and exports;
* ``places``: safe havens, the partnership's boundary, hotspots and place reports;
* ``reports``: the reports list and each report's triage (status, assignee, notes, reply);
* ``plans``: the action plan (priorities, actions with RAG status and updates, CSV, board update).
* ``tensions``: community tension entries, each ward's weekly tension view, events of risk.
* ``sharing``: data sharing agreements with other partnerships (and what they share, read-only), and
  single-use download links for agencies (whose public page is ``webapp.shared_links``).

The local services editor is ``webapp.help.services_editor`` (its endpoints are ``help.services_list`` ...).
Every officer view reads only its own partnership's records: another partnership's id is a 404.
"""
