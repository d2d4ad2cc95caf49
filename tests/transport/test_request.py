from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.transport.request import AiohttpRequest


@pytest_asyncio.fixture
async def server() -> AsyncIterator[str]:
    async def echo(request: web.Request) -> web.Response:
        form = await request.post()
        return web.json_response({"ok": True, "result": dict(form), "agent": request.headers["User-Agent"]})

    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(1)
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/echo", echo)
    app.router.add_post("/slow", slow)
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
    async with AiohttpRequest(4, timeout=0.2) as request:
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
