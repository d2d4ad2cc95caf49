"""Logging for the bot process: one format, quiet HTTP libraries, and no secret in any line.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so those loggers are raised to
WARNING; the redaction filter is the second line of defence for anything else that might quote a URL
(exception messages, tracebacks, third-party debug output).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

REDACTED = "[REDACTED]"
_NOISY = ("httpx", "httpcore")
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


def configure_logging(level: str, secrets: Iterable[str], stream: TextIO | None = None) -> logging.Handler:
    """Sets up the root logger with one stream handler and installs the redaction filter on every root
    handler. Returns the new handler (tests remove it again)."""
    root = logging.getLogger()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    redactor = RedactSecrets(secrets)
    for each in root.handlers:
        each.addFilter(redactor)
    return handler
