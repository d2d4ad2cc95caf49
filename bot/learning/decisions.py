"""Staff's decisions in the store (table `decisions`, schema v4): what was accepted, moved or rejected, by
which admin (pseudonym) and when. A suggestion with a decision is not offered again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.learning.model import Action, Decision
from bot.storage import schema

BUSY_TIMEOUT = 5.0  # seconds: the bot may be writing questions at the same moment

RECORD = (
    "INSERT INTO decisions (suggestion, action, entry_id, lang, text, file, user, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


class StoreError(Exception):
    """The database cannot take the decision; the message says why."""


def open_for_writing(db_path: Path) -> sqlite3.Connection:
    if not db_path.is_file():
        raise StoreError(f"no database at {db_path}")
    try:
        conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT, isolation_level=None)
        (current,) = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {db_path}: {exc}") from exc
    if current != schema.VERSION:
        conn.close()
        raise StoreError(f"{db_path} has schema v{current}, this version of the bot writes v{schema.VERSION}")
    return conn


def record(conn: sqlite3.Connection, d: Decision) -> None:
    try:
        conn.execute(RECORD, (d.suggestion, d.action, d.entry_id, d.lang, d.text, d.file, d.user, d.at))
    except sqlite3.Error as exc:
        raise StoreError(f"cannot record the decision: {exc}") from exc


def decided(conn: sqlite3.Connection) -> set[str]:
    return {sid for (sid,) in conn.execute("SELECT DISTINCT suggestion FROM decisions")}


def history(conn: sqlite3.Connection, cutoff: int = 0) -> list[Decision]:
    rows = conn.execute(
        "SELECT suggestion, action, entry_id, lang, text, file, user, at FROM decisions WHERE at >= ? ORDER BY at, id",
        (cutoff,),
    )
    return [Decision(s, Action(a), e, lang, text, file, user, at) for s, a, e, lang, text, file, user, at in rows]
