"""`iom-bot`: one entry point for staff, operators and the container."""

from __future__ import annotations

import argparse
import sys

from bot.cli import ask, chat, evaluate, export, healthcheck, report, review, run, suggest, validate

COMMANDS = (ask, chat, validate, export, evaluate, report, suggest, review, run, healthcheck)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="iom-bot", description="IOM Ukraine question-answering bot")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
