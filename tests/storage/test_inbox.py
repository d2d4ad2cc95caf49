"""The inbox on a real SQLite file: kept before Telegram is told, sealed, recognised when delivered again,
left over for the next run until done, and unreadable with another key."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.storage import open_store
from bot.storage.inbox import Sealer
from tests.storage.conftest import SECRET, query


def _update(update_id: int, text: str = "Мій телефон +380 67 123 45 67") -> dict:
    user = {"id": 7_391_827_465, "is_bot": False, "first_name": "Oksana"}
    return {"update_id": update_id, "message": {"message_id": 1, "date": 0, "chat": {"id": 7_391_827_465,
            "type": "private"}, "from": user, "text": text}}  # fmt: skip


async def test_kept_updates_are_on_disk_sealed_and_left_over_until_done(db_path: Path) -> None:
    store = await open_store(db_path, SECRET)
    assert await store.inbox.keep([_update(10), _update(11)]) == [_update(10), _update(11)]
    on_disk = b"".join(p.read_bytes() for p in db_path.parent.glob("bot.sqlite3*"))  # committed: in the -wal
    assert b"Oksana" not in on_disk and b"7391827465" not in on_disk and "Мій".encode() not in on_disk
    assert query(db_path, "SELECT update_id FROM inbox WHERE body IS NOT NULL") == [(10,), (11,)]
    store.inbox.done(10)
    await store.close()

    again = await open_store(db_path, SECRET)  # the next run
    assert await again.inbox.left_over() == [_update(11)]
    assert await again.inbox.keep([_update(10), _update(11), _update(12)]) == [_update(12)]  # delivered again
    await again.close()


async def test_another_key_cannot_read_what_was_left(db_path: Path, caplog) -> None:
    store = await open_store(db_path, SECRET)
    await store.inbox.keep([_update(5)])
    await store.close()
    other = await open_store(db_path, b"another secret")
    assert await other.inbox.left_over() == []
    assert "cannot be read with this key" in caplog.text
    await other.close()
    assert query(db_path, "SELECT count(*) FROM inbox WHERE body IS NOT NULL") == [(0,)]


def test_a_seal_is_authenticated() -> None:
    sealer = Sealer(b"k" * 32)
    sealed = sealer.seal(b'{"update_id": 1}')
    assert sealer.open(sealed) == b'{"update_id": 1}' and b"update_id" not in sealed
    damaged = sealed[:20] + bytes([sealed[20] ^ 1]) + sealed[21:]
    assert sealer.open(damaged) is None and Sealer(b"j" * 32).open(sealed) is None


async def test_a_keep_whose_caller_is_cancelled_still_ends_its_transaction(db_path: Path) -> None:
    """A batch being kept when the poller or an update is cancelled (shutdown): the transaction runs to its end,
    or the connection would stay inside it and every later write fail."""
    async with asyncio.timeout(20):  # without the fix: later writes fail, or wait for ever
        store = await open_store(db_path, SECRET)
        for update_id in range(1, 40):
            task = asyncio.create_task(store.inbox.keep([_update(update_id)]))
            for _ in range(update_id % 5):  # cancelled at different points of the transaction
                await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        store.record_choice(1, "0000abcd", "donors")
        assert await store.flush()
        await store.close()
        assert query(db_path, "SELECT count(*) FROM choices") == [(1,)]
