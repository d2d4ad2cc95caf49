"""`iom-bot run`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, otherwise the console conversation."""

from __future__ import annotations

import argparse
import dataclasses
import os
import stat
import sys
from pathlib import Path

from bot.cli import chat
from bot.cli.common import add_knowledge_option, load_engine


def add_parser(subparsers: argparse._SubParsersAction) -> None:
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
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    if not settings.token:
        if not _someone_is_typing():
            print("Cannot start: TELEGRAM_BOT_TOKEN is not set.", file=sys.stderr)
            return 2
        print("TELEGRAM_BOT_TOKEN is not set: starting a console conversation instead of Telegram.\n")
        return chat.run(args)
    if args.knowledge:
        settings = dataclasses.replace(settings, knowledge_dir=Path(args.knowledge))
    args.knowledge = str(settings.knowledge_dir)
    args.database = settings.database_path  # its folder's learned.yaml is loaded with the knowledge
    engine = load_engine(args)  # invalid knowledge: says file:line and exits 1 before touching Telegram
    from bot.transport.run import run as run_telegram  # Telegram libraries load only when needed

    return run_telegram(settings, engine)
