"""Settings from the environment: one frozen object, read once at start."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
DEFAULT_DATABASE = Path("data/bot.sqlite3")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
TELEGRAM_MESSAGES_PER_SECOND = 30.0  # what Telegram lets a bot send overall
HEALTHZ_PATH = "/healthz"  # served by the webhook server, asked by `iom-bot healthcheck`
LEARNED_FILE = "learned.yaml"  # beside the database: phrasings accepted while the knowledge folder is read-only
DIGESTS = ("weekly",)  # REVIEW_DIGEST values


class ConfigError(ValueError):
    """An environment variable is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str = field(default="", repr=False)
    api_url: str = DEFAULT_API_URL
    knowledge_dir: Path = DEFAULT_KNOWLEDGE
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    database_path: Path | None = DEFAULT_DATABASE
    bot_secret: bytes | None = field(default=None, repr=False)
    retention_days: int = 90
    log_json: bool = False
    heartbeat_max_age: float = 90.0  # seconds; an older heartbeat means the bot is not alive
    # Seconds after SIGTERM for the updates in flight; what is left stays in the inbox for the next start.
    # The rest of the 10 s `docker stop` waits is for closing the store and exiting.
    shutdown_grace: float = 7.0
    review_digest: str | None = None  # "weekly": admins are told how many phrasings wait in /review
    # Process-level companions that from_env switches on; an Application built in a test runs without them.
    heartbeat_path: Path | None = None
    owns_process: bool = False  # signals (SIGTERM with a deadline, SIGHUP reloads) and the knowledge watcher
    # Not read from the environment: Telegram's own limits, overridden only by tests and the benchmark.
    outgoing_per_second: float = TELEGRAM_MESSAGES_PER_SECOND
    user_burst: int = 8
    user_per_second: float = 0.5

    @property
    def base_url(self) -> str:
        return f"{self.api_url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.api_url}/file/bot"

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, which the local webhook server listens on."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    @property
    def healthz_url(self) -> str:
        """Where the webhook server answers GET /healthz, seen from inside the bot's container."""
        host = self.webhook_listen if self.webhook_listen not in ("", "0.0.0.0", "::") else "127.0.0.1"
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.webhook_port}{HEALTHZ_PATH}"

    @property
    def learned_path(self) -> Path | None:
        return learned_path(self.database_path)

    def secrets(self) -> tuple[str, ...]:
        """Values that must never reach a log line."""
        return tuple(s for s in (self.token, self.webhook_secret) if s)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str:
            return env.get(name, "").strip()

        webhook_secret = get("WEBHOOK_SECRET") or None
        if webhook_secret and not _SECRET_TOKEN.fullmatch(webhook_secret):
            raise ConfigError("WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, _ and - only")
        log_level = (get("LOG_LEVEL") or "INFO").upper()
        if log_level not in _LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL: one of {', '.join(_LOG_LEVELS)}")
        database = env.get("DATABASE_PATH", str(DEFAULT_DATABASE)).strip()
        max_age = _float(get("HEARTBEAT_MAX_AGE") or "90", "HEARTBEAT_MAX_AGE")
        grace = _float(get("SHUTDOWN_GRACE") or "7", "SHUTDOWN_GRACE")
        digest = get("REVIEW_DIGEST").lower() or None
        if digest not in (None, *DIGESTS):
            raise ConfigError(f"REVIEW_DIGEST: {' or '.join(DIGESTS)}, or unset for none")
        return cls(
            token=get("TELEGRAM_BOT_TOKEN"),
            api_url=(get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
            knowledge_dir=Path(get("KNOWLEDGE_DIR")) if get("KNOWLEDGE_DIR") else DEFAULT_KNOWLEDGE,
            admin_ids=frozenset(_int(part, "ADMIN_IDS") for part in get("ADMIN_IDS").split(",") if part.strip()),
            log_level=log_level,
            webhook_url=get("WEBHOOK_URL") or None,
            webhook_secret=webhook_secret,
            webhook_listen=get("WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_port=_int(get("WEBHOOK_PORT") or "8443", "WEBHOOK_PORT"),
            database_path=Path(database) if database else None,
            bot_secret=get("BOT_SECRET").encode() or None,
            retention_days=_int(get("RETENTION_DAYS") or "90", "RETENTION_DAYS"),
            log_json=get("LOG_FORMAT").lower() == "json",
            heartbeat_max_age=max_age,
            shutdown_grace=grace,
            review_digest=digest,
            heartbeat_path=Path(get("HEARTBEAT_PATH") or _beside(database) or _in_tmp()),
            owns_process=True,
        )


def learned_path(database: Path | None) -> Path | None:
    """learned.yaml of the data folder (beside the database), or None when the bot keeps no database."""
    return database.parent / LEARNED_FILE if database is not None else None


def _beside(database: str) -> str:
    """The heartbeat goes beside the database: that folder is writable wherever the bot can run."""
    return f"{database}.heartbeat" if database else ""


def _in_tmp() -> str:
    return str(Path(tempfile.gettempdir()) / "iom-bot.heartbeat")


def _int(value: str, name: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ConfigError(f"{name}: expected an integer, got {value.strip()!r}") from None


def _float(value: str, name: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        number = 0.0
    if not number > 0:
        raise ConfigError(f"{name}: expected a positive number of seconds, got {value.strip()!r}")
    return number
