"""``python -m survey.worker``: the consumer as ``safer-voices serve`` starts it (settings on stdin).

``safer-voices worker`` is the command to run it by hand.
"""

from __future__ import annotations

import argparse
import sys

from survey.settings import Settings
from survey.worker.consumer import configure_logging, run_worker, settings_from_json


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m survey.worker", description=__doc__)
    parser.add_argument("--settings-on-stdin", action="store_true",
                        help="read the settings as JSON from standard input, not the environment")
    parser.add_argument("--parent-pid", type=int, help="stop when this process is no longer the parent")
    arguments = parser.parse_args(argv)
    settings = settings_from_json(sys.stdin.read()) if arguments.settings_on_stdin else Settings()
    configure_logging(settings)
    run_worker(settings, parent_pid=arguments.parent_pid)


if __name__ == "__main__":
    main()
