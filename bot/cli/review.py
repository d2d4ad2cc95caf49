"""`iom-bot review`: the suggestions one by one in the terminal — accept, edit, other entry, out of scope,
reject or skip — with a progress line."""

from __future__ import annotations

import argparse
import sys

from bot.cli.suggest import add_options, admin, learning

CHOICES = "[a]ccept  [e]dit  [o]ther entry  [x] out of scope  [r]eject  [s]kip  [q]uit"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("review", help="walk through the suggested phrasings and decide on each")
    add_options(parser)
    parser.set_defaults(run=run)


def _ask(prompt: str) -> str | None:
    try:
        return input(prompt).strip()
    except EOFError:
        return None


def run(args: argparse.Namespace) -> int:
    from bot.learning import LearningError
    from bot.learning.render import suggestion_lines

    loop = learning(args)
    try:
        found = loop.suggestions(args.since)
    except LearningError as exc:
        print(f"iom-bot review: {exc}", file=sys.stderr)
        return 1
    who = admin(args)
    done = {"accepted": 0, "rejected": 0, "skipped": 0}
    for n, suggestion in enumerate(found, start=1):
        print(f"\n[{n}/{len(found)}] " + _summary(done).removeprefix("Done: "))
        print("\n".join(suggestion_lines(suggestion, loop.kb())))
        while True:
            answer = _ask(f"{CHOICES}? ")
            if answer is None or answer == "q":
                print(_summary(done))
                return 0
            try:
                if answer == "a":
                    outcome = loop.accept(suggestion, who)
                elif answer == "e":
                    outcome = loop.accept(suggestion, who, text=_ask("wording: ") or "")
                elif answer == "o":
                    entry = _ask(f"entry id ({', '.join(suggestion.candidates) or 'any'}): ") or ""
                    outcome = loop.accept(suggestion, who, entry_id=entry)
                elif answer == "x":
                    outcome = loop.out_of_scope(suggestion, who)
                elif answer == "r":
                    outcome = loop.reject(suggestion, who)
                elif answer == "s":
                    done["skipped"] += 1
                    break
                else:
                    continue
            except LearningError as exc:
                print(exc)
                continue
            print(outcome.message)
            done["rejected" if answer == "r" else "accepted"] += 1
            break
    print(_summary(done))
    return 0


def _summary(done: dict[str, int]) -> str:
    return f"Done: {done['accepted']} accepted, {done['rejected']} rejected, {done['skipped']} skipped."
