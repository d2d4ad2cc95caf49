"""Help-seekers through Telegram: the help reply in their language, a button to the website and one to the topics."""

from __future__ import annotations

from html import escape

import pytest

from bot.engine import Engine, ReplyKind

pytestmark = pytest.mark.asyncio(loop_scope="session")

HELP_SEEKERS = {
    "en": "I registered for cash assistance but was never paid, what do I do?",
    "uk": "допоможіть, нам нема чим платити за квартиру",
    "ru": "как эвакуироваться из Покровска с бабушкой",
}


@pytest.mark.parametrize("lang", sorted(HELP_SEEKERS))
async def test_help_seekers_get_the_help_reply_with_website_and_topics(new_user, engine: Engine, lang: str) -> None:
    expected = engine.answer(HELP_SEEKERS[lang])
    assert expected.kind is ReplyKind.HELP and expected.lang == lang
    user = new_user(language_code="en" if lang != "en" else "uk")
    await user.say(HELP_SEEKERS[lang])
    reply = await user.reply()
    assert reply.text == escape(expected.body)
    assert reply.urls() == [f"https://{engine.kb.ui.website}"]
    assert reply.data() == ["topics"]
    await user.press(reply, "topics")
    topics = await user.reply()
    assert topics.text == escape(engine.kb.text("topics_title", lang))
    assert [d.removeprefix("t:") for d in topics.data()] == [t.id for t in engine.kb.topics]


async def test_danger_comes_first(new_user, engine: Engine) -> None:
    user = new_user(language_code="uk")
    await user.say("нас обстрілюють, що робити")
    reply = await user.reply()
    assert reply.text.startswith(escape(engine.kb.help.emergency["uk"]))
