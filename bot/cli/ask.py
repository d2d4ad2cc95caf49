"""`iom-bot ask`: answer exactly as the bot would, for staff trying questions and for scripts."""

from __future__ import annotations

import argparse
import json
import sys

from bot.cli.common import add_knowledge_option, load_engine
from bot.engine import Reply


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("ask", help="answer a question (or one per line from standard input)")
    parser.add_argument("question", nargs="?", help="the question; omit to read one per line from stdin")
    parser.add_argument("--json", action="store_true", help="print one JSON object per question")
    parser.add_argument("--lang", choices=("uk", "ru", "en"), help="preferred language when the text tells nothing")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def as_json(question: str, reply: Reply) -> str:
    return json.dumps(
        {
            "question": question,
            "lang": reply.lang,
            "matched": reply.matched,
            "entry_id": reply.entry_id,
            "score": reply.score,
            "text": reply.text,
            "links": [{"title": link.title, "url": link.url} for link in reply.links],
            "suggestions": list(reply.suggestions),
        },
        ensure_ascii=False,
    )


def run(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    questions = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        reply = engine.answer(question, args.lang)
        print(as_json(question, reply) if args.json else reply.text, flush=args.question is None)
    return 0
