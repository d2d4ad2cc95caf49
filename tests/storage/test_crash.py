"""A bot process killed in the middle of writing (SIGKILL: no shutdown code runs) leaves a sound database."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

from bot.storage import open_store
from tests.storage.conftest import SECRET, count, query

ROOT = Path(__file__).resolve().parents[2]
BATCH = 50

WRITER = f"""
import asyncio, sys
from pathlib import Path
from bot.engine import Reply, ReplyKind
from bot.storage import open_store

async def main():
    store = await open_store(Path(sys.argv[1]), {SECRET!r})
    reply = Reply(kind=ReplyKind.DECLINE, lang="uk", body="")
    done = 0
    while True:
        for i in range({BATCH}):
            store.log_question(i, "питання " + "x" * 500, reply, f"{{done + i:08x}}")
        assert await store.flush()
        done += {BATCH}
        print(done, flush=True)

asyncio.run(main())
"""


def kill_while_writing(db_path: Path) -> int:
    """Start a writer, let it commit a while, SIGKILL it; return the rows it had reported committed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True, env=env)
    watchdog = threading.Timer(60, child.kill)  # a stuck writer fails the test instead of hanging it
    watchdog.start()
    try:
        committed = 0
        target = random.randint(5, 40) * BATCH
        while committed < target:
            line = child.stdout.readline()
            assert line, "the writer died on its own"
            committed = int(line)
    finally:
        watchdog.cancel()
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    return committed


async def test_killed_writer_leaves_a_consistent_database(db_path: Path) -> None:
    for _ in range(3):
        committed = kill_while_writing(db_path)
        assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
        rows = count(db_path, "questions")
        assert rows >= committed  # nothing committed is lost
        assert rows % BATCH == 0  # and no transaction is half there

    store = await open_store(db_path, SECRET)  # and the bot starts on it again
    store.set_language(1, "en")
    assert await store.flush()
    await store.close()
    assert count(db_path, "preferences") == 1
