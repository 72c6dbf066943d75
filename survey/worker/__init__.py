"""The background worker: Huey's consumer running the tasks the app queues and the periodic jobs.

* ``queue``: the Huey instance (SQLite file of its own, or Redis), its tasks, and how sessions tell
  the worker about what they commit;
* ``jobs``: the periodic jobs (adding one is one line in ``PERIODIC_JOBS``);
* ``consumer``: running it, in the foreground or as the one child process of ``safer-voices serve``.
"""
