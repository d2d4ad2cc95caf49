"""run(settings), as `iom-bot run` starts it: a separate process configured by environment variables only,
long polling against the emulator, or a webhook server checking Telegram's secret token; stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from html import escape
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.engine import Engine
from bot.storage.pseudonym import key_path, pseudonym
from bot.storage.retention import TABLES
from tests.e2e.client import TelegramUser
from tests.e2e.conftest import QUESTIONS, ambiguous, eventually, stored_rows
from tests.e2e.emulator import Emulator
from tests.e2e.process import BotProcess, Bots

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKEN = "987654321:AAHprocessTokenSecretPart_abcdefghij"
SECRET = "webhook-secret_for-tests"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest_asyncio.fixture(loop_scope="session")
async def start_bot(tmp_path: Path) -> AsyncIterator[Callable[[dict[str, str]], BotProcess]]:
    bots = Bots(TOKEN, tmp_path)
    yield bots.start
    await bots.stop_all()


def _assert_no_secret(output: str) -> None:
    assert TOKEN.partition(":")[2] not in output
    assert SECRET not in output


async def test_run_polls_answers_and_stops_on_sigterm(start_bot, emulator: Emulator, http, engine: Engine) -> None:
    process = start_bot({"TELEGRAM_API_URL": emulator.url})
    user = TelegramUser(http, TOKEN, language_code="en")
    await user.command("/start")
    assert (await user.reply(timeout=30)).text.startswith(escape(engine.kb.text("greeting", "en")))
    await user.say("Who funded the projects?")
    assert (await user.reply()).text.startswith(escape(engine.answer("Who funded the projects?").body))
    assert {c.params.get("language_code") for c in emulator.calls("setMyCommands") if c.token == TOKEN} == {
        "uk",
        "ru",
        "en",
        None,
    }
    assert await process.stop() == 0
    output = process.output()
    assert "sendMessage" in output  # DEBUG logging reached the output
    _assert_no_secret(output)


async def test_run_serves_a_webhook_that_checks_the_secret(start_bot, emulator: Emulator, http, engine: Engine) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    process = start_bot({"TELEGRAM_API_URL": emulator.url, "WEBHOOK_URL": url, "WEBHOOK_SECRET": SECRET,
                         "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port)})  # fmt: skip
    call = await emulator.wait_for_call("setWebhook", lambda c: c.token == TOKEN, timeout=30)
    assert call.params["url"] == url and call.params["secret_token"] == SECRET

    user = TelegramUser(http, TOKEN, language_code="ru")
    update = {"update_id": 1, "message": {"message_id": 1, "from": user.user, "chat": user.chat,
              "date": int(time.time()), "text": "/start", "entities": [{"type": "bot_command", "offset": 0,
              "length": 6}]}}  # fmt: skip
    async with httpx.AsyncClient(timeout=10) as client:
        deadline = time.monotonic() + 30
        while True:  # setWebhook comes just before the server listens
            try:
                wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the webhook server did not start"
                await asyncio.sleep(0.1)
        assert wrong.status_code == 403
        missing = await client.post(url, json=update)
        assert missing.status_code == 403
        right = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert right.status_code == 200
    assert (await user.reply()).text.startswith(escape(engine.kb.text("greeting", "ru")))
    assert await process.stop() == 0
    _assert_no_secret(process.output())


def _assert_no_raw_id(stored: bytes, user_id: int) -> None:
    """Neither as text nor as an integer the way SQLite writes one (big-endian, 6 bytes for ids this size)."""
    assert str(user_id).encode() not in stored
    assert user_id.to_bytes(6, "big") not in stored and user_id.to_bytes(8, "little") not in stored


def _rows_of(database: Path, user: str) -> dict[str, int]:
    return {table: stored_rows(database, f"SELECT count(*) FROM {table} WHERE user = ?", (user,))[0][0]
            for table in TABLES}  # fmt: skip


async def test_with_a_store_no_raw_id_is_kept_and_forget_removes_every_row(
    start_bot, emulator: Emulator, http, engine: Engine, tmp_path: Path
) -> None:
    """Without BOT_SECRET the pseudonym key is generated into a file beside the database; the language chosen
    outlives a restart through it, until /forget."""
    database = tmp_path / "bot.sqlite3"
    env = {"TELEGRAM_API_URL": emulator.url, "DATABASE_PATH": str(database)}
    user = TelegramUser(http, TOKEN, language_code="uk", user_id=7_350_981_246)
    kb = engine.kb
    unsure = ambiguous(engine)

    def files() -> bytes:  # the database, its -wal and -shm, and the key file
        return b"".join(path.read_bytes() for path in tmp_path.glob("bot.sqlite3*"))

    first = start_bot(env)
    await user.command("/language")
    menu = await user.reply(timeout=30)
    await user.press(menu, "lang:en")
    await user.edited(menu)
    await user.say(QUESTIONS["en"])
    answer = await user.reply()
    await user.press(answer, answer.button("fb:1:"))
    await user.edited(answer)
    await user.press(answer, answer.button("q:"))
    await user.reply()
    await user.say(unsure)
    choices = await user.reply()
    await user.press(choices, choices.data()[0])
    await user.reply()
    picked = kb.entries[choices.data()[0].rsplit(":", 1)[1]].label("en")
    await eventually(lambda: picked.encode() in files(), "the last answer logged")
    _assert_no_raw_id(files(), user.id)  # while running: the rows are in the -wal
    assert await first.stop() == 0
    stored = files()
    assert QUESTIONS["en"].encode() in stored and key_path(database).exists()
    _assert_no_raw_id(stored, user.id)
    user_pseudonym = pseudonym(key_path(database).read_bytes().strip(), user.id)
    kept = {"questions": 4, "feedback": 1, "choices": 1, "preferences": 1}
    assert _rows_of(database, user_pseudonym) == dict.fromkeys(TABLES, 0) | kept

    second = start_bot(env)
    await user.command("/help")
    assert (await user.reply(timeout=30)).text == escape(kb.text("help", "en"))
    await user.command("/forget")
    assert (await user.reply()).text == escape(kb.text("forget_done", "en"))
    assert _rows_of(database, user_pseudonym) == dict.fromkeys(TABLES, 0)
    assert await second.stop() == 0
    left = files()  # deleted rows are overwritten, not merely unlinked: nothing to recover from the file
    assert not [text for text in (QUESTIONS["en"], unsure, picked, user_pseudonym) if text.encode() in left]

    third = start_bot(env)
    await user.command("/help")
    assert (await user.reply(timeout=30)).text == escape(kb.text("help", "uk"))
    assert await third.stop() == 0
