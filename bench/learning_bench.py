"""Learning-loop benchmark: does one round of accepting what the loop suggests improve accuracy on questions
it never saw?

Traffic is simulated with the development questions (tests/eval/dev.yaml): each is asked by its own user
through the real engine and logged by the real store into a real SQLite file. Users behave as the buttons let
them: on "did you mean" they pick the entry the question was about when it is offered; on a wrong answer
they press "not helpful". Staff then review every suggestion as /review lets them, knowing what each
question meant (the set's `expect`): Accept when the proposed entry is right, Other entry when the right one
is among the candidates, Out of scope for a question the bot should decline, Reject otherwise (and for
blocked ones). Accuracy on tests/eval/holdout.yaml, which no tuning ever used, is measured before and after.

Run: .venv/bin/python bench/learning_bench.py [--mark-declined]
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.evaluation import DECLINE, HELP, Case, evaluate, load_cases  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.learning import Learning, LearningError, Reason  # noqa: E402
from bot.storage import open_store  # noqa: E402

EVAL = ROOT / "tests" / "eval"
PAIRS = [  # (traffic, measure): the development set and the held-out set; the blind set's two random halves
    (EVAL / "dev.yaml", EVAL / "holdout.yaml"),
    (EVAL / "blind-dev.yaml", EVAL / "blind-holdout.yaml"),
]
STAFF = "bench-staff"


async def simulate(engine: Engine, cases: list[Case], database: Path) -> Counter[str]:
    """Every development question asked once, with the presses a person would make."""
    store = await open_store(database, b"bench-secret")
    events: Counter[str] = Counter()
    for user, case in enumerate(cases, start=1):
        reply = engine.answer(case.question)
        ref = f"{user:08x}"
        store.log_question(user, case.question, reply, ref)
        events[str(reply.kind)] += 1
        meant = [e for e in reply.suggestions if e in case.expect]
        if reply.kind == "suggest" and meant:
            store.record_choice(user, ref, meant[0])
            events["picked"] += 1
        elif reply.kind == "answer" and reply.entry_id not in case.expect:
            store.record_feedback(user, ref, reply.entry_id or "", False)
            events["not helpful"] += 1
    await store.close()
    return events


def review(loop: Learning, expected: dict[str, Case], declined_out_of_scope: bool) -> Counter[str]:
    """Staff's round: each open suggestion decided as the /review buttons allow (and `--help-cue` for a
    help-seeker). A question the bot rightly declined is marked out of scope under the first policy, rejected
    (nothing to learn) under the second."""
    verdicts: Counter[str] = Counter()
    for s in loop.suggestions(rescored=False):
        case = expected.get(s.phrasing.text) if s.phrasing else None
        right = [e for e in s.candidates if case and e in case.expect]
        try:
            if case is None or s.blocked:
                loop.reject(s, STAFF)
                verdicts["rejected"] += 1
            elif case.kind == DECLINE and (s.reason != Reason.DECLINED or declined_out_of_scope):
                loop.out_of_scope(s, STAFF)
                verdicts["out of scope"] += 1
            elif case.kind == HELP and s.reason != Reason.HELP:
                loop.help_cue(s, STAFF)
                verdicts["help cue"] += 1
            elif right:
                loop.accept(s, STAFF, entry_id=right[0])
                verdicts["accepted" if right[0] == s.entry_id else "other entry"] += 1
            else:
                loop.reject(s, STAFF)
                verdicts["rejected"] += 1
        except LearningError:
            loop.reject(s, STAFF)
            verdicts["refused by the validator"] += 1
    return verdicts


def outcomes(knowledge: Path, cases: list[Case]):
    return evaluate(Engine(load_knowledge(knowledge)), cases)


def figures(report) -> str:
    return (
        f"in scope {report.accuracy():.1f}%, declines {report.decline_accuracy():.1f}%, "
        f"help {report.help_accuracy():.1f}%"
    )


def one_round(traffic: Path, measure: Path, declined_out_of_scope: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge)
        database = Path(tmp) / "data" / "bot.sqlite3"
        engine = Engine(load_knowledge(knowledge))
        dev, holdout = load_cases(traffic, engine), load_cases(measure, engine)
        before = outcomes(knowledge, holdout), outcomes(knowledge, dev)
        events = asyncio.run(simulate(engine, dev, database))
        loop = Learning(database, knowledge, database.parent / "learned.yaml")
        started = time.perf_counter()
        found = loop.suggestions()
        listed = time.perf_counter() - started
        started = time.perf_counter()
        verdicts = review(loop, {c.question: c for c in dev}, declined_out_of_scope)
        reviewed = time.perf_counter() - started
        after = outcomes(knowledge, holdout), outcomes(knowledge, dev)
    policy = "marked out of scope" if declined_out_of_scope else "rejected"
    print(f"\nTraffic {traffic.name}, measured on {measure.name}; rightly declined questions {policy}")
    print(f"Traffic: {len(dev)} questions; replies and presses {dict(events)}")
    print(f"Suggestions: {len(found)} (listed and rescored in {listed:.1f} s)")
    print(f"Staff: {dict(verdicts)} ({reviewed / max(len(found), 1):.2f} s per decision, validation included)")
    for name, b, a in ((measure.name, before[0], after[0]), (f"{traffic.name} (in sample)", before[1], after[1])):
        print(f"  {name} ({len(b.outcomes)} questions): {figures(b)} -> {figures(a)}")
    pairs = zip(before[0].outcomes, after[0].outcomes, strict=True)
    for was, now in pairs:
        if (was.correct, was.kind) != (now.correct, now.kind):
            expect = "/".join(was.case.expect)
            print(f"    holdout changed: {was.case.question!r} (expect {expect}): {was.got} -> {now.got} ({now.kind})")


def main() -> None:
    mark = "--mark-declined" in sys.argv[1:]  # staff also mark rightly declined questions out of scope (slower)
    for traffic, measure in PAIRS:
        one_round(traffic, measure, mark)


if __name__ == "__main__":
    main()
