"""Learning-loop benchmark: does one round of accepting what the loop suggests improve accuracy on questions
it never saw?

Traffic is simulated with the development questions (tests/eval/dev.yaml): each is asked by its own user
through the real engine and logged by the real store into a real SQLite file. Users behave as the buttons let
them: on "did you mean" they pick the entry the question was about when it is offered; on a wrong answer
they press "not helpful". Staff then review every suggestion as /review lets them, knowing what each
question meant (the set's `expect`): Accept when the proposed entry is right, Other entry when the right one
is among the candidates, Out of scope for a question the bot should decline, Reject otherwise (and for
blocked ones). Accuracy on tests/eval/holdout.yaml, which no tuning ever used, is measured before and after.

Run: .venv/bin/python bench/learning_bench.py
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
from bot.evaluation import DECLINE, Case, evaluate, load_cases  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.learning import Learning, LearningError, Reason, Suggestion  # noqa: E402
from bot.storage import open_store  # noqa: E402

DEV_SET = ROOT / "tests" / "eval" / "dev.yaml"
HOLDOUT = ROOT / "tests" / "eval" / "holdout.yaml"
STAFF = "bench-staff"


async def simulate(engine: Engine, cases: list[Case], database: Path) -> Counter[str]:
    """Every development question asked once, with the presses a person would make."""
    store = await open_store(database, b"bench-secret")
    events: Counter[str] = Counter()
    for user, case in enumerate(cases, start=1):
        reply = engine.answer(case.question)
        ref = f"{user:08x}"
        store.log_question(user, case.question, reply, ref)
        events[reply.kind] += 1
        if reply.kind == "suggest" and case.expect in reply.suggestions:
            store.record_choice(user, ref, case.expect)
            events["picked"] += 1
        elif reply.kind == "answer" and reply.entry_id != case.expect:
            store.record_feedback(user, ref, reply.entry_id or "", False)
            events["not helpful"] += 1
    await store.close()
    return events


def review(loop: Learning, expected: dict[str, str], declined_out_of_scope: bool) -> Counter[str]:
    """Staff's round: each open suggestion decided as the /review buttons allow. A question the bot rightly
    declined is marked out of scope under the first policy, rejected (nothing to learn) under the second."""
    verdicts: Counter[str] = Counter()
    for s in loop.suggestions(rescored=False):
        meant = _meant(s, expected)
        try:
            if meant == DECLINE and s.reason == Reason.DECLINED and not declined_out_of_scope:
                loop.reject(s, STAFF)
                verdicts["rejected"] += 1
            elif meant == DECLINE:
                loop.out_of_scope(s, STAFF)
                verdicts["out of scope"] += 1
            elif s.blocked or meant is None or meant not in s.candidates:
                loop.reject(s, STAFF)
                verdicts["rejected"] += 1
            else:
                loop.accept(s, STAFF, entry_id=meant)
                verdicts["accepted" if meant == s.entry_id else "other entry"] += 1
        except LearningError:
            loop.reject(s, STAFF)
            verdicts["refused by the validator"] += 1
    return verdicts


def _meant(s: Suggestion, expected: dict[str, str]) -> str | None:
    phrasing = s.phrasing
    return expected.get(phrasing.text) if phrasing else None


def outcomes(knowledge: Path, cases: list[Case]):
    return evaluate(Engine(load_knowledge(knowledge)), cases)


def figures(report) -> str:
    return f"in-scope accuracy {report.accuracy():.1f}%, declines {report.decline_accuracy():.1f}%"


def one_round(declined_out_of_scope: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge)
        database = Path(tmp) / "data" / "bot.sqlite3"
        engine = Engine(load_knowledge(knowledge))
        dev, holdout = load_cases(DEV_SET, engine), load_cases(HOLDOUT, engine)
        before = outcomes(knowledge, holdout), outcomes(knowledge, dev)
        events = asyncio.run(simulate(engine, dev, database))
        loop = Learning(database, knowledge, database.parent / "learned.yaml")
        started = time.perf_counter()
        found = loop.suggestions()
        listed = time.perf_counter() - started
        started = time.perf_counter()
        verdicts = review(loop, {c.question: c.expect for c in dev}, declined_out_of_scope)
        reviewed = time.perf_counter() - started
        after = outcomes(knowledge, holdout), outcomes(knowledge, dev)
    policy = "rightly declined questions marked out of scope" if declined_out_of_scope else "rejected"
    print(f"\nPolicy: {policy}")
    print(f"Traffic: {len(dev)} development questions; replies and presses {dict(events)}")
    print(f"Suggestions: {len(found)} (listed and rescored in {listed:.1f} s)")
    print(f"Staff: {dict(verdicts)} ({reviewed / max(len(found), 1):.2f} s per decision, validation included)")
    for name, b, a in (("holdout", before[0], after[0]), ("dev", before[1], after[1])):
        print(f"{name:>8} ({len(b.outcomes)} questions): {figures(b)} -> {figures(a)}")
    changed = [(x.case.question, x.case.expect, x.got, y.got) for x, y in zip(before[0].outcomes, after[0].outcomes,
               strict=True) if x.correct != y.correct]  # fmt: skip
    for question, expect, was, now in changed:
        print(f"    holdout changed: {question!r} (expect {expect}): {was} -> {now}")


def main() -> None:
    for declined_out_of_scope in (False, True):
        one_round(declined_out_of_scope)


if __name__ == "__main__":
    main()
