"""`iom-bot run` for Telegram: long polling by default, a webhook server when WEBHOOK_URL is set."""

from __future__ import annotations

import dataclasses
import logging
import secrets

from bot.config import ConfigError, Settings
from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.transport.app import ALLOWED_UPDATES, build_application
from bot.transport.logging_setup import configure_logging

log = logging.getLogger(__name__)


def run(settings: Settings, engine: Engine | None = None) -> int:
    """Runs the bot until SIGINT / SIGTERM; returns the process exit code. Without `engine`, the knowledge
    is loaded from settings.knowledge_dir (KnowledgeError if it is not valid)."""
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    if settings.webhook_url and not settings.webhook_secret:
        # Telegram sends the secret back on every webhook request; one made up per start is enough.
        settings = dataclasses.replace(settings, webhook_secret=secrets.token_urlsafe(32))
    configure_logging(settings.log_level, settings.secrets(), json_lines=settings.log_json)
    if engine is None:
        engine = Engine(load_knowledge(settings.knowledge_dir, settings.learned_path))
    application = build_application(settings, engine)
    if settings.webhook_url:
        log.info("webhook on %s:%d/%s", settings.webhook_listen, settings.webhook_port, settings.webhook_path)
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        log.info("long polling %s", settings.api_url)
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0
