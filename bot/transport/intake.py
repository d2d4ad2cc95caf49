"""From Telegram to the handlers with nothing lost: updates are kept in the store's inbox before Telegram is
told they arrived, and fetching pauses while the backlog is long.

Telegram counts an update as delivered once getUpdates is called with a higher offset (or once the webhook
request is answered 200). python-telegram-bot's Updater asks for the next batch at once, so under load
minutes of accepted updates lived only in memory; here each batch is in the inbox (bot/storage/inbox.py)
before the next getUpdates, and no batch is asked for while the backlog is more than BACKLOG_SECONDS of
sending at Telegram's rate: the rest waits at Telegram, not in our memory.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Update
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError

from bot.transport.context import BotApplication
from bot.transport.lifecycle import TOKEN_REJECTED, Lifecycle
from bot.transport.request import AiohttpRequest
from bot.transport.updates import PerChatUpdateProcessor

log = logging.getLogger(__name__)

# Edited messages too: someone who fixes a typo in a question expects the answer to the fixed one.
ALLOWED_UPDATES = (Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY)
BACKLOG_SECONDS = 10.0  # of sending at the outgoing rate: the most fetched and not yet answered
UNLIMITED_BACKLOG = 1_000  # updates, when the outgoing rate is not limited (benchmarks)
BATCH = 100  # updates per getUpdates, Telegram's maximum
POLL_TIMEOUT = 10  # seconds a getUpdates is held open by Telegram when there is nothing
ROOM_CHECK = 0.05  # seconds between two looks at the backlog while it is full
FIRST_DELAY, MAX_DELAY = 0.5, 30.0  # seconds of backoff after a failed getUpdates (or getMe at start)
REPEAT_WARNING = 60.0  # seconds: the same problem is logged again at most this often
STOP_WAIT = 3.0  # seconds for the loop to finish keeping a batch when the bot stops


class Backoff:
    """Growing waits between tries, and a warning when the problem changes and at most once a minute."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._delay = FIRST_DELAY
        self._problem: str | None = None
        self._warned = float("-inf")

    def failed(self, problem: str) -> float:
        """Logs (if due) and returns the seconds to wait before the next try."""
        now = time.monotonic()
        if problem != self._problem or now - self._warned >= REPEAT_WARNING:
            log.warning("%s failed (%s); trying again, next in %.1f s", self._what, problem, self._delay)
            self._warned = now
        self._problem = problem
        delay, self._delay = self._delay, min(self._delay * 2, MAX_DELAY)
        return delay

    def succeeded(self) -> None:
        if self._problem is not None:
            log.info("%s works again", self._what)
        self._problem, self._delay = None, FIRST_DELAY


class Intake:
    def __init__(self, application: BotApplication) -> None:
        self._application = application
        processor = application.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        self._processor = processor
        rate = application.bot_data.settings.outgoing_per_second
        self.limit = int(rate * BACKLOG_SECONDS) if rate else UNLIMITED_BACKLOG

    @property
    def backlog(self) -> int:
        """Updates received and not finished: queued, waiting for a slot, or being handled."""
        return self._application.update_queue.qsize() + self._processor.backlog

    def room(self) -> int:
        return max(0, self.limit - self.backlog)

    async def wait_for_room(self, lifecycle: Lifecycle) -> None:
        while not self.room() and not lifecycle.stopping:
            await asyncio.sleep(ROOM_CHECK)

    async def accept(self, updates: list[Update]) -> None:
        """Keeps the updates in the inbox, then hands them to the handlers; returns once they are on disk,
        so the caller may then confirm them to Telegram. One delivered again after being kept is left out."""
        store = self._application.bot_data.store
        if store is not None:
            new = {u["update_id"] for u in await store.inbox.keep([u.to_dict() for u in updates])}
            updates = [u for u in updates if u.update_id in new]
        for update in updates:
            await self._application.update_queue.put(update)

    async def replay(self) -> int:
        """Hands over what the last run kept but did not finish (a crash, or a shutdown out of time)."""
        store = self._application.bot_data.store
        if store is None:
            return 0
        left = await store.inbox.left_over()
        if left:
            log.info("inbox: answering %d updates the last run received and did not finish", len(left))
        for data in left:
            try:
                update = Update.de_json(data, self._application.bot)
            except Exception as exc:  # kept by an older version, say: never a reason not to start
                log.warning("inbox: update %s cannot be read (%s), dropped", data.get("update_id"), exc)
                store.inbox.done(int(data.get("update_id", 0)))
                continue
            await self._application.update_queue.put(update)
        return len(left)

    def done(self, update: Update) -> None:
        """The processor's report that an update was handled (not when the bot failed meanwhile: a rejected
        token let nothing be sent, so the update stays for the next start)."""
        store = self._application.bot_data.store
        lifecycle = self._application.bot_data.lifecycle
        if store is not None and not (lifecycle is not None and lifecycle.failed):
            store.inbox.done(update.update_id)


class Poller:
    """getUpdates in a loop: a batch is asked for only when there is room, and confirmed (the next offset) only
    once the intake has kept it."""

    def __init__(self, application: BotApplication, intake: Intake, lifecycle: Lifecycle, request: AiohttpRequest):
        self._application = application
        self._intake = intake
        self._lifecycle = lifecycle
        self.request = request  # its answered_at is the heartbeat's proof that polling works
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        backoff = Backoff("deleteWebhook")
        while not self._lifecycle.stopping:  # a webhook left from webhook mode would make getUpdates fail
            try:
                await self._application.bot.delete_webhook()
                break
            except InvalidToken:
                self._lifecycle.fail(TOKEN_REJECTED)
            except TelegramError as exc:
                await self._lifecycle.sleep(backoff.failed(str(exc)))
        self._task = asyncio.create_task(self._run(), name="poller")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        """No more fetching (call once the lifecycle is stopping): a getUpdates in flight is dropped, and
        Telegram delivers its updates again; a batch being kept is kept to the end."""
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), STOP_WAIT)
            except TimeoutError:
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        bot = self._application.bot
        backoff = Backoff("getUpdates")
        offset: int | None = None
        try:
            while not self._lifecycle.stopping:
                await self._intake.wait_for_room(self._lifecycle)
                limit = min(BATCH, max(1, self._intake.room()))
                poll = bot.get_updates(
                    offset=offset, limit=limit, timeout=POLL_TIMEOUT, allowed_updates=ALLOWED_UPDATES
                )
                try:
                    updates = await self._lifecycle.unless_stopped(poll)
                except InvalidToken:
                    self._lifecycle.fail(TOKEN_REJECTED)
                    return
                except RetryAfter as exc:
                    await self._lifecycle.sleep(exc.retry_after if isinstance(exc.retry_after, int | float) else 1)
                    continue
                except (Conflict, TelegramError) as exc:  # Conflict: another process polls with this token
                    await self._lifecycle.sleep(backoff.failed(f"{type(exc).__name__}: {exc}"))
                    continue
                if updates is None:  # stopping: what that getUpdates would have brought stays with Telegram
                    return
                backoff.succeeded()
                if updates:
                    await self._intake.accept(list(updates))
                    offset = updates[-1].update_id + 1
        except Exception as exc:  # a bug here would leave a process that no longer fetches: end it instead
            log.critical("the update loop died", exc_info=exc)
            self._lifecycle.fail("the update loop died")
