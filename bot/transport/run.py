"""`iom-bot run` for Telegram: long polling by default, a webhook server when WEBHOOK_URL is set.

The Runner starts and stops the pieces in order, the same for `iom-bot run` and the end-to-end tests:
- start: connect to the Bot API (getMe, retried with backoff while Telegram cannot be reached; a rejected
  token ends the process with one log line and exit 1), open the store, answer what the inbox kept from the
  last run, then take new updates (intake.py, webhook.py);
- stop, on SIGTERM / SIGINT or an unrecoverable error: take no more updates, give those in flight
  settings.shutdown_grace seconds, leave the rest in the inbox for the next start, close the store, exit
  within the 10 s `docker stop` waits.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
import time

from telegram.error import InvalidToken, TelegramError

from bot.config import ConfigError, Settings
from bot.engine import Engine
from bot.engine.startup import engine_for
from bot.transport import commands, review
from bot.transport.app import build_application
from bot.transport.health import Problem, poll_silence
from bot.transport.intake import Backoff, Intake, Poller
from bot.transport.lifecycle import EXIT_FATAL, TOKEN_REJECTED
from bot.transport.logging_setup import configure_logging
from bot.transport.updates import PerChatUpdateProcessor
from bot.transport.webhook import WebhookServer

log = logging.getLogger(__name__)

DRAIN_CHECK = 0.05  # seconds between two looks at what is still being handled while stopping


def run(settings: Settings, engine: Engine | None = None) -> int:
    """Runs the bot until SIGINT / SIGTERM or an unrecoverable error; returns the process exit code. Without
    `engine`, the knowledge is loaded from settings.knowledge_dir (KnowledgeError if it is not valid)."""
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    if settings.webhook_url and not settings.webhook_secret:
        # Telegram sends the secret back on every webhook request; one made up per start is enough.
        settings = dataclasses.replace(settings, webhook_secret=secrets.token_urlsafe(32))
    configure_logging(settings.log_level, settings.secrets(), json_lines=settings.log_json)
    if engine is None:
        engine = engine_for(settings.knowledge_dir, settings.learned_path)
    try:
        engine.warm()  # before serving: the first user would otherwise wait for lingua's and the learnt models
        return asyncio.run(serve(settings, engine))
    except Exception as exc:  # through the log (one line, secrets redacted), never a bare traceback
        log.critical("the bot stopped on an unexpected error", exc_info=exc)
        return EXIT_FATAL


async def serve(settings: Settings, engine: Engine) -> int:
    runner = Runner(settings, engine)
    lifecycle = runner.lifecycle
    lifecycle.install_signals()
    try:
        if await lifecycle.unless_stopped(runner.start()):
            await lifecycle.wait()
    finally:
        started = time.monotonic()
        await runner.stop()
        log.info("stopped in %.1f s, exit code %d", time.monotonic() - started, lifecycle.exit_code)
        lifecycle.remove_signals()
    return lifecycle.exit_code


class Runner:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.application = build_application(settings, engine)
        self.data = self.application.bot_data
        assert self.data.lifecycle is not None
        self.lifecycle = self.data.lifecycle
        processor = self.application.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        self._processor = processor
        self.intake = Intake(self.application)
        processor.on_done = self.intake.done
        self.source: Poller | WebhookServer | None = None
        self._initialized = False

    async def start(self) -> bool:
        """True once updates are being taken; False if the bot had to stop before (signal, rejected token)."""
        if not await self._connect():
            return False
        data, settings = self.data, self.data.settings
        if data.store is None and settings.database_path is not None:
            from bot.storage import open_store

            days = settings.retention_days
            data.store = await open_store(settings.database_path, settings.bot_secret, retention_days=days)
        try:
            await commands.register_commands(self.application.bot, data.engine.kb)
        except InvalidToken:
            self.lifecycle.fail(TOKEN_REJECTED)
            return False
        except TelegramError as exc:
            log.warning("the command menu was not registered: %s", exc)
        if settings.owns_process and data.reloader is not None:
            data.reloader.start()
        await self.application.start()
        if settings.review_digest:
            review.schedule_digest(self.application)
        await self.intake.replay()
        if settings.webhook_url:
            log.info("webhook on %s:%d/%s", settings.webhook_listen, settings.webhook_port, settings.webhook_path)
            self.source = WebhookServer(self.application, self.intake, self.lifecycle, settings)
        else:
            log.info("long polling %s", settings.api_url)
            assert data.polling_request is not None
            self.source = Poller(self.application, self.intake, self.lifecycle, data.polling_request)
        await self.source.start()
        if data.heartbeat is not None:
            data.heartbeat.start(self._problem)
        log.info("bot @%s ready", self.application.bot.username)
        return not self.lifecycle.stopping

    async def _connect(self) -> bool:
        """getMe until it answers: Telegram unreachable at start is waited out, a rejected token is fatal."""
        backoff = Backoff("connecting to the Bot API")
        while not self.lifecycle.stopping:
            try:
                await self.application.initialize()
            except InvalidToken:
                self.lifecycle.fail(TOKEN_REJECTED)
            except TelegramError as exc:
                await self.lifecycle.sleep(backoff.failed(str(exc)))
            else:
                backoff.succeeded()
                self._initialized = True
                return True
        return False

    async def stop(self) -> None:
        if not self.lifecycle.stopping:  # stopped by its owner (a test), not by a signal or a failure
            self.lifecycle.stop("asked to stop")
        if self.source is not None:
            await self.source.stop()
        if self.application.running:
            await self._drain()
            await self.application.stop()
        data = self.data
        if data.reloader is not None:
            await data.reloader.stop()
        if data.heartbeat is not None:
            await data.heartbeat.stop()
        if data.store is not None:
            await data.store.close()
        if self._initialized:
            await self.application.shutdown()
        else:  # initialize() failed half-way: its HTTP sessions are open all the same
            await self.application.bot.request.shutdown()
            if data.polling_request is not None:
                await data.polling_request.shutdown()

    async def _drain(self) -> None:
        grace = self.data.settings.shutdown_grace
        deadline = time.monotonic() + grace
        if self.intake.backlog:
            log.info("finishing the %d updates in flight (at most %.0f s)", self.intake.backlog, grace)
        while self.intake.backlog and time.monotonic() < deadline:
            await asyncio.sleep(DRAIN_CHECK)
        if self.intake.backlog:
            kept = "they stay in the inbox for the next start" if self.data.store else "abandoned (no store)"
            log.warning("shutdown: %d updates not finished within %.0f s: %s", self.intake.backlog, grace, kept)
            self._processor.abandon()

    def _problem(self) -> Problem | None:
        """Why the bot is not alive now, for the heartbeat (health.py)."""
        if not self.application.running:
            return "application", "the application is not running"
        if self.source is None or not self.source.running:
            return "updates", "updates are not being taken"
        if isinstance(self.source, Poller):
            return poll_silence(self.source.request.answered_at)
        return None
