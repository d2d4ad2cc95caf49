"""`iom-bot validate`: what staff run before publishing, like `rasa data validate`."""

from __future__ import annotations

import argparse

from bot.cli.common import add_database_option, add_knowledge_option, knowledge_dir, learned_file
from bot.knowledge import check_knowledge


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("validate", help="check the knowledge files; exit 1 on problems")
    parser.add_argument("dir", nargs="?", help="knowledge folder (same as --knowledge)")
    add_knowledge_option(parser)
    add_database_option(parser)  # its folder's learned.yaml is checked with the knowledge
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = knowledge_dir(args.dir or args.knowledge)
    kb, findings = check_knowledge(folder, learned=learned_file(args.database))
    for finding in findings:
        print(finding)
    warnings = sum(f.severity == "warning" for f in findings)
    if kb is None:
        errors = len(findings) - warnings
        print(f"{folder}: {errors} error(s), {warnings} warning(s). The bot will not load this knowledge.")
        return 1
    phrasings = sum(len(qs) for e in kb.entries.values() for qs in e.questions.values())
    print(
        f"{folder}: OK. {len(kb.entries)} entries in {len(kb.topics)} topics, {phrasings} phrasings, "
        f"{warnings} warning(s)."
    )
    return 0
