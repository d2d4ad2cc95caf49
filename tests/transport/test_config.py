from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_KNOWLEDGE, ConfigError, Settings


def test_defaults() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "1:abc"})
    assert settings.base_url == "https://api.telegram.org/bot"
    assert settings.base_file_url == "https://api.telegram.org/file/bot"
    assert settings.knowledge_dir == DEFAULT_KNOWLEDGE
    assert settings.database_path == Path("data/bot.sqlite3")
    assert settings.webhook_url is None and settings.admin_ids == frozenset()
    assert settings.log_level == "INFO" and settings.retention_days == 90


def test_everything_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": "1:abc",
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "KNOWLEDGE_DIR": "/app/knowledge",
            "ADMIN_IDS": "12, 34",
            "LOG_LEVEL": "debug",
            "WEBHOOK_URL": "https://bot.example.org/tg/hook",
            "WEBHOOK_SECRET": "s3cret_-X",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": "9000",
            "DATABASE_PATH": "",
            "BOT_SECRET": "key",
            "RETENTION_DAYS": "30",
        }
    )
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.knowledge_dir == Path("/app/knowledge")
    assert settings.admin_ids == frozenset({12, 34})
    assert settings.log_level == "DEBUG"
    assert settings.webhook_path == "tg/hook" and settings.webhook_port == 9000
    assert settings.database_path is None and settings.bot_secret == b"key" and settings.retention_days == 30
    assert settings.secrets() == ("1:abc", "s3cret_-X")
    assert "1:abc" not in repr(settings) and "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WEBHOOK_PORT", "eighty"),
        ("ADMIN_IDS", "12,abc"),
        ("LOG_LEVEL", "LOUD"),
        ("WEBHOOK_SECRET", "has space"),
        ("REVIEW_DIGEST", "daily"),
    ],
)
def test_malformed_values_are_named(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def test_operations_settings() -> None:
    settings = Settings.from_env({"DATABASE_PATH": "/data/bot.sqlite3"})
    assert settings.heartbeat_path == Path("/data/bot.sqlite3.heartbeat") and settings.heartbeat_max_age == 90
    assert settings.owns_process and not settings.log_json
    assert Settings.from_env({"DATABASE_PATH": ""}).heartbeat_path.name == "iom-bot.heartbeat"  # in the temp dir
    settings = Settings.from_env({"HEARTBEAT_PATH": "/run/hb", "HEARTBEAT_MAX_AGE": "2.5", "LOG_FORMAT": "JSON"})
    assert settings.heartbeat_path == Path("/run/hb") and settings.heartbeat_max_age == 2.5 and settings.log_json
    assert settings.healthz_url == "http://127.0.0.1:8443/healthz"
    assert Settings.from_env({"WEBHOOK_LISTEN": "::1", "WEBHOOK_PORT": "9"}).healthz_url == "http://[::1]:9/healthz"
    assert not Settings().owns_process and Settings().heartbeat_path is None  # an Application in a test
    for bad in ("0", "-1", "soon"):
        with pytest.raises(ConfigError, match="HEARTBEAT_MAX_AGE"):
            Settings.from_env({"HEARTBEAT_MAX_AGE": bad})


def test_review_digest_and_learned_file() -> None:
    settings = Settings.from_env({"REVIEW_DIGEST": "Weekly", "DATABASE_PATH": "/data/bot.sqlite3"})
    assert settings.review_digest == "weekly"
    assert str(settings.learned_path) == "/data/learned.yaml"
    assert Settings.from_env({"DATABASE_PATH": ""}).learned_path is None
    assert Settings.from_env({}).review_digest is None
