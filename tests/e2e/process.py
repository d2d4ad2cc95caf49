"""The bot as operators run it: `iom-bot run` in its own process, configured by environment variables only,
and `iom-bot healthcheck` beside it with the same environment."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.e2e.emulator import ROOT


def environment(token: str, env: dict[str, str]) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "HEARTBEAT_", "LOG_"))}
    return base | {"TELEGRAM_BOT_TOKEN": token, "LOG_LEVEL": "DEBUG", "DATABASE_PATH": ""} | env


class BotProcess:
    def __init__(self, token: str, env: dict[str, str], log: Path) -> None:
        self.env = environment(token, env)
        self.log = log
        self._file = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._file,
            stderr=subprocess.STDOUT,
        )

    def signal(self, number: signal.Signals) -> None:
        self.process.send_signal(number)

    async def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM; the exit code, which must come within `timeout` seconds. Waits without blocking the event
        loop, where the emulator must go on answering the bot while it shuts down."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.to_thread(self.process.wait, timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._file.close()

    def output(self) -> str:
        return self.log.read_text()

    async def healthcheck(self) -> tuple[int, str]:
        """`iom-bot healthcheck` as the container runs it: exit code and its one line."""
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot.cli", "healthcheck"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return done.returncode, done.stdout.strip()


class Bots:
    """The bot processes one test starts, all stopped when it ends (SIGCONT first: a test may freeze one)."""

    def __init__(self, token: str, folder: Path) -> None:
        self.token = token
        self.folder = folder
        self.started: list[BotProcess] = []

    def start(self, env: dict[str, str]) -> BotProcess:
        self.started.append(BotProcess(self.token, env, self.folder / f"bot{len(self.started)}.log"))
        return self.started[-1]

    async def stop_all(self) -> None:
        for process in self.started:
            if process.process.poll() is None:
                process.signal(signal.SIGCONT)
                await process.stop()
