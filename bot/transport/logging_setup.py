"""Logging for the bot process: one line per event (JSON or plain), quiet HTTP libraries, no secret in any line.

One line per event, tracebacks included, so that log collectors (Docker's json-file, journald, Loki) never
split an event or interleave two. httpx logs every request URL at INFO, and Bot API URLs contain the token,
so those loggers are raised to WARNING; the redaction filter, which runs before either formatter, is the
second line of defence for anything else that might quote a URL (exception messages, tracebacks,
third-party debug output). Python warnings (deprecations, python-telegram-bot's own) go through logging too.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO

REDACTED = "[REDACTED]"
_NOISY = ("httpx", "httpcore", "watchfiles")  # watchfiles: "N changes detected"; the reload says more
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Replaces every secret in a record's message, exception text and stack text."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        variants: set[str] = set()
        for secret in secrets:
            if secret:
                variants.update({secret, secret.replace(":", "%3A"), secret.partition(":")[2]})
        # Longest first, so a token is replaced whole before its secret half is looked for.
        self._secrets = sorted((v for v in variants if len(v) >= 8), key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class OneLineFormatter(logging.Formatter):
    """The plain format, with the line breaks of tracebacks and warnings written as \\n."""

    def __init__(self) -> None:
        super().__init__(_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).rstrip().replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: timestamp (UTC, ISO 8601), level, logger, message, and exception / stack
    (the traceback text) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage().rstrip(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(
    level: str, secrets: Iterable[str], stream: TextIO | None = None, *, json_lines: bool = False
) -> logging.Handler:
    """Sets up the root logger with one stream handler, JSON or plain, and installs the redaction filter on
    every root handler. Returns the new handler (tests remove it again)."""
    root = logging.getLogger()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else OneLineFormatter())
    logging.captureWarnings(True)
    root.addHandler(handler)
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    redactor = RedactSecrets(secrets)
    for each in root.handlers:
        each.addFilter(redactor)
    return handler
