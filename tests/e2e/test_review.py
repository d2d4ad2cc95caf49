"""/review in Telegram: people's declined questions, a "did you mean" pick and a "not helpful" press become
suggestions; an admin accepts one, rejects one and marks one out of scope with buttons; the same questions then
get the expected replies without a restart, each knowledge file's diff is exactly the added line, and a
non-admin gets no /review."""

from __future__ import annotations

import difflib
import io
import re
import shutil
from collections.abc import AsyncIterator
from html import escape
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.config import Settings
from bot.engine import Engine
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.learning import Learning
from bot.storage.pseudonym import pseudonym
from bot.transport import review
from bot.transport.context import BotApplication
from tests.conftest import KNOWLEDGE
from tests.e2e.client import BotMessage, TelegramUser, plain
from tests.e2e.conftest import running, stored_rows, wait_idle
from tests.e2e.emulator import Emulator
from tests.learning.conftest import DECLINED_EVHEN, DID_YOU_MEAN, NOT_HELPFUL, WEATHER

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKEN = "777000222:AAEreviewTokenSecretPart_0123456789"
SECRET = b"e2e-review-secret"
ADMIN = 7_770_001


@pytest_asyncio.fixture(loop_scope="session")
async def review_bot(emulator: Emulator, captured_logs: io.StringIO, tmp_path: Path) -> AsyncIterator[BotApplication]:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    settings = Settings(token=TOKEN, api_url=emulator.url, knowledge_dir=knowledge, admin_ids=frozenset({ADMIN}),
                        database_path=tmp_path / "data" / "bot.sqlite3", bot_secret=SECRET, user_burst=50,
                        review_digest="weekly")  # fmt: skip
    async with running(settings, Engine(load_knowledge(knowledge))) as application:
        yield application


async def _ask(user: TelegramUser, text: str) -> BotMessage:
    await user.say(text)
    return await user.reply()


def _decide(message: BotMessage, kb: KnowledgeBase) -> str:
    """The admin's verdict on the suggestion shown: accept Yevhen's question, reject the "did you mean" one,
    put the weather out of scope, pass over the rest."""
    text = plain(message.text)
    if DECLINED_EVHEN[0] in text:
        label = kb.entries["person-evhen"].label("en")  # in the admin's language
        assert f"Proposed: add it to «{label}» (person-evhen)." in text
        assert re.search(r"Score now \d+, after adding \d+ \(it would be answered\)\.", text), text
        return message.button("rv:a:")
    if DID_YOU_MEAN in text:
        return message.button("rv:r:")
    if WEATHER in text:
        return message.button("rv:x:")
    if NOT_HELPFUL in text and "rv:o:" in " ".join(message.data()):
        return message.button("rv:o:")  # look at the other entries, then pass
    return message.button("rv:n:")


async def test_review_accepts_rejects_and_marks_out_of_scope_and_the_bot_answers_at_once(
    review_bot: BotApplication, emulator: Emulator, http: httpx.AsyncClient
) -> None:
    engine: Engine = review_bot.bot_data.engine
    knowledge: Path = review_bot.bot_data.settings.knowledge_dir
    files = {p.name: p.read_text("utf-8") for p in knowledge.glob("*.yaml")}
    people = [TelegramUser(http, TOKEN, language_code="en") for _ in range(5)]
    for user, text in zip(people, [*DECLINED_EVHEN, WEATHER], strict=False):
        assert plain((await _ask(user, text)).text) == engine.kb.text("decline", engine.detect_language(text))
    choices = await _ask(people[3], DID_YOU_MEAN)
    await people[3].press(choices, choices.button("c:"))
    await people[3].reply()
    answer = await _ask(people[4], NOT_HELPFUL)
    await people[4].press(answer, answer.button("fb:0:"))
    await people[4].edited(answer)

    stranger = TelegramUser(http, TOKEN, language_code="en")
    await stranger.command("/review")  # not for them: the one-line help of any unknown command
    assert plain((await stranger.reply()).text) == engine.kb.text("unknown_command", "en")
    settings = review_bot.bot_data.settings
    await review_bot.bot_data.store.flush()
    (evhen,) = [s for s in Learning(settings.database_path, knowledge).suggestions(rescored=False)
                if s.questions[0].text == DECLINED_EVHEN[0]]  # fmt: skip
    await stranger.press(BotMessage(1, "", []), f"rv:r:{evhen.id}")  # a forged button: ignored
    await wait_idle(review_bot, emulator)
    assert await stranger.unread() == []
    assert stored_rows(settings.database_path, "SELECT count(*) FROM decisions") == [(0,)]

    admin = TelegramUser(http, TOKEN, language_code="en", user_id=ADMIN)
    await admin.command("/review")
    message = await admin.reply(timeout=30)
    assert plain(message.text).startswith("Suggestion 1 of ")
    decided = 0
    while "No suggestions to review" not in plain(message.text):
        data = _decide(message, engine.kb)
        await admin.press(message, data)
        if data.startswith("rv:o:"):
            message = await admin.edited(message)
            assert plain(message.text).endswith("\n\nWhich entry should it go to?")
            *choices, last = message.data()  # the candidates, each an Accept into that entry, then Next
            assert choices and all(c.startswith("rv:a:") and c.count(":") == 3 for c in choices)
            assert last.startswith("rv:n:")
            continue
        decided += not data.startswith("rv:n:")
        message = (await admin.replies(timeout=30))[-1]
    assert decided == 3

    after = {p.name: p.read_text("utf-8") for p in knowledge.glob("*.yaml")}
    changed = {
        name: [line for line in difflib.ndiff(files[name].splitlines(), text.splitlines()) if line[:1] in "+-"]
        for name, text in after.items()
        if text != files[name]
    }
    assert changed == {
        "people.yaml": [f"+         - {DECLINED_EVHEN[0]}"],
        "out_of_scope.yaml": [f"+         - {WEATHER}"],
    }

    live: Engine = review_bot.bot_data.engine
    assert live is not engine  # reloaded, not restarted
    again = TelegramUser(http, TOKEN, language_code="en")
    evhen = await _ask(again, DECLINED_EVHEN[0])
    assert evhen.text.startswith(escape(live.kb.entries["person-evhen"].answers["uk"]))
    assert plain((await _ask(again, WEATHER)).text) == live.kb.text("decline", "en")
    assert (await _ask(again, DID_YOU_MEAN)).button("c:")  # rejected: still "did you mean"

    rows = stored_rows(review_bot.bot_data.settings.database_path, "SELECT action, entry_id, user FROM decisions")
    verdicts = dict((action, entry) for action, entry, _ in rows)
    assert verdicts.keys() == {"accept", "reject", "out-of-scope"} and len(rows) == 3
    assert verdicts["accept"] == "person-evhen" and verdicts["reject"] == "bot-what"
    assert verdicts["out-of-scope"].startswith("oos-")
    assert {u for _, _, u in rows} == {pseudonym(SECRET, ADMIN)}


async def test_the_weekly_digest_tells_admins_how_many_suggestions_wait(
    review_bot: BotApplication, http: httpx.AsyncClient
) -> None:
    (job,) = review_bot.job_queue.jobs()
    assert job.name == "review-digest" and job.trigger.interval.days == 7
    for text in (WEATHER, DECLINED_EVHEN[0]):
        await _ask(TelegramUser(http, TOKEN, language_code="en"), text)
    admin = TelegramUser(http, TOKEN, language_code="en", user_id=ADMIN)
    await admin.command("/language")  # the admin has talked to the bot (it may write to them) and chose English
    choice = await admin.reply()
    await admin.press(choice, "lang:en")
    await admin.edited(choice)
    review_bot.job_queue.run_once(review.digest, 0)
    assert plain((await admin.reply(timeout=30)).text) == "2 new suggestion(s) to review: /review"
