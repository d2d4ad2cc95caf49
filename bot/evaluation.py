"""Batch-test a question set against the engine, like `rasa test`: accuracy in scope, declines, help routing,
reply language and confusions.

A set is a YAML list of {q, expect[, lang]}: `expect` is an entry id or a list of acceptable ids, `help` (a
help-seeker: must get the help reply) or `decline` (must not get an answer: "did you mean" counts as declining).
`[decline, some-entry]` is a question the article does not answer but the verified background does, in that
entry ("who preceded Weiss?"): declining it or answering with that entry are both right.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.engine import Engine, Reply, ReplyKind

DECLINE = "decline"
HELP = "help"


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    expect: tuple[str, ...]  # acceptable entry ids, or (DECLINE,) or (HELP,)
    lang: str

    @property
    def kind(self) -> str:
        """ "answer", "decline" or "help": what the question needs."""
        return self.expect[0] if self.expect[0] in (DECLINE, HELP) else "answer"


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    got: str  # the answered entry id, "help", or "decline" (also when only "did you mean" choices were offered)
    kind: ReplyKind
    score: int
    lang: str
    framed: bool = False  # an answer that starts with what I cannot know (today, or a detail left out)

    @property
    def correct(self) -> bool:
        return self.got in self.case.expect

    @property
    def right_language(self) -> bool:
        return self.lang == self.case.lang


def outcome(case: Case, reply: Reply) -> Outcome:
    got = reply.entry_id if reply.matched and reply.entry_id else HELP if reply.kind is ReplyKind.HELP else DECLINE
    return Outcome(case, got, reply.kind, reply.score, reply.lang, reply.framed)


def _declined(o: Outcome) -> bool:
    """A question to decline that got no answer, an answer that says first what I cannot know, or the answer of an
    entry the set accepts for it (see the module's docstring)."""
    return o.kind is not ReplyKind.ANSWER or o.framed or o.correct


def _share(flags: Iterable[bool]) -> float:
    items = list(flags)
    return 100.0 * sum(items) / len(items) if items else 100.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, kind: str, lang: str | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.kind == kind and lang in (None, o.case.lang)]

    @property
    def in_scope(self) -> list[Outcome]:
        return self.of("answer")

    @property
    def out_of_scope(self) -> list[Outcome]:
        return self.of(DECLINE)

    @property
    def help_seeking(self) -> list[Outcome]:
        return self.of(HELP)

    def accuracy(self, lang: str | None = None) -> float:
        """Questions the knowledge answers that got an acceptable entry's answer, in percent."""
        return _share(o.correct for o in self.of("answer", lang))

    def decline_accuracy(self, lang: str | None = None) -> float:
        """Questions the knowledge does not answer that got no answer (a decline, "did you mean" or the help reply:
        none of them tells a story the sources do not), or an answer that says first what I cannot know: today's
        facts ("I don't know who heads it today; in 2017 ...") or a detail the sources leave out ("The article
        does not name them"), which is how such questions are declined."""
        return _share(_declined(o) for o in self.of(DECLINE, lang))

    def framed_declines(self, lang: str | None = None) -> int:
        """Of those, the ones declined by such framing rather than by a decline."""
        return sum(o.kind is ReplyKind.ANSWER and o.framed and not o.correct for o in self.of(DECLINE, lang))

    def help_accuracy(self, lang: str | None = None) -> float:
        """Help-seekers who got the help reply, in percent."""
        return _share(o.kind is ReplyKind.HELP for o in self.of(HELP, lang))

    def help_answered(self, lang: str | None = None) -> int:
        """Help-seekers handed a content entry's answer: the worst outcome there is."""
        return sum(o.kind is ReplyKind.ANSWER for o in self.of(HELP, lang))

    def language_accuracy(self, lang: str | None = None) -> float:
        return _share(o.right_language for o in self.outcomes if lang in (None, o.case.lang))

    def confusions(self) -> list[tuple[str, str, int, list[str]]]:
        """(expected, got, count, example questions), most frequent first."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for o in self.outcomes:
            if not o.correct and not (o.case.kind == DECLINE and _declined(o)):
                groups[o.case.expect[0], o.got].append(o.case.question)
        return sorted(((e, g, len(qs), qs[:3]) for (e, g), qs in groups.items()), key=lambda c: (-c[2], c[0]))

    def kinds(self) -> Counter[str]:
        return Counter(str(o.kind) for o in self.outcomes)


def load_cases(path: Path, engine: Engine) -> list[Case]:
    """The cases of one YAML (or JSON) set; the language defaults to what the engine detects."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    cases = []
    for item in data:
        expect = item["expect"]
        expected = tuple(str(e) for e in expect) if isinstance(expect, list) else (str(expect),)
        question = str(item["q"])
        cases.append(Case(question, expected, item.get("lang") or engine.detect_language(question)))
    return cases


def evaluate(engine: Engine, cases: list[Case], answer: Callable[[str], Reply] | None = None) -> Report:
    """Every case through `answer` (default: the engine as the bot runs it)."""
    ask = answer or engine.answer
    return Report([outcome(case, ask(case.question)) for case in cases])
