"""Logging for the bot process: one line per event (JSON or plain), quiet HTTP libraries, no secret in any line.

One line per event, tracebacks included, so that log collectors (Docker's json-file, journald, Loki) never
split an event or interleave two. httpx logs every request URL at INFO, and Bot API URLs contain the token,
so those loggers are raised to WARNING; the redaction filter, which runs before either formatter, is the
second line of defence for anything else that might quote a URL (exception messages, tracebacks,
third-party debug output). Python warnings (deprecations, python-telegram-bot's own) go through logging too.

No line carries a person either, at any level: python-telegram-bot's debug lines quote whole updates and API
calls (user ids, names, question texts), so WithholdPayloads keeps only their plain words and update ids;
the bot's own lines name a user by a short keyed pseudonym and quote questions only scrubbed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TextIO

REDACTED = "[REDACTED]"
_NOISY = ("httpx", "httpcore", "watchfiles")  # watchfiles: "N changes detected"; the reload says more
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
WITHHELD = "[withheld]"
_PLAIN_ARG = re.compile(r"[\w.:/%-]{0,100}")  # a Bot API method, a class or URL (redacted later): no sentence
_LIBRARIES = ("telegram", "aiohttp")  # loggers whose arguments may be users' data

_installed: logging.Handler | None = None


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


class WithholdPayloads(logging.Filter):
    """Replaces the arguments of library log records that could carry users' data (updates, API parameters
    and results, quoted bodies) with a placeholder; an update is named by its update_id only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(_LIBRARIES) or not record.args:
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        safe = tuple(_withheld(arg) for arg in args)
        try:
            record.msg, record.args = record.msg % safe, None
        except (TypeError, ValueError):  # e.g. %d given a placeholder: keep the format string only
            record.msg, record.args = f"{record.msg} {WITHHELD}", None
        return True


def _withheld(arg: object) -> object:
    from telegram import Update  # here: logging is set up before (and without) Telegram for the console

    if arg is None or isinstance(arg, bool | int | float) or (isinstance(arg, str) and _PLAIN_ARG.fullmatch(arg)):
        return arg
    if isinstance(arg, Update):
        return f"update {arg.update_id}"
    if isinstance(arg, type):
        return arg.__name__
    return WITHHELD


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
    """Sets up the root logger with one stream handler, JSON or plain, and installs the privacy and redaction
    filters on every root handler. A second call replaces the handler of the first (start-up logs before the
    settings are read, then as they say). Returns the new handler (tests remove it again)."""
    global _installed
    root = logging.getLogger()
    if _installed is not None:
        root.removeHandler(_installed)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else OneLineFormatter())
    logging.captureWarnings(True)
    root.addHandler(handler)
    _installed = handler
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    redactor = RedactSecrets(secrets)
    for each in root.handlers:
        each.filters = [f for f in each.filters if not isinstance(f, RedactSecrets | WithholdPayloads)]
        each.addFilter(WithholdPayloads())  # first: it formats the message the redactor then searches
        each.addFilter(redactor)
    return handler


def configure_from_env(env: Mapping[str, str] | None = None) -> logging.Handler:
    """Logging before the settings are known (or when they are not valid): INFO, the format LOG_FORMAT asks
    for, and the raw token and webhook secret redacted, so that a start-up failure is logged like the rest."""
    env = os.environ if env is None else env
    secrets = [env.get(name, "").strip() for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET")]
    json_lines = env.get("LOG_FORMAT", "").strip().lower() == "json"
    return configure_logging("INFO", secrets, json_lines=json_lines)
