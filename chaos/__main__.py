"""``make chaos`` / ``python -m chaos [--respondents 16] [--seconds 90] [FAULT ...]``: see README.md."""

from __future__ import annotations

import argparse
import sys
import time

from chaos import driver_check, faults

FAULTS = (
    "kill-worker-sqlite",
    "kill-worker-postgresql",
    "restart-postgresql",
    "disk-full",
    "driver-disk-full",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chaos", description="Faults under load.")
    parser.add_argument("faults", nargs="*", metavar="FAULT", help=f"any of {', '.join(FAULTS)}; default all")
    parser.add_argument("--respondents", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=90, help="deadline for each fault's respondents")
    args = parser.parse_args(argv)
    unknown = set(args.faults) - set(FAULTS)
    if unknown:
        parser.error(f"unknown fault {', '.join(sorted(unknown))}: choose from {', '.join(FAULTS)}")
    args.faults = args.faults or list(FAULTS)
    outcomes: list[faults.Outcome] = []
    problems: list[str] = []
    checks: list[tuple[str, bool, str]] = []
    for name in args.faults:
        started = time.perf_counter()
        if name == "driver-disk-full":
            checks = driver_check.check()
            problems += [f"driver disk full: {what} ({seen})" for what, held, seen in checks if not held]
        else:
            outcome = {
                "kill-worker-sqlite": lambda: faults.kill_a_worker("sqlite", args.respondents, args.seconds),
                "kill-worker-postgresql": lambda: faults.kill_a_worker(
                    "postgresql", args.respondents, args.seconds
                ),
                "restart-postgresql": lambda: faults.restart_postgres(args.respondents, args.seconds),
                "disk-full": lambda: faults.disk_full(args.respondents, args.seconds),
            }[name]()
            outcomes.append(outcome)
            problems += [f"{outcome.name} ({outcome.backend}): {p}" for p in outcome.problems()]
            print(outcome.row(), file=sys.stderr, flush=True)
        print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if outcomes:
        print(faults.HEADER)
        for outcome in outcomes:
            print(outcome.row())
        print()
        for outcome in outcomes:
            for note in outcome.notes:
                print(f"- {outcome.name}: {note}")
    if checks:
        print("\nFull disk reported by the SQLite driver at the final submit (in-process):\n")
        print("| expectation | held | seen |\n|---|---|---|")
        for what, held, seen in checks:
            print(f"| {what} | {'yes' if held else '**no**'} | {seen} |")
    print()
    print("\n".join(f"- {p}" for p in problems) if problems else "Every fault passed.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
