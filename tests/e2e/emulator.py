"""A local Telegram Bot API for end-to-end tests: the npm package telegram-test-api (pinned in package.json)
behind a thin HTTP wrapper that makes it speak enough of the real API for python-telegram-bot 22.

What telegram-test-api 4.2.1 gets wrong, and what the wrapper does about it (node_modules is never edited):
- getMe lacks is_bot (PTB refuses to start): added, with inline mode switched on.
- sent messages come back with `date` in milliseconds and no `from`: converted to seconds, `from` added.
- editMessageText / editMessageReplyMarkup answer `null`: forwarded, then answered with the edited message.
- setMyCommands, answerInlineQuery, sendChatAction and every other method it does not know answer HTTP 500:
  answered `true` here and recorded, so tests can assert on them; so are answerCallbackQuery (which it
  answers null and forgets) and setWebhook / deleteWebhook (its own webhook delivery sends no secret token).
- callback-query updates lack chat_instance, user updates carry the client's `botToken` field: fixed.
- no inline-query updates and no client endpoint for them: `inject_inline_query` queues one.
- getUpdates ignores `offset` and `timeout`: the wrapper keeps its own queue with its own update ids,
  drops what the bot acknowledged, and holds the request open (long polling) until something arrives.

The client endpoints (/sendMessage, /sendCommand, /sendCallback, /getUpdates, /getUpdatesHistory) are passed
through unchanged, and wake a waiting getUpdates at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import ClientSession, TCPConnector, web

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
POLL_CAP = 2.0  # seconds a getUpdates may be held open, whatever timeout the bot asks for
REPOLL = 0.05  # how often node is asked again while a getUpdates waits (client posts wake it at once)
FORWARDED = {"getMe", "sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteMessage"}
CLIENT_ENDPOINTS = ("sendMessage", "sendCommand", "sendCallback", "getUpdates", "getUpdatesHistory")
_NODE_SCRIPT = """
const TelegramServer = require('telegram-test-api');
const server = new TelegramServer({host: process.argv[1], storeTimeout: 3600});
server.config.port = 0;  // normalizeConfig turns 0 into 9000; a free port is wanted
server.start().then(() => console.log('listening ' + server.server.address().port));
"""


@dataclass
class Call:
    """One Bot API call the wrapper answered itself."""

    token: str
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


def decode_params(body: bytes, content_type: str) -> dict[str, Any]:
    """Bot API parameters from a JSON or urlencoded body, JSON-encoded values decoded (python-telegram-bot
    sends urlencoded forms; multipart only for file uploads, which the bot does not make)."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if not content_type.startswith("application/x-www-form-urlencoded"):
        raise ValueError(f"not emulated: {content_type} (file uploads)")
    params: dict[str, Any] = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


class _Node:
    """The telegram-test-api process."""

    def __init__(self) -> None:
        if not (ROOT / "node_modules" / "telegram-test-api").is_dir():
            raise RuntimeError("telegram-test-api is not installed: run `npm ci` in the repository root")
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH")
        self.process = subprocess.Popen(
            [node, "-e", _NODE_SCRIPT, HOST],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "NODE_ENV": "production"},
        )

    async def port(self, timeout: float = 20.0) -> int:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), timeout)
        if not line.startswith("listening "):
            raise RuntimeError(f"telegram-test-api did not start (exit code {self.process.poll()}): {line!r}")
        return int(line.split()[1])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Emulator:
    """Start with `await Emulator.start()`; point the bot at `emulator.url`; `await emulator.stop()`."""

    def __init__(self) -> None:
        self.url = ""
        self.node_url = ""
        self.node_pid = 0
        self.bot_user = {"id": 666, "is_bot": True, "first_name": "Test First name", "username": "TestNameBot"}
        self.on_bot_message: Callable[[dict[str, Any]], None] | None = None  # the benchmark's stopwatch
        self._node: _Node | None = None
        self._runner: web.AppRunner | None = None
        self._http: ClientSession | None = None
        self._calls: list[Call] = []
        self._queues: dict[str, list[dict[str, Any]]] = {}  # per bot token: updates not yet acknowledged
        self._update_ids = itertools.count(1)
        self._inline_ids = itertools.count(1)
        self._sent: dict[tuple[int, int], dict[str, Any]] = {}
        self._wake = asyncio.Event()
        self._closing = False

    @classmethod
    async def start(cls) -> Emulator:
        self = cls()
        self._node = _Node()
        try:
            self.node_url = f"http://{HOST}:{await self._node.port()}"
        except BaseException:
            self._node.stop()
            raise
        self.node_pid = self._node.process.pid
        self._http = ClientSession(self.node_url, connector=TCPConnector(limit=64))
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._bot_route)
        for endpoint in CLIENT_ENDPOINTS:
            app.router.add_post(f"/{endpoint}", self._client_route)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, 0)
        await site.start()
        self.url = f"http://{HOST}:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        self._closing = True
        self._wake.set()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()
        if self._node is not None:
            self._node.stop()

    # What tests and the benchmark use directly.

    def calls(self, method: str) -> list[Call]:
        return [c for c in self._calls if c.method == method]

    def inject_inline_query(self, token: str, user: dict[str, Any], query: str) -> str:
        """Queues an inline_query update as if `user` typed "@bot <query>"; returns the query id."""
        query_id = f"inline-{next(self._inline_ids)}"
        self._enqueue(token, {"inline_query": {"id": query_id, "from": user, "query": query, "offset": ""}})
        return query_id

    def inject_edited_message(self, token: str, message: dict[str, Any]) -> None:
        """Queues an edited_message update: a user corrected a message they had sent (`message` as edited)."""
        self._enqueue(token, {"edited_message": {**message, "edit_date": int(time.time())}})

    async def wait_for_call(self, method: str, accept: Callable[[Call], bool], timeout: float = 10.0) -> Call:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for call in self.calls(method):
                if accept(call):
                    return call
            await asyncio.sleep(0.02)
        raise TimeoutError(f"no matching {method} call within {timeout} s")

    async def pending(self, token: str) -> int:
        """Updates the bot has not received yet (after asking node for new ones)."""
        await self._pull_node(token)
        return sum(not u.get("_delivered") for u in self._queues.get(token, ()))

    # Bot side.

    async def bot_call(self, token: str, method: str, body: bytes, content_type: str) -> tuple[int, Any]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": await self._get_updates(token, decode_params(body, content_type))}
        if method not in FORWARDED:
            self._calls.append(Call(token, method, decode_params(body, content_type)))
            return 200, {"ok": True, "result": True}
        status, reply = await self._forward(f"/bot{token}/{method}", body, content_type)
        if status != 200 or not isinstance(reply, dict) or not reply.get("ok"):
            return status, reply
        if method == "getMe":
            reply["result"] |= {"is_bot": True, "can_join_groups": True, "can_read_all_group_messages": False,
                                "supports_inline_queries": True}  # fmt: skip
            self.bot_user = {k: reply["result"][k] for k in ("id", "is_bot", "first_name", "username")}
        elif method == "sendMessage":
            message = self._sent_message(reply["result"], decode_params(body, content_type))
            reply["result"] = self._sent[(message["chat"]["id"], message["message_id"])] = message
            if self.on_bot_message is not None:
                self.on_bot_message(message)
        elif method in ("editMessageText", "editMessageReplyMarkup"):
            return self._edited(method, decode_params(body, content_type))
        return status, reply

    def _sent_message(self, stored: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        """The Message Telegram returns for sendMessage (node echoes the raw, still JSON-encoded, fields)."""
        chat_id = int(params["chat_id"])
        message = {
            "message_id": stored["message_id"],
            "from": self.bot_user,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "date": _seconds(stored["date"]),
            "text": params["text"],
        }
        for key in ("reply_markup", "link_preview_options"):
            if isinstance(params.get(key), dict):
                message[key] = params[key]
        return message

    def _edited(self, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        message = self._sent.get(key)
        if message is None:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message to edit not found"}
        message = dict(message, edit_date=int(time.time()))
        if method == "editMessageText":
            message["text"] = params["text"]
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._sent[key] = message
        return 200, {"ok": True, "result": message}

    async def _get_updates(self, token: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(float(params.get("timeout") or 0), POLL_CAP)
        queue = self._queues.setdefault(token, [])
        if offset:
            queue[:] = [u for u in queue if u["update_id"] >= offset]
        while not self._closing:
            self._wake.clear()
            await self._pull_node(token)
            ready = queue[:limit]
            if ready or loop.time() >= deadline:
                for update in ready:
                    update["_delivered"] = True
                return [{k: v for k, v in u.items() if k != "_delivered"} for u in ready]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(REPOLL, deadline - loop.time()))
        return []

    async def _pull_node(self, token: str) -> None:
        if self._closing:
            return
        status, reply = await self._forward(f"/bot{token}/getUpdates", b"", "application/json")
        if status != 200:
            raise RuntimeError(f"telegram-test-api getUpdates failed: {status} {reply}")
        for update in reply["result"]:
            del update["update_id"]
            self._enqueue(token, _fixed(update))

    def _enqueue(self, token: str, update: dict[str, Any]) -> None:
        self._queues.setdefault(token, []).append({"update_id": next(self._update_ids), **update})
        self._wake.set()

    # Client side.

    async def client_call(self, endpoint: str, body: bytes, content_type: str) -> tuple[int, Any]:
        status, reply = await self._forward(f"/{endpoint}", body, content_type)
        if endpoint.startswith("send"):
            self._wake.set()
        return status, reply

    async def _forward(self, path: str, body: bytes, content_type: str) -> tuple[int, Any]:
        assert self._http is not None
        async with self._http.post(path, data=body, headers={"Content-Type": content_type}) as response:
            return response.status, await response.json(content_type=None)

    # HTTP.

    async def _bot_route(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        status, reply = await self.bot_call(token, method, await request.read(), request.content_type)
        return web.json_response(reply, status=status)

    async def _client_route(self, request: web.Request) -> web.Response:
        endpoint = request.path.strip("/")
        status, reply = await self.client_call(endpoint, await request.read(), request.content_type)
        return web.json_response(reply, status=status)


def _seconds(date: int) -> int:
    return date // 1000 if date > 10**11 else date


def _fixed(update: dict[str, Any]) -> dict[str, Any]:
    """A user update as Telegram would send it."""
    if "callback_query" in update:
        query = update["callback_query"]
        message = query.get("message") or {}
        message.pop("botToken", None)
        if "date" in message:
            message["date"] = _seconds(message["date"])
        query.setdefault("chat_instance", str(message.get("chat", {}).get("id", 0)))
    if "message" in update:
        update["message"].pop("botToken", None)
    return update
