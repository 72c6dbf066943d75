"""SQLite writers take turns through a lock file: the next starts when the last commits, none waits
on itself, and one kept waiting past the busy timeout is told the database is locked."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from survey.storage.db import create_database_engine, is_locked, may_write


@pytest.fixture
def engine(tmp_path):
    engine = create_database_engine(f"sqlite:///{tmp_path / 'queue.db'}", busy_timeout_ms=400)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
    yield engine
    engine.dispose()


def test_a_second_writer_starts_as_soon_as_the_first_commits(engine, tmp_path):
    assert (tmp_path / "queue.db-writers.lock").exists()
    order: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
            first_in.set()
            time.sleep(0.2)
            order.append("first commits")

    def second() -> None:
        first_in.wait()
        started = time.monotonic()
        with engine.begin() as connection:
            order.append("second begins")
            connection.execute(text("INSERT INTO t VALUES (2)"))
        order.append(f"second waited {time.monotonic() - started:.2f}")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert order[:2] == ["first commits", "second begins"]
    assert float(order[2].split()[-1]) < 0.35  # it did not sleep on in SQLite's busy handler
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM t")).scalar() == 2


def test_a_writer_kept_waiting_past_the_busy_timeout_is_told_the_database_is_locked(engine):
    holding = threading.Event()
    done = threading.Event()

    def hold() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
            holding.set()
            done.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    try:
        with pytest.raises(OperationalError) as caught, engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (2)"))
        assert is_locked(caught.value)
    finally:
        done.set()
        holder.join()
    with engine.begin() as connection:  # the lock was let go: the next writer gets in
        connection.execute(text("INSERT INTO t VALUES (3)"))
        assert connection.execute(text("SELECT count(*) FROM t")).scalar() == 2


def test_a_rolled_back_writer_lets_the_next_one_in(engine):
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("the unit of work failed")
    started = time.monotonic()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (2)"))
    assert time.monotonic() - started < 0.2
    with engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM t")).scalars().all() == [2]


def test_readers_do_not_queue_behind_a_writer(engine):
    holding = threading.Event()
    done = threading.Event()

    def hold() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
            holding.set()
            done.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    try:
        started = time.monotonic()
        with may_write(False), engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM t")).scalar() == 0
        assert time.monotonic() - started < 0.2
    finally:
        done.set()
        holder.join()
