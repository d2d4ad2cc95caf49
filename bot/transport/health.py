"""Liveness, for `iom-bot healthcheck`: a heartbeat file the bot touches (and GET /healthz in webhook mode,
served by webhook.py).

A task on the bot's event loop touches the file, and only while the Application runs and updates come in
(when polling, getUpdates has answered lately); so a stopped or frozen process, a blocked loop, a dead
poller and an unreachable Telegram all let the file go stale. The healthcheck runs as another process (the
container's HEALTHCHECK) and only reads the file's age, so it needs nothing from the bot but the path.
A problem is logged when it starts or changes, and then at most once a minute while it lasts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

from bot.transport.intake import REPEAT_WARNING

log = logging.getLogger(__name__)

BEAT_EVERY = 5.0  # seconds between two touches (less when the allowed age is shorter)
STARTING_EVERY = 0.5  # seconds between two looks while the bot starts, so that it is healthy soon
POLL_SILENCE = 30.0  # seconds without an answer to getUpdates; long polls return at least every 10 s

Problem = tuple[str, str]  # what is wrong (compared to log a change), and the words with the figures of now


class Heartbeat:
    def __init__(self, path: Path, max_age: float) -> None:
        self.path = path
        self._every = min(BEAT_EVERY, max_age / 4)
        self._task: asyncio.Task[None] | None = None

    def start(self, check: Callable[[], Problem | None]) -> None:
        """`check` says why the bot is not alive now, or None."""
        # A file left by an earlier run must not vouch for this one while it starts.
        self.path.unlink(missing_ok=True)
        self._task = asyncio.create_task(self._run(check), name="heartbeat")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.path.unlink(missing_ok=True)

    async def _run(self, check: Callable[[], Problem | None]) -> None:
        checked = False  # quiet while starting: until the bot has been up once, "not running" is expected
        last: str | None = "starting"
        warned = float("-inf")
        while True:
            problem = check()
            if problem is None:
                checked = True
                problem = self._touch()
            kind = problem[0] if problem else None
            if checked and (kind != last or (kind and time.monotonic() - warned >= REPEAT_WARNING)):
                if problem is None:
                    log.info("alive: heartbeat %s touched every %.1f s", self.path, self._every)
                else:
                    log.warning("not alive: %s", problem[1])
                    warned = time.monotonic()
            last = kind
            await asyncio.sleep(self._every if checked else STARTING_EVERY)

    def _touch(self) -> Problem | None:
        try:
            self.path.touch()
        except OSError as exc:
            return "heartbeat", f"cannot write the heartbeat, so `iom-bot healthcheck` fails: {exc}"
        return None


def poll_silence(answered_at: float) -> Problem | None:
    silence = time.monotonic() - answered_at
    if silence > POLL_SILENCE:
        return "polling", f"getUpdates has not answered for {silence:.0f} s"
    return None
