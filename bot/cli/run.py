"""`iom-bot run`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, otherwise the console conversation."""

from __future__ import annotations

import argparse
import os

from bot.cli import chat
from bot.cli.common import add_knowledge_option


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="run the bot (Telegram if TELEGRAM_BOT_TOKEN is set, else console)")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not os.environ.get("TELEGRAM_BOT_TOKEN"):
        print("TELEGRAM_BOT_TOKEN is not set: starting a console conversation instead of Telegram.\n")
        return chat.run(args)
    from bot.transport.run import run as run_telegram  # Telegram libraries load only when needed

    return run_telegram(args)
