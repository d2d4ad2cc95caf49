from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.transport.updates import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat))


async def test_one_chat_in_order_many_chats_at_once() -> None:
    processor = PerChatUpdateProcessor(16)
    events: list[tuple[str, int]] = []
    running = 0
    most = 0

    async def handle(update: Update, delay: float) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        events.append(("start", update.update_id))
        await asyncio.sleep(delay)
        events.append(("end", update.update_id))
        running -= 1

    updates = [_update(1, 10), _update(2, 10), _update(3, 20), _update(4, 10)]
    delays = {1: 0.05, 2: 0.0, 3: 0.01, 4: 0.0}
    await asyncio.gather(*(processor.process_update(u, handle(u, delays[u.update_id])) for u in updates))
    chat_10 = [i for kind, i in events if kind == "end" and i in (1, 2, 4)]
    assert chat_10 == [1, 2, 4]
    assert events.index(("end", 3)) < events.index(("end", 1))  # chat 20 did not wait for chat 10
    assert most == 2
    assert processor._locks == {} and processor._holders == {}


async def test_abandon_cancels_the_updates_being_handled_and_skips_those_that_wait() -> None:
    processor = PerChatUpdateProcessor(16)
    finished: list[int] = []

    async def handle(update: Update) -> None:
        await asyncio.sleep(10)
        finished.append(update.update_id)

    first = asyncio.create_task(processor.process_update(_update(1, 10), handle(_update(1, 10))))
    waiting = asyncio.create_task(processor.process_update(_update(2, 10), handle(_update(2, 10))))  # same chat
    await asyncio.sleep(0.01)
    assert processor.handling == 2
    processor.abandon()
    await asyncio.gather(first, waiting, return_exceptions=True)
    later = handle(_update(3, 20))
    await processor.process_update(_update(3, 20), later)
    assert finished == [] and processor.handling == 0
    assert later.cr_frame is None  # closed without running: no "never awaited" warning
