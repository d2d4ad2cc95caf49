"""The emulator, the bot under test (the real Application, long polling against the emulator) and its users.

All e2e tests share one event loop, one emulator and one running bot; each test talks as new users, so they
do not see each other's messages or rate limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import pytest_asyncio

from bot.config import Settings
from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.transport.context import BotApplication
from bot.transport.logging_setup import configure_logging
from bot.transport.run import Runner
from bot.transport.updates import PerChatUpdateProcessor
from tests.conftest import KNOWLEDGE
from tests.e2e.client import TelegramUser
from tests.e2e.emulator import Emulator

TOKEN = "123456789:AAEtestSecretPartOfTheToken_0123456789"
EXPLODE = "💥"  # a question containing this makes the engine raise, to test the error handler
BURST = 8
QUESTIONS = {  # questions the engine answers, one per language
    "en": "Who funded the projects?",
    "uk": "Хто фінансував проєкти?",
    "ru": "Кто финансировал проекты?",
}


class FaultyEngine(Engine):
    """The real engine, except that it fails on EXPLODE."""

    def answer(self, text: str, preferred_lang: str | None = None):
        if EXPLODE in text:
            raise RuntimeError(f"engine failure on purpose (token {TOKEN} in the message, to test redaction)")
        return super().answer(text, preferred_lang)


@pytest.fixture(scope="package")
def engine() -> Engine:
    return FaultyEngine(load_knowledge(KNOWLEDGE))


@pytest.fixture(scope="package")
def captured_logs() -> Iterator[io.StringIO]:
    """Every log line of the session at DEBUG, through the bot's own logging setup."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("DEBUG", [TOKEN], stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


@pytest_asyncio.fixture(scope="package", loop_scope="session")
async def emulator() -> AsyncIterator[Emulator]:
    emulator = await Emulator.start()
    yield emulator
    await emulator.stop()


@contextlib.asynccontextmanager
async def running(settings: Settings, engine: Engine) -> AsyncIterator[BotApplication]:
    """The real bot long polling the emulator: what `iom-bot run` runs, in the test's own event loop."""
    runner = Runner(settings, engine)
    try:
        assert await runner.start()
        yield runner.application
    finally:
        await runner.stop()


@pytest_asyncio.fixture(scope="package", loop_scope="session")
async def bot(emulator: Emulator, engine: Engine, captured_logs: io.StringIO) -> AsyncIterator[BotApplication]:
    settings = Settings(token=TOKEN, api_url=emulator.url, database_path=None, user_burst=BURST, user_per_second=0.1)
    async with running(settings, engine) as application:
        yield application


@pytest_asyncio.fixture(scope="package", loop_scope="session")
async def http(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as client:
        yield client


@pytest.fixture
def new_user(bot: BotApplication, http: httpx.AsyncClient) -> Callable[..., TelegramUser]:
    """Makes users of the running bot: new_user(language_code="en", chat_type="group", chat_id=-100…)."""
    return lambda **options: TelegramUser(http, TOKEN, **options)


async def wait_idle(application: BotApplication, emulator: Emulator, timeout: float = 15.0) -> None:
    """Waits until the bot has received every update sent so far and finished handling them all, so that
    "no reply" can be asserted without guessing a sleep."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 3:
        if time.monotonic() > deadline:
            raise AssertionError("the bot did not become idle")
        processor = application.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        busy = await emulator.pending(TOKEN) or not application.update_queue.empty() or processor.backlog
        quiet = 0 if busy else quiet + 1
        await asyncio.sleep(0.05)


def ambiguous(engine: Engine) -> str:
    """An English question the engine answers with "did you mean" (the knowledge evolves, so it is searched)."""
    words = [w for e in engine.kb.entries.values() for w in e.label("en").rstrip("?").split()]
    for question in ("help", "projects", "What is IOM?", *words):
        reply = engine.answer(question)
        if reply.kind == "suggest" and reply.lang == "en" and len(reply.suggestions) > 1:
            return question
    raise AssertionError("no question gets a did-you-mean reply")


async def eventually(check: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    """Waits until check() holds: for what the bot does in the background, such as the store's writes."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        await asyncio.sleep(0.05)


def stored_rows(database: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of the bot's database read as another process would (read-only: never creates the file)."""
    with contextlib.closing(sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()
