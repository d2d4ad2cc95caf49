"""The staff report, from a database the store wrote, in each format; and `iom-bot report`."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import report as report_cli
from bot.storage import open_store
from bot.storage.report import ReportError, collect, group_similar, report
from tests.storage.conftest import SECRET, execute, make_reply

DECLINED = [
    "How do I get money for rent?",
    "how do i get money for rent",
    "money for rent",
    "Where can I get money for rent??",
    "гроші на оренду",
    "гроші на оренду житла",
    "housing",
    "housng",
    "housing help",
]


@pytest.fixture
async def db(db_path: Path) -> Path:
    store = await open_store(db_path, SECRET)
    n = 0

    def ask(text: str, **reply) -> str:
        nonlocal n
        n += 1
        ref = f"{n:08x}"
        store.log_question(n, text, make_reply(**reply), ref)
        return ref

    for text in DECLINED:
        ask(text, kind="decline", entry_id=None, score=20, lang="uk" if text.startswith("гроші") else "en")
    for _ in range(3):
        ref = ask("who funds IOM", entry_id="donors", lang="uk")
    store.record_feedback(n, ref, "donors", False)
    ref = ask("what is IOM", entry_id="iom-who", lang="ru")
    store.record_feedback(n, ref, "iom-who", True)
    ref = ask("who pays for it", kind="suggest", entry_id=None, score=60, suggestions=("donors", "iom-who"))
    store.record_choice(n, ref, "donors")
    ref = ask("too old to count", kind="decline", entry_id=None)
    await store.close()
    execute(db_path, "UPDATE questions SET at = at - 40 * 86400 WHERE ref = ?", (ref,))
    return db_path


def test_groups_similar_questions() -> None:
    groups = group_similar(DECLINED)
    assert [g.count for g in groups] == [4, 2, 2, 1]
    assert groups[0].examples == (
        "How do I get money for rent?",
        "Where can I get money for rent??",
        "how do i get money for rent",
    )
    assert set(groups[1].examples + groups[2].examples) == {
        "гроші на оренду",
        "гроші на оренду житла",
        "housing",
        "housng",
    }
    assert groups[3].examples == ("housing help",)  # one word is not folded into a longer question


async def test_collect(db: Path) -> None:
    r = collect(db, timedelta(days=30))
    assert r.questions == 14
    assert r.kinds == {"decline": 9, "answer": 4, "suggest": 1}
    assert r.languages == {"en": 8, "uk": 5, "ru": 1}
    assert sum(g.count for g in r.declined) == 9  # the 40-day-old one is outside the period
    assert [(u.entry_id, u.answered, u.helpful, u.not_helpful) for u in r.entries] == [
        ("donors", 3, 0, 1),
        ("iom-who", 1, 1, 0),
    ]
    assert {e: (g.count, g.examples) for e, g in r.choices.items()} == {"donors": (1, ("who pays for it",))}
    assert sum(g.count for g in collect(db, timedelta(days=60)).declined) == 10


async def test_text(db: Path) -> None:
    text = report(db, timedelta(days=30), "text")
    assert "Questions from" in text
    assert "14 (declined 9, answered 4, did you mean 1)" in text
    assert "en 8 (57%), uk 5 (35%), ru 1 (7%)" in text
    assert "     4  How do I get money for rent?\n        | Where can I get money for rent??" in text
    assert "  donors         3        0            1" in text
    assert "  donors       1  who pays for it" in text


async def test_csv(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(report(db, timedelta(days=30), "csv"))))
    by_section = {}
    for row in rows:
        by_section.setdefault(row["section"], []).append(row)
    assert by_section["period"][0]["count"] == "14"
    assert {r["key"]: r["count"] for r in by_section["language"]} == {"en": "8", "uk": "5", "ru": "1"}
    assert by_section["declined"][0]["count"] == "4"
    assert by_section["declined"][0]["examples"].startswith("How do I get money for rent? | ")
    assert by_section["entry"][0] == {
        "section": "entry",
        "key": "donors",
        "count": "3",
        "helpful": "0",
        "not_helpful": "1",
        "examples": "",
    }
    assert by_section["choice"][0]["examples"] == "who pays for it"


async def test_json(db: Path) -> None:
    data = json.loads(report(db, timedelta(days=30), "json"))
    assert data["questions"] == 14
    assert data["languages"] == {"en": 8, "uk": 5, "ru": 1}
    assert data["declined"][0]["count"] == 4
    assert data["entries"][1] == {"entry_id": "iom-who", "answered": 1, "helpful": 1, "not_helpful": 0}
    assert data["choices"] == [{"entry_id": "donors", "count": 1, "examples": ["who pays for it"]}]


async def test_empty_database(db_path: Path) -> None:
    store = await open_store(db_path, SECRET)
    await store.close()
    for fmt in ("text", "csv", "json"):
        assert report(db_path, timedelta(days=30), fmt)


def test_no_database(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no database"):
        report(tmp_path / "missing.sqlite3", timedelta(days=30))


def test_database_of_another_version(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    execute(path, "PRAGMA user_version = 1")
    with pytest.raises(ReportError, match="schema v1"):
        report(path, timedelta(days=30))


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    report_cli.add_parser(parser.add_subparsers())
    return parser.parse_args(["report", *argv])


async def test_cli(db: Path, capsys) -> None:
    args = parse("--since", "8w", "--format", "json", "--database", str(db))
    assert args.since == timedelta(weeks=8)
    assert args.run(args) == 0
    assert json.loads(capsys.readouterr().out)["questions"] == 15


async def test_cli_reads_database_path_from_environment(db: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(db))
    args = parse()
    assert args.since == timedelta(days=30)
    assert args.run(args) == 0
    assert "Declined questions" in capsys.readouterr().out


def test_cli_errors(tmp_path: Path, capsys) -> None:
    args = parse("--database", str(tmp_path / "missing.sqlite3"))
    assert args.run(args) == 1
    assert "no database" in capsys.readouterr().err
    for bad in ("30", "0d", "3y"):
        with pytest.raises(SystemExit):
            parse("--since", bad)


async def test_text_report_removes_control_and_bidi_characters_and_cuts_long_lines(db_path: Path) -> None:
    store = await open_store(db_path, SECRET)
    tricky = "\u202ereject\u202c this\x1b[2J\x07 " + "very long question " * 20
    store.log_question(1, tricky, make_reply(kind="decline", entry_id=None), "0000beef")
    await store.close()
    text = report(db_path, timedelta(days=1))
    assert not any(ch in text for ch in "\u202e\u202c\x1b\x07")
    assert "reject this [2J very long question" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert any(line.endswith("…") for line in text.splitlines())
