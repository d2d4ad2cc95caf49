"""How the bot process ends: SIGTERM / SIGINT (exit 0), or an unrecoverable error (exit 1).

An unrecoverable error (the token rejected, at start or later) must end the process: a process that stays up
without answering is worse than one that exits, because the container's restart policy acts only on an exit
and the operator sees one clear line about why. Either way the same orderly shutdown follows (run.py), within
the 10 seconds `docker stop` waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

SIGNALS = (signal.SIGTERM, signal.SIGINT)
EXIT_FATAL = 1
# Not the library's message, which quotes the token (the log would redact it, but it says nothing more).
TOKEN_REJECTED = "the Bot API rejected the token (401 Unauthorized): check TELEGRAM_BOT_TOKEN"


class Lifecycle:
    def __init__(self) -> None:
        self._stopping = asyncio.Event()
        self.exit_code = 0
        self.failed = False  # an unrecoverable error: what is still being handled is not done

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def stop(self, reason: str) -> None:
        if self.stopping:
            log.info("%s: already stopping", reason)
            return
        log.info("%s: stopping", reason)
        self._stopping.set()

    def fail(self, reason: str) -> None:
        """One critical line, then the shutdown, and exit code EXIT_FATAL."""
        if self.failed:
            return
        self.failed = True
        self.exit_code = EXIT_FATAL
        log.critical("%s: exiting with code %d (nothing more can be done without the operator)", reason, EXIT_FATAL)
        self._stopping.set()

    async def wait(self) -> None:
        await self._stopping.wait()

    async def unless_stopped(self, work: Awaitable[T]) -> T | None:
        """`work`'s result, or None (and `work` cancelled) if the bot starts stopping first: nothing at start
        (a getMe retried for seconds, say) may keep SIGTERM from ending the process in time."""
        task = asyncio.ensure_future(work)
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait((task, stopping), return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            return None
        return task.result()

    async def sleep(self, seconds: float) -> None:
        """Sleeps, but no longer than until the bot starts stopping."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def install_signals(self) -> None:
        """SIGTERM and SIGINT start the shutdown; a second one does not cut it short."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
            for number in SIGNALS:
                loop.add_signal_handler(number, self.stop, number.name)

    def remove_signals(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            for number in SIGNALS:
                loop.remove_signal_handler(number)
