"""`iom-bot ask`: answer exactly as the bot would, for staff trying questions and for scripts."""

from __future__ import annotations

import argparse
import json
import sys

from bot.cli.common import add_knowledge_option, load_engine, retention_days
from bot.cli.render import render
from bot.engine import LANGS, Reply
from bot.knowledge import KnowledgeBase
from bot.knowledge.model import with_days


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ask", help="answer a question (or one per line from standard input)")
    parser.add_argument("question", nargs="?", help="the question; omit to read one per line from stdin")
    parser.add_argument("--json", action="store_true", help="print one JSON object per question")
    parser.add_argument("--lang", choices=LANGS, help="preferred language when the text tells nothing")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def as_json(question: str, reply: Reply, kb: KnowledgeBase, days: int) -> str:
    """`text` is everything, plain, as printed without --json; `answer` is the gist as Telegram sends it first
    (framed for the question) or the interface text, `more` an answer's details behind the "More" button, or null."""
    return json.dumps(
        {
            "question": question,
            "lang": reply.lang,
            "kind": str(reply.kind),
            "matched": reply.matched,
            "entry_id": reply.entry_id,
            "score": reply.score,
            "text": with_days(render(reply, kb), reply.lang, days),
            "answer": with_days(reply.body, reply.lang, days),
            "more": with_days(reply.more, reply.lang, days) if reply.more else None,
            "links": [{"title": link.title, "url": link.url} for link in reply.links],
            "suggestions": list(reply.suggestions),
        },
        ensure_ascii=False,
    )


def run(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    days = retention_days()
    questions = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        reply = engine.answer(question, args.lang)
        if args.json:
            text = as_json(question, reply, engine.kb, days)
        else:
            text = with_days(render(reply, engine.kb), reply.lang, days)
        print(text, flush=args.question is None)
    return 0
