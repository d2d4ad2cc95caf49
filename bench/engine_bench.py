"""Answer-engine benchmark: latency on the shipped and a 10,000-entry knowledge base, start-up, and accuracy
against a naive baseline (rapidfuzz WRatio over all phrasings, best one wins).

Run: .venv/bin/python bench/engine_bench.py   (or `make bench`)
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import LANGS, Engine  # noqa: E402
from bot.evaluation import DECLINE, Case, evaluate, load_cases  # noqa: E402
from bot.knowledge import Entry, load_knowledge  # noqa: E402

EVAL_SET = ROOT / "tests" / "eval" / "questions.yaml"  # thresholds were calibrated on this one
DEV_SET = ROOT / "tests" / "eval" / "dev.yaml"  # used afterwards to fix near-miss declines
HOLDOUT = ROOT / "tests" / "eval" / "holdout.yaml"  # never used for tuning: how it generalises


def percentiles(samples_ns: list[int]) -> str:
    ordered = sorted(samples_ns)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"median {statistics.median(ordered) / 1e6:.3f} ms, p99 {p99 / 1e6:.3f} ms (n={len(ordered)})"


def time_answers(engine: Engine, questions: list[str], rounds: int = 5) -> list[int]:
    samples = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter_ns()
            engine.answer(question)
            samples.append(time.perf_counter_ns() - start)
    return samples


def generated_entries(base: list[Entry], total: int, seed: int = 7) -> list[Entry]:
    """Synthetic entries built from the shipped vocabulary plus invented words, so postings grow realistically."""
    rng = random.Random(seed)
    words = sorted({w for e in base for qs in e.questions.values() for q in qs for w in q.split()})
    invented = [
        "".join(rng.choice("abcdefghiklmnoprstuvyабвгдежзиклмнопрстуфхцчшщюяіїє") for _ in range(rng.randint(4, 10)))
        for _ in range(30_000)
    ]
    entries = list(base)
    for n in range(total - len(base)):
        template = base[n % len(base)]
        questions = {
            lang: tuple(
                " ".join(
                    rng.choice(invented) if rng.random() < 0.5 else rng.choice(words) for _ in range(rng.randint(3, 8))
                )
                for _ in range(8)
            )
            for lang in LANGS
        }
        answers = {lang: " ".join(rng.choice(invented) for _ in range(40)) for lang in LANGS}
        entries.append(replace(template, id=f"gen-{n}", questions=questions, answers=answers, related=()))
    return entries


def baseline(engine: Engine, cases: list[Case]) -> tuple[float, float, int]:
    """WRatio over all phrasings, best wins; declines below the cutoff that suits the baseline best."""
    choices = [(q, e.id) for e in engine.kb.entries.values() for qs in e.questions.values() for q in qs]
    texts = [c[0] for c in choices]
    best = []
    for case in cases:
        _, score, index = process.extractOne(case.question, texts, scorer=fuzz.WRatio)
        best.append((choices[index][1], score))
    results = []
    for cutoff in range(0, 101, 2):
        got = [eid if score >= cutoff else DECLINE for eid, score in best]
        ins = [g == c.expect for g, c in zip(got, cases, strict=True) if c.expect != DECLINE]
        outs = [g == DECLINE for g, c in zip(got, cases, strict=True) if c.expect == DECLINE]
        results.append((100 * sum(ins) / len(ins), 100 * sum(outs) / len(outs), cutoff))
    return max(results, key=lambda r: r[0] + r[1])


def startup_seconds(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot.cli", "ask", "--json", "1996?"], check=True, cwd=ROOT, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    kb = load_knowledge(ROOT / "knowledge")
    engine = Engine(kb)
    cases = load_cases(EVAL_SET, engine)
    questions = [c.question for c in cases]
    phrasings = sum(len(qs) for e in kb.entries.values() for qs in e.questions.values())
    print(f"shipped knowledge: {len(kb.entries)} entries, {phrasings} phrasings; {len(questions)} eval questions")
    time_answers(engine, questions, rounds=1)  # warm caches
    print(f"  answer time, shipped:       {percentiles(time_answers(engine, questions))}")

    start = time.perf_counter()
    big = generated_entries(list(kb.entries.values()), 10_000)
    big_kb = replace(kb, entries={e.id: e for e in big})
    big_engine = Engine(big_kb)
    print(
        f"  index build, 10,000 entries: {time.perf_counter() - start:.2f} s "
        f"({sum(len(qs) for e in big for qs in e.questions.values())} phrasings)"
    )
    time_answers(big_engine, questions, rounds=1)
    print(f"  answer time, 10,000 entries: {percentiles(time_answers(big_engine, questions, rounds=3))}")

    starts = startup_seconds()
    print(f"  `ask --json` start-up:      median {statistics.median(starts):.3f} s, max {max(starts):.3f} s")

    for path in (EVAL_SET, DEV_SET, HOLDOUT):
        cases = load_cases(path, engine)
        report = evaluate(engine, cases)
        base_in, base_out, cutoff = baseline(engine, cases)
        print(
            f"accuracy on {path.relative_to(ROOT)} ({len(report.in_scope)} in scope, "
            f"{len(report.out_of_scope)} out of scope):"
        )
        print(
            f"  this engine:  in scope {report.accuracy():.1f}%, declines {report.decline_accuracy():.1f}%  ("
            + ", ".join(f"{lang} {report.accuracy(lang):.1f}%" for lang in LANGS)
            + ")"
        )
        print(f"  baseline WRatio (its best cutoff, {cutoff}): in scope {base_in:.1f}%, declines {base_out:.1f}%")


if __name__ == "__main__":
    main()
