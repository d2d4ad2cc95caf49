"""Rank knowledge entries for a question.

Each phrasing becomes a set of stems weighted by inverse document frequency over entries, so words that every
entry shares ("IOM", "Ukraine", "МОМ") count for little and an unknown word in the question (weather, borscht)
pulls the score down. Stems missing from the vocabulary are looked up by one-deletion neighbours, which finds
typos in constant time however large the knowledge grows. An inverted index keeps scoring to entries that share
a distinctive stem with the question.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Indel, Levenshtein

from bot.engine.stopwords import STOPWORDS
from bot.engine.text import stem, words
from bot.knowledge.model import Entry

FUZZY_FACTOR = 0.5  # a typo-matched word counts half: it may as well be a different word
COMMON_SHARE = 0.005  # stems in more phrasings than this share (and COMMON_MIN) don't pick candidates alone
COMMON_MIN = 300
PHRASING_BUDGET = 1500  # phrasings found, the rarest stems first, before the rest only add to them
MAX_CANDIDATES = 50  # entries whose whole vocabulary is weighed; the rest cannot catch up with them
W_JACCARD = 0.5  # in a phrasing's score: share for weighted Jaccard, which punishes words on either side left unmatched
SHORT_UNKNOWN_FACTOR = 0.25  # the weight of an unknown word of up to three letters, against a longer one
UNKNOWN_DAMPING = 0.5  # n unknown words weigh like n**this unknown words
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


# Ukrainian and Russian verb prefixes, folded (від -> вид, під -> пид).
_PREFIXES = tuple(
    sorted(
        set("за по на с з у в пере при про роз рас раз вид от об ви ви до под пид над вз вс".split()),
        key=len,
        reverse=True,
    )
)


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
        self._owner: list[int] = []  # phrasing -> entry index
        self._terms: list[frozenset[str]] = []  # phrasing -> its stems
        self._known: list[dict[str, float]] = []  # entry -> stem -> how strongly the entry claims it
        df: dict[str, int] = defaultdict(int)
        for i, entry in enumerate(entries):
            answered = [*entry.answers.values(), *(entry.more or {}).values()]  # the gist and its details
            known = dict.fromkeys(terms(" ".join(answered), self._canonical), ANSWER_FACTOR)
            for questions in entry.questions.values():
                for question in questions:
                    stems = frozenset(terms(question, self._canonical))
                    if stems:
                        self._owner.append(i)
                        self._terms.append(stems)
                        known.update(dict.fromkeys(stems, 1.0))
            self._known.append(known)
            for t in known:
                df[t] += 1
        n = max(len(entries), 1)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._unknown = math.log(1 + (n + 0.5) / 0.5)
        self._weight = [sum(self._idf[t] for t in stems) for stems in self._terms]
        self._postings: dict[str, list[int]] = defaultdict(list)  # stem -> phrasings
        for p, stems in enumerate(self._terms):
            for t in stems:
                self._postings[t].append(p)
        self._answer_postings: dict[str, list[int]] = defaultdict(list)  # stem only in answers -> entries
        for i, known in enumerate(self._known):
            for t, strength in known.items():
                if strength < 1.0:
                    self._answer_postings[t].append(i)
        self._common = max(COMMON_MIN, int(len(self._terms) * COMMON_SHARE))
        self._neighbours: dict[str, list[str]] = defaultdict(list)
        self._unprefixed: dict[str, list[str]] = defaultdict(list)  # "пита" -> ["запита"]: the stem minus a prefix
        for t in df:
            if len(t) >= 4 and not t.isdigit():
                for key in _deletions(t) | {t}:
                    self._neighbours[key].append(t)
            for prefix in _PREFIXES:
                if t.startswith(prefix) and len(t) - len(prefix) >= 4:
                    self._unprefixed[t[len(prefix) :]].append(t)

    def _resolve(self, term: str) -> tuple[str, float] | None:
        """The vocabulary stem a question stem stands for, with a factor for how sure the match is."""
        if term in self._idf:
            return term, 1.0
        if len(term) < 4 or term.isdigit():
            return None
        # Four letters are too few to guess a substitution ("слон" is not "слов"); only a dropped letter counts.
        keys = _deletions(term) | {term} if len(term) > 4 else {term}
        found = {c for key in keys for c in self._neighbours.get(key, ())}
        close = [c for c in found if Levenshtein.distance(term, c) <= 1 + (len(term) >= 9)]
        if not close:
            close = self._same_root(term)
        if not close:
            return None
        # Prefer an added or dropped letter ("питат"/"спитат") over a changed one ("питат"/"питан").
        return min(close, key=lambda c: (Indel.distance(term, c), -self._idf[c], c)), FUZZY_FACTOR

    def _same_root(self, term: str) -> list[str]:
        """Vocabulary stems that differ from `term` by a verb prefix ("питати" / "запитати", "ездили" / "поездка")."""
        bare = [term] + [term[len(p) :] for p in _PREFIXES if term.startswith(p) and len(term) - len(p) >= 4]
        found = [b for b in bare[1:] if b in self._idf]
        for root in bare:
            found += [c for k in range(len(root), 3, -1) for c in self._unprefixed.get(root[:k], ())]
        return found

    def _query(self, text: str) -> tuple[dict[str, float], float]:
        """Question stems found in the vocabulary with their weights, and the weight of the whole question."""
        query: dict[str, float] = {}
        known = unknown = 0.0
        for term in terms(text, self._canonical):
            resolved = self._resolve(term)
            if resolved is None:  # short unknown words are mostly chat spellings ("wat", "u", "шо"), not topics
                unknown += SHORT_UNKNOWN_FACTOR if len(term) <= 3 else 1.0
                continue
            stem_, factor = resolved
            query[stem_] = max(query.get(stem_, 0.0), self._idf[stem_] * factor)
            known += self._idf[stem_]
        # One unknown word (weather, borscht) weighs fully; each further one less, so that a long, wordy question
        # is not sunk by its many incidental words.
        return query, known + self._unknown * unknown**UNKNOWN_DAMPING

    def rank(self, text: str, limit: int = 5) -> list[Ranked]:
        """Entries best matching `text`, best first, with scores in 0..1.

        A phrasing scores by how much of the question it explains and how much of itself the question
        contains; an entry by its best phrasing blended with how much of the question all its words explain.
        """
        query, total = self._query(text)
        if not query:
            return []
        by_rarity = sorted(query, key=lambda t: len(self._postings[t]))
        rare = [t for t in by_rarity if len(self._postings[t]) <= self._common] or by_rarity[:1]
        matched: dict[int, float] = defaultdict(float)  # phrasing -> weight of the question it explains
        picked = []
        for t in rare:
            if len(matched) >= PHRASING_BUDGET:
                break
            picked.append(t)
            for p in self._postings[t]:
                matched[p] += query[t]
        for t in by_rarity:  # too common to pick phrasings, but they still count where present
            if t not in picked:
                for p in matched:
                    if t in self._terms[p]:
                        matched[p] += query[t]
        best: dict[int, float] = {}
        for p, weight in matched.items():
            score = W_QUERY * weight / total + (1 - W_QUERY) * min(1.0, weight / self._weight[p])
            jaccard = weight / (total + self._weight[p] - weight)
            score = (1 - W_JACCARD) * score + W_JACCARD * jaccard
            i = self._owner[p]
            if score > best.get(i, 0.0):
                best[i] = score
        for t in rare:
            answers = self._answer_postings.get(t, ())
            if len(answers) <= MAX_CANDIDATES:
                for i in answers:
                    best.setdefault(i, 0.0)
        ranked = []
        for i in heapq.nlargest(MAX_CANDIDATES, best, key=best.__getitem__):
            known = self._known[i]
            covered = sum(w * known.get(t, 0.0) for t, w in query.items()) / total
            ranked.append(Ranked(self._ids[i], min(1.0, W_PHRASING * best[i] + (1 - W_PHRASING) * covered)))
        ranked.sort(key=lambda r: r.score, reverse=True)
        return ranked[:limit]
