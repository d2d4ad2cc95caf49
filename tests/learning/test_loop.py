"""The loop's parts on real files: a rephrasing within a minute, help-seeking examples, the validator's veto."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.learning import Learning, LearningError, Reason
from bot.learning.editing import add_help_example
from bot.storage import open_store
from tests.conftest import KNOWLEDGE
from tests.learning.conftest import SECRET, People
from tests.learning.test_suggest_cli import added_lines

LONG = "Who paid for renovating the libraries where the diplomats met community groups?"
AGAIN = "who paid for the library renovations"
HELP = """# help-seeking: what the bot says when someone asks it to register them or arrange aid
reply:
  en: I cannot register you.
examples:
  en:
    - register me for aid  # the commonest
    - sign me up
  uk:
    - зареєструйте мене
"""


@pytest.fixture
async def rephrased(tmp_path: Path) -> Learning:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    database = tmp_path / "bot.sqlite3"
    store = await open_store(database, SECRET)
    people = People(store, Engine(load_knowledge(knowledge)))
    assert people.ask(1, LONG).entry_id == "project-social-cohesion"
    assert people.ask(1, AGAIN).entry_id == "project-libraries"
    assert people.ask(2, LONG).entry_id == "project-social-cohesion"  # the same, but rated helpful: no rephrasing
    people.rate(2, True)
    assert people.ask(2, AGAIN).entry_id == "project-libraries"
    await store.close()
    return Learning(database, knowledge, tmp_path / "learned.yaml")


async def test_an_answer_rephrased_within_a_minute_suggests_the_second_entry(rephrased: Learning) -> None:
    (found,) = [s for s in rephrased.suggestions() if s.reason == Reason.REPHRASED]
    assert found.entry_id == "project-libraries" and found.questions[0].text == LONG and found.count == 1
    assert "project-social-cohesion" in found.candidates
    assert found.answered_after and found.score_after is not None and found.score_after > found.score


async def test_the_validator_vetoes_and_an_edited_wording_goes_to_its_language(rephrased: Learning) -> None:
    (found,) = [s for s in rephrased.suggestions() if s.reason == Reason.REPHRASED]
    projects = rephrased.knowledge / "projects.yaml"
    before = projects.read_text("utf-8")
    clash = load_knowledge(rephrased.knowledge).entries["donors-2017"].questions["en"][0]
    with pytest.raises(LearningError, match="donors-2017"):
        rephrased.accept(found, "admin", text=clash)
    with pytest.raises(LearningError, match="phone number"):
        rephrased.accept(found, "admin", text="call +380 67 123 45 67")
    assert projects.read_text("utf-8") == before
    assert rephrased.history() == []
    edited = "хто заплатив за ремонт бібліотек у 2017"  # staff's wording in another language goes to that list
    outcome = rephrased.accept(found, "admin", text=edited)
    assert added_lines(before, projects.read_text("utf-8")) == [f"        - {edited}"]
    assert load_knowledge(rephrased.knowledge).entries["project-libraries"].questions["uk"][-1] == edited
    assert "(uk)" in outcome.message


def test_help_examples_get_one_line_and_the_list_is_made_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "help.yaml"
    path.write_text(HELP, "utf-8")
    add_help_example(tmp_path, "en", "can you put me on the aid list")
    assert added_lines(HELP, path.read_text("utf-8")) == ["    - can you put me on the aid list"]
    assert "# the commonest" in path.read_text("utf-8")
    before = path.read_text("utf-8")
    add_help_example(tmp_path, "ru", "запишите меня на помощь")
    assert added_lines(before, path.read_text("utf-8")) == ["  ru:", "    - запишите меня на помощь"]
    path.write_text("reply:\n  en: I cannot register you.\n", "utf-8")
    add_help_example(tmp_path, "uk", "запишіть мене")
    assert path.read_text("utf-8") == "reply:\n  en: I cannot register you.\nexamples:\n  uk:\n    - запишіть мене\n"


async def test_help_routed_questions_are_grouped_with_their_closest_entry(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    store = await open_store(database, SECRET)
    people = People(store, Engine(load_knowledge(KNOWLEDGE)))
    for user, text in enumerate(["please register me for cash aid", "register me for cash aid please"], start=1):
        reply = people.engine.answer(text)
        people.ask(user, text, dataclasses.replace(reply, kind="help", entry_id=None))  # as the help reply logs it
    await store.close()
    (found,) = Learning(database, KNOWLEDGE).suggestions(rescored=False)
    assert found.reason == Reason.HELP and found.count == 2 and found.entry_id in found.candidates
