from __future__ import annotations

import io
import logging

import pytest

from bot.transport.logging_setup import REDACTED, RedactSecrets, configure_logging

TOKEN = "123456:AAE-secretPart_xyz987"


@pytest.fixture
def log_stream():
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("DEBUG", [TOKEN], stream)
    yield stream
    root.removeHandler(handler)
    for each in root.handlers:
        each.filters = [f for f in each.filters if not isinstance(f, RedactSecrets)]
    root.setLevel(level)


def test_token_is_redacted_from_messages_arguments_and_tracebacks(log_stream: io.StringIO) -> None:
    log = logging.getLogger("test")
    log.info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
    log.info("encoded %s", TOKEN.replace(":", "%3A"))
    log.warning("half: %s", TOKEN.partition(":")[2])
    try:
        raise RuntimeError(f"url was https://api.telegram.org/bot{TOKEN}/sendMessage")
    except RuntimeError:
        log.exception("failed")
    output = log_stream.getvalue()
    assert TOKEN.partition(":")[2] not in output
    assert output.count(REDACTED) == 4
    assert "RuntimeError: url was https://api.telegram.org/bot[REDACTED]/sendMessage" in output


def test_http_libraries_are_quiet(log_stream: io.StringIO) -> None:
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/getUpdates", TOKEN)
    assert log_stream.getvalue() == ""
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING
