"""`safer-voices serve` for real: gunicorn in a subprocess, driven over HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import httpx
import pyotp
import pytest

from tests.web import key_on_page

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    env = {
        **os.environ,
        "SAFER_VOICES_INSTANCE_PATH": str(folder / "instance"),
        "SAFER_VOICES_COOKIE_SECURE": "false",
        "SAFER_VOICES_DATABASE_URL": "",
    }
    demo = subprocess.run(
        [BIN / "safer-voices", "demo"], env=env, cwd=folder, capture_output=True, text=True, check=True
    )
    password = re.search(r"password: (\S+)", demo.stdout).group(1)
    port = _free_port()
    log = folder / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [BIN / "safer-voices", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            cwd=folder,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("safer-voices serve did not start")
        yield Served(base, port, password, log)
    finally:
        server.terminate()
        server.wait(timeout=20)
    output = log.read_text()
    # Gunicorn's access log would record addresses and browsers: it must stay off.
    assert "127.0.0.1 - -" not in output and "python-httpx" not in output
    assert _client_addresses(output) == []


class Served(NamedTuple):
    base: str
    port: int
    password: str
    log: Path


def _client_addresses(log: str) -> list[str]:
    """Lines of the server's log that hold an address, except the one naming the server's own socket."""
    return [line for line in log.splitlines() if "127.0.0.1" in line and "Listening at: " not in line]


def _sign_in(base: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base)
    page = client.get("/sign-in").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/sign-in", data={"email": "officer@demo.example", "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.text
    # The demo officer is an administrator: at the first sign-in they set up an authenticator app.
    assert response.headers["Location"] == "/two-factor/set-up"
    page = client.get("/two-factor/set-up").text
    code = pyotp.TOTP(key_on_page(page)).now()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/two-factor/set-up", data={"code": code, "csrf_token": token})
    assert "Save your recovery codes" in response.text
    return client


def test_one_visitors_sign_in_never_reaches_another(served):
    base, password = served.base, served.password
    officer = _sign_in(base, password)
    for _ in range(6):  # enough requests to reach both workers
        assert officer.get("/officer/").status_code == 200
        assert httpx.get(f"{base}/officer/").status_code == 302  # a stranger is sent to sign in


def test_every_response_gets_its_own_script_nonce(served):
    base = served.base
    nonces = {
        re.search(r"'nonce-([^']+)'", httpx.get(base).headers["Content-Security-Policy"]).group(1)
        for _ in range(6)
    }
    assert len(nonces) == 6


def test_a_malformed_request_is_logged_without_the_clients_address(served):
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as connection:
        connection.sendall(b"THIS IS NOT HTTP\r\n\r\n")
        assert connection.recv(1024).startswith(b"HTTP/1.1 400")
    for _ in range(50):
        if "Invalid request" in (log := served.log.read_text()):
            break
        time.sleep(0.1)
    else:
        pytest.fail("gunicorn did not log the invalid request")
    assert _client_addresses(log) == [], log


def test_serve_compiles_every_page_template_before_the_workers_fork(app):
    from webapp.server import compile_templates

    app.jinja_env.cache.clear()
    compiled = compile_templates(app)
    assert compiled == len([name for name in app.jinja_env.list_templates() if name.endswith(".html")]) > 50
    cached = {key[1] for key in app.jinja_env.cache}
    assert "consult/check_answers.html" in cached and "base.html" in cached
