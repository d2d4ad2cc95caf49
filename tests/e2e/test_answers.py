"""Answers that fit a phone: the gist first, the details behind "More" (the same message grows, the button goes),
links as URL buttons, today's framing kept; and the messages people send besides plain questions."""

from __future__ import annotations

import time
from html import escape

import pytest

from bot.engine import LANGS, Engine
from tests.e2e.client import plain
from tests.e2e.conftest import QUESTIONS, TOKEN, wait_idle
from tests.e2e.emulator import Emulator

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize("lang", LANGS)
async def test_more_shows_the_details_under_the_gist_in_the_same_message(
    new_user, bot, emulator: Emulator, engine: Engine, lang: str
) -> None:
    expected = engine.answer(QUESTIONS[lang])
    assert expected.more, "the knowledge changed: pick a question with details"
    user = new_user(language_code=lang)
    await user.say(QUESTIONS[lang])
    answer = await user.reply()
    assert answer.text == escape(expected.body)
    more = answer.button("m:")
    assert more == f"m:{lang}:{expected.entry_id}"
    assert [b["text"] for row in answer.buttons for b in row if b.get("callback_data") == more] == [
        engine.kb.text("more_button", lang)
    ]

    await user.press(answer, more)
    shown = await user.edited(answer)
    assert shown.message_id == answer.message_id
    assert shown.text == f"{escape(expected.body)}\n\n{escape(expected.more)}"
    assert not [d for d in shown.data() if d.startswith("m:")]  # the button is gone
    assert shown.data() == [d for d in answer.data() if not d.startswith("m:")]  # follow-ups and feedback stay
    assert shown.urls() == answer.urls() == [link.url for link in expected.links]  # so do the links
    await wait_idle(bot, emulator)
    assert await user.unread() == []  # nothing new in the chat: the message grew in place


async def test_more_keeps_the_framing_of_a_question_about_now(new_user, engine: Engine) -> None:
    question = "who heads IOM Ukraine now?"
    expected = engine.answer(question)
    today = engine.kb.entries["chief-of-mission"].today
    assert expected.entry_id == "chief-of-mission" and today and expected.body.startswith(today["en"])
    user = new_user(language_code="en")
    await user.say(question)
    answer = await user.reply()
    assert plain(answer.text).startswith(today["en"])
    await user.press(answer, answer.button("m:"))
    shown = await user.edited(answer)
    assert plain(shown.text) == f"{expected.body}\n\n{expected.more}"


async def test_links_are_url_buttons_titled_from_the_knowledge(new_user, engine: Engine) -> None:
    expected = engine.answer("Хто фінансував проєкти?")
    assert expected.links
    user = new_user(language_code="uk")
    await user.say("Хто фінансував проєкти?")
    answer = await user.reply()
    assert "<a href" not in answer.text and all(link.url not in answer.text for link in expected.links)
    buttons = [(b["text"], b["url"]) for row in answer.buttons for b in row if "url" in b]
    assert buttons == [(link.title, link.url) for link in expected.links]
    assert all(title.endswith("(англ.)") for title, _ in buttons)  # English-only pages say so


async def test_the_privacy_answer_states_the_configured_retention(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.say("What data do you keep?")
    answer = await user.reply()
    assert "{days}" not in answer.text and "90 days" in answer.text  # the e2e bot keeps the default
    await user.press(answer, answer.button("m:"))
    shown = await user.edited(answer)
    assert "staff report" in plain(shown.text) and "{days}" not in shown.text


async def test_a_stale_more_button_leaves_the_message_as_it_is(new_user, bot, emulator: Emulator) -> None:
    user = new_user(language_code="en")
    await user.say(QUESTIONS["en"])
    answer = await user.reply()
    await user.press(answer, "m:en:no-such-entry")
    await emulator.wait_for_call("answerCallbackQuery", lambda c: True)
    await wait_idle(bot, emulator)
    assert await user.stored(answer.message_id) == answer


async def test_a_photo_with_a_question_as_caption_is_answered(new_user, engine: Engine) -> None:
    user = new_user(language_code="uk")
    photo = [{"file_id": "p1", "file_unique_id": "pu1", "width": 90, "height": 90}]
    await user.send(photo=photo, caption=QUESTIONS["uk"])
    assert (await user.reply()).text == escape(engine.answer(QUESTIONS["uk"]).body)
    await user.send(photo=photo)  # no caption: still the note that only text is read
    assert (await user.reply()).text == escape(engine.kb.text("non_text", "uk"))


async def test_an_edited_message_gets_the_answer_to_its_new_text(new_user, emulator: Emulator, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.say("who fnded teh")
    await user.reply()
    edited = {
        "message_id": 1,
        "from": user.user,
        "chat": user.chat,
        "date": int(time.time()),
        "text": "Who funded the projects?",
    }
    emulator.inject_edited_message(TOKEN, edited)
    assert (await user.reply()).text == escape(engine.answer("Who funded the projects?").body)


async def test_an_unknown_command_gets_a_one_line_help(new_user, bot, emulator: Emulator, engine: Engine) -> None:
    user = new_user(language_code="ru")
    await user.command("/foo")
    assert (await user.reply()).text == escape(engine.kb.text("unknown_command", "ru"))
    group = new_user(language_code="ru", chat_type="group", chat_id=-4242)
    await group.command("/foo")  # in a group it may be another bot's command: silence
    await wait_idle(bot, emulator)
    assert await group.unread() == []


async def test_in_a_group_a_language_button_changes_only_the_pressers_choice(
    new_user, bot, emulator: Emulator, engine: Engine
) -> None:
    kb = engine.kb
    asker = new_user(language_code="uk", chat_type="group", chat_id=-4343)
    other = new_user(language_code="uk", chat_type="group", chat_id=-4343)
    await asker.command("/language@TestNameBot")
    menu = await asker.reply()
    await other.press(menu, "lang:ru")
    toast = await emulator.wait_for_call(
        "answerCallbackQuery", lambda c: c.params.get("text") == kb.text("language_set", "ru")
    )
    assert toast.params.get("show_alert") in (True, "true", "True")
    await wait_idle(bot, emulator)
    assert await asker.stored(menu.message_id) == menu  # the shared menu is not edited for everyone
    await other.command("/help@TestNameBot")
    assert (await other.reply()).text == escape(kb.text("help", "ru"))
    await asker.command("/help@TestNameBot")
    assert (await asker.reply()).text == escape(kb.text("help", "uk"))


@pytest.mark.parametrize("lang", LANGS)
async def test_language_confirmation_says_what_the_choice_does(new_user, engine: Engine, lang: str) -> None:
    """The chosen language is used for menus and when a message does not show its own; a question in another
    language still gets its answer in that language, as the confirmation says."""
    user = new_user(language_code="uk")
    await user.command("/language")
    menu = await user.reply()
    await user.press(menu, f"lang:{lang}")
    assert (await user.edited(menu)).text == escape(engine.kb.text("language_set", lang))
    other = next(code for code in LANGS if code != lang)
    await user.say(QUESTIONS[other])
    assert (await user.reply()).text == escape(engine.answer(QUESTIONS[other]).body)
