"""`iom-bot suggest` and `iom-bot review` in a subprocess, on a real SQLite file the store wrote, editing a copy
of the shipped knowledge."""

from __future__ import annotations

import difflib
import json
import os
import sqlite3
import stat
from pathlib import Path

from bot.knowledge import load_knowledge
from bot.learning.editing import entry_file
from tests.cli.test_cli import iom_bot
from tests.learning.conftest import DECLINED_EVHEN, DID_YOU_MEAN, HELP_SEEKING, NOT_HELPFUL, PHONE, WEATHER, Site

REASONS = {"did-you-mean", "declined", "help", "not-helpful", "rephrased"}


def suggest(site: Site, *args: str, env: dict | None = None):
    return iom_bot("suggest", "--database", str(site.database), "--knowledge", str(site.knowledge), *args, env=env)


def listed(site: Site) -> list[dict]:
    result = suggest(site, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_text(suggestions: list[dict], text: str) -> dict:
    return next(s for s in suggestions if any(q["text"] == text for q in s["questions"]))


def added_lines(before: str, after: str) -> list[str]:
    """The lines the edit changed: each must be an added one."""
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert all(line.startswith("+ ") for line in changed), changed
    return [line[2:] for line in changed]


def ask(site: Site, question: str) -> dict:
    result = iom_bot("ask", "--json", "--knowledge", str(site.knowledge), question,
                     env={"DATABASE_PATH": str(site.database)})  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_lists_every_declined_question_with_stable_ids_and_the_blocked_one(site: Site) -> None:
    first = listed(site)
    assert first == listed(site)  # stable ids, stable order
    for s in first:
        assert {"id", "reason", "questions", "entry_id", "candidates", "blocked"} <= set(s)
        assert s["reason"] in REASONS and isinstance(s["id"], str)
        assert all(set(q) == {"text", "lang", "count"} for q in s["questions"])
    with sqlite3.connect(site.database) as conn:
        declined = {text for (text,) in conn.execute("SELECT text FROM questions WHERE kind = 'decline'")}
    shown = {q["text"] for s in first for q in s["questions"]}
    assert declined <= shown and len(declined) == 5

    evhen = by_text(first, DECLINED_EVHEN[0])
    assert evhen["reason"] == "declined" and evhen["entry_id"] == "person-evhen"
    assert [q["count"] for q in evhen["questions"]] == [2, 1] and evhen["questions"][0]["lang"] == "uk"
    assert evhen["blocked"] is None and evhen["answered_after"] and evhen["score_after"] > evhen["score"]
    assert by_text(first, DID_YOU_MEAN)["reason"] == "did-you-mean"
    assert by_text(first, DID_YOU_MEAN)["entry_id"] == "bot-what"
    assert by_text(first, NOT_HELPFUL)["reason"] == "not-helpful"
    assert "visit-places" not in by_text(first, NOT_HELPFUL)["candidates"]

    blocked = next(s for s in first if s["blocked"])
    assert blocked["entry_id"] == "iom-who" and "donors-2017" in blocked["blocked"]
    phone = by_text(first, PHONE.replace("+380 67 123 45 67", "[phone]"))
    assert "removed personal detail" in phone["blocked"]

    text = suggest(site).stdout
    assert evhen["id"] in text and "person-evhen" in text
    assert max(map(len, text.splitlines())) <= 120


def test_accept_adds_exactly_one_line_and_the_question_is_then_answered(site: Site) -> None:
    suggestion = by_text(listed(site), DID_YOU_MEAN)
    path = site.knowledge / "bot.yaml"
    before = path.read_text("utf-8")
    assert ask(site, DID_YOU_MEAN)["entry_id"] is None

    result = suggest(site, "--accept", suggestion["id"])
    assert result.returncode == 0, result.stderr
    assert added_lines(before, path.read_text("utf-8")) == [f"        - {DID_YOU_MEAN}"]
    assert ask(site, DID_YOU_MEAN)["entry_id"] == "bot-what"
    assert suggestion["id"] not in {s["id"] for s in listed(site)}

    history = suggest(site, "--history", "--format", "json")
    (decision,) = [json.loads(line) for line in history.stdout.splitlines()]
    assert decision["action"] == "accept" and decision["entry_id"] == "bot-what" and decision["text"] == DID_YOU_MEAN
    assert len(decision["user"]) == 64 and os.environ.get("USER", "root") not in decision["user"]
    assert suggestion["id"] in suggest(site, "--history").stdout


def test_accept_to_another_entry_with_an_edited_wording(site: Site) -> None:
    suggestion = by_text(listed(site), NOT_HELPFUL)
    path = entry_file(site.knowledge, "places-since-2022")
    before = path.read_text("utf-8")
    wording = "що там зараз із торецьком"
    result = suggest(site, "--accept", suggestion["id"], "--entry", "places-since-2022", "--text", wording)
    assert result.returncode == 0, result.stderr
    assert added_lines(before, path.read_text("utf-8")) == [f"        - {wording}"]
    assert ask(site, wording)["entry_id"] == "places-since-2022"
    history = [json.loads(line) for line in suggest(site, "--history", "--format", "json").stdout.splitlines()]
    assert [(d["action"], d["entry_id"], d["lang"]) for d in history] == [("edit", "places-since-2022", "uk")]


def test_help_cue_adds_a_help_seeking_example(site: Site) -> None:
    suggestion = by_text(listed(site), HELP_SEEKING)
    assert ask(site, HELP_SEEKING)["kind"] == "decline"
    help_file = site.knowledge / "help.yaml"
    before = help_file.read_text("utf-8")
    result = suggest(site, "--help-cue", suggestion["id"])
    assert result.returncode == 0, result.stderr
    assert added_lines(before, help_file.read_text("utf-8")) == [f"    - {HELP_SEEKING}"]
    assert load_knowledge(site.knowledge).help.examples["en"][-1] == HELP_SEEKING  # valid, and loaded
    assert [
        json.loads(line)["action"] for line in suggest(site, "--history", "--format", "json").stdout.splitlines()
    ] == ["help-cue"]


def test_a_blocked_suggestion_is_refused_and_nothing_changes(site: Site) -> None:
    blocked = next(s for s in listed(site) if s["blocked"] and s["entry_id"])
    files = {p: p.read_bytes() for p in site.knowledge.glob("*.yaml")}
    result = suggest(site, "--accept", blocked["id"])
    assert result.returncode == 1
    assert "donors-2017" in result.stderr
    assert files == {p: p.read_bytes() for p in site.knowledge.glob("*.yaml")}
    assert suggest(site, "--history").stdout == "No decisions yet.\n"


def test_reject_and_out_of_scope(site: Site) -> None:
    found = listed(site)
    weather, evhen = by_text(found, WEATHER), by_text(found, DECLINED_EVHEN[0])
    assert suggest(site, "--reject", evhen["id"]).returncode == 0
    out_of_scope = site.knowledge / "out_of_scope.yaml"
    before = out_of_scope.read_text("utf-8")
    result = suggest(site, "--out-of-scope", weather["id"])
    assert result.returncode == 0, result.stderr
    assert added_lines(before, out_of_scope.read_text("utf-8")) == [f"        - {WEATHER}"]
    assert ask(site, WEATHER)["entry_id"] is None
    left = {s["id"] for s in listed(site)}
    assert evhen["id"] not in left and weather["id"] not in left
    assert suggest(site, "--accept", evhen["id"]).returncode == 1  # rejected: not offered again
    history = suggest(site, "--history", "--format", "json").stdout.splitlines()
    actions = [json.loads(line)["action"] for line in history]
    assert actions == ["reject", "out-of-scope"]


def test_a_read_only_knowledge_folder_gets_learned_yaml_loaded_validated_and_exported(site: Site) -> None:
    suggestion = by_text(listed(site), DECLINED_EVHEN[0])
    files = {p: p.read_bytes() for p in site.knowledge.glob("*.yaml")}
    for path in [*files, site.knowledge]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        result = suggest(site, "--accept", suggestion["id"])
        assert result.returncode == 0, result.stderr
        assert files == {p: p.read_bytes() for p in site.knowledge.glob("*.yaml")}
        assert DECLINED_EVHEN[0] in site.learned.read_text("utf-8")
        assert ask(site, DECLINED_EVHEN[0])["entry_id"] == "person-evhen"
        exported = iom_bot("export", "--knowledge", str(site.knowledge), "--database", str(site.database))
        exported = exported.stdout.splitlines()
        evhen = next(json.loads(line) for line in exported if json.loads(line)["id"] == "person-evhen")
        assert evhen["questions"]["uk"][-1] == DECLINED_EVHEN[0]
        site.learned.write_text(site.learned.read_text("utf-8") + "  no-such-entry:\n    en:\n      - hello there\n")
        checked = iom_bot("validate", "--knowledge", str(site.knowledge), "--database", str(site.database))
        assert checked.returncode == 1 and f"{site.learned}:" in checked.stdout and "no-such-entry" in checked.stdout
    finally:
        for path in [site.knowledge, *files]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_review_walks_through_with_a_progress_line(site: Site) -> None:
    found = listed(site)
    assert DECLINED_EVHEN[0] in [q["text"] for q in found[0]["questions"]]  # the most asked comes first
    people = entry_file(site.knowledge, "person-evhen")
    before = people.read_text("utf-8")
    result = iom_bot("review", "--database", str(site.database), "--knowledge", str(site.knowledge),
                     stdin="a\ns\nr\nq\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    count = len(found)
    assert f"[1/{count}] 0 accepted, 0 rejected, 0 skipped" in result.stdout
    assert f"[3/{count}] 1 accepted, 0 rejected, 1 skipped" in result.stdout
    assert "Done: 1 accepted, 1 rejected, 1 skipped." in result.stdout
    assert added_lines(before, people.read_text("utf-8")) == [f"        - {DECLINED_EVHEN[0]}"]
    assert len(listed(site)) == count - 2
    assert [d.split()[2] for d in suggest(site, "--history").stdout.splitlines()] == ["accept", "reject"]


def test_suggest_without_a_database_says_so(tmp_path: Path) -> None:
    result = iom_bot("suggest", "--database", str(tmp_path / "none.sqlite3"))
    assert result.returncode == 1 and "no database" in result.stderr
