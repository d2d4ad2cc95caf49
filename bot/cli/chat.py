"""`iom-bot chat`: a console conversation on the same pipeline as Telegram (works piped, too)."""

from __future__ import annotations

import argparse
import sys

from bot.cli.common import add_knowledge_option, load_engine, retention_days
from bot.cli.render import render
from bot.engine import LANGS
from bot.knowledge.model import with_days


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chat", help="talk to the bot in the console")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    kb = engine.kb
    interactive = sys.stdin.isatty()
    lang = LANGS[0]
    print(kb.text("greeting", lang))
    print("(/topics, /language uk|ru|en, /quit)\n")
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            return 0
        command, _, rest = line.strip().partition(" ")
        if command == "/language" and rest in LANGS:
            lang = rest
            print(kb.text("language_set", lang, language=kb.ui.languages[lang]))
        elif command == "/topics":
            for topic in kb.topics:
                print(f"{topic.titles[lang]}:")
                print("\n".join(f"  • {e.label(lang)}" for e in kb.topic_entries(topic.id)))
        elif command in ("/help", "/start"):
            print(kb.text("help", lang))
        else:
            reply = engine.answer(line, lang)
            lang = reply.lang
            print(with_days(render(reply, kb), lang, retention_days()))
        print(flush=True)
