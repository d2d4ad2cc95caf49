"""The one SQLite connection of the store, reopened when the file under it changes.

SQLite keeps writing into a database file that was deleted (the open descriptor keeps it alive), so
without a check every later row would vanish silently. Before each write batch the writer calls
ensure(), which compares the file's identity with the one opened and reopens (recreating the file and
schema) when it was removed, replaced, or its write permission changed.

A file with no write permission bits is opened read-only (`mode=ro`), even by root: an operator who
made it read-only means "do not write", and it is also how the tests run a read-only database as root.
"""

import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import aiosqlite

from bot.storage import schema

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 1000  # the writer is off the reply path; waiting longer only delays the retry


def _identity(path: Path) -> tuple[int, int, bool] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, _writable(path, st.st_mode)


def _writable(path: Path, mode: int) -> bool:
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn: aiosqlite.Connection | None = None
        self._identity: tuple[int, int, bool] | None = None
        self.on_open: Callable[[], None] | None = None  # after each writable open (the store's key file)

    async def ensure(self) -> aiosqlite.Connection:
        """Return an open connection to the file now at self.path; raises if it cannot be opened."""
        identity = _identity(self.path)
        if self.conn is not None and identity == self._identity:
            return self.conn
        if self.conn is not None:
            log.warning("database file %s was removed, replaced or changed permissions; reopening", self.path)
            await self.close()
        self.conn = await self._open(identity is not None and not identity[2])
        self._identity = _identity(self.path)
        return self.conn

    async def _open(self, read_only: bool) -> aiosqlite.Connection:
        if read_only:
            conn = await aiosqlite.connect(f"file:{quote(str(self.path))}?mode=ro", uri=True, isolation_level=None)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = await aiosqlite.connect(self.path, isolation_level=None)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if read_only:
                current = await schema.version(conn)
                log.warning(
                    "database %s is read-only (schema v%d): nothing will be saved until it is writable",
                    self.path,
                    current,
                )
            else:
                await conn.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL survives a crash of the process; only a power cut may lose the last commits.
                await conn.execute("PRAGMA synchronous = NORMAL")
                # Deleted rows are overwritten with zeros, so /forget and retention leave nothing to recover.
                await conn.execute("PRAGMA secure_delete = ON")
                await schema.migrate(conn)
                if self.on_open is not None:
                    self.on_open()
        except BaseException:
            await conn.close()
            raise
        return conn

    async def close(self) -> None:
        conn, self.conn, self._identity = self.conn, None, None
        if conn is not None:
            try:
                await conn.close()
            except Exception as exc:  # a connection to a vanished file may fail to checkpoint; it is gone anyway
                log.warning("closing database %s: %s", self.path, exc)
