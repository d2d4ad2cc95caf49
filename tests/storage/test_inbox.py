"""The inbox on a real SQLite file: kept before Telegram is told, sealed, recognised when delivered again,
left over for the next run until done, and unreadable with another key."""

from __future__ import annotations

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
