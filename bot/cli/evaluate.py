"""`iom-bot eval FILE`: run a question set with expected entry ids and show where the bot goes wrong."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bot.cli.common import add_knowledge_option, load_engine
from bot.engine import LANGS
from bot.evaluation import evaluate, load_cases


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("eval", help="batch-test a question set (YAML list of {q, expect, lang})")
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="machine-readable summary")
    parser.add_argument(
        "--fail-under",
        type=float,
        default=0.0,
        metavar="PCT",
        help="exit 1 when in-scope, decline or help accuracy is below PCT",
    )
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    report = evaluate(engine, load_cases(args.file, engine))
    summary: dict[str, Any] = {
        "questions": len(report.outcomes),
        "in_scope": len(report.in_scope),
        "accuracy": round(report.accuracy(), 1),
        "accuracy_by_lang": {lang: round(report.accuracy(lang), 1) for lang in LANGS},
        "out_of_scope": len(report.out_of_scope),
        "declines_correct": round(report.decline_accuracy(), 1),
        "declines_by_lang": {lang: round(report.decline_accuracy(lang), 1) for lang in LANGS},
        "declines_by_framing": report.framed_declines(),
        "help_seeking": len(report.help_seeking),
        "help_routed": round(report.help_accuracy(), 1),
        "help_by_lang": {lang: round(report.help_accuracy(lang), 1) for lang in LANGS},
        "help_answered_by_entry": report.help_answered(),
        "language": round(report.language_accuracy(), 1),
        "language_by_lang": {lang: round(report.language_accuracy(lang), 1) for lang in LANGS},
        "reply_kinds": dict(report.kinds()),
        "confusions": [{"expected": e, "got": g, "count": n, "examples": ex} for e, g, n, ex in report.confusions()],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(
            f"{summary['questions']} questions: {summary['in_scope']} in scope, "
            f"{summary['out_of_scope']} out of scope, {summary['help_seeking']} help-seeking"
        )
        print(
            f"in scope answered correctly: {summary['accuracy']}%  "
            + "  ".join(f"{k}: {v}%" for k, v in summary["accuracy_by_lang"].items())
        )
        print(
            f"out of scope declined:       {summary['declines_correct']}%  "
            + "  ".join(f"{k}: {v}%" for k, v in summary["declines_by_lang"].items())
            + f"  (by framing: {summary['declines_by_framing']})"
        )
        print(
            f"help-seekers routed to help: {summary['help_routed']}%  "
            + "  ".join(f"{k}: {v}%" for k, v in summary["help_by_lang"].items())
            + f"  (answered by an entry: {summary['help_answered_by_entry']})"
        )
        print(
            f"reply language right:        {summary['language']}%  "
            + "  ".join(f"{k}: {v}%" for k, v in summary["language_by_lang"].items())
        )
        print("reply kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["reply_kinds"].items())))
        if summary["confusions"]:
            print("\nconfusions (expected -> got, count, examples):")
            for c in summary["confusions"]:
                print(f"  {c['expected']} -> {c['got']}  x{c['count']}: " + " | ".join(c["examples"]))
    worst = min(summary["accuracy"], summary["declines_correct"], summary["help_routed"])
    failed = worst < args.fail_under
    return 1 if failed else 0
