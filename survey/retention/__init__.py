"""Retention: each partnership's periods per kind of data, and the run that anonymises what is past them.

``policy``: the periods (default: the privacy notice's 24 months) and date arithmetic;
``anonymise``: what happens to each kind; ``run``: one run over every partnership, counted and
audited; ``due``: what falls due next (:func:`falls_due`, for the officer pages and the dashboard);
``files``: the database's files rewritten after a run; ``job``: the daily worker job.
"""

from survey.retention.due import RetentionDue, falls_due

__all__ = ["RetentionDue", "falls_due"]
