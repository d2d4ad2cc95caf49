"""In groups the bot speaks only when spoken to: commands, mentions, replies to its own messages."""

from __future__ import annotations

import itertools
from html import escape

import pytest

from bot.engine import Engine
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.asyncio(loop_scope="session")

_groups = itertools.count(-100_500, -1)


async def test_group_chatter_is_ignored_but_mentions_replies_and_commands_are_answered(
    new_user, bot, emulator, engine: Engine
) -> None:
    user = new_user(language_code="en", chat_type="group", chat_id=next(_groups))
    await user.say("Who funded the projects?")
    sticker = {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512, "is_animated": False,
               "is_video": False, "type": "regular"}  # fmt: skip
    await user.send(sticker=sticker)
    await wait_idle(bot, emulator)
    assert await user.unread() == []

    mention = "@TestNameBot"
    await user.say(f"{mention} who funded the projects?", entities=[{"type": "mention", "offset": 0, "length": 12}])
    answer = await user.reply()
    assert answer.text.startswith(escape(engine.answer("who funded the projects?").body))

    bot_message = {"message_id": answer.message_id, "from": emulator.bot_user, "chat": user.chat, "date": 0,
                   "text": answer.text}  # fmt: skip
    await user.say("libraries", reply_to_message=bot_message)
    assert (await user.reply()).text.startswith(escape(engine.answer("libraries").body))

    await user.command("/help@TestNameBot")
    assert (await user.reply()).text == escape(engine.kb.text("help", "en"))

    await user.command("/help@SomeOtherBot")
    await wait_idle(bot, emulator)
    assert await user.unread() == []


async def test_a_language_button_in_a_group_tells_only_the_one_who_pressed(
    new_user, bot, emulator, engine: Engine
) -> None:
    asker = new_user(language_code="uk", chat_type="group", chat_id=next(_groups))
    await asker.command("/language")
    menu = await asker.reply()
    other = new_user(language_code="uk", chat_type="group", chat_id=asker.chat["id"])
    await other.press(menu, "lang:en")
    told = engine.kb.text("language_set", "en", language=engine.kb.ui.languages["en"])
    await emulator.wait_for_call("answerCallbackQuery", lambda c: c.params.get("text") == told)  # a toast
    await wait_idle(bot, emulator)
    assert await asker.stored(menu.message_id) == menu  # the group's menu is not edited for everyone
