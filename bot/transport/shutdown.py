"""SIGTERM / SIGINT with a deadline: stop taking updates, finish those in flight, flush the store, exit 0.

python-telegram-bot's own handler already stops fetching and waits for every update it has fetched; but it
fetches up to 100 at a time and replies leave at Telegram's 30 per second, so a backlog can outlast the
10 seconds `docker stop` waits before its SIGKILL, which would lose the store's queued writes as well.
This handler starts the same shutdown and, GRACE seconds later, abandons what is still being handled, so
that the store is always flushed in time. A second signal does not cut the shutdown short.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from bot.transport.context import BotApplication
from bot.transport.updates import PerChatUpdateProcessor

log = logging.getLogger(__name__)

GRACE = 7.0  # seconds for the updates in flight; the rest of the 10 s is for flushing the store and exiting
SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install(application: BotApplication) -> None:
    """Takes SIGTERM and SIGINT over from run_polling / run_webhook; call it from post_init."""
    processor = application.update_processor
    assert isinstance(processor, PerChatUpdateProcessor)
    loop = asyncio.get_running_loop()
    stopping = False

    def stop(name: str) -> None:
        nonlocal stopping
        if stopping:
            log.info("%s: already stopping", name)
            return
        stopping = True
        log.info("%s: taking no more updates, finishing the %d in flight", name, processor.handling)
        loop.call_later(GRACE, give_up)
        raise SystemExit  # what python-telegram-bot's handler does: run_polling then shuts down in order

    def give_up() -> None:
        if processor.handling:
            log.warning("shutdown: %d updates not finished within %.0f s, abandoned", processor.handling, GRACE)
            processor.abandon()

    with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
        for number in SIGNALS:
            loop.add_signal_handler(number, stop, number.name)
