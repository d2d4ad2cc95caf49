"""The conversation in a private chat: /start, questions, buttons, topics, the other commands."""

from __future__ import annotations

from html import escape

import pytest

from bot.engine import LANGS, Engine
from bot.transport.commands import COMMANDS
from tests.e2e.conftest import QUESTIONS, ambiguous
from tests.e2e.emulator import Emulator

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize("lang", LANGS)
async def test_start_greets_in_telegram_language_with_example_buttons(new_user, engine: Engine, lang: str) -> None:
    user = new_user(language_code=lang)
    await user.command("/start")
    reply = await user.reply()
    assert reply.text.startswith(escape(engine.kb.text("greeting", lang)))
    assert escape(engine.kb.text("examples_title", lang)) in reply.text
    examples = [d.removeprefix("q:") for d in reply.data()]
    assert examples and all(e in engine.kb.entries for e in examples)
    labels = [b["text"] for row in reply.buttons for b in row]
    assert labels == [engine.kb.entries[e].label(lang) for e in examples]


async def test_start_falls_back_to_ukrainian(new_user, engine: Engine) -> None:
    for code in (None, "de"):
        user = new_user(language_code=code)
        await user.command("/start")
        assert (await user.reply()).text.startswith(escape(engine.kb.text("greeting", "uk")))


async def test_deep_link_opens_the_answer(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.command("/start", "iom-since-1996")
    reply = await user.reply()
    assert reply.text.startswith(escape(engine.kb.entries["iom-since-1996"].answers["en"]))


@pytest.mark.parametrize("lang", LANGS)
async def test_question_is_answered_in_its_language_with_links_and_buttons(new_user, engine: Engine, lang: str) -> None:
    expected = engine.answer(QUESTIONS[lang])
    assert expected.kind == "answer" and expected.lang == lang, "the knowledge changed: pick another question"
    user = new_user(language_code="en" if lang != "en" else "uk")  # the text decides, not the Telegram setting
    await user.say(QUESTIONS[lang])
    reply = await user.reply()
    assert reply.text == escape(expected.body)  # the gist alone: details behind "More", links as buttons
    assert expected.more and expected.links, "the knowledge changed: pick a question with details and links"
    assert reply.data()[0] == f"m:{lang}:{expected.entry_id}"
    assert reply.buttons[0][0]["text"] == engine.kb.text("more_button", lang)
    url_buttons = [(b["text"], b["url"]) for row in reply.buttons for b in row if "url" in b]
    assert url_buttons == [(link.title, link.url) for link in expected.links]
    assert reply.data()[1 : 1 + len(expected.related)] == [f"q:{r}" for r in expected.related]
    assert reply.button("fb:1:").endswith(f":{expected.entry_id}")
    assert reply.button("fb:0:").endswith(f":{expected.entry_id}")
    labels = [b["text"] for row in reply.buttons for b in row]
    assert engine.kb.text("helpful", lang) in labels and engine.kb.text("not_helpful", lang) in labels


async def test_follow_up_button_answers_the_related_question(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.say(QUESTIONS["en"])
    answer = await user.reply()
    follow_up = answer.button("q:")
    await user.press(answer, follow_up)
    reply = await user.reply()
    entry = engine.kb.entries[follow_up.removeprefix("q:")]
    assert reply.text.startswith(escape(entry.answers["en"]))


async def test_did_you_mean_offers_choices_and_a_choice_answers(new_user, engine: Engine) -> None:
    question = ambiguous(engine)
    expected = engine.answer(question)
    user = new_user(language_code="en")
    await user.say(question)
    reply = await user.reply()
    assert reply.text == escape(engine.kb.text("did_you_mean", "en"))
    choices = reply.data()
    assert [c.rsplit(":", 1)[1] for c in choices] == list(expected.suggestions)
    assert all(c.startswith("c:") for c in choices)
    await user.press(reply, choices[1])
    chosen = await user.reply()
    assert chosen.text.startswith(escape(engine.kb.entries[expected.suggestions[1]].answers["en"]))


async def test_decline_offers_topics_and_the_website(new_user, engine: Engine) -> None:
    user = new_user(language_code="ru")
    await user.say("рецепт борща с пампушками")
    reply = await user.reply()
    assert reply.text == escape(engine.kb.text("decline", "ru"))
    assert reply.data() == [f"t:{t.id}" for t in engine.kb.topics]
    assert reply.urls() == [f"https://{engine.kb.ui.website}"]


async def test_feedback_is_acknowledged_and_its_buttons_go(new_user, engine: Engine, emulator: Emulator) -> None:
    user = new_user(language_code="uk")
    await user.say(QUESTIONS["uk"])
    answer = await user.reply()
    await user.press(answer, answer.button("fb:0:"))
    thanks = engine.kb.text("feedback_thanks", "uk")
    await emulator.wait_for_call("answerCallbackQuery", lambda c: c.params.get("text") == thanks)
    edited = await user.edited(answer)
    assert not [d for d in edited.data() if d.startswith("fb:")]
    assert edited.data() == [d for d in answer.data() if not d.startswith("fb:")]


async def test_topics_then_a_topic_then_a_question(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.command("/topics")
    menu = await user.reply()
    assert menu.text == escape(engine.kb.text("topics_title", "en"))
    assert menu.data() == [f"t:{t.id}" for t in engine.kb.topics]
    topic = engine.kb.topics[1]
    await user.press(menu, f"t:{topic.id}")
    questions = await user.reply()
    assert questions.text == escape(engine.kb.text("topic_questions", "en", topic=topic.titles["en"]))
    assert questions.data() == [f"q:{e.id}" for e in engine.kb.topic_entries(topic.id)]
    await user.press(questions, questions.data()[0])
    answer = await user.reply()
    assert answer.text.startswith(escape(engine.kb.topic_entries(topic.id)[0].answers["en"]))


@pytest.mark.parametrize("command", ["help", "about"])
async def test_information_commands(new_user, engine: Engine, command: str) -> None:
    user = new_user(language_code="ru")
    await user.command(f"/{command}")
    assert (await user.reply()).text == escape(engine.kb.text(command, "ru"))


async def test_privacy_states_the_retention_period(new_user, engine: Engine) -> None:
    user = new_user(language_code="ru")
    await user.command("/privacy")  # the e2e bot keeps the default RETENTION_DAYS
    assert (await user.reply()).text == escape(engine.kb.text("privacy", "ru", days="90 дней"))


async def test_forget_confirms(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.command("/forget")
    assert (await user.reply()).text == escape(engine.kb.text("forget_done", "en"))


async def test_commands_are_registered_in_each_language(bot, emulator: Emulator, engine: Engine) -> None:
    calls = emulator.calls("setMyCommands")
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_lang) == {*LANGS, None}
    for lang in LANGS:
        assert [c["command"] for c in by_lang[lang]] == list(COMMANDS)
        assert [c["description"] for c in by_lang[lang]] == [engine.kb.text(f"cmd_{c}", lang) for c in COMMANDS]


async def test_sticker_gets_the_text_only_note(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    sticker = {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512, "is_animated": False,
               "is_video": False, "type": "regular"}  # fmt: skip
    await user.send(sticker=sticker)
    assert (await user.reply()).text == escape(engine.kb.text("non_text", "en"))


async def test_very_long_message_is_cut_not_rejected(new_user, engine: Engine) -> None:
    user = new_user(language_code="en")
    await user.say(QUESTIONS["en"] + " " + "and also " * 400)
    reply = await user.reply()
    assert reply.text.startswith(f"<i>{escape(engine.kb.text('too_long', 'en'))}</i>")
    assert escape(engine.answer(QUESTIONS["en"]).body) in reply.text
