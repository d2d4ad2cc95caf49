from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.transport.request import RETRY_WITHIN, AiohttpRequest


@pytest_asyncio.fixture
async def server() -> AsyncIterator[str]:
    async def echo(request: web.Request) -> web.Response:
        form = await request.post()
        return web.json_response({"ok": True, "result": dict(form), "agent": request.headers["User-Agent"]})

    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(1)
        return web.json_response({"ok": True, "result": True})

    failures = {"/flaky": [500, 502], "/broken": [500, 500, 500, 500], "/bad": [400, 400]}

    async def failing(request: web.Request) -> web.Response:
        statuses = failures[request.path]
        if statuses:
            return web.json_response({"ok": False, "description": "failed"}, status=statuses.pop(0))
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/echo", echo)
    app.router.add_post("/slow", slow)
    for path in failures:
        app.router.add_post(path, failing)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_form_post_and_response(server: str) -> None:
    async with AiohttpRequest(4) as request:
        params = {"chat_id": 5, "text": "привіт & <b>"}
        data = RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])
        status, body = await request.do_request(f"{server}/echo", "POST", data)
    assert status == 200
    reply = request.parse_json_payload(body)
    assert reply["result"] == {"chat_id": "5", "text": "привіт & <b>"}
    assert reply["agent"].startswith("python-telegram-bot")


async def test_timeout_and_network_errors_are_telegram_errors(server: str) -> None:
    async with AiohttpRequest(4, timeout=0.2, retry=False) as request:
        with pytest.raises(TimedOut):
            await request.do_request(f"{server}/slow", "POST")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = s.getsockname()[1]
        with pytest.raises(NetworkError):
            await request.do_request(f"http://127.0.0.1:{closed}/x", "POST")


async def test_files_and_uninitialized_use_are_refused(server: str) -> None:
    request = AiohttpRequest(1)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"{server}/echo", "POST")
    async with request:
        upload = RequestData([RequestParameter.from_input("document", InputFile(b"x", filename="a.txt", attach=True))])
        with pytest.raises(RuntimeError, match="upload"):
            await request.do_request(f"{server}/echo", "POST", upload)


async def test_5xx_is_tried_again_within_bounds_and_4xx_is_not(server: str) -> None:
    async with AiohttpRequest(4) as request:
        started = time.monotonic()
        assert (await request.do_request(f"{server}/flaky", "POST"))[0] == 200  # 500, 502, then the answer
        assert 2.5 <= time.monotonic() - started < RETRY_WITHIN
        assert (await request.do_request(f"{server}/broken", "POST"))[0] == 500  # three tries, then given up
        assert (await request.do_request(f"{server}/broken", "POST"))[0] == 200  # (the fourth failure was left)
        assert (await request.do_request(f"{server}/bad", "POST"))[0] == 400  # once: a 400 will not change
        assert (await request.do_request(f"{server}/bad", "POST"))[0] == 400
