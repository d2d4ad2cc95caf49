"""The store the Telegram transport talks to: quick to call, never in the way of an answer.

Writes are queued (writer.py) and return at once; the language preference is served from memory after
a user's first read. Every database failure is logged and absorbed below this interface, never raised.
"""

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from bot.engine.reply import ReplyKind
from bot.storage import retention
from bot.storage.database import Database
from bot.storage.inbox import Inbox
from bot.storage.pseudonym import load_key, pseudonym, restore_key
from bot.storage.scrub import scrub
from bot.storage.writer import Op, WriteQueue

if TYPE_CHECKING:
    from bot.engine import Reply

log = logging.getLogger(__name__)

READ_TIMEOUT = 0.25  # seconds; past that the reply goes on without the stored preference
CACHED_USERS = 10_000
MAX_TEXT = 1_000  # characters of a question kept: enough to read what was asked

SET_LANGUAGE = (
    "INSERT INTO preferences (user, lang, at) VALUES (?, ?, ?) "
    "ON CONFLICT (user) DO UPDATE SET lang = excluded.lang, at = excluded.at"
)
TOUCH_LANGUAGE = "UPDATE preferences SET at = ? WHERE user = ?"
LOG_QUESTION = (
    "INSERT INTO questions (user, ref, at, lang, kind, entry_id, score, declined, suggested, text) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
RECORD_FEEDBACK = "INSERT OR IGNORE INTO feedback (user, ref, entry_id, helpful, at) VALUES (?, ?, ?, ?, ?)"
RECORD_CHOICE = "INSERT OR IGNORE INTO choices (user, ref, entry_id, at) VALUES (?, ?, ?, ?)"


class Store:
    def __init__(self, db: Database, writer: WriteQueue, key: bytes, retention_days: int) -> None:
        self._db = db
        self._writer = writer
        self._key = key
        self._retention_days = retention_days
        self._languages: OrderedDict[str, str | None] = OrderedDict()  # pseudonym -> preference, LRU
        self._daily: asyncio.Task[None] | None = None
        self.inbox = Inbox(writer, key)  # the updates received and not yet answered (inbox.py)

    @property
    def key(self) -> bytes:
        """The pseudonym key, for log lines that name a user the way the rows do (never logged itself)."""
        return self._key

    def pseudonym(self, user_id: int) -> str:
        """How the store knows this user: for records that name an admin (bot.learning's decisions)."""
        return pseudonym(self._key, user_id)

    async def get_language(self, user_id: int) -> str | None:
        """The language the user chose, or None: not chosen, or the database cannot answer quickly."""
        user = pseudonym(self._key, user_id)
        if user in self._languages:
            self._languages.move_to_end(user)
            return self._languages[user]
        conn = self._db.conn
        if conn is None:
            return None
        try:
            rows = await asyncio.wait_for(
                conn.execute_fetchall("SELECT lang FROM preferences WHERE user = ?", (user,)), READ_TIMEOUT
            )
        except Exception as exc:
            log.debug("storage: language read failed: %r", exc)
            return None
        if user not in self._languages:  # else set_language() ran meanwhile, and is newer
            self._remember(user, next((lang for (lang,) in rows), None))
        return self._languages.get(user)

    def set_language(self, user_id: int, lang: str) -> None:
        user = pseudonym(self._key, user_id)
        self._remember(user, lang)
        self._writer.put(Op(SET_LANGUAGE, (user, lang, int(time.time())), user))

    def log_question(self, user_id: int, text: str, reply: "Reply", ref: str) -> None:
        user = pseudonym(self._key, user_id)
        now = int(time.time())
        row = (
            user,
            ref,
            now,
            reply.lang,
            reply.kind,
            reply.entry_id,
            float(reply.score),
            int(reply.kind is ReplyKind.DECLINE),
            " ".join(reply.suggestions),
            scrub(text)[:MAX_TEXT],
        )
        self._writer.put(Op(LOG_QUESTION, row, user))
        self._writer.put(Op(TOUCH_LANGUAGE, (now, user), user))

    def record_feedback(self, user_id: int, ref: str, entry_id: str, helpful: bool) -> None:
        """A vote on the answer identified by ref; only the first vote per (user, ref) counts."""
        user = pseudonym(self._key, user_id)
        self._writer.put(Op(RECORD_FEEDBACK, (user, ref, entry_id, int(helpful), int(time.time())), user))

    def record_choice(self, user_id: int, ref: str, entry_id: str) -> None:
        """The "did you mean" entry the user picked for the question identified by ref."""
        user = pseudonym(self._key, user_id)
        self._writer.put(Op(RECORD_CHOICE, (user, ref, entry_id, int(time.time())), user))

    async def forget(self, user_id: int) -> int:
        """Delete everything kept about the user, queued rows included; returns the rows removed.

        If the database cannot be written now, the deletion stays queued and runs when it can.
        """
        user = pseudonym(self._key, user_id)
        self._languages.pop(user, None)
        return await self._writer.erase(user, retention.forget_ops(user))

    async def purge(self) -> bool:
        """Delete rows older than the retention period; False if the database could not be written."""
        for op in [*retention.purge_ops(self._retention_days, time.time()), self.inbox.purge_op(time.time())]:
            self._writer.put(op)
        return await self._writer.flush_and_truncate()

    async def flush(self) -> bool:
        """Write everything queued; False (rows stay queued, retried) if the database failed."""
        return await self._writer.flush()

    async def close(self) -> None:
        """Graceful shutdown: write what is queued, then close the database."""
        if self._daily is not None:
            self._daily.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._daily
        await self._writer.close()
        await self._db.close()

    def _start(self) -> None:
        self._writer.start()
        self._daily = asyncio.create_task(self._purge_daily(), name="storage-retention")

    async def _purge_daily(self) -> None:
        while True:
            await asyncio.sleep(retention.DAY)
            await self.purge()

    def _remember(self, user: str, lang: str | None) -> None:
        self._languages[user] = lang
        self._languages.move_to_end(user)
        if len(self._languages) > CACHED_USERS:
            self._languages.popitem(last=False)


async def open_store(path: Path, secret: bytes | None = None, *, retention_days: int = retention.DEFAULT_DAYS) -> Store:
    """Open (creating, migrating and purging) the database at path. Never raises: on a broken
    database it returns a Store that keeps rows in memory, retries, and logs a warning."""
    path = Path(path)
    db = Database(path)
    try:
        await db.ensure()
    except Exception as exc:
        log.warning("storage: cannot open %s (%s); answering without it and retrying", path, exc)
    key = load_key(path, secret)
    if not secret:  # the key lives in a file beside the database: it must be there whenever the database is
        db.on_open = lambda: restore_key(path, key)
    store = Store(db, WriteQueue(db), key, retention_days)
    store._start()
    await store.purge()
    return store
