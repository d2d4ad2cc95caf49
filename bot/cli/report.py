"""`iom-bot report`: the staff report from the conversation store (what to add to the knowledge)."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta

from bot.cli.common import add_database_option, add_knowledge_option, database_path

FORMATS = ("text", "csv", "json")  # bot.storage.report_render renders each; importing it here would load the store

UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def period(value: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+)\s*([hdw])\s*", value.lower())
    if not match or int(match[1]) == 0:
        raise argparse.ArgumentTypeError(f"expected a period like 12h, 30d or 8w, got {value!r}")
    return timedelta(**{UNITS[match[2]]: int(match[1])})


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="what people asked: declined questions, entries, feedback")
    parser.add_argument("--since", type=period, default="30d", help="period to report on: 12h, 30d, 8w (default 30d)")
    parser.add_argument("--format", choices=FORMATS, default="text")
    add_database_option(parser)
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    database = database_path(args.database)
    from bot.storage.report import ReportError, report  # only this command needs the store

    try:
        sys.stdout.write(report(database, args.since, args.format))
    except ReportError as exc:
        print(f"iom-bot report: {exc}", file=sys.stderr)
        return 1
    return 0
