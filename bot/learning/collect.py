"""Suggestions from the store: what people typed that the knowledge should have matched, and where it belongs.

Four kinds of evidence, strongest first: a "did you mean" choice (the person said which entry they meant);
an answer followed within a minute by a rephrasing that reached another entry; an answer marked not helpful
(the question may belong to the next-best entry); and declined or help-routed questions, grouped by
similarity, with the entry the matcher ranks closest. Every declined question of the period appears in some
suggestion, unless staff already decided on it or the knowledge now has it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from bot.engine import Engine, ReplyKind
from bot.engine.matcher import Matcher
from bot.knowledge import Entry, KnowledgeBase
from bot.knowledge.checks import Phrasings
from bot.learning.model import Asked, Reason, Suggestion
from bot.storage.report import cluster, normalise

CANDIDATES = 3  # entries offered to choose from
PROPOSE = 10  # matcher score (0-100) from which a declined question's best entry is proposed
REPHRASE_WITHIN = 60  # seconds: a new question this soon after an answer is a rephrasing of the same one
REASON_ORDER = list(Reason)
BLOCKED_PLACEHOLDER = "every wording has a removed personal detail ([phone], [email], …); accept an edited wording"


class _Row(NamedTuple):
    user: str
    at: int
    lang: str
    kind: str
    entry_id: str | None
    text: str
    suggested: str
    helpful: int | None  # the vote on this answer, if any


class Ranker:
    """The knowledge's entries ranked for a text, as the engine's matcher ranks them, out-of-scope aside."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._entries = Matcher(list(kb.entries.values()), kb.synonyms)
        self._declined = Matcher(list(kb.out_of_scope), kb.synonyms)
        self.phrasings = Phrasings([*kb.entries.values(), *kb.out_of_scope])

    def rank(self, text: str, limit: int = CANDIDATES + 1) -> list[tuple[str, int]]:
        return [(r.entry_id, round(r.score * 100)) for r in self._entries.rank(text, limit)]

    def out_of_scope_group(self, text: str) -> str | None:
        """The out-of-scope group a declined phrasing fits best (the first one when none is close)."""
        ranked = self._declined.rank(text, 1)
        return ranked[0].entry_id if ranked else next((e.id for e in self.kb.out_of_scope), None)


def collect(conn: sqlite3.Connection, kb: KnowledgeBase, cutoff: int, decided: set[str]) -> list[Suggestion]:
    """Every open suggestion from questions asked since `cutoff` (Unix time), most asked first; not rescored."""
    rows = [
        _Row(*row)
        for row in conn.execute(
            "SELECT q.user, q.at, q.lang, q.kind, q.entry_id, q.text, q.suggested, f.helpful FROM questions q "
            "LEFT JOIN feedback f ON f.user = q.user AND f.ref = q.ref WHERE q.at >= ? ORDER BY q.user, q.at, q.id",
            (cutoff,),
        )
    ]
    picks = conn.execute(
        "SELECT c.entry_id, q.lang, q.text, q.suggested FROM choices c "
        "JOIN questions q ON q.user = c.user AND q.ref = c.ref WHERE q.at >= ?",
        (cutoff,),
    ).fetchall()
    ranker = Ranker(kb)
    found = [
        *_did_you_mean(picks, ranker),
        *_rephrased(rows, ranker),
        *_not_helpful(rows, ranker),
        *_declined(rows, ranker, ReplyKind.DECLINE, Reason.DECLINED),
        *_declined(rows, ranker, ReplyKind.HELP, Reason.HELP),
    ]
    unique = {s.id: s for s in reversed(found)}  # the same phrasing for the same reason: the first one stays
    open_ = [s for s in unique.values() if s.id not in decided]
    return sorted(open_, key=lambda s: (-s.count, REASON_ORDER.index(s.reason), s.id))


def rescore(suggestion: Suggestion, kb: KnowledgeBase) -> Suggestion:
    """The suggestion with the score its phrasing gets from an engine whose knowledge has it added."""
    asked = suggestion.phrasing
    if asked is None or suggestion.blocked or suggestion.entry_id not in kb.entries:
        return suggestion
    reply = Engine(with_phrasing(kb, suggestion.entry_id, asked.lang, asked.text)).answer(asked.text, asked.lang)
    answered = reply.kind is ReplyKind.ANSWER and reply.entry_id == suggestion.entry_id
    return dataclasses.replace(suggestion, score_after=reply.score, answered_after=answered)


def with_phrasing(kb: KnowledgeBase, entry_id: str, lang: str, text: str) -> KnowledgeBase:
    """The knowledge with one more phrasing for an entry (or an out-of-scope group)."""

    def add(entry: Entry) -> Entry:
        questions = {**entry.questions, lang: (*entry.questions.get(lang, ()), text)}
        return dataclasses.replace(entry, questions=questions)

    if entry_id in kb.entries:
        return dataclasses.replace(kb, entries={**kb.entries, entry_id: add(kb.entries[entry_id])})
    return dataclasses.replace(kb, out_of_scope=tuple(add(e) if e.id == entry_id else e for e in kb.out_of_scope))


def make(
    reason: Reason, asked: Counter[tuple[str, str]], entry_id: str | None, candidates: Iterable[str], ranker: Ranker
) -> Suggestion | None:
    """A suggestion of the commonest offerable wording for `entry_id`; None when the entry already has it."""
    questions = tuple(
        Asked(text, lang, n) for (text, lang), n in sorted(asked.items(), key=lambda item: (-item[1], item[0]))
    )
    phrasing = next((q for q in questions if q.offerable), None)
    blocked = None
    score = 0
    if phrasing is None:
        blocked = BLOCKED_PLACEHOLDER
    elif entry_id is not None:
        if ranker.phrasings.owner(phrasing.text, phrasing.lang) == entry_id:
            return None  # resolved: the entry has this phrasing now
        blocked = ranker.phrasings.clash(phrasing.text, phrasing.lang, entry_id)
        score = dict(ranker.rank(phrasing.text, 50)).get(entry_id, 0)
    head = phrasing or questions[0]
    key = f"{reason}\n{head.lang}\n{normalise(head.text)}\n{entry_id or ''}"
    return Suggestion(
        id=hashlib.sha256(key.encode()).hexdigest()[:10],
        reason=reason,
        questions=questions,
        entry_id=entry_id,
        candidates=tuple(dict.fromkeys(c for c in ([entry_id] if entry_id else []) + list(candidates)))[:CANDIDATES],
        score=score,
        score_after=None,
        answered_after=False,
        blocked=blocked,
    )


def _grouped(texts: list[tuple[str, str]]) -> list[Counter[tuple[str, str]]]:
    """(text, lang) pairs grouped by language, then by similarity."""
    by_lang: defaultdict[str, list[str]] = defaultdict(list)
    for text, lang in texts:
        by_lang[lang].append(text)
    return [
        Counter({(text, lang): n for text, n in group.items()})
        for lang, items in sorted(by_lang.items())
        for group in cluster(items)
    ]


def _keep(found: Iterable[Suggestion | None]) -> list[Suggestion]:
    return [s for s in found if s is not None]


def _did_you_mean(picks: list[tuple[str, ...]], ranker: Ranker) -> list[Suggestion]:
    by_entry: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    offered: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entry_id, lang, text, suggested in picks:
        if entry_id in ranker.kb.entries:
            by_entry[entry_id].append((text, lang))
            offered[entry_id].update(suggested.split())
    return _keep(
        make(Reason.DID_YOU_MEAN, group, entry_id, [e for e, _ in offered[entry_id].most_common()], ranker)
        for entry_id, texts in sorted(by_entry.items())
        for group in _grouped(texts)
    )


def _is_button(row: _Row, kb: KnowledgeBase) -> bool:
    """Answers reached by a button are logged with the entry's label as the question."""
    entry = kb.entries.get(row.entry_id or "")
    return entry is not None and row.lang in entry.questions and row.text == entry.label(row.lang)


def _rephrased(rows: list[_Row], ranker: Ranker) -> list[Suggestion]:
    kb = ranker.kb
    by_entry: defaultdict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # (new, old) entry
    for first, then in itertools.pairwise(rows):
        if (
            first.user == then.user
            and first.kind == then.kind == ReplyKind.ANSWER  # stored as its value
            and first.entry_id != then.entry_id
            and then.at - first.at <= REPHRASE_WITHIN
            and not first.helpful
            and then.entry_id in kb.entries
            and not _is_button(then, kb)
            and ranker.phrasings.owner(first.text, first.lang) != first.entry_id
        ):
            by_entry[then.entry_id, first.entry_id or ""].append((first.text, first.lang))
    return _keep(
        make(Reason.REPHRASED, group, entry_id, [old, *(e for e, _ in ranker.rank(_head(group)))], ranker)
        for (entry_id, old), texts in sorted(by_entry.items())
        for group in _grouped(texts)
    )


def _not_helpful(rows: list[_Row], ranker: Ranker) -> list[Suggestion]:
    by_entry: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        if row.helpful == 0 and row.entry_id and ranker.phrasings.owner(row.text, row.lang) != row.entry_id:
            by_entry[row.entry_id].append((row.text, row.lang))
    found = []
    for answered, texts in sorted(by_entry.items()):
        for group in _grouped(texts):
            head = _head(group)
            others = [e for e, _ in ranker.rank(head, CANDIDATES + 1) if e != answered]
            found.append(make(Reason.NOT_HELPFUL, group, others[0] if others else None, others, ranker))
    return _keep(found)


def _declined(rows: list[_Row], ranker: Ranker, kind: ReplyKind, reason: Reason) -> list[Suggestion]:
    found = []
    for group in _grouped([(row.text, row.lang) for row in rows if row.kind == kind]):
        ranked = ranker.rank(_head(group))
        best = ranked[0][0] if ranked and ranked[0][1] >= PROPOSE else None
        found.append(make(reason, group, best, [e for e, _ in ranked], ranker))
    return _keep(found)


def _head(group: Counter[tuple[str, str]]) -> str:
    """The commonest offerable wording of a group (else its commonest): the one ranked for it."""
    ranked = sorted(group.items(), key=lambda item: (-item[1], item[0]))
    return next((t for (t, lang), _ in ranked if Asked(t, lang, 1).offerable), ranked[0][0][0])
