"""The bot with its conversation store: answers reached through buttons and links are logged like typed
questions, and the bot goes on answering when its database file is removed or turns read-only while it runs.

Each test starts its own bot (own token, own database in tmp_path), so that breaking the file touches no other.
Read-only is an operator's chmod: the store reopens a file without write bits with `mode=ro`, which makes
SQLite refuse writes even to root (who otherwise ignores permissions), as it would a bot running as a user.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from html import escape
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.config import Settings
from bot.engine import Engine
from bot.storage.pseudonym import pseudonym
from bot.storage.report import collect
from bot.transport.context import BotApplication
from tests.e2e.client import TelegramUser
from tests.e2e.conftest import QUESTIONS, ambiguous, eventually, running, stored_rows
from tests.e2e.emulator import Emulator

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKEN = "555000111:AAEstoreTokenSecretPart_0123456789ab"
SECRET = b"e2e-store-secret"
QUESTION_ROWS = "SELECT kind, entry_id, text FROM questions WHERE user = ? ORDER BY id"


@pytest_asyncio.fixture(loop_scope="session")
async def store_bot(
    emulator: Emulator, engine: Engine, captured_logs: io.StringIO, tmp_path: Path
) -> AsyncIterator[BotApplication]:
    settings = Settings(
        token=TOKEN, api_url=emulator.url, database_path=tmp_path / "bot.sqlite3", bot_secret=SECRET, user_burst=50
    )
    async with running(settings, engine) as application:
        yield application


def _database(application: BotApplication) -> Path:
    return application.bot_data.settings.database_path


def _questions(application: BotApplication, user: TelegramUser) -> list[tuple]:
    return stored_rows(_database(application), QUESTION_ROWS, (pseudonym(SECRET, user.id),))


async def _ask(user: TelegramUser, engine: Engine, lang: str) -> None:
    """A typed question, answered as if the database were fine."""
    await user.say(QUESTIONS[lang])
    reply = await user.reply()
    assert reply.text.startswith(escape(engine.answer(QUESTIONS[lang]).body)), reply.text


async def test_answers_through_buttons_and_links_are_logged_like_typed_questions(
    store_bot: BotApplication, http: httpx.AsyncClient, engine: Engine
) -> None:
    kb = engine.kb
    user = TelegramUser(http, TOKEN, language_code="en")
    await user.say(QUESTIONS["en"])
    answer = await user.reply()
    follow_up = answer.button("q:").removeprefix("q:")
    await user.press(answer, f"q:{follow_up}")
    await user.reply()

    question = ambiguous(engine)
    await user.say(question)
    choices = await user.reply()
    picked = choices.data()[1].rsplit(":", 1)[1]
    await user.press(choices, choices.data()[1])
    await user.reply()

    await user.command("/topics")
    menu = await user.reply()
    topic = kb.topics[1]
    await user.press(menu, f"t:{topic.id}")
    listed = await user.reply()
    in_topic = listed.data()[0].removeprefix("q:")
    await user.press(listed, f"q:{in_topic}")
    await user.reply()

    await user.command("/start", "iom-since-1996")
    await user.reply()
    assert await store_bot.bot_data.store.flush()

    typed = engine.answer(QUESTIONS["en"]).entry_id
    buttons = [follow_up, picked, in_topic, "iom-since-1996"]
    assert _questions(store_bot, user) == [
        ("answer", typed, QUESTIONS["en"]),
        ("answer", follow_up, kb.entries[follow_up].label("en")),
        ("suggest", None, question),
        ("answer", picked, kb.entries[picked].label("en")),
        ("answer", in_topic, kb.entries[in_topic].label("en")),
        ("answer", "iom-since-1996", kb.entries["iom-since-1996"].label("en")),
    ]
    report = collect(_database(store_bot), timedelta(days=1))
    assert {use.entry_id: use.answered for use in report.entries} == Counter([typed, *buttons])
    assert report.choices[picked].examples == (question,)  # the pick stays tied to the question typed


async def test_the_bot_answers_when_its_database_file_is_removed(
    store_bot: BotApplication, http: httpx.AsyncClient, engine: Engine, captured_logs: io.StringIO
) -> None:
    database = _database(store_bot)
    user = TelegramUser(http, TOKEN, language_code="en")
    await _ask(user, engine, "en")
    assert await store_bot.bot_data.store.flush()
    logged = len(captured_logs.getvalue())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)

    await _ask(user, engine, "uk")
    await _ask(user, engine, "ru")
    assert await store_bot.bot_data.store.flush()  # the rows asked after the removal are in a new file
    assert [text for _, _, text in _questions(store_bot, user)] == [QUESTIONS["uk"], QUESTIONS["ru"]]
    logs = captured_logs.getvalue()[logged:]
    assert "WARNING" in logs and "was removed, replaced or changed permissions" in logs
    assert "error while handling update" not in logs


async def test_the_bot_answers_while_its_database_is_read_only(
    store_bot: BotApplication, http: httpx.AsyncClient, engine: Engine, captured_logs: io.StringIO
) -> None:
    database, store = _database(store_bot), store_bot.bot_data.store
    user = TelegramUser(http, TOKEN, language_code="en")
    await _ask(user, engine, "en")
    assert await store.flush()
    logged = len(captured_logs.getvalue())
    database.chmod(0o444)
    try:
        await _ask(user, engine, "uk")
        await eventually(lambda: "cannot write to" in captured_logs.getvalue()[logged:], "a warning")
        await _ask(user, engine, "ru")
        await user.command("/language")
        menu = await user.reply()
        await user.press(menu, "lang:ru")
        assert (await user.edited(menu)).text == escape(engine.kb.text("language_set", "ru"))
        assert len(_questions(store_bot, user)) == 1  # nothing written meanwhile
    finally:
        database.chmod(0o644)
    logs = captured_logs.getvalue()[logged:]
    assert "is read-only" in logs and "readonly" in logs
    assert "error while handling update" not in logs

    assert await store.flush()  # writable again: what was kept in memory arrives
    assert [text for _, _, text in _questions(store_bot, user)] == [QUESTIONS[lang] for lang in ("en", "uk", "ru")]
    assert stored_rows(database, "SELECT lang FROM preferences WHERE user = ?", (pseudonym(SECRET, user.id),)) == [
        ("ru",)
    ]
