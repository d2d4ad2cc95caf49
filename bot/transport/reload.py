"""Hot reload of the knowledge: validated and built off the event loop, then swapped in with one assignment.

Triggers: a change under KNOWLEDGE_DIR (watchfiles, debounced), SIGHUP, and /reload from an admin (admin.py).
The new Engine is built in a worker thread, so answers go on meanwhile; bot_data.engine is then replaced
in one assignment. Updates already being handled keep the engine they started with (BotContext takes it
when handling starts). Knowledge with errors is refused: the old engine stays live, the log gets a warning
and every admin the file:line findings.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import NamedTuple

from telegram.error import TelegramError
from watchfiles import awatch

from bot.engine import Engine
from bot.engine.startup import engine_for
from bot.knowledge import KnowledgeError
from bot.transport.admin import tell_admins
from bot.transport.commands import register_commands
from bot.transport.context import BotApplication

log = logging.getLogger(__name__)

MAX_FINDINGS = 20  # in one admin message; the rest are counted


class Outcome(NamedTuple):
    ok: bool
    text: str  # for the admin who asked: what is live now, or why the new knowledge was refused


class Reloader:
    def __init__(
        self, application: BotApplication, folder: Path, admin_ids: frozenset[int], learned: Path | None = None
    ) -> None:
        self._application = application
        self._folder = folder
        self._learned = learned  # learned.yaml, loaded with the folder (bot.knowledge.check_knowledge)
        self._admin_ids = admin_ids
        self._lock = asyncio.Lock()  # one reload at a time: the last one started is the one that stays
        self._stop = asyncio.Event()
        self._tasks: set[asyncio.Task[object]] = set()

    async def reload(self, trigger: str) -> Outcome:
        async with self._lock:
            started = time.perf_counter()
            try:
                engine = await asyncio.to_thread(_build, self._folder, self._learned)
            except Exception as exc:
                return await self._refuse(trigger, exc)
            built = time.perf_counter()
            self._application.bot_data.engine = engine
            swapped = time.perf_counter()
            log.info(
                "knowledge reloaded (%s): %d entries, built in %.0f ms beside the event loop, swapped in %.1f µs",
                trigger,
                len(engine.kb.entries),
                (built - started) * 1e3,
                (swapped - built) * 1e6,
            )
            try:
                await register_commands(self._application.bot, engine.kb)
            except TelegramError as exc:
                log.warning("the command menu keeps its old texts: %s", exc)
            return Outcome(
                True, f"Knowledge reloaded: {len(engine.kb.entries)} entries in {len(engine.kb.topics)} topics."
            )

    async def _refuse(self, trigger: str, exc: Exception) -> Outcome:
        if isinstance(exc, KnowledgeError):
            problems = [str(f) for f in exc.findings if f.severity == "error"]
        else:  # unreadable files and the like: still refused, never fatal
            problems = [f"{type(exc).__name__}: {exc}"]
        log.warning(
            "knowledge reload (%s) refused, the previous knowledge stays live: %s", trigger, "; ".join(problems)
        )
        shown = problems[:MAX_FINDINGS]
        if len(problems) > len(shown):
            shown.append(f"… and {len(problems) - len(shown)} more (iom-bot validate lists them all)")
        text = f"New knowledge refused ({trigger}); the previous knowledge stays live.\n" + "\n".join(shown)
        await tell_admins(self._application.bot, self._admin_ids, text)
        return Outcome(False, text)

    def start(self) -> None:
        """Reload on SIGHUP and when files under the folder change."""
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._on_sighup)
        self._spawn(self._watch())

    async def stop(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        self._stop.set()  # the watcher's thread looks at it every 50 ms
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _on_sighup(self) -> None:
        self._spawn(self.reload("SIGHUP"))

    def _spawn(self, coroutine: Coroutine[object, object, object]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _watch(self) -> None:
        try:
            async for changes in awatch(self._folder, stop_event=self._stop):
                names = sorted({Path(path).name for _, path in changes if path.endswith((".yaml", ".yml"))})
                await self.reload(f"changed: {', '.join(names) or 'files'}")  # editors' temporary files unnamed
        except Exception as exc:  # e.g. the folder vanished, or the OS's limit of watches is reached
            log.warning("not watching %s any more (%s); SIGHUP or /reload still reload it", self._folder, exc)


def _build(folder: Path, learned: Path | None) -> Engine:
    """Runs in a worker thread: loading, validating and indexing take a few hundred milliseconds, and the new engine
    loads its models before it takes over."""
    engine = engine_for(folder, learned)
    engine.warm()
    return engine
