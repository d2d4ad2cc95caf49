"""`iom-bot run`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, otherwise the console conversation."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import stat
import sys
from pathlib import Path

from bot.cli import chat
from bot.cli.common import add_knowledge_option
from bot.engine.startup import engine_for
from bot.knowledge import KnowledgeError

log = logging.getLogger("bot.cli.run")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("run", help="run the bot (Telegram if TELEGRAM_BOT_TOKEN is set, else console)")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def _someone_is_typing() -> bool:
    """A terminal or piped input: worth a console conversation. /dev/null (a container) is not."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError):
        return False
    return sys.stdin.isatty() or stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def run(args: argparse.Namespace) -> int:
    """Every reason not to start is one log line through the bot's logging setup (JSON when LOG_FORMAT asks,
    the token and webhook secret redacted), never a traceback: operators read it in `docker logs`."""
    from bot.config import ConfigError, Settings
    from bot.transport.logging_setup import configure_from_env

    configure_from_env()
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        log.critical("cannot start: %s", exc)
        return 2
    if not settings.token:
        if not _someone_is_typing():
            log.critical("cannot start: TELEGRAM_BOT_TOKEN is not set")
            return 2
        print("TELEGRAM_BOT_TOKEN is not set: starting a console conversation instead of Telegram.\n")
        return chat.run(args)
    if args.knowledge:
        settings = dataclasses.replace(settings, knowledge_dir=Path(args.knowledge))
    try:  # invalid knowledge: file:line, and exit 1 before touching Telegram
        engine = engine_for(settings.knowledge_dir, settings.learned_path)
    except KnowledgeError as exc:
        problems = "; ".join(str(f) for f in exc.findings if f.severity == "error")
        log.critical("cannot start: the knowledge in %s is not valid: %s", settings.knowledge_dir, problems)
        return 1
    from bot.transport.run import run as run_telegram  # Telegram libraries load only when needed

    return run_telegram(settings, engine)
