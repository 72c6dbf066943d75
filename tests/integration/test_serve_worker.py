"""``safer-voices serve`` starts one background worker (not one per web worker) and stops it; with
``--no-worker`` it starts none. The issue's promise end to end: an urgent worry told on the site
emails the alert address within a minute, with nothing of the report in it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest
from aiosmtpd.controller import Controller

from survey.definitions.definition import template_path
from tests.mail import PASSWORD, USER, MailCatcher, free_port
from tests.web import CSRF_PATTERN

BIN = Path(sys.executable).parent
URGENT_WORDS = "a boy at school said he will bring a knife tomorrow and stab me"


class Served(NamedTuple):
    base: str
    server: subprocess.Popen
    log: Path


def _environment(folder: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "SAFER_VOICES_INSTANCE_PATH": str(folder / "instance"),
            "SAFER_VOICES_COOKIE_SECURE": "false", "SAFER_VOICES_DATABASE_URL": "",
            "SAFER_VOICES_REDIS_URL": "", "SAFER_VOICES_SMTP_URL": "", **extra}


def safer_voices(env: dict[str, str], folder: Path, *arguments: str) -> None:
    subprocess.run([BIN / "safer-voices", *arguments], env=env, cwd=folder, capture_output=True, check=True)


def set_up_worries_with_alerts(env: dict[str, str], folder: Path) -> None:
    """The demo partnership with its worry form open and an alert address, through the command line."""
    safer_voices(env, folder, "partnership", "create", "demo", "Demo Community Safety Partnership")
    safer_voices(env, folder, "consultations", "create", str(template_path("worry")),
                 "--partnership", "demo", "--slug", "worries", "--open")
    safer_voices(env, folder, "partnership", "alerts", "demo", "--email", "duty@demo.example")


@contextmanager
def serving(folder: Path, env: dict[str, str], *options: str) -> Iterator[Served]:
    safer_voices(env, folder, "db", "upgrade")
    port = free_port()
    log = folder / "server.log"
    command = [BIN / "safer-voices", "serve", "--port", str(port), "--workers", "2", *options]
    with log.open("w") as output:
        server = subprocess.Popen(command, env=env, cwd=folder, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail(f"safer-voices serve did not start:\n{log.read_text()}")
        yield Served(base, server, log)
    finally:
        server.terminate()
        server.wait(timeout=60)


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is ``pid``, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found[int(entry.name)] = command
    return found


def consumers(pid: int) -> list[int]:
    return [child for child, command in children(pid).items() if "survey.worker" in command]


def both_web_workers_booted(pid: int) -> bool:
    """True once gunicorn has forked its two web workers (the background worker is started before)."""
    return len([child for child, command in children(pid).items() if "survey.worker" not in command]) == 2


def wait_until(check, seconds: float = 20):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return result


def tell_a_worry(base: str, words: str) -> None:
    with httpx.Client(base_url=base) as client:
        def form_post(location: str, data: dict, page: str | None = None) -> httpx.Response:
            token = CSRF_PATTERN.search(client.get(page or location).text).group(1)
            return client.post(location, data={"csrf_token": token, **data})

        start = form_post("/consultations/worries/start", {}, page="/consultations/worries/")
        location = start.headers["Location"]
        answers = {"topic": {"answer": "knives"}, "details": {"answer": words}}
        while "/questions/" in location:
            response = form_post(location, answers.get(location.rsplit("/", 1)[-1], {}))
            assert response.status_code == 302, response.text
            location = response.headers["Location"]
        assert form_post(location, {}).headers["Location"].endswith("/confirmation")


@pytest.fixture(scope="module")
def mail() -> Iterator[tuple[str, MailCatcher]]:
    catcher, port = MailCatcher(), free_port()
    controller = Controller(catcher, hostname="127.0.0.1", port=port, authenticator=catcher.authenticate,
                            auth_require_tls=False)
    controller.start()
    yield f"smtp://{USER}:{PASSWORD}@127.0.0.1:{port}", catcher
    controller.stop()


def test_serve_runs_one_worker_that_alerts_within_a_minute_and_stops_with_it(tmp_path, mail):
    smtp_url, catcher = mail
    env = _environment(tmp_path, SAFER_VOICES_SMTP_URL=smtp_url, SAFER_VOICES_MAIL_FROM="alerts@demo.example",
                       SAFER_VOICES_BASE_URL="https://sv.demo.example")
    with serving(tmp_path, env) as served:
        set_up_worries_with_alerts(env, tmp_path)
        assert wait_until(lambda: both_web_workers_booted(served.server.pid))
        worker = consumers(served.server.pid)
        assert len(worker) == 1, children(served.server.pid)  # two web workers, one background worker
        told_at = time.monotonic()
        tell_a_worry(served.base, URGENT_WORDS)
        messages = catcher.wait_for(1, timeout=60)
        assert time.monotonic() - told_at < 60
    assert wait_until(lambda: not Path(f"/proc/{worker[0]}").exists()), "the worker outlived serve"
    log = served.log.read_text()
    assert [m["To"] for m in messages] == ["duty@demo.example"], log
    text = messages[0].as_string()
    for words in ("knife", "stab", "school"):
        assert words not in text and words not in log
    assert "No mail server is set up" not in log


def test_no_worker_leaves_it_out_and_a_missing_mail_server_is_warned_of(tmp_path):
    env = _environment(tmp_path)
    with serving(tmp_path, env, "--no-worker") as served:
        assert wait_until(lambda: both_web_workers_booted(served.server.pid))
        assert consumers(served.server.pid) == []
    assert "No mail server is set up (SAFER_VOICES_SMTP_URL)" in served.log.read_text()
