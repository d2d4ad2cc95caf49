"""Batch-test a question set against the engine, like `rasa test`: accuracy, declines and confusions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.engine import Engine

DECLINE = "decline"


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    expect: str  # an entry id, or "decline"
    lang: str


@dataclass
class Outcome:
    case: Case
    got: str  # the answered entry id, or "decline" (also when only "did you mean" choices were offered)
    kind: str
    score: int

    @property
    def correct(self) -> bool:
        return self.got == self.case.expect


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, items: list[Outcome]) -> float:
        return 100.0 * sum(o.correct for o in items) / len(items) if items else 100.0

    @property
    def in_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.expect != DECLINE]

    @property
    def out_of_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.expect == DECLINE]

    def accuracy(self, lang: str | None = None) -> float:
        return self._share([o for o in self.in_scope if lang in (None, o.case.lang)])

    def decline_accuracy(self, lang: str | None = None) -> float:
        return self._share([o for o in self.out_of_scope if lang in (None, o.case.lang)])

    def confusions(self) -> list[tuple[str, str, int, list[str]]]:
        """(expected, got, count, example questions), most frequent first."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for o in self.outcomes:
            if not o.correct:
                groups[o.case.expect, o.got].append(o.case.question)
        return sorted(((e, g, len(qs), qs[:3]) for (e, g), qs in groups.items()), key=lambda c: (-c[2], c[0]))

    def kinds(self) -> Counter:
        return Counter(o.kind for o in self.outcomes)


def load_cases(path: Path, engine: Engine) -> list[Case]:
    """A YAML (or JSON) list of {q, expect[, lang]}; the language defaults to what the engine detects."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [
        Case(str(item["q"]), str(item["expect"]), item.get("lang") or engine.detect_language(str(item["q"])))
        for item in data
    ]


def evaluate(engine: Engine, cases: list[Case]) -> Report:
    report = Report()
    for case in cases:
        reply = engine.answer(case.question)
        got = reply.entry_id if reply.matched else DECLINE
        report.outcomes.append(Outcome(case, got, reply.kind, reply.score))
    return report
