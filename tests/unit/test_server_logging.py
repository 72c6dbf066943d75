"""Gunicorn's log under `safer-voices serve` holds no client address (the HTTP check is in test_serve)."""

from __future__ import annotations

import logging

import pytest

from webapp.server import AnonymousLogger, mask_addresses


class TestMaskAddresses:
    @pytest.mark.parametrize(
        ("text", "masked"),
        [
            ("Invalid request from ip=127.0.0.1: bad", "Invalid request from ip=[address]: bad"),
            ("from 203.0.113.7.", "from [address]."),
            ("ip=::1: bad", "ip=[address] bad"),
            ("ip=2001:db8::ff00:42:8329 bad", "ip=[address] bad"),
            ("ip=::ffff:10.0.0.1", "ip=[address]"),
            ("X-Forwarded-For: 203.0.113.7, 2001:db8::1", "X-Forwarded-For: [address], [address]"),
            ("('192.168.1.20', 5555)", "('[address]', 5555)"),
        ],
    )
    def test_every_address_is_masked(self, text, masked):
        assert mask_addresses(text) == masked

    def test_version_numbers_and_paths_are_left_alone(self):
        text = "Python 3.11.4, gunicorn 1.2.3.4.5, GET /consultations/annual/start"
        assert mask_addresses(text) == text


class _Config:
    """The few gunicorn settings the logger reads."""

    loglevel = "info"
    errorlog = "-"
    accesslog = None
    capture_output = False
    syslog = False
    logconfig = logconfig_dict = logconfig_json = None
    disable_redirect_access_to_syslog = False


@pytest.fixture
def gunicorn_log(caplog):
    logger = AnonymousLogger(_Config())
    caplog.handler.setFormatter(logging.Formatter("%(message)s"))
    logger.error_log.addHandler(caplog.handler)
    yield logger
    logger.error_log.removeHandler(caplog.handler)
    logger.error_log.removeFilter(logger.error_log.filters[0])


class TestAnonymousLogger:
    def test_a_message_gunicorn_formats_itself_loses_the_address(self, gunicorn_log, caplog):
        gunicorn_log.warning("Invalid request from ip={ip}: {error}".format(ip="198.51.100.4", error="bad"))
        gunicorn_log.info("Closing connection from %s", "2001:db8::7")
        assert "198.51.100.4" not in caplog.text and "2001:db8::7" not in caplog.text
        assert "Invalid request from ip=[address]: bad" in caplog.text

    def test_a_traceback_loses_the_address(self, gunicorn_log, caplog):
        try:
            raise ConnectionError("reset by 198.51.100.4")
        except ConnectionError:
            gunicorn_log.exception("Error handling request")
        assert "198.51.100.4" not in caplog.text and "reset by [address]" in caplog.text

    def test_the_servers_own_socket_is_still_named(self, gunicorn_log, caplog):
        gunicorn_log.info("Listening at: %s (%s)", "http://127.0.0.1:8000", 42)
        assert "http://127.0.0.1:8000" in caplog.text

    def test_there_is_no_access_log(self, gunicorn_log):
        assert gunicorn_log.access_log_enabled is False
