"""`iom-bot export`: every entry and phrasing in one file, for translators and reviewers."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from typing import Any

from bot.cli.common import add_database_option, add_knowledge_option, load_engine
from bot.knowledge import LANGS, Entry


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("export", help="export entries and phrasings as JSON lines or CSV")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    add_knowledge_option(parser)
    add_database_option(parser)  # the phrasings of its folder's learned.yaml are exported with their entries
    parser.set_defaults(run=run)


def rows(entry: Entry) -> Iterator[tuple[str, str, str, str, str, str]]:
    """One row per text a translator may need to review: the label, phrasings, the gist ("answer"), its details
    ("more"), what it says first about today, and link titles."""
    for lang in LANGS:
        yield entry.id, entry.topic, lang, "label", entry.label(lang), ""
        for question in entry.questions[lang]:
            yield entry.id, entry.topic, lang, "question", question, ""
        yield entry.id, entry.topic, lang, "answer", entry.answers[lang], ""
        for field, texts in (("more", entry.more), ("today", entry.today)):
            if texts:
                yield entry.id, entry.topic, lang, field, texts[lang], ""
        for link in entry.links:
            yield entry.id, entry.topic, lang, "link", link.title(lang), link.url


def as_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "topic": entry.topic,
        "questions": {lang: list(entry.questions[lang]) for lang in LANGS},
        "label": entry.labels,
        "answer": entry.answers,
        "more": entry.more,
        "today": entry.today,
        "links": [{"url": link.url, "title": link.titles} for link in entry.links],
        "related": list(entry.related),
        "source": entry.source,
        "as_of": entry.as_of.isoformat() if entry.as_of else None,
    }


def run(args: argparse.Namespace) -> int:
    entries = load_engine(args).kb.entries.values()
    if args.format == "jsonl":
        for entry in entries:
            print(json.dumps(as_dict(entry), ensure_ascii=False))
    else:
        writer = csv.writer(sys.stdout)
        writer.writerow(("entry_id", "topic", "lang", "field", "text", "url"))
        for entry in entries:
            writer.writerows(rows(entry))
    return 0
