"""The store's interface as the transport uses it, checked against what lands in the file."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

from bot.engine import Engine
from bot.storage import Store, open_store
from bot.storage.pseudonym import key_path, pseudonym
from bot.storage.writer import Op, _by_statement
from tests.storage.conftest import SECRET, count, execute, make_reply, query


async def test_language_preference_round_trip(store: Store, db_path: Path) -> None:
    assert await store.get_language(1) is None
    store.set_language(1, "uk")
    store.set_language(1, "ru")
    assert await store.get_language(1) == "ru"
    await store.flush()
    assert query(db_path, "SELECT lang FROM preferences") == [("ru",)]


async def test_language_preference_survives_a_restart(db_path: Path) -> None:
    store = await open_store(db_path, SECRET)
    store.set_language(5, "en")
    await store.close()
    store = await open_store(db_path, SECRET)
    assert await store.get_language(5) == "en"
    assert await store.get_language(6) is None
    await store.close()


async def test_question_row(store: Store, db_path: Path) -> None:
    reply = make_reply(kind="suggest", lang="uk", entry_id=None, score=61, suggestions=("donors", "iom-who"))
    store.log_question(1, "хто дає гроші? мій номер 067-123-45-67", reply, "0a1b2c3d")
    await store.flush()
    assert query(db_path, "SELECT ref, lang, kind, entry_id, score, declined, suggested, text FROM questions") == [
        ("0a1b2c3d", "uk", "suggest", None, 61.0, 0, "donors iom-who", "хто дає гроші? мій номер [phone]")
    ]


async def test_feedback_counts_once_per_answer(store: Store, db_path: Path) -> None:
    store.log_question(1, "who funds IOM", make_reply(), "00000001")
    store.record_feedback(1, "00000001", "donors", True)
    store.record_feedback(1, "00000001", "donors", False)  # a second tap on the same answer
    store.record_feedback(2, "00000001", "donors", False)  # someone else (a forwarded message)
    store.record_feedback(1, "00000002", "donors", False)  # another answer
    await store.flush()
    assert sorted(query(db_path, "SELECT ref, helpful FROM feedback")) == [
        ("00000001", 0),
        ("00000001", 1),
        ("00000002", 0),
    ]


async def test_choices(store: Store, db_path: Path) -> None:
    store.record_choice(1, "00000003", "donors")
    store.record_choice(1, "00000003", "donors")
    store.record_choice(1, "00000003", "iom-who")
    await store.flush()
    assert sorted(query(db_path, "SELECT entry_id FROM choices")) == [("donors",), ("iom-who",)]


async def test_writes_in_the_background(store: Store, db_path: Path) -> None:
    store.log_question(1, "who funds IOM", make_reply(), "00000001")
    for _ in range(100):
        await asyncio.sleep(0.01)
        if count(db_path, "questions"):
            break
    assert count(db_path, "questions") == 1


async def test_close_flushes_the_queue(db_path: Path) -> None:
    store = await open_store(db_path, SECRET)
    for i in range(500):
        store.log_question(i, f"question {i}", make_reply(), f"{i:08x}")
    await store.close()
    assert count(db_path, "questions") == 500


async def test_many_concurrent_writers(store: Store, db_path: Path) -> None:
    async def conversation(user: int) -> None:
        for i in range(250):
            store.set_language(user, "uk")
            store.log_question(user, f"question {i}", make_reply(), f"{user:04x}{i:04x}")
            store.record_feedback(user, f"{user:04x}{i:04x}", "donors", i % 2 == 0)
            if i % 50 == 0:
                await store.flush()
            await asyncio.sleep(0)

    await asyncio.gather(*(conversation(user) for user in range(20)))
    assert await store.flush()
    assert count(db_path, "questions") == 5000
    assert count(db_path, "feedback") == 5000
    assert count(db_path, "preferences") == 20
    assert query(db_path, "SELECT count(DISTINCT ref) FROM questions") == [(5000,)]


async def test_several_stores_on_one_file(db_path: Path) -> None:
    """Like two bot processes by mistake: SQLite's locking plus the retries lose nothing."""
    stores = [await open_store(db_path, SECRET) for _ in range(3)]

    async def write(n: int, store: Store) -> None:
        for i in range(1000):
            store.log_question(i, "question", make_reply(), f"{n:02x}{i:06x}")
            if i % 100 == 0:
                await asyncio.sleep(0)

    await asyncio.gather(*(write(n, s) for n, s in enumerate(stores)))
    for store in stores:
        await store.close()
    assert count(db_path, "questions") == 3000


def test_batches_regroup_rows_but_not_across_deletions() -> None:
    ops = [Op("INSERT a", (1,)), Op("INSERT b", (2,)), Op("INSERT a", (3,)), Op("DELETE a", (4,)), Op("INSERT a", (5,))]
    assert list(_by_statement(ops)) == [
        ("INSERT a", [(1,), (3,)]),
        ("INSERT b", [(2,)]),
        ("DELETE a", [(4,)]),
        ("INSERT a", [(5,)]),
    ]


async def test_forget_removes_every_row_of_the_user(store: Store, db_path: Path) -> None:
    for user, name in ((1, "alpha"), (2, "bravo")):
        store.set_language(user, "en")
        store.log_question(user, f"who funds IOM, asks {name}", make_reply(), f"{user:08x}")
        store.record_feedback(user, f"{user:08x}", "donors", True)
        store.record_choice(user, f"{user:08x}", "donors")
    await store.flush()
    store.log_question(1, "still queued", make_reply(), "ffffffff")  # not yet written: must not be, either

    # 5 rows, or 6 when the writer had not taken the last question yet: then its language touch is a queued row too
    assert await store.forget(1) in (5, 6)
    assert await store.get_language(1) is None
    await store.flush()
    me, other = pseudonym(SECRET, 1), pseudonym(SECRET, 2)
    for table in ("preferences", "questions", "feedback", "choices"):
        assert query(db_path, f"SELECT DISTINCT user FROM {table}") == [(other,)], table
    on_disk = db_path.read_bytes() + Path(f"{db_path}-wal").read_bytes()  # free pages and old log frames too
    assert me.encode() not in on_disk
    assert b"alpha" not in on_disk
    assert b"bravo" in on_disk
    assert b"still queued" not in on_disk
    assert await store.forget(1) == 0


async def test_retention_purges_old_rows_at_open_and_daily(db_path: Path) -> None:
    store = await open_store(db_path, SECRET, retention_days=90)
    for user in (1, 2):
        store.set_language(user, "en")
        store.log_question(user, "who funds IOM", make_reply(), f"{user:08x}")
        store.record_feedback(user, f"{user:08x}", "donors", True)
        store.record_choice(user, f"{user:08x}", "donors")
    await store.flush()

    def age(user: int, days: int) -> None:
        for table in ("preferences", "questions", "feedback", "choices"):
            execute(db_path, f"UPDATE {table} SET at = at - ? WHERE user = ?", (days * 86_400, pseudonym(SECRET, user)))

    age(1, 91)
    age(2, 89)
    assert await store.purge()
    assert count(db_path, "questions") == count(db_path, "feedback") == count(db_path, "choices") == 1
    assert count(db_path, "preferences") == 1
    await store.close()

    age(2, 2)  # now 91 days old: gone when the bot next starts
    store = await open_store(db_path, SECRET, retention_days=90)
    await store.close()
    assert count(db_path, "questions") == count(db_path, "preferences") == 0


async def test_a_question_keeps_the_preference_alive(store: Store, db_path: Path) -> None:
    store.set_language(1, "uk")
    await store.flush()
    execute(db_path, "UPDATE preferences SET at = at - 89 * 86400")
    store.log_question(1, "who funds IOM", make_reply(), "00000001")
    await store.flush()
    assert query(db_path, "SELECT strftime('%s') - at < 60 FROM preferences") == [(1,)]


async def test_key_file_is_private_and_stable(db_path: Path) -> None:
    store = await open_store(db_path, None)
    store.set_language(7, "ru")
    await store.close()
    key = key_path(db_path)
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert len(key.read_bytes()) == 64
    store = await open_store(db_path, None)
    assert await store.get_language(7) == "ru"
    await store.close()
    assert query(db_path, "SELECT user FROM preferences") == [(pseudonym(key.read_bytes(), 7),)]


async def test_bot_secret_means_no_key_file(db_path: Path) -> None:
    store = await open_store(db_path, b"from-the-environment")
    await store.close()
    assert not key_path(db_path).exists()


async def test_no_raw_user_id_in_the_database_files(engine: Engine, db_path: Path) -> None:
    """An end-to-end conversation through the engine; then search every byte SQLite wrote."""
    user_id = 731945028
    store = await open_store(db_path, None)
    store.set_language(user_id, "uk")
    for n, text in enumerate(
        [
            "Привіт",
            "Що таке МОМ?",
            "хто фінансує ваші проєкти",
            f"my telegram id is {user_id}, write to @ivan_petrenko or +380 67 123 45 67",
            "asdkjh qwe zzz",
        ]
    ):
        reply = engine.answer(text, await store.get_language(user_id))
        ref = f"{n:08x}"
        store.log_question(user_id, text, reply, ref)
        if reply.entry_id:
            store.record_feedback(user_id, ref, reply.entry_id, True)
        for entry_id in reply.suggestions[:1]:
            store.record_choice(user_id, ref, entry_id)
    assert await store.flush()

    def stored_bytes() -> bytes:
        files = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
        return b"".join(f.read_bytes() for f in files if f.exists())

    assert pseudonym(key_path(db_path).read_bytes(), user_id).encode() in stored_bytes()  # it did write
    for needle in (str(user_id), "ivan_petrenko", "123 45 67"):
        assert needle.encode() not in stored_bytes(), needle
    await store.close()
    for needle in (str(user_id), "ivan_petrenko"):
        assert needle.encode() not in stored_bytes(), needle
