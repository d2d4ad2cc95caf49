"""The bot keeps answering whatever happens to the database: every failure is logged, none is raised.

Read-only is tested two ways, since the suite runs as root and root ignores file permissions:
a file without write bits is opened with `mode=ro` (what the store does for an operator's chmod), and
`PRAGMA query_only` turns a live connection read-only (as a remount would) — SQLite answers both with
SQLITE_READONLY, the error a non-root process gets.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from bot.storage import Store, open_store
from bot.storage.database import Database
from bot.storage.pseudonym import key_path
from bot.storage.writer import Op, WriteQueue
from tests.storage.conftest import SECRET, count, make_reply, query


def converse(store: Store, user: int, n: int) -> None:
    """What the transport does for a question: read nothing, queue everything."""
    store.set_language(user, "uk")
    store.log_question(user, f"question {n}", make_reply(), f"{n:08x}")
    store.record_feedback(user, f"{n:08x}", "donors", True)
    store.record_choice(user, f"{n:08x}", "donors")


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING, "bot.storage")
    return caplog


async def test_database_file_deleted(store: Store, db_path: Path, warnings) -> None:
    converse(store, 1, 1)
    assert await store.flush()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink()

    converse(store, 1, 2)
    assert await store.get_language(1) == "uk"
    assert await store.flush()
    assert "removed" in warnings.text
    assert query(db_path, "SELECT ref FROM questions") == [("00000002",)]  # a new file, with the new row


async def test_database_directory_deleted(store: Store, db_path: Path) -> None:
    converse(store, 1, 1)
    assert await store.flush()
    shutil.rmtree(db_path.parent)
    converse(store, 1, 2)
    assert await store.flush()
    assert count(db_path, "questions") == 1


async def test_the_key_file_comes_back_with_the_deleted_folder(db_path: Path, warnings) -> None:
    store = await open_store(db_path)  # no BOT_SECRET: the key is kept in a file beside the database
    key = key_path(db_path).read_bytes()
    converse(store, 1, 1)
    assert await store.flush()
    shutil.rmtree(db_path.parent)
    converse(store, 1, 2)
    assert await store.flush()
    await store.close()
    assert key_path(db_path).read_bytes() == key and "written again" in warnings.text
    again = await open_store(db_path)
    assert await again.forget(1) > 0  # the rows written after the deletion are still this user's
    await again.close()


async def test_database_unreachable_then_back(db_path: Path, warnings) -> None:
    db_path.parent.parent.mkdir(exist_ok=True)
    db_path.parent.write_text("a file where the data directory should be")
    store = await open_store(db_path, SECRET)
    assert "cannot open" in warnings.text
    converse(store, 1, 1)
    assert await store.get_language(1) == "uk"
    assert await store.get_language(2) is None
    assert not await store.flush()

    db_path.parent.unlink()
    assert await store.flush()
    await store.close()
    assert count(db_path, "questions") == 1


async def test_database_file_read_only(db_path: Path, warnings) -> None:
    store = await open_store(db_path, SECRET)
    converse(store, 1, 1)
    await store.close()
    db_path.chmod(0o444)

    store = await open_store(db_path, SECRET)
    assert "read-only" in warnings.text
    assert await store.get_language(1) == "uk"  # reading still works
    converse(store, 2, 2)
    assert not await store.flush()
    assert "readonly" in warnings.text

    db_path.chmod(0o644)  # the operator fixes it: the queued rows arrive
    assert await store.flush()
    assert "writable again" in warnings.text
    await store.close()
    assert count(db_path, "questions") == 2


async def test_database_turns_read_only_while_running(store: Store, db_path: Path, warnings) -> None:
    await store._db.conn.execute("PRAGMA query_only = ON")
    converse(store, 1, 1)
    assert not await store.flush()
    assert "readonly" in warnings.text
    await store._db.conn.execute("PRAGMA query_only = OFF")
    assert await store.flush()
    assert count(db_path, "questions") == 1


async def test_database_full(store: Store, db_path: Path, warnings) -> None:
    conn = store._db.conn
    (pages,) = await (await conn.execute("PRAGMA page_count")).fetchone()
    await conn.execute(f"PRAGMA max_page_count = {pages}")
    for n in range(200):
        converse(store, n, n)
    assert not await store.flush()
    assert "full" in warnings.text
    await conn.execute("PRAGMA max_page_count = 1000000")
    assert await store.flush()
    assert count(db_path, "questions") == 200


async def test_database_locked_by_another_process(store: Store, db_path: Path, warnings) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    converse(store, 1, 1)
    flushing = asyncio.create_task(store.flush())
    await asyncio.sleep(0.05)  # the writer now waits for the lock

    start = time.perf_counter()
    assert await store.get_language(2) is None  # a reply does not wait for the writer
    assert time.perf_counter() - start < 0.5
    assert not await flushing
    assert "locked" in warnings.text

    other.execute("COMMIT")
    other.close()
    for _ in range(100):  # the background task retries on its own
        await asyncio.sleep(0.05)
        if count(db_path, "questions"):
            break
    assert count(db_path, "questions") == 1


async def test_a_bad_row_does_not_hold_back_the_others(store: Store, db_path: Path, caplog) -> None:
    converse(store, 1, 1)
    store.set_language(3, None)  # type: ignore[arg-type]  # a bug in a caller: lang is NOT NULL
    converse(store, 2, 2)
    assert await store.flush()
    assert "rejects" in caplog.text
    assert count(db_path, "questions") == 2
    assert count(db_path, "preferences") == 2


async def test_queue_is_bounded(tmp_path: Path, warnings) -> None:
    (tmp_path / "blocked").write_text("not a directory")
    writer = WriteQueue(Database(tmp_path / "blocked" / "bot.sqlite3"), max_pending=5)
    for n in range(8):
        writer.put(Op("INSERT INTO t VALUES (?)", (n,), "someone"))
    assert len(writer) == 5
    assert writer.dropped == 3
    assert "dropped" in warnings.text
    # a deletion is kept even past the bound, and the person's unwritten rows go at once
    assert await writer.erase("someone", [Op("DELETE FROM t WHERE user = ?", ("someone",))]) == 5
    assert len(writer) == 1


async def test_forget_while_the_database_is_down_runs_later(store: Store, db_path: Path) -> None:
    converse(store, 1, 1)
    assert await store.flush()
    await store._db.conn.execute("PRAGMA query_only = ON")
    converse(store, 1, 2)
    assert await store.forget(1) == 5  # the queued rows; the written ones wait for the database
    converse(store, 2, 3)
    converse(store, 1, 4)  # the person talks again after /forget
    await store._db.conn.execute("PRAGMA query_only = OFF")
    assert await store.flush()
    assert sorted(query(db_path, "SELECT ref FROM questions")) == [("00000003",), ("00000004",)]


async def test_close_with_the_database_gone_does_not_raise(db_path: Path, caplog) -> None:
    store = await open_store(db_path, SECRET)
    await store._db.conn.execute("PRAGMA query_only = ON")
    converse(store, 1, 1)
    await store.close()
    assert "lost" in caplog.text


def test_key_location_unusable(tmp_path: Path, warnings) -> None:
    from bot.storage.pseudonym import load_key

    (tmp_path / "blocked").write_text("not a directory")
    key = load_key(tmp_path / "blocked" / "bot.sqlite3", None)
    assert len(key) == 64
    assert "BOT_SECRET" in warnings.text
