"""Storage fixtures: a store on a real SQLite file in tmp_path, and a plain sqlite3 look inside it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.engine import Reply, ReplyKind
from bot.storage import Store, open_store

SECRET = b"test-secret"


def make_reply(
    kind: str = "answer",
    lang: str = "en",
    entry_id: str | None = "donors",
    score: int = 90,
    suggestions: tuple[str, ...] = (),
) -> Reply:
    return Reply(kind=ReplyKind(kind), lang=lang, body="", entry_id=entry_id, score=score, suggestions=suggestions)


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the database as another process would (the store may still have it open)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def execute(path: Path, sql: str, params: tuple = ()) -> None:
    """Change the database behind the store's back, as an operator or another process would."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def count(path: Path, table: str) -> int:
    return query(path, f"SELECT count(*) FROM {table}")[0][0]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.sqlite3"


@pytest.fixture
async def store(db_path: Path):
    store: Store = await open_store(db_path, SECRET)
    yield store
    await store.close()
