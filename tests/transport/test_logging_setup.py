from __future__ import annotations

import io
import json
import logging
import warnings

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


def test_json_lines_carry_the_fields_and_the_traceback_redacted() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    logging.captureWarnings(False)  # whatever earlier tests left: pytest resets warnings.showwarning per test
    handler = configure_logging("INFO", [TOKEN], stream, json_lines=True)
    log = logging.getLogger("bot.test")
    try:
        log.info("polling https://api.telegram.org/bot%s/getUpdates", TOKEN)
        try:
            raise RuntimeError(f"url was https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("failed\nin two lines")
        warnings.warn("a deprecation, captured", DeprecationWarning, stacklevel=1)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        logging.captureWarnings(False)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3  # one line per event
    info, error, warning = map(json.loads, lines)
    assert info.keys() == {"timestamp", "level", "logger", "message"}
    assert info["level"] == "INFO" and info["logger"] == "bot.test" and info["timestamp"].endswith("+00:00")
    assert info["message"] == "polling https://api.telegram.org/bot[REDACTED]/getUpdates"
    assert error["message"] == "failed\nin two lines"
    assert error["exception"].endswith("RuntimeError: url was https://api.telegram.org/bot[REDACTED]/sendMessage")
    assert (warning["logger"], warning["level"]) == ("py.warnings", "WARNING")
    assert "DeprecationWarning: a deprecation, captured" in warning["message"]
    assert TOKEN.partition(":")[2] not in stream.getvalue()


def test_plain_lines_are_one_per_event_too(log_stream: io.StringIO) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("test").exception("failed")
    output = log_stream.getvalue()
    assert output.count("\n") == 1 and "failed\\nTraceback (most recent call last):\\n" in output
