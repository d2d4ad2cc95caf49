"""Write queue: callers enqueue rows and return at once; one background task writes them in batches.

Replies must never wait for the disk. Each batch is a single transaction, which is what makes
thousands of rows per second possible. When the database cannot be written (locked, read-only,
full, deleted) the rows stay queued and are retried with backoff; the queue is bounded so an outage
cannot exhaust memory: past the bound new rows are dropped, with a warning.
"""

import asyncio
import contextlib
import itertools
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any, NamedTuple, TypeVar

import aiosqlite

from bot.storage.database import Database

T = TypeVar("T")

log = logging.getLogger(__name__)

DROP_WARNING_INTERVAL = 60.0  # seconds between two "queue full" warnings
# Errors caused by the rows themselves, not by the state of the database: retrying cannot help.
ROW_ERRORS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.DataError)


class Op(NamedTuple):
    sql: str
    params: tuple[Any, ...]
    user: str | None = None  # whose row this is, so that forget() can drop it before it is written


def _by_statement(ops: list[Op]) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Rows grouped by statement, one executemany (one thread hop) each.

    Rows of different statements commute (other tables, or a preference and its timestamp), so they
    may be regrouped; rows of one statement keep their order (the last language set wins, the first
    vote counts). A deletion (forget, retention) must stay between the rows queued before and after it.
    """
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for op in ops:
        if op.sql.startswith("DELETE"):
            yield from groups.items()
            groups = {}
            yield op.sql, [op.params]
        else:
            groups.setdefault(op.sql, []).append(op.params)
    yield from groups.items()


async def _to_the_end(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a write to its end even if the caller is cancelled (an update abandoned at shutdown, a task
    stopped). aiosqlite runs each statement in its own thread whatever happens to the task awaiting it, so a
    transaction cut short could leave the connection inside it, and every later write would fail."""
    task = asyncio.ensure_future(coroutine)
    task.add_done_callback(lambda done: done.cancelled() or done.exception())  # retrieved if nobody waits now
    return await asyncio.shield(task)


class WriteQueue:
    def __init__(
        self,
        db: Database,
        *,
        max_pending: int = 50_000,  # some 20 MB of typical rows (about 400 bytes each)
        max_batch: int = 1_000,
        retry_delay: float = 0.5,
        max_retry_delay: float = 30.0,
    ) -> None:
        self._db = db
        self._max_pending = max_pending
        self._max_batch = max_batch
        self._retry_delay = retry_delay
        self._max_retry_delay = max_retry_delay
        self._pending: deque[Op] = deque()
        self._lock = asyncio.Lock()  # one transaction at a time on the shared connection
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failing = False
        self._drop_warned = -DROP_WARNING_INTERVAL
        self.dropped = 0

    def __len__(self) -> int:
        return len(self._pending)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="storage-writer")

    def put(self, op: Op) -> None:
        """Queue a row; never blocks, never raises."""
        if len(self._pending) >= self._max_pending:
            self.dropped += 1
            if time.monotonic() - self._drop_warned >= DROP_WARNING_INTERVAL:
                self._drop_warned = time.monotonic()
                log.warning(
                    "storage queue full (%d rows wait for the database): %d rows dropped so far",
                    len(self._pending),
                    self.dropped,
                )
            return
        self._pending.append(op)
        self._wake.set()

    async def flush(self) -> bool:
        """Write everything queued now; False (rows still queued) if the database failed."""
        return await _to_the_end(self._locked(self._write_pending))

    async def erase(self, user: str, ops: list[Op]) -> int:
        """Drop the user's unwritten rows and run ops (deletes) now; queue them if the database fails.

        Returns the rows removed: queued ones dropped plus rows the ops changed in the database.
        """
        return await _to_the_end(self._erase(user, ops))

    async def _erase(self, user: str, ops: list[Op]) -> int:
        async with self._lock:
            kept = deque(op for op in self._pending if op.user != user)
            removed = len(self._pending) - len(kept)
            self._pending = kept
            try:
                removed += await self._transaction(ops)
            except Exception as exc:
                self._pending.extend(ops)  # past the bound too: a deletion must not be lost
                self._wake.set()
                self._warn(exc)
                return removed
            await self._truncate_log()
            return removed

    async def now(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Runs `work` in a transaction of its own, between two batches, and returns when it is committed;
        raises if the database fails (for the inbox, which must know its rows are on disk)."""
        return await _to_the_end(self._locked(lambda: self._atomic(work)))

    async def flush_and_truncate(self) -> bool:
        """flush(), then empty the write-ahead log, which still holds deleted rows' old pages."""

        async def write_and_truncate() -> bool:
            written = await self._write_pending()
            if written:
                await self._truncate_log()
            return written

        return await _to_the_end(self._locked(write_and_truncate))

    async def _locked(self, work: Callable[[], Awaitable[T]]) -> T:
        async with self._lock:  # one transaction at a time on the shared connection
            return await work()

    async def close(self) -> None:
        """Stop the background task and write what is left (graceful shutdown)."""
        self._stop.set()
        self._wake.set()
        if self._task is not None:
            await self._task
        if not await self.flush():
            log.error("storage closing: %d rows could not be written and are lost", len(self._pending))

    async def _run(self) -> None:
        delay = self._retry_delay
        while not self._stop.is_set():
            await self._wake.wait()
            self._wake.clear()
            if await self.flush():
                delay = self._retry_delay
                continue
            with contextlib.suppress(TimeoutError):  # close() cuts the wait short
                await asyncio.wait_for(self._stop.wait(), delay)
            delay = min(delay * 2, self._max_retry_delay)
            self._wake.set()

    async def _write_pending(self) -> bool:
        while self._pending:
            batch = list(itertools.islice(self._pending, self._max_batch))
            try:
                await self._transaction(batch)
            except ROW_ERRORS:
                # One bad row must not hold back the others: write them one transaction each.
                for op in batch:
                    if not await self._write_alone(op):
                        return False
                continue
            except Exception as exc:
                self._warn(exc)
                return False
            for _ in batch:
                self._pending.popleft()
        if self._failing:
            self._failing = False
            log.warning("storage: database %s is writable again", self._db.path)
        return True

    async def _write_alone(self, op: Op) -> bool:
        try:
            await self._transaction([op])
        except ROW_ERRORS as exc:
            log.error("storage: dropping a row the database rejects (%s): %.60s", exc, op.sql)
        except Exception as exc:
            self._warn(exc)
            return False
        self._pending.popleft()
        return True

    async def _transaction(self, ops: list[Op]) -> int:
        async def write(conn: aiosqlite.Connection) -> int:
            changed = 0
            for sql, params in _by_statement(ops):
                cursor = await conn.executemany(sql, params)
                changed += cursor.rowcount
            return changed

        return await self._atomic(write)

    async def _atomic(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        conn = await self._db.ensure()
        await conn.execute("BEGIN IMMEDIATE")
        try:
            result = await work(conn)
            await conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    await conn.execute("ROLLBACK")
                except Exception:
                    await self._db.close()  # a connection stuck in a transaction is useless: reopen next time
            raise
        return result

    async def _truncate_log(self) -> None:
        try:
            await (await self._db.ensure()).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception as exc:  # best effort: the next checkpoint overwrites the old pages anyway
            log.debug("storage: checkpoint failed: %r", exc)

    def _warn(self, exc: BaseException) -> None:
        if not self._failing:
            self._failing = True
            log.warning(
                "storage: cannot write to %s (%s); %d rows kept in memory and retried",
                self._db.path,
                exc,
                len(self._pending),
            )
