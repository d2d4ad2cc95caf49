"""Conversation-store benchmark: rows per second the write queue sustains, and what a queued write adds to
a reply (the caller's time in log_question and friends), against awaiting one committed insert per row.

Run: .venv/bin/python bench/store_bench.py
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiosqlite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Reply, ReplyKind  # noqa: E402
from bot.storage import Store, open_store  # noqa: E402

QUESTIONS = [
    "Що таке МОМ і чим ви допомагаєте переселенцям?",
    "how do I get cash assistance, my phone is +380 67 123 45 67",
    "Где получить помощь с жильем в Днепре?",
    "who funds IOM projects in Ukraine",
]
REPLY = Reply(kind=ReplyKind.ANSWER, lang="uk", body="", entry_id="iom-who", score=87)


def percentiles(samples_ns: list[int]) -> str:
    ordered = sorted(samples_ns)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"median {statistics.median(ordered) / 1e3:.1f} µs, p99 {p99 / 1e3:.1f} µs (n={len(ordered)})"


def conversation_step(store: Store, n: int) -> None:
    """What the transport queues for a question answered and rated: 3.1 statements on average."""
    ref = f"{n:08x}"
    store.log_question(n % 5000, QUESTIONS[n % len(QUESTIONS)], REPLY, ref)
    store.record_feedback(n % 5000, ref, "iom-who", n % 3 != 0)
    if n % 10 == 0:
        store.set_language(n % 5000, "uk")


async def keep_up(store: Store) -> None:
    """Let the writer run, and hold the producer back well below the queue bound (nothing is dropped)."""
    await asyncio.sleep(0)
    while len(store._writer) > 10_000:
        await asyncio.sleep(0.001)


async def sustained(store: Store, steps: int) -> tuple[float, int]:
    """Queue as fast as the writer keeps up; rows/s to disk."""
    start = time.perf_counter()
    for n in range(steps):
        conversation_step(store, n)
        if n % 200 == 0:
            await keep_up(store)
    await store.flush()
    elapsed = time.perf_counter() - start
    rows = steps * 3 + steps // 10  # question, its preference touch, feedback; a language choice every 10th
    return rows / elapsed, store._writer.dropped


async def caller_latency(store: Store, steps: int) -> list[int]:
    """The time a reply handler spends in the store per question, with the writer busy in the background."""
    samples = []
    for n in range(steps):
        start = time.perf_counter_ns()
        conversation_step(store, n)
        samples.append(time.perf_counter_ns() - start)
        if n % 20 == 0:
            await keep_up(store)  # other updates run; the writer gets its turns
    await store.flush()
    return samples


async def caller_latency_locked(store: Store, path: Path, steps: int) -> tuple[list[int], float]:
    """The same while another process holds the write lock: replies must not notice."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    samples = []
    for n in range(steps):
        start = time.perf_counter_ns()
        conversation_step(store, n)
        samples.append(time.perf_counter_ns() - start)
        await asyncio.sleep(0)
    other.execute("COMMIT")
    other.close()
    start = time.perf_counter()
    await store.flush()
    return samples, time.perf_counter() - start


async def language_reads(store: Store, users: int) -> tuple[list[int], list[int]]:
    first, cached = [], []
    for user in range(100_000, 100_000 + users):
        start = time.perf_counter_ns()
        await store.get_language(user)
        first.append(time.perf_counter_ns() - start)
        start = time.perf_counter_ns()
        await store.get_language(user)
        cached.append(time.perf_counter_ns() - start)
    return first, cached


async def awaited_inserts(path: Path, rows: int) -> list[int]:
    """The alternative the queue avoids: each reply awaits its own committed insert."""
    samples = []
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("CREATE TABLE t (user TEXT, ref TEXT, at INTEGER, text TEXT)")
        for n in range(rows):
            start = time.perf_counter_ns()
            await conn.execute("INSERT INTO t VALUES (?, ?, ?, ?)", ("x" * 64, f"{n:08x}", n, QUESTIONS[n % 4]))
            samples.append(time.perf_counter_ns() - start)
    return samples


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(Path(tmp) / "bench.sqlite3", b"bench-secret")
        rate, dropped = await sustained(store, 100_000)
        print(f"sustained writes: {rate:,.0f} rows/s to disk (WAL, synchronous=NORMAL), {dropped} dropped")
        latency = percentiles(await caller_latency(store, 20_000))
        print(f"caller time per question (log + feedback, a language every 10th): {latency}")
        locked, catch_up = await caller_latency_locked(store, Path(tmp) / "bench.sqlite3", 2_000)
        print(f"the same while another process locks the database: {percentiles(locked)}")
        print(
            f"  (the queued {len(locked) * 31 // 10:,} rows were written {catch_up * 1000:.0f} ms after the lock went)"
        )
        print(f"rows dropped in all: {store._writer.dropped}")
        first, cached = await language_reads(store, 2_000)
        print(f"get_language, first read of a user:  {percentiles(first)}")
        print(f"get_language, cached:                {percentiles(cached)}")
        await store.close()
        print(
            "for comparison, awaiting one committed insert per row: "
            f"{percentiles(await awaited_inserts(Path(tmp) / 'direct.sqlite3', 5_000))}"
        )


if __name__ == "__main__":
    asyncio.run(main())
