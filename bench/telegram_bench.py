"""Telegram transport benchmark: the real bot (its own process, long polling) driven through the Bot API
emulator of the e2e tests by many users at once. Prints messages per second, reply latency (median, p99),
CPU time per process, and with --profile the bot's hottest functions.

Telegram lets a bot send about 30 messages a second; the outgoing limiter is opened up here (--telegram-limits
puts it back) to measure what the bot itself can do.

Run: .venv/bin/python bench/telegram_bench.py [--users 200] [--questions 2] [--profile] [--store]
Needs `npm ci` (telegram-test-api) like the e2e tests.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import io
import json
import os
import pstats
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import TELEGRAM_MESSAGES_PER_SECOND, Settings  # noqa: E402
from bot.engine import LANGS, Engine  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.transport import run as transport_run  # noqa: E402
from tests.e2e.emulator import Emulator  # noqa: E402

TOKEN = "555000:BENCHbenchBENCHbenchBENCHbench_0000"
DECLINED = ("how do I bake bread", "рецепт борщу", "курс доллара сегодня", "weather in Kyiv tomorrow")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SOLO_QUESTIONS = 50


def serve(api_url: str, profile_to: str | None, database: str | None, telegram_limits: bool) -> None:
    """The bot process: what `iom-bot run` does, with the outgoing limiter opened up unless asked not to."""
    settings = Settings(
        token=TOKEN,
        api_url=api_url,
        database_path=Path(database) if database else None,
        outgoing_per_second=TELEGRAM_MESSAGES_PER_SECOND if telegram_limits else 0,
        user_burst=1_000_000,  # the per-user flood limit is not what is measured
    )
    engine = Engine(load_knowledge(settings.knowledge_dir))
    profiler = cProfile.Profile() if profile_to else None
    if profiler:
        profiler.enable()
    asyncio.run(transport_run.serve(settings, engine))
    if profiler and profile_to:
        profiler.disable()
        profiler.dump_stats(profile_to)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def questions(engine: Engine, count: int, seed: int = 7) -> list[str]:
    """Real phrasings from the knowledge in all three languages, with a few that will be declined."""
    pool = [q for e in engine.kb.entries.values() for lang in LANGS for q in e.questions[lang][1:]]
    rng = random.Random(seed)
    return [rng.choice(DECLINED) if rng.random() < 0.05 else rng.choice(pool) for _ in range(count)]


@dataclasses.dataclass
class Result:
    latencies: list[float]  # under load: every user asking at once
    elapsed: float
    cpu: dict[str, float]
    alone: list[float]  # one user asking at a time, nobody else: the latency floor


async def drive(emulator: Emulator, users: int, per_user: int, engine: Engine, bot_pid: int) -> Result:
    waiting: dict[int, asyncio.Future[float]] = {}

    def on_bot_message(message: dict) -> None:
        future = waiting.pop(message["chat"]["id"], None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    emulator.on_bot_message = on_bot_message
    texts = questions(engine, users * per_user)
    latencies: list[float] = []

    async def ask(user_id: int, text: str) -> float:
        """One question through the emulator's /sendMessage client endpoint (called in this process, where
        the wrapper runs); the time until the bot's reply reaches the emulator."""
        reply = waiting[user_id] = asyncio.get_running_loop().create_future()
        sent = time.perf_counter()
        message = {"botToken": TOKEN, "from": {"id": user_id, "is_bot": False, "first_name": "B"},
                   "chat": {"id": user_id, "type": "private"}, "date": int(time.time()), "text": text}  # fmt: skip
        status, _ = await emulator.client_call("sendMessage", json.dumps(message).encode(), "application/json")
        assert status == 200
        return await asyncio.wait_for(reply, 60) - sent

    await ask(1, "hello")  # the bot is up and polling
    alone = [await ask(2, text) for text in texts[:SOLO_QUESTIONS]]

    async def user(index: int) -> None:
        for turn in range(per_user):
            latencies.append(await ask(10_000 + index, texts[index * per_user + turn]))

    cpu_before = {"bot": cpu_seconds(bot_pid), "emulator (node)": cpu_seconds(emulator.node_pid),
                  "wrapper + users (this process)": own_cpu()}  # fmt: skip
    start = time.perf_counter()
    await asyncio.gather(*(user(i) for i in range(users)))
    elapsed = time.perf_counter() - start
    cpu_after = {"bot": cpu_seconds(bot_pid), "emulator (node)": cpu_seconds(emulator.node_pid),
                 "wrapper + users (this process)": own_cpu()}  # fmt: skip
    return Result(latencies, elapsed, {k: cpu_after[k] - cpu_before[k] for k in cpu_before}, alone)


def spread(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    median = statistics.median(ordered)
    return f"median {median * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"


def report(result: Result, profile: str | None) -> None:
    count = len(result.latencies)
    print(f"one user alone, {len(result.alone)} questions in turn: reply latency {spread(result.alone)}")
    print(f"{count} questions answered in {result.elapsed:.2f} s: {count / result.elapsed:.0f} messages/second")
    print(f"reply latency under that load: {spread(result.latencies)}")
    print("CPU seconds during the run (2 cores = 2 s per wall second):")
    for name, seconds in result.cpu.items():
        print(f"  {name:32} {seconds:6.2f} s  ({seconds / result.elapsed:4.0%} of a core)")
    bot_cpu = result.cpu["bot"]
    print(f"bot CPU per message {bot_cpu / count * 1000:.2f} ms: one free core would carry about "
          f"{count / bot_cpu:.0f} messages/second (the figure that does not depend on other load)")  # fmt: skip
    if profile:
        where_the_time_goes(profile, count)


PROFILE_PARTS = (  # label: functions whose cumulative time it adds up (the indented rows are inside the first)
    ("handling updates (Application.process_update)", {("telegram/ext/_application.py", "process_update")}),
    ("  answering (Engine.answer)", {("bot/engine/engine.py", "answer")}),
    ("  keyboards and HTML", {("transport/keyboards.py", "for_reply"), ("transport/formatting.py", "reply_html")}),
    ("HTTP requests (aiohttp)", {("aiohttp/client.py", "_request")}),
    ("decoding JSON into objects (Message.de_json)", {("telegram/_message.py", "de_json")}),
    ("idle, waiting for the network (epoll)", {("~", "<method 'poll' of 'select.epoll' objects>")}),
)


def where_the_time_goes(profile: str, messages: int) -> None:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    print("\nbot process under cProfile (which slows it down; whole run incl. start-up), per message:")
    for label, functions in PROFILE_PARTS:
        seconds = sum(
            cumulative
            for (filename, _, name), (_, _, _, cumulative, _) in stats.items()
            if any(filename.endswith(suffix) and name == function for suffix, function in functions)
        )
        print(f"  {label:50} {seconds / messages * 1000:6.2f} ms")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
    print("hottest functions by own time:")
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


async def main(args: argparse.Namespace) -> None:
    engine = Engine(load_knowledge(Settings().knowledge_dir))
    emulator = await Emulator.start()
    workdir = tempfile.TemporaryDirectory()
    profile = os.path.join(workdir.name, "bot.prof") if args.profile else None
    command = [sys.executable, __file__, "--serve", emulator.url]
    if profile:
        command += ["--profile-to", profile]
    if args.store:
        command += ["--database", os.path.join(workdir.name, "bot.sqlite3")]
    if args.telegram_limits:
        command.append("--telegram-limits")
    bot = subprocess.Popen(command, cwd=ROOT)
    peak = "unknown"
    try:
        result = await drive(emulator, args.users, args.questions, engine, bot.pid)
        peak = peak_memory(bot.pid)
    finally:
        bot.send_signal(signal.SIGTERM)
        await asyncio.to_thread(bot.wait, 30)
        await emulator.stop()
    limiter = "30 msg/s (Telegram)" if args.telegram_limits else "off"
    store = "a SQLite file" if args.store else "none"
    print(f"\n{args.users} users x {args.questions} questions; outgoing limiter {limiter}; store {store}")
    report(result, profile)
    print(f"bot process peak resident memory: {peak}")
    workdir.cleanup()


def peak_memory(pid: int) -> str:
    """The bot process's peak resident set (VmHWM), read from /proc while it still runs."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "unknown"
    kib = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return f"{kib / 1024:.0f} MB"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--questions", type=int, default=2, help="questions per user, each after the last reply")
    parser.add_argument("--profile", action="store_true", help="run the bot under cProfile")
    parser.add_argument("--store", action="store_true", help="with the SQLite store (a temporary file)")
    parser.add_argument("--telegram-limits", action="store_true", help="keep the 30 messages/second cap")
    parser.add_argument("--serve", metavar="API_URL", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(options.serve, options.profile_to, options.database, options.telegram_limits)
    else:
        asyncio.run(main(options))
