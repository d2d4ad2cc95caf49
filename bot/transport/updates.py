"""Concurrent update processing that keeps each chat's order: many users are served at once, while one
user's messages (a /language choice, then a question) are handled in the order they were sent.

It also tells the intake how much is waiting (backlog), so that fetching pauses while the backlog is long,
and reports each update handled to the inbox (`on_done`), so that it is not answered again after a restart.
At shutdown past its deadline, the updates still being handled can be abandoned: they are not reported done
and stay in the inbox for the next start.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine

from telegram import Update
from telegram.ext import BaseUpdateProcessor

UNBOUNDED = 1_000_000  # the base class's own limit: none in effect; the limits are applied here


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        """At most `max_concurrent_updates` messages are handled at once. Button presses and inline queries
        take no slot: the slots may all be held by answers waiting for Telegram's rate limit, and a press
        must be acknowledged within seconds."""
        super().__init__(UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}
        self._handling: set[asyncio.Task[object]] = set()
        self._received = 0
        self._giving_up = False
        self.on_done: Callable[[Update], None] | None = None  # called once an update was handled to the end

    @property
    def handling(self) -> int:
        """Updates being handled or waiting for their chat's turn."""
        return len(self._handling)

    @property
    def backlog(self) -> int:
        """Updates handed over and not finished: also those waiting for a free slot."""
        return self._received

    def abandon(self) -> None:
        """Cancels the updates being handled and skips those that come after: shutdown is out of time."""
        self._giving_up = True
        for task in self._handling:
            task.cancel()

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        task = asyncio.current_task()
        assert task is not None  # python-telegram-bot handles each update in a task of its own
        self._received += 1
        try:
            if self._giving_up:
                return
            self._handling.add(task)
            await self._in_order(update, coroutine)
            if not self._giving_up and self.on_done is not None and isinstance(update, Update):
                self.on_done(update)  # errors went to the error handler: handled as well as it can be
        finally:
            self._received -= 1
            self._handling.discard(task)
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # no-op once it ran; if abandoned before its turn, no "never awaited" warning

    async def _in_order(self, update: object, coroutine: Awaitable[object]) -> None:
        key = _chat_key(update)
        if key is None:  # inline queries and the like: no order to keep
            await self._in_slot(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:  # the chat's turn first: one chat's queued messages hold no slot
                await self._in_slot(update, coroutine)
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]

    async def _in_slot(self, update: object, coroutine: Awaitable[object]) -> None:
        if isinstance(update, Update) and (update.callback_query or update.inline_query):
            await coroutine
            return
        async with self._slots:
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update) and not update.inline_query and update.effective_chat:
        return update.effective_chat.id
    return None
