"""Rate limits: Telegram's on what the bot sends, and a per-user limit on incoming messages and button
presses, so one user cannot flood the bot.

Outgoing: AIORateLimiter keeps to Telegram's limits on messages; acknowledgements of button presses and
inline queries are not messages and must come within seconds, so they never wait behind a backlog of
answers (UNMETERED).

Incoming: a token bucket per user, `burst` updates at once, refilled at `per_second`. The first update over
the limit gets one polite notice; the rest are dropped silently until the bucket refills.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import Enum
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationHandlerStop, TypeHandler

from bot.transport.addressing import ADDRESSED
from bot.transport.callbacks import acknowledge
from bot.transport.context import BotContext
from bot.transport.formatting import plain_html

MAX_TRACKED = 10_000
UNMETERED = frozenset({"answerCallbackQuery", "answerInlineQuery"})


class OutgoingRateLimiter(AIORateLimiter):
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint in UNMETERED:
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit, first time in this streak: tell the user once
    DROP = "drop"


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float
    notified: bool = False


class UserRateLimiter:
    def __init__(self, burst: int, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.per_second = per_second
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}

    def check(self, user_id: int) -> Verdict:
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED:
                self._forget_idle(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.per_second)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.notified = False
            return Verdict.ALLOW
        if bucket.notified:
            return Verdict.DROP
        bucket.notified = True
        return Verdict.NOTIFY

    def _forget_idle(self, now: float) -> None:
        """Drops users whose bucket has refilled: they are indistinguishable from new ones."""
        refill = self.burst / self.per_second if self.per_second else float("inf")
        self._buckets = {u: b for u, b in self._buckets.items() if now - b.stamp < refill}


def rate_limit_handler(limiter: UserRateLimiter) -> TypeHandler[Update, BotContext, None]:
    """A handler for group -1 that stops over-limit messages and button presses before any other."""

    async def enforce(update: Update, context: BotContext) -> None:
        user = update.effective_user
        addressed = update.effective_message is not None and bool(ADDRESSED.check_update(update))
        if user is None or not (update.callback_query or addressed):
            return
        verdict = limiter.check(user.id)
        if verdict is Verdict.ALLOW:
            return
        if update.callback_query:
            await acknowledge(update.callback_query, context.kb.text("rate_limited", await context.lang(update)))
        elif verdict is Verdict.NOTIFY and update.effective_chat:
            await update.effective_chat.send_message(
                plain_html(context.kb.text("rate_limited", await context.lang(update)))
            )
        raise ApplicationHandlerStop

    return TypeHandler(Update, enforce)
