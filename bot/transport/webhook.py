"""The webhook server (WEBHOOK_URL set): Telegram posts each update to it, and the answer 200 means "received".

Its own aiohttp server instead of python-telegram-bot's: the library's reads any body of up to 100 MB before
it looks at the secret, and answers 200 before the update is anywhere but in memory. Here, in this order:
- the secret header is checked before a byte of the body is read (403, connection closed);
- a body over MAX_BODY is refused (413), by its Content-Length or while reading;
- a body that is not UTF-8 JSON with an update_id is a 400 (never quoted in the log);
- the update is kept in the inbox (intake.py), and only then is it answered 200; while the backlog is full the
  answer waits (Telegram then holds back what comes next), and while the bot stops it is 503 (delivered again).
GET /healthz answers 200 while the bot takes updates, 503 otherwise (`iom-bot healthcheck` asks it).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from aiohttp import web
from telegram import Update

from bot.config import HEALTHZ_PATH, Settings
from bot.transport.context import BotApplication
from bot.transport.intake import ALLOWED_UPDATES, Intake
from bot.transport.lifecycle import Lifecycle

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # bytes; Telegram's updates are a few kilobytes
ROOM_WAIT = 10.0  # seconds an update may wait for room in the backlog before Telegram is told to retry
SHUTDOWN_TIMEOUT = 1.0  # seconds for requests in progress when the server closes


class WebhookServer:
    def __init__(self, application: BotApplication, intake: Intake, lifecycle: Lifecycle, settings: Settings):
        assert settings.webhook_secret  # run.py makes one up when none is set
        self._application = application
        self._intake = intake
        self._lifecycle = lifecycle
        self._settings = settings
        self._secret = settings.webhook_secret.encode()
        self._runner: web.AppRunner | None = None
        self.serving = False

    @property
    def running(self) -> bool:
        return self.serving and not self._lifecycle.stopping

    async def start(self) -> None:
        settings = self._settings
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post(f"/{settings.webhook_path}", self._update)
        app.router.add_get(HEALTHZ_PATH, self._health)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT)
        await self._runner.setup()
        await web.TCPSite(self._runner, settings.webhook_listen, settings.webhook_port).start()
        self.serving = True
        await self._application.bot.set_webhook(
            settings.webhook_url or "", secret_token=settings.webhook_secret, allowed_updates=ALLOWED_UPDATES
        )

    async def stop(self) -> None:
        self.serving = False
        if self._runner is not None:
            await self._runner.cleanup()

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            return _refuse(403, "Forbidden", "no or a wrong secret token")
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _refuse(413, "Payload Too Large", f"a body of {request.content_length} bytes")
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _refuse(413, "Payload Too Large", f"a body over {MAX_BODY} bytes")
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError is one
            return _refuse(400, "Bad Request", f"a body of {len(body)} bytes that is not UTF-8 JSON")
        try:
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("no update_id")
            update = Update.de_json(data, self._application.bot)
        except Exception:  # whatever python-telegram-bot cannot read as an update
            return _refuse(400, "Bad Request", "JSON that is not an update")
        try:
            await asyncio.wait_for(self._intake.wait_for_room(self._lifecycle), ROOM_WAIT)
        except TimeoutError:
            return web.Response(status=503, text="busy")
        if not self.running:
            return web.Response(status=503, text="stopping")
        await self._intake.accept([update])
        return web.Response(text="ok")

    async def _health(self, _: web.Request) -> web.Response:
        alive = self.running and self._application.running
        return web.Response(status=200 if alive else 503, text="ok\n" if alive else "stopping\n")


def _refuse(status: int, text: str, why: str) -> web.Response:
    """A refused request: logged by what was wrong, never by what it contained."""
    log.warning("webhook: refused %s with %d", why, status)
    response = web.Response(status=status, text=text)
    response.force_close()  # do not read on (a refused body may be large)
    return response
