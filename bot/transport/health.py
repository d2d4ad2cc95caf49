"""Liveness, for `iom-bot healthcheck`: a heartbeat file the bot touches, and GET /healthz in webhook mode.

A task on the bot's event loop touches the file, and only while the Application and its Updater run and,
when polling, getUpdates has answered lately; so a stopped or frozen process, a blocked loop, a dead poller
and an unreachable Telegram all let the file go stale. The healthcheck runs as another process (the
container's HEALTHCHECK) and only reads the file's age, so it needs nothing from the bot but the path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path

import tornado.web

from bot.config import HEALTHZ_PATH
from bot.transport.context import BotApplication
from bot.transport.request import AiohttpRequest

log = logging.getLogger(__name__)

BEAT_EVERY = 5.0  # seconds between two touches (less when the allowed age is shorter)
STARTING_EVERY = 0.5  # seconds between two looks while the bot starts, so that it is healthy soon
POLL_SILENCE = 30.0  # seconds without an answer to getUpdates; long polls return at least every 10 s


class Heartbeat:
    def __init__(self, path: Path, max_age: float, poller: AiohttpRequest | None) -> None:
        """`poller` is the connection getUpdates uses, None in webhook mode (then /healthz is served)."""
        self.path = path
        self._every = min(BEAT_EVERY, max_age / 4)
        self._poller = poller
        self._task: asyncio.Task[None] | None = None
        self._serving = False
        self._problem: str | None = "starting"  # why the bot is not alive, None while it is

    def start(self, application: BotApplication) -> None:
        # A file left by an earlier run must not vouch for this one while it starts.
        self.path.unlink(missing_ok=True)
        self._task = asyncio.create_task(self._run(application), name="heartbeat")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.path.unlink(missing_ok=True)

    async def _run(self, application: BotApplication) -> None:
        checked = False  # quiet while starting: until the bot has been up once, "not running" is expected
        while True:
            problem = self._check(application)
            if problem is None:
                checked = True
                problem = self._touch()
            if problem != self._problem and checked:
                if problem is None:
                    log.info("alive: heartbeat %s touched every %.1f s", self.path, self._every)
                else:
                    log.warning("not alive: %s", problem)
            self._problem = problem
            await asyncio.sleep(self._every if checked else STARTING_EVERY)

    def _touch(self) -> str | None:
        try:
            self.path.touch()
        except OSError as exc:
            return f"cannot write the heartbeat, so `iom-bot healthcheck` fails: {exc}"
        return None

    def _check(self, application: BotApplication) -> str | None:
        """Why the bot is not alive now, or None."""
        if not application.running:
            return "the application is not running"
        updater = application.updater
        if updater is None or not updater.running:
            return "updates are not being fetched"
        if self._poller is not None:
            silence = time.monotonic() - self._poller.answered_at
            if silence > POLL_SILENCE:
                return f"getUpdates has not answered for {silence:.0f} s"
        elif not self._serving:  # the webhook server is up now: once is enough
            self._serving = True
            serve_healthz(application)
        return None


class _Healthz(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET",)

    def initialize(self, bot_application: BotApplication) -> None:
        self._bot = bot_application

    def get(self) -> None:
        alive = self._bot.running and self._bot.updater is not None and self._bot.updater.running
        self.set_status(200 if alive else 503)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("ok\n" if alive else "stopping\n")


def serve_healthz(application: BotApplication) -> None:
    """Adds GET /healthz to the running webhook server.

    python-telegram-bot builds its tornado app inside start_webhook and has no way to add a route, so the
    route goes into the app the Updater's server runs, reached through private attributes (stable across
    python-telegram-bot 22, which pyproject.toml pins; tests/e2e/test_ops.py asks /healthz end to end).
    """
    server = getattr(application.updater, "_httpd", None)
    tornado_app = getattr(getattr(server, "_http_server", None), "request_callback", None)
    if not isinstance(tornado_app, tornado.web.Application):
        log.warning("no webhook server to add %s to: `iom-bot healthcheck` will fail", HEALTHZ_PATH)
        return
    tornado_app.add_handlers(r".*", [(HEALTHZ_PATH, _Healthz, {"bot_application": application})])
