"""`iom-bot suggest`: phrasings suggested from real traffic, and accepting, moving or rejecting one in one step."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from bot.cli.common import add_database_option, add_knowledge_option, database_path, knowledge_dir, learned_file
from bot.cli.report import period

if TYPE_CHECKING:
    from bot.learning import Decision, Learning

FORMATS = ("text", "json")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("suggest", help="phrasings to add, learned from what people asked")
    add_options(parser)
    actions = parser.add_mutually_exclusive_group()
    actions.add_argument("--accept", metavar="ID", help="add the suggested phrasing to its entry")
    actions.add_argument("--reject", metavar="ID", help="never suggest it again")
    actions.add_argument("--out-of-scope", metavar="ID", help="add it to the questions the bot declines")
    actions.add_argument("--help-cue", metavar="ID", help="add it to the help-seeking examples (help.yaml)")
    actions.add_argument("--history", action="store_true", help="list what was accepted and rejected, by whom")
    parser.add_argument("--entry", metavar="ENTRY_ID", help="with --accept: add it to this entry instead")
    parser.add_argument("--text", help="with --accept, --out-of-scope or --help-cue: add this wording instead")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.set_defaults(run=run)


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=period, default="30d", help="questions of this period: 12h, 30d, 8w")
    add_database_option(parser)
    add_knowledge_option(parser)


def learning(args: argparse.Namespace) -> Learning:
    from bot.learning import Learning  # only these commands need the store

    database = database_path(args.database)
    return Learning(database, knowledge_dir(args.knowledge), learned_file(database))


def admin(args: argparse.Namespace) -> str:
    """Whoever runs the command, as a pseudonym (keyed like the bot's users), for the decisions table."""
    from bot.storage.pseudonym import load_key, pseudonym

    secret = os.environ.get("BOT_SECRET", "").strip().encode() or None
    return pseudonym(load_key(database_path(args.database), secret), f"terminal:{getpass.getuser()}")


def run(args: argparse.Namespace) -> int:
    from bot.learning import LearningError
    from bot.learning.render import history_text, suggestion_json, suggestions_text

    loop = learning(args)
    try:
        if args.history:
            decisions = loop.history()
            if args.format == "json":
                for d in decisions:
                    print(json.dumps({**vars_of(d), "action": str(d.action)}, ensure_ascii=False))
            else:
                sys.stdout.write(history_text(decisions))
            return 0
        chosen = args.accept or args.reject or args.out_of_scope or args.help_cue
        if chosen is None:
            found = loop.suggestions(args.since)
            if args.format == "json":
                for s in found:
                    print(json.dumps(suggestion_json(s, loop.kb()), ensure_ascii=False))
            else:
                sys.stdout.write(suggestions_text(found, loop.kb(), args.since))
            return 0
        suggestion = loop.find(chosen, args.since)
        who = admin(args)
        if args.accept:
            outcome = loop.accept(suggestion, who, args.entry, args.text)
        elif args.reject:
            outcome = loop.reject(suggestion, who)
        elif args.out_of_scope:
            outcome = loop.out_of_scope(suggestion, who, args.text)
        else:
            outcome = loop.help_cue(suggestion, who, args.text)
    except LearningError as exc:
        print(f"iom-bot suggest: {exc}", file=sys.stderr)
        return 1
    print(outcome.message)
    if outcome.edit is not None:
        sys.stdout.write(outcome.edit.diff())
    return 0


def vars_of(decision: Decision) -> dict[str, Any]:
    return {name: getattr(decision, name) for name in type(decision).__slots__}
