"""Migrations: from nothing, from an empty file, from v1 (the previous release), and never backwards."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

from bot.storage import open_store, schema
from bot.storage.pseudonym import pseudonym
from tests.storage.conftest import SECRET, count, make_reply, query


def tables(path: Path) -> set[str]:
    return {name for (name,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def user_version(path: Path) -> int:
    return query(path, "PRAGMA user_version")[0][0]


async def test_creates_directory_and_schema(db_path: Path) -> None:
    store = await open_store(db_path, SECRET)
    await store.close()
    assert user_version(db_path) == schema.VERSION == len(schema.MIGRATIONS)
    assert {"preferences", "questions", "feedback", "choices", "inbox", "decisions"} <= tables(db_path)
    assert query(db_path, "PRAGMA journal_mode") == [("wal",)]


async def test_migrates_an_empty_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    store = await open_store(db_path, SECRET)
    store.record_choice(1, "0000abcd", "donors")
    assert await store.flush()
    await store.close()
    assert user_version(db_path) == schema.VERSION
    assert count(db_path, "choices") == 1


async def test_migrates_v1_keeping_its_rows(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    user = pseudonym(SECRET, 42)
    with sqlite3.connect(db_path) as conn:
        for sql in schema.V1:
            conn.execute(sql)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO preferences VALUES (?, 'ru', strftime('%s'))", (user,))
        conn.execute(
            "INSERT INTO questions (user, ref, at, lang, kind, entry_id, score, declined, text) "
            "VALUES (?, 'aaaa0001', strftime('%s'), 'ru', 'answer', 'donors', 88, 0, 'кто платит')",
            (user,),
        )
        conn.execute("INSERT INTO feedback VALUES (?, 'aaaa0001', 'donors', 1, strftime('%s'))", (user,))
    conn.close()

    store = await open_store(db_path, SECRET)
    assert await store.get_language(42) == "ru"
    store.log_question(42, "кто платит?", make_reply(kind="suggest", suggestions=("donors", "iom-who")), "aaaa0002")
    store.record_choice(42, "aaaa0002", "donors")
    assert await store.flush()
    await store.close()

    assert user_version(db_path) == schema.VERSION
    assert query(db_path, "SELECT ref, suggested FROM questions ORDER BY id") == [
        ("aaaa0001", ""),
        ("aaaa0002", "donors iom-who"),
    ]
    assert count(db_path, "feedback") == 1
    assert count(db_path, "choices") == 1


async def test_concurrent_openers_migrate_once(db_path: Path) -> None:
    stores = await asyncio.gather(*(open_store(db_path, SECRET) for _ in range(4)))
    for store in stores:
        await store.close()
    assert user_version(db_path) == schema.VERSION


async def test_refuses_a_newer_schema_without_raising(db_path: Path, caplog) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    with caplog.at_level(logging.WARNING, "bot.storage"):
        store = await open_store(db_path, SECRET)
        store.set_language(1, "en")
        assert await store.get_language(1) == "en"
        assert not await store.flush()
        await store.close()
    assert "v99" in caplog.text
    assert user_version(db_path) == 99
    assert tables(db_path) == set()
