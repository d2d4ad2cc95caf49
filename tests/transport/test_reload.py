"""Reloading the knowledge in process: the swap, the refusal with file:line to every admin, and the update in
flight that keeps its engine. (tests/e2e/test_ops.py does it to a running bot while it answers.)"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.transport.app import build_application
from bot.transport.context import BotContext, BotData
from bot.transport.reload import Reloader
from tests.conftest import MINI_TOPIC, write_knowledge

ADMINS = frozenset({7, 8})


class StubBot:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.menus = 0

    async def send_message(self, chat_id: int, text: str) -> None:
        self.sent.append((chat_id, text))

    async def set_my_commands(self, commands: Any, language_code: str | None = None) -> None:
        self.menus += 1


class StubApplication:
    def __init__(self, engine: Engine) -> None:
        self.bot = StubBot()
        self.bot_data = BotData()
        self.bot_data.engine = engine


def _reloader(folder: Path) -> tuple[Reloader, StubApplication, Engine]:
    engine = Engine(load_knowledge(folder))
    application = StubApplication(engine)
    return Reloader(application, folder, ADMINS), application, engine  # type: ignore[arg-type]


async def test_valid_knowledge_is_swapped_in_and_the_command_menu_registered_again(mini_knowledge: Path) -> None:
    reloader, application, old = _reloader(mini_knowledge)
    topic = copy.deepcopy(MINI_TOPIC)
    topic["entries"][1]["answer"]["en"] = "The EU, and now others too."
    write_knowledge(mini_knowledge, topic=topic)
    outcome = await reloader.reload("test")
    assert outcome.ok and outcome.text == "Knowledge reloaded: 2 entries in 1 topics."
    assert application.bot_data.engine is not old
    assert application.bot_data.engine.answer("Who funded the projects?").body == "The EU, and now others too."
    assert application.bot.menus == 4 and application.bot.sent == []


async def test_broken_knowledge_is_refused_and_every_admin_hears_file_and_line(mini_knowledge: Path, caplog) -> None:
    reloader, application, old = _reloader(mini_knowledge)
    about = mini_knowledge / "about.yaml"
    about.write_text(about.read_text() + "\n  this line: is [not valid YAML\n")
    outcome = await reloader.reload("test")
    assert not outcome.ok and application.bot_data.engine is old
    assert {chat for chat, _ in application.bot.sent} == ADMINS
    for _, text in application.bot.sent:
        assert text.startswith("New knowledge refused (test); the previous knowledge stays live.\n")
        assert re.search(r"\n\S*/about\.yaml:\d+: ", text)
    assert "knowledge reload (test) refused" in caplog.text and application.bot.menus == 0


def test_an_update_in_flight_keeps_the_engine_it_started_with(mini_knowledge: Path) -> None:
    first, second = Engine(load_knowledge(mini_knowledge)), Engine(load_knowledge(mini_knowledge))
    application = build_application(Settings(token="1:abc", database_path=None), first)
    in_flight = BotContext(application)
    application.bot_data.engine = second  # what a reload does
    assert in_flight.engine is first and in_flight.kb is first.kb
    assert BotContext(application).engine is second


async def test_learned_phrasings_beside_the_database_are_reloaded_and_a_bad_one_refused(
    mini_knowledge: Path, tmp_path: Path
) -> None:
    learned = tmp_path / "data" / "learned.yaml"
    learned.parent.mkdir()
    engine = Engine(load_knowledge(mini_knowledge, learned))
    application = StubApplication(engine)
    reloader = Reloader(application, mini_knowledge, ADMINS, learned)  # type: ignore[arg-type]
    assert application.bot_data.engine.answer("brussels backers").entry_id != "donors"
    learned.write_text("entries:\n  donors:\n    en:\n      - brussels backers\n", "utf-8")
    assert (await reloader.reload("test")).ok
    assert application.bot_data.engine.answer("brussels backers").entry_id == "donors"
    learned.write_text("entries:\n  donors:\n    en:\n      - Since when is IOM in Ukraine?\n", "utf-8")
    outcome = await reloader.reload("test")
    assert not outcome.ok and f"{learned}:4:" in outcome.text and "iom-since-1996" in outcome.text
