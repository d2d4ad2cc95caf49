"""A flood from one user, an error inside a handler, and no token in any log line."""

from __future__ import annotations

import io
from html import escape

import pytest

from bot.engine import Engine
from tests.e2e.conftest import BURST, EXPLODE, TOKEN, wait_idle

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_a_flood_gets_one_notice_and_other_users_are_still_served(
    new_user, bot, emulator, engine: Engine
) -> None:
    flooder, other = new_user(language_code="en"), new_user(language_code="en")
    for _ in range(BURST * 3):
        await flooder.say("thank you")
    await other.say("Who funded the projects?")
    assert (await other.reply()).text.startswith(escape(engine.answer("Who funded the projects?").body))

    await wait_idle(bot, emulator)
    texts = [m.text for m in await flooder.unread()]
    notice = escape(engine.kb.text("rate_limited", "en"))
    assert texts.count(notice) == 1
    assert len(texts) == BURST + 1
    assert texts[-1] == notice


async def test_an_error_in_a_handler_gets_an_apology_and_a_log_line(
    new_user, engine: Engine, captured_logs: io.StringIO
) -> None:
    user = new_user(language_code="ru")
    await user.say(f"{EXPLODE} что такое МОМ")
    reply = await user.reply()
    assert reply.text == escape(engine.kb.text("error", "ru"))
    assert "Traceback" not in reply.text and "RuntimeError" not in reply.text
    logs = captured_logs.getvalue()
    assert "error while handling update" in logs
    assert "RuntimeError: engine failure on purpose" in logs

    await user.say("Кто финансировал проекты?")  # and the bot goes on answering
    assert (await user.reply()).text.startswith(escape(engine.answer("Кто финансировал проекты?").body))


async def test_the_token_is_in_no_log_line(new_user, captured_logs: io.StringIO) -> None:
    user = new_user()
    await user.command("/start")
    await user.say(EXPLODE)  # an error whose message quotes the token
    await user.replies(2)
    logs = captured_logs.getvalue()
    assert "getUpdates" in logs and "sendMessage" in logs  # DEBUG lines were captured
    assert "[REDACTED]" in logs  # the token was there, and was caught
    secret = TOKEN.partition(":")[2]
    assert secret not in logs
