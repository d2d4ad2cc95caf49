"""The fault matrix: what the Bot API or the machine does wrong, and what the bot still promises. Faults come
from the emulator (HTTP errors on chosen methods, slow sends); where a test needs the process itself (its
exit code, its output, a kill) it runs `iom-bot run` beside the emulator, otherwise the shared in-process bot.
"""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator, Callable
from html import escape
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.engine import Engine
from tests.e2e.client import TelegramUser
from tests.e2e.conftest import QUESTIONS, TOKEN, wait_idle
from tests.e2e.emulator import Emulator
from tests.e2e.process import BotProcess, Bots

pytestmark = pytest.mark.asyncio(loop_scope="session")

PROCESS_TOKEN = "555000111:AAGfaultsTokenSecretPart_zyxwvu98765"
PERSON = {"first_name": "Oksana", "last_name": "Shevchenko", "username": "oksana_shev"}
PHONE, EMAIL = "+380 67 123 45 67", "oksana.shev@example.com"


@pytest_asyncio.fixture(loop_scope="session")
async def start_bot(tmp_path: Path) -> AsyncIterator[Callable[[dict[str, str]], BotProcess]]:
    bots = Bots(PROCESS_TOKEN, tmp_path)
    yield bots.start
    await bots.stop_all()

TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


async def test_two_5xx_on_send_message_are_retried_and_the_answer_arrives(
    new_user, bot, emulator: Emulator, engine: Engine
) -> None:
    user = new_user(language_code="en")
    emulator.fail(TOKEN, "sendMessage", 500)
    emulator.fail(TOKEN, "sendMessage", 502)
    await user.say(QUESTIONS["en"])
    assert (await user.reply()).text.startswith(escape(engine.answer(QUESTIONS["en"]).body))
    assert emulator.calls_failed[-2:] == ["sendMessage", "sendMessage"]


async def test_5xx_past_the_retries_gets_the_apology(new_user, bot, emulator: Emulator, engine: Engine) -> None:
    user = new_user(language_code="en")
    emulator.fail(TOKEN, "sendMessage", 500, count=3)  # every try of the answer; the apology gets through
    await user.say(QUESTIONS["en"])
    assert (await user.reply()).text == escape(engine.kb.text("error", "en"))


async def test_a_rejected_callback_answer_does_not_stop_the_answer(
    new_user, bot, emulator: Emulator, engine: Engine
) -> None:
    user = new_user(language_code="en")
    await user.say(QUESTIONS["en"])
    answer = await user.reply()
    follow_up = answer.button("q:")
    emulator.fail(TOKEN, "answerCallbackQuery", 400, description=TOO_OLD)
    await user.press(answer, follow_up)
    entry = follow_up.removeprefix("q:")
    assert (await user.reply()).text.startswith(escape(engine.reply_for(entry, "en").body))
    assert emulator.calls_failed[-1] == "answerCallbackQuery"


async def test_bad_request_is_a_logged_error_with_an_apology_not_a_network_warning(
    new_user, bot, emulator: Emulator, engine: Engine, captured_logs: io.StringIO
) -> None:
    user = new_user(language_code="en")
    emulator.fail(TOKEN, "sendMessage", 400, description="Bad Request: can't parse entities")
    await user.say(QUESTIONS["en"])
    assert (await user.reply()).text == escape(engine.kb.text("error", "en"))
    await wait_idle(bot, emulator)
    lines = [line for line in captured_logs.getvalue().splitlines() if "can't parse entities" in line.lower()]
    assert lines and all(" ERROR bot.transport.errors: error while handling update" in line for line in lines)
    assert "Traceback" in lines[-1]  # a bug to fix, so its traceback is kept (on one line)


async def test_debug_logs_of_a_conversation_name_nobody(
    start_bot, emulator: Emulator, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    """At DEBUG, python-telegram-bot quotes whole updates and API calls; none of it may reach the log."""
    bot = start_bot({"TELEGRAM_API_URL": emulator.url, "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
                     "LOG_LEVEL": "DEBUG"})  # fmt: skip
    user = TelegramUser(http, PROCESS_TOKEN, language_code="uk", user_id=7_391_827_465, **PERSON)
    await user.command("/start")
    await user.reply(timeout=30)
    await user.say(f"Мій телефон {PHONE}, пошта {EMAIL}. Хто фінансував проєкти?")
    choices = await user.reply()
    await user.press(choices, choices.data()[0])  # "did you mean" (the contact details disturb the match)
    answer = await user.reply()
    await user.press(answer, answer.button("fb:1:"))
    await user.edited(answer)
    assert await bot.stop() == 0
    output = bot.output()
    assert re.search(r"DEBUG bot\.transport\.messages: question from [0-9a-f]{12}: '.*\[phone\].*\[email\]", output)
    assert "Calling Bot API endpoint `sendMessage`" in output  # the library's debug lines are there, withheld
    digits = re.sub(r"\D", "", PHONE)
    for secret in (str(user.id), *PERSON.values(), PHONE, digits, digits[2:], EMAIL):
        assert secret not in output, secret
