"""What operators rely on, tested on `iom-bot run` in its own process against the emulator: the health check
follows the update loop (heartbeat, /healthz), the knowledge reloads while questions are being answered and
bad knowledge is refused, SIGTERM in the middle of a burst loses no write, and the log is JSON lines."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from html import escape
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.engine import Engine
from tests.conftest import KNOWLEDGE
from tests.e2e.client import TelegramUser
from tests.e2e.emulator import Emulator
from tests.e2e.process import BotProcess, Bots

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKEN = "424242424:AAFopsTokenSecretPart_0123456789abc"
QUESTION = "What is IOM?"
ADMIN_ID = 4_242_000_001
MARK = "RELOADED"  # put into an answer by the valid change
ORIGINAL = "IOM, the International Organization for Migration, is part of"
BROKEN = "\n  this line: is [not valid YAML\n"
BURST = 100
BACKLOG = 400  # at 30 replies per second, more than the shutdown deadline allows


@pytest_asyncio.fixture(loop_scope="session")
async def start_bot(tmp_path: Path) -> AsyncIterator[Callable[[dict[str, str]], BotProcess]]:
    bots = Bots(TOKEN, tmp_path)
    yield bots.start
    await bots.stop_all()


async def until(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        await asyncio.sleep(0.1)


async def healthy(bot: BotProcess) -> bool:
    return (await bot.healthcheck())[0] == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_healthcheck_follows_the_update_loop_and_the_log_is_json_lines(
    start_bot, emulator: Emulator, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    bot = start_bot({"TELEGRAM_API_URL": emulator.url, "HEARTBEAT_PATH": str(tmp_path / "heartbeat"),
                     "HEARTBEAT_MAX_AGE": "2", "LOG_FORMAT": "json", "LOG_LEVEL": "INFO"})  # fmt: skip
    await until(lambda: healthy(bot), "healthy after start")
    user = TelegramUser(http, TOKEN, language_code="en")
    await user.say(QUESTION)
    await user.reply()

    bot.signal(signal.SIGSTOP)  # a stuck loop: nothing in the process runs
    try:
        await asyncio.sleep(3)
        code, line = await bot.healthcheck()
    finally:
        bot.signal(signal.SIGCONT)
    assert code == 1 and line.startswith("unhealthy: heartbeat") and "s old (limit 2 s)" in line, line
    await until(lambda: healthy(bot), "healthy again once the loop turns")

    assert await bot.stop() == 0
    assert await bot.healthcheck() == (1, f"unhealthy: no heartbeat at {tmp_path / 'heartbeat'} (is the bot running?)")
    output = bot.output()
    records = [json.loads(line) for line in output.splitlines()]  # every line is one JSON object
    assert all({"timestamp", "level", "logger", "message"} <= record.keys() for record in records)
    assert any(record["message"].startswith("alive: heartbeat") for record in records)
    assert TOKEN.partition(":")[2] not in output
    assert QUESTION not in output and str(user.id) not in output  # nothing about users at INFO


async def test_in_webhook_mode_the_healthcheck_also_asks_healthz(start_bot, emulator: Emulator, tmp_path: Path) -> None:
    port = _free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    bot = start_bot({"TELEGRAM_API_URL": emulator.url, "WEBHOOK_URL": hook, "WEBHOOK_LISTEN": "127.0.0.1",
                     "WEBHOOK_PORT": str(port), "HEARTBEAT_PATH": str(tmp_path / "heartbeat")})  # fmt: skip
    await until(lambda: healthy(bot), "healthy in webhook mode")
    assert (await bot.healthcheck())[1].endswith("/healthz answers")
    async with httpx.AsyncClient(timeout=10) as client:
        health = await client.get(f"http://127.0.0.1:{port}/healthz")
        assert (health.status_code, health.text) == (200, "ok\n")
        wrong = await client.post(hook, json={}, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
        assert wrong.status_code == 403  # the webhook route is still the one that answers there
    assert await bot.stop() == 0


class Askers:
    """Users who keep asking QUESTION, each a new user (no rate limit), each waiting for the answer."""

    def __init__(self, http: httpx.AsyncClient, count: int) -> None:
        self.http = http
        self.latencies: list[float] = []
        self.running = True
        self.tasks = [asyncio.create_task(self._ask()) for _ in range(count)]

    async def _ask(self) -> None:
        while self.running:
            user = TelegramUser(self.http, TOKEN, language_code="en")
            started = time.monotonic()
            await user.say(QUESTION)
            await user.reply()  # raises if the answer does not come
            self.latencies.append(time.monotonic() - started)

    async def stop(self) -> None:
        self.running = False
        await asyncio.gather(*self.tasks)


async def test_knowledge_reloads_while_questions_are_answered_and_bad_knowledge_is_refused(
    start_bot, emulator: Emulator, http: httpx.AsyncClient, engine: Engine, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    about = knowledge / "about.yaml"
    original = about.read_text()
    assert ORIGINAL in original
    bot = start_bot({"TELEGRAM_API_URL": emulator.url, "KNOWLEDGE_DIR": str(knowledge),
                     "ADMIN_IDS": str(ADMIN_ID), "LOG_LEVEL": "INFO"})  # fmt: skip
    admin = TelegramUser(http, TOKEN, language_code="en", user_id=ADMIN_ID)
    await admin.command("/start")
    await admin.reply(timeout=30)

    async def answer() -> str:
        user = TelegramUser(http, TOKEN, language_code="en")
        await user.say(QUESTION)
        return (await user.reply()).text

    askers = Askers(http, 4)
    try:
        about.write_text(original.replace(ORIGINAL, f"{MARK} {ORIGINAL}"))  # valid: a new answer text
        await until(lambda: _contains(answer(), MARK), "the changed answer served")

        about.write_text(original.replace(ORIGINAL, f"{MARK} {ORIGINAL}") + BROKEN)  # invalid
        refusal = (await admin.reply(timeout=30)).text
        assert refusal.startswith("New knowledge refused (changed: about.yaml)")
        assert re.search(r"\babout\.yaml:\d+: ", refusal), refusal
        assert MARK in await answer()  # the last good knowledge stays live

        await admin.command("/reload")  # still broken: refused again, and the admin told again
        assert (await admin.reply()).text.startswith("New knowledge refused (/reload)")
        stranger = TelegramUser(http, TOKEN, language_code="en")
        await stranger.command("/reload")  # not for them: the one-line help of any unknown command, no reload
        assert (await stranger.reply()).text == escape(engine.kb.text("unknown_command", "en"))

        about.write_text(original)  # fixed
        await until(lambda: _contains(answer(), MARK, present=False), "the original answer served again")
        bot.signal(signal.SIGHUP)
        await admin.command("/reload")
        assert (await admin.reply()).text.startswith("Knowledge reloaded: ")
    finally:
        await askers.stop()

    assert await bot.stop() == 0
    output = bot.output()
    assert "knowledge reloaded (SIGHUP)" in output and "knowledge reloaded (/reload)" in output
    swaps = [float(s) for s in re.findall(r"swapped in ([0-9.]+) µs", output)]
    builds = [float(s) for s in re.findall(r"built in ([0-9.]+) ms", output)]
    latencies = sorted(askers.latencies)
    print(
        f"\n{len(latencies)} answers during {len(swaps)} reloads; latency median "
        f"{statistics.median(latencies) * 1e3:.0f} ms, max {latencies[-1] * 1e3:.0f} ms; "
        f"build {min(builds):.0f}-{max(builds):.0f} ms; swap {min(swaps):.1f}-{max(swaps):.1f} µs"
    )
    assert len(swaps) >= 3 and latencies  # every question asked got its answer (Askers raises otherwise)


async def _contains(text: Awaitable[str], mark: str, present: bool = True) -> bool:
    return (mark in await text) == present


async def _burst(start_bot, http: httpx.AsyncClient, env: dict[str, str], size: int) -> tuple[BotProcess, list]:
    """A started bot, then `size` questions from as many users at once; returns while the answers go out."""
    bot = start_bot(env)
    warm = TelegramUser(http, TOKEN, language_code="en")
    await warm.say(QUESTION)
    await warm.reply(timeout=30)
    users = [TelegramUser(http, TOKEN, language_code="en") for _ in range(size)]
    await asyncio.gather(*(user.say(QUESTION) for user in users))
    await asyncio.sleep(0.3)  # the first answers are out, most are still to come
    return bot, users


async def _stop(bot: BotProcess) -> float:
    started = time.monotonic()
    assert await bot.stop() == 0
    return time.monotonic() - started


async def _answers(users: list[TelegramUser]) -> dict[int, int]:
    """How many answers each user got since the last look."""
    counts = await asyncio.gather(*(user.unread() for user in users))
    return {user.id: len(messages) for user, messages in zip(users, counts, strict=True)}


async def test_sigterm_during_a_burst_finishes_the_updates_in_flight_and_loses_no_queued_write(
    start_bot, http: httpx.AsyncClient, emulator: Emulator, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    env = {"TELEGRAM_API_URL": emulator.url, "DATABASE_PATH": str(database), "BOT_SECRET": "b" * 32,
           "LOG_LEVEL": "INFO"}  # fmt: skip
    first, users = await _burst(start_bot, http, env, BURST)
    before = await _answers(users)
    took = await _stop(first)
    after = await _answers(users)
    print(f"\nSIGTERM in a burst of {BURST}: {sum(after.values())} answered while stopping, exit 0 after {took:.1f} s")
    assert 0 < sum(before.values()) < BURST and sum(after.values()) > 0
    assert _question_rows(database) == 1 + sum(before.values()) + sum(after.values())  # each answer has its row

    second = start_bot(env)  # anything the first did not fetch was left with Telegram, and is answered now
    warm = TelegramUser(http, TOKEN, language_code="en")
    await warm.say(QUESTION)
    await warm.reply(timeout=30)
    for user in users:
        if not before[user.id] + after[user.id]:
            await user.reply(timeout=30)
    assert await second.stop() == 0
    assert _question_rows(database) == 2 + BURST
    assert not any((await _answers(users)).values())  # nothing answered twice


async def test_sigterm_with_a_backlog_past_the_deadline_still_flushes_and_exits_0_in_time(
    start_bot, http: httpx.AsyncClient, emulator: Emulator, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    env = {"TELEGRAM_API_URL": emulator.url, "DATABASE_PATH": str(database), "LOG_LEVEL": "INFO"}
    bot, users = await _burst(start_bot, http, env, BACKLOG)
    took = await _stop(bot)
    answered = sum((await _answers(users)).values())
    print(f"\nSIGTERM with a backlog of {BACKLOG}: {answered} answered, exit 0 after {took:.1f} s")
    assert took < 10 and answered < BACKLOG
    assert re.search(r"shutdown: \d+ updates not finished within 7 s, abandoned", bot.output())
    assert _question_rows(database) >= 1 + answered  # abandoned ones may have logged the question already


def _question_rows(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM questions").fetchone()[0]
