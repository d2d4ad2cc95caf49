"""Inline mode: "@bot <words>" offers the best-matching answers as articles."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.e2e.client import plain
from tests.e2e.conftest import TOKEN
from tests.e2e.emulator import Emulator

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_inline_query_offers_matching_answers(new_user, emulator: Emulator, engine: Engine) -> None:
    user = new_user(language_code="en")
    query_id = emulator.inject_inline_query(TOKEN, user.user, "donors")
    call = await emulator.wait_for_call("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    results = call.params["results"]
    assert results and results[0]["id"] == "donors-2017"
    first = results[0]
    assert first["type"] == "article"
    assert first["title"] == engine.kb.entries["donors-2017"].label("en")
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    entry = engine.kb.entries["donors-2017"]
    gist, link = content["message_text"].split("\n\n")  # the gist, then the way to the whole answer
    assert plain(gist) == entry.answers["en"] and entry.more and entry.more["en"] not in content["message_text"]
    assert link == f'<a href="https://t.me/TestNameBot?start=donors-2017">{engine.kb.text("inline_more", "en")}</a>'
    assert call.params["is_personal"] is True


async def test_inline_query_in_ukrainian(new_user, emulator: Emulator, engine: Engine) -> None:
    user = new_user(language_code="en")
    query_id = emulator.inject_inline_query(TOKEN, user.user, "донори")
    call = await emulator.wait_for_call("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    first = call.params["results"][0]
    assert first["title"] == engine.kb.entries[first["id"]].label("uk")


async def test_empty_inline_query_offers_examples(new_user, emulator: Emulator) -> None:
    user = new_user()
    query_id = emulator.inject_inline_query(TOKEN, user.user, "")
    call = await emulator.wait_for_call("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    assert call.params["results"]


@pytest.mark.parametrize("query", ["qwxzv jjjkq", "weather in Kyiv tomorrow"])
async def test_nonsense_or_off_topic_inline_query_offers_nothing(new_user, emulator: Emulator, query: str) -> None:
    user = new_user()
    query_id = emulator.inject_inline_query(TOKEN, user.user, query)
    call = await emulator.wait_for_call("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    assert call.params["results"] == []
