"""Rank knowledge entries for a question.

Each phrasing becomes a set of stems weighted by inverse document frequency over entries, so words that every
entry shares ("IOM", "Ukraine", "МОМ") count for little and an unknown word in the question (weather, borscht)
pulls the score down. Stems missing from the vocabulary are looked up by one-deletion neighbours, which finds
typos in constant time however large the knowledge grows. An inverted index keeps scoring to entries that share
a distinctive stem with the question.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from bot.engine.stopwords import STOPWORDS
from bot.engine.text import stem, words
from bot.knowledge.model import Entry

FUZZY_FACTOR = 0.8  # a typo-matched word counts for a bit less than an exact one
COMMON_SHARE = 0.1  # stems in more entries than this share (and than COMMON_MIN) don't pick candidates
COMMON_MIN = 50
MAX_CANDIDATES = 40
IDF_POWER = 1.0
ANSWER_FACTOR = 0.5  # a question word found only in an entry's answer, not in its phrasings
W_QUERY = 0.5  # in a phrasing's score: share for how much of the question it explains (vs. of itself)
W_PHRASING = 0.6  # in an entry's score: share for its best phrasing (vs. all its words together)


def terms(text: str, canonical: dict[str, str] | None = None) -> list[str]:
    """Distinct content stems of a text, in order; synonyms replaced by their group's first word."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word not in STOPWORDS:
            term = stem(word)
            seen.setdefault(canonical.get(term, term) if canonical else term, None)
    return list(seen)


def synonym_map(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Stem of every word in a synonym group -> stem of the group's first word."""
    canonical = {}
    for group in groups:
        stems = [stem(w) for word in group for w in words(word)[:1]]
        canonical.update({s: stems[0] for s in stems[1:]})
    return canonical


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


@dataclass(frozen=True, slots=True)
class Ranked:
    entry_id: str
    score: float  # 0..1


class Matcher:
    def __init__(self, entries: list[Entry], synonyms: tuple[tuple[str, ...], ...] = ()) -> None:
        self._ids = [e.id for e in entries]
        self._canonical = synonym_map(synonyms)
        phrasings: list[list[frozenset[str]]] = []
        self._known: list[dict[str, float]] = []  # per entry: stem -> how strongly the entry claims it
        df: dict[str, int] = defaultdict(int)
        for entry in entries:
            sets = [frozenset(terms(q, self._canonical)) for qs in entry.questions.values() for q in qs]
            sets = [s for s in sets if s]
            phrasings.append(sets)
            known = dict.fromkeys(terms(" ".join(entry.answers.values()), self._canonical), ANSWER_FACTOR)
            known.update(dict.fromkeys(frozenset().union(*sets), 1.0))
            self._known.append(known)
            for t in known:
                df[t] += 1
        n = max(len(entries), 1)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) ** IDF_POWER for t, d in df.items()}
        self._unknown = math.log(1 + (n + 0.5) / 0.5) ** IDF_POWER
        self._common = max(COMMON_MIN, int(n * COMMON_SHARE))
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, known in enumerate(self._known):
            for t in known:
                self._postings[t].append(i)
        self._phrasings = [[(s, sum(self._idf[t] for t in s)) for s in sets] for sets in phrasings]
        self._vocab = frozenset(df)
        self._neighbours: dict[str, list[str]] = defaultdict(list)
        for t in self._vocab:
            if len(t) >= 4 and not t.isdigit():
                for key in _deletions(t) | {t}:
                    self._neighbours[key].append(t)

    def _resolve(self, term: str) -> tuple[str, float] | None:
        """The vocabulary stem a question stem stands for, with a factor for how sure the match is."""
        if term in self._vocab:
            return term, 1.0
        if len(term) < 4 or term.isdigit():
            return None
        # Four letters are too few to guess a substitution ("слон" is not "слов"); only a dropped letter counts.
        keys = _deletions(term) | {term} if len(term) > 4 else {term}
        found = {c for key in keys for c in self._neighbours.get(key, ())}
        close = [c for c in found if Levenshtein.distance(term, c) <= 1 + (len(term) >= 7)]
        if not close:
            return None
        return max(close, key=lambda c: (-Levenshtein.distance(term, c), -self._idf[c], c)), FUZZY_FACTOR

    def rank(self, text: str, limit: int = 5) -> list[Ranked]:
        """Entries best matching `text`, best first, with scores in 0..1."""
        query: dict[str, float] = {}  # vocabulary stem -> weight it carries
        total = 0.0
        for term in terms(text, self._canonical):
            resolved = self._resolve(term)
            if resolved is None:
                total += self._unknown
                continue
            stem_, factor = resolved
            query[stem_] = max(query.get(stem_, 0.0), self._idf[stem_] * factor)
            total += self._idf[stem_]
        if not query or total <= 0:
            return []
        rare = [t for t in query if len(self._postings[t]) <= self._common] or list(query)
        reach: dict[int, float] = defaultdict(float)
        for t in rare:
            for i in self._postings[t]:
                reach[i] += query[t]
        best = sorted(reach, key=reach.__getitem__, reverse=True)[:MAX_CANDIDATES]
        ranked = [Ranked(self._ids[i], self._score(i, query, total)) for i in best]
        ranked.sort(key=lambda r: r.score, reverse=True)
        return ranked[:limit]

    def _score(self, i: int, query: dict[str, float], total: float) -> float:
        """Blend how much of the question the best phrasing explains, how much of that phrasing the question
        contains, and how much of the question the entry's phrasings explain together."""
        best = 0.0
        for terms_, weight in self._phrasings[i]:
            matched = sum(w for t, w in query.items() if t in terms_)
            if matched:
                best = max(best, W_QUERY * matched / total + (1 - W_QUERY) * min(1.0, matched / weight))
        known = self._known[i]
        covered_by_entry = sum(w * known.get(t, 0.0) for t, w in query.items())
        return min(1.0, W_PHRASING * best + (1 - W_PHRASING) * covered_by_entry / total)
