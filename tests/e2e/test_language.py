"""/language: the choice is remembered and used for the interface from then on."""

from __future__ import annotations

from html import escape

import pytest

from bot.engine import Engine

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_language_switching(new_user, engine: Engine) -> None:
    kb = engine.kb
    user = new_user(language_code="uk")
    await user.command("/language")
    menu = await user.reply()
    assert menu.text == escape(kb.text("choose_language", "uk"))
    assert menu.data() == ["lang:uk", "lang:ru", "lang:en"]
    assert [b["text"] for row in menu.buttons for b in row] == [kb.ui.languages[c] for c in ("uk", "ru", "en")]

    await user.press(menu, "lang:en")
    assert (await user.edited(menu)).text == escape(kb.text("language_set", "en"))
    await user.command("/help")
    assert (await user.reply()).text == escape(kb.text("help", "en"))

    await user.press(menu, "lang:ru")
    await user.command("/topics")
    assert (await user.reply()).text == escape(kb.text("topics_title", "ru"))


async def test_the_language_of_questions_is_followed(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.say("Хто фінансував проєкти?")
    await user.reply()
    await user.command("/help")
    assert (await user.reply()).text == escape(engine.kb.text("help", "uk"))


async def test_chosen_language_guides_ambiguous_questions(new_user, engine: Engine) -> None:
    user = new_user(language_code="uk")
    await user.command("/language")
    menu = await user.reply()
    await user.press(menu, "lang:ru")
    await user.edited(menu)
    await user.say("IOM")
    assert (await user.reply()).text.startswith(escape(engine.answer("IOM", "ru").body))
