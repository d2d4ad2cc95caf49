"""Rank knowledge entries for a question: the lexical signal.

Each phrasing becomes a set of stems weighted by BM25's inverse document frequency over entries, so words that
every entry shares ("IOM", "Ukraine", "МОМ") count for little and an unknown word in the question (weather,
borscht) pulls the score down. Stems missing from the vocabulary are looked up in a symmetric-delete index (as
SymSpell does: a stem and its one-letter deletions), which finds typos in constant time however large the
knowledge grows. An inverted index keeps scoring to entries that share a distinctive stem with the question.

`bot/engine/reference.py` scores every phrasing the plain way, without the index or the budget; the tests hold
this ranker to it.

>>> from bot.knowledge.model import Entry
>>> entry = lambda i, q: Entry(i, "t", {"en": (q,)}, {"en": ""})
>>> matcher = Matcher([entry("donors", "who funded the projects"), entry("since", "since when is IOM here")])
>>> [r.entry_id for r in matcher.rank("who funded it")]
['donors']
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import KeysView
from dataclasses import dataclass

from rapidfuzz.distance import Indel, Levenshtein

from bot.engine.terms import synonym_map, terms
from bot.engine.text import words
from bot.engine.tuning import JOINED_MIN, Weights
from bot.knowledge.model import Entry

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
    def __init__(
        self, entries: list[Entry], synonyms: tuple[tuple[str, ...], ...] = (), weights: Weights | None = None
    ) -> None:
        self.weights = w = weights or Weights()
        self.ids = [e.id for e in entries]
        self._index = {entry_id: i for i, entry_id in enumerate(self.ids)}
        self.canonical = synonym_map(synonyms)
        self.owner: list[int] = []  # phrasing -> entry index
        self.phrasings: list[frozenset[str]] = []  # phrasing -> its stems
        self.claims: list[dict[str, float]] = []  # entry -> stem -> how strongly the entry claims it
        df: dict[str, int] = defaultdict(int)
        for i, entry in enumerate(entries):
            answered = [*entry.answers.values(), *(entry.more or {}).values()]  # the gist and its details
            claims = dict.fromkeys(terms(" ".join(answered), self.canonical), w.answer_factor)
            for questions in entry.questions.values():
                for question in questions:
                    stems = frozenset(terms(question, self.canonical))
                    if stems:
                        self.owner.append(i)
                        self.phrasings.append(stems)
                        claims.update(dict.fromkeys(stems, 1.0))
            self.claims.append(claims)
            for t in claims:
                df[t] += 1
        n = max(len(entries), 1)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}  # BM25's idf
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)  # a stem no entry has
        self.weight = [sum(self.idf[t] for t in stems) for stems in self.phrasings]
        self._postings: dict[str, list[int]] = defaultdict(list)  # stem -> phrasings
        for p, stems in enumerate(self.phrasings):
            for t in stems:
                self._postings[t].append(p)
        self._answer_postings: dict[str, list[int]] = defaultdict(list)  # stem only in answers -> entries
        for i, claims in enumerate(self.claims):
            for t, strength in claims.items():
                if strength < 1.0:
                    self._answer_postings[t].append(i)
        self._common = max(w.common_min, int(len(self.phrasings) * w.common_share))
        self._deletes: dict[str, list[str]] = defaultdict(list)  # the symmetric-delete typo index
        self._unprefixed: dict[str, list[str]] = defaultdict(list)  # "пита" -> ["запита"]: the stem minus a prefix
        for t in df:
            if len(t) >= 4 and not t.isdigit():
                for key in _deletions(t) | {t}:
                    self._deletes[key].append(t)
            for prefix in _PREFIXES:
                if t.startswith(prefix) and len(t) - len(prefix) >= 4:
                    self._unprefixed[t[len(prefix) :]].append(t)

    def stems_of(self, entry_id: str) -> KeysView[str]:
        """The stems an entry's phrasings, gist and details have."""
        return self.claims[self._index[entry_id]].keys()

    def resolve(self, term: str) -> tuple[str, float] | None:
        """The vocabulary stem a question stem stands for, with a factor for how sure the match is."""
        if term in self.idf:
            return term, 1.0
        if len(term) < 4 or term.isdigit():
            return None
        # Four letters are too few to guess a substitution ("слон" is not "слов"); only a dropped letter counts.
        keys = _deletions(term) | {term} if len(term) > 4 else {term}
        found = {c for key in keys for c in self._deletes.get(key, ())}
        close = [c for c in found if Levenshtein.distance(term, c) <= 1 + (len(term) >= 9)]
        if not close:
            close = self._same_root(term)
        if not close:
            return None
        # Prefer an added or dropped letter ("питат"/"спитат") over a changed one ("питат"/"питан").
        return min(close, key=lambda c: (Indel.distance(term, c), -self.idf[c], c)), self.weights.fuzzy_factor

    def _same_root(self, term: str) -> list[str]:
        """Vocabulary stems that differ from `term` by a verb prefix ("питати" / "запитати", "ездили" / "поездка")."""
        bare = [term] + [term[len(p) :] for p in _PREFIXES if term.startswith(p) and len(term) - len(p) >= 4]
        found = [b for b in bare[1:] if b in self.idf]
        for root in bare:
            found += [c for k in range(len(root), 3, -1) for c in self._unprefixed.get(root[:k], ())]
        return found

    def _known(self, word: str) -> bool:
        """Whether a folded word is a function word or a vocabulary stem (not a typo of one: "horpe" is no "hope")."""
        stems = terms(word, self.canonical)
        return not stems or stems[0] in self.idf

    def rejoined(self, text: str) -> str:
        """`text` with a name a phone's speech recogniser split in two joined again: neither half is a word the
        knowledge has (a typo of one does not count), together they are one.

        >>> from bot.knowledge.model import Entry
        >>> matcher = Matcher([Entry("names", "t", {"en": ("ambassador Horpestad",)}, {"en": ""})])
        >>> matcher.rejoined("so um horpe stad who was he")
        'so um horpestad who was he'
        """
        said = words(text)
        out: list[str] = []
        i = 0
        while i < len(said):
            pair = said[i : i + 2]
            if len(pair) == 2 and len("".join(pair)) >= JOINED_MIN and not any(self._known(w) for w in pair):
                joined = terms("".join(pair), self.canonical)
                if joined and joined[0] in self.idf:
                    out.append("".join(pair))
                    i += 2
                    continue
            out.append(said[i])
            i += 1
        return " ".join(out)

    def query(self, text: str) -> tuple[dict[str, float], float]:
        """Question stems found in the vocabulary with their weights, and the weight of the whole question."""
        w = self.weights
        query: dict[str, float] = {}
        known = unknown = 0.0
        for term in terms(self.rejoined(text), self.canonical):
            resolved = self.resolve(term)
            if resolved is None:  # short unknown words are mostly chat spellings ("wat", "u", "шо"), not topics
                unknown += w.short_unknown_factor if len(term) <= 3 else 1.0
                continue
            stem_, factor = resolved
            query[stem_] = max(query.get(stem_, 0.0), self.idf[stem_] * factor)
            known += self.idf[stem_]
        # One unknown word (weather, borscht) weighs fully; each further one less, so that a long, wordy question
        # is not sunk by its many incidental words.
        return query, known + self.unknown_idf * unknown**w.unknown_damping

    def phrasing_score(self, p: int, explained: float, total: float) -> float:
        """How well phrasing `p` fits a question of weight `total` of which it explains `explained`: how much of
        the question it explains, how much of itself the question contains, and their weighted Jaccard."""
        w = self.weights
        score = w.query_share * explained / total + (1 - w.query_share) * min(1.0, explained / self.weight[p])
        jaccard = explained / (total + self.weight[p] - explained)
        return (1 - w.jaccard_share) * score + w.jaccard_share * jaccard

    def entry_score(self, i: int, best_phrasing: float, query: dict[str, float], total: float) -> float:
        """An entry's score: its best phrasing blended with how much of the question all its words explain."""
        w = self.weights
        covered = sum(weight * self.claims[i].get(t, 0.0) for t, weight in query.items()) / total
        return min(1.0, w.phrasing_share * best_phrasing + (1 - w.phrasing_share) * covered)

    def rank(self, text: str, limit: int = 5) -> list[Ranked]:
        """Entries best matching `text`, best first, with scores in 0..1.

        Candidates come from the inverted index, the rarest stems first, until PHRASING_BUDGET phrasings are
        found; commoner stems then only add to those. Only the best MAX_CANDIDATES entries are scored in full.
        """
        w = self.weights
        query, total = self.query(text)
        if not query:
            return []
        by_rarity = sorted(query, key=lambda t: len(self._postings[t]))
        rare = [t for t in by_rarity if len(self._postings[t]) <= self._common] or by_rarity[:1]
        matched: dict[int, float] = defaultdict(float)  # phrasing -> weight of the question it explains
        picked = []
        for t in rare:
            if len(matched) >= w.phrasing_budget:
                break
            picked.append(t)
            for p in self._postings[t]:
                matched[p] += query[t]
        for t in by_rarity:  # too common to pick phrasings, but they still count where present
            if t not in picked:
                for p in matched:
                    if t in self.phrasings[p]:
                        matched[p] += query[t]
        best: dict[int, float] = {}
        for p, explained in matched.items():
            score = self.phrasing_score(p, explained, total)
            i = self.owner[p]
            if score > best.get(i, 0.0):
                best[i] = score
        for t in rare:
            answers = self._answer_postings.get(t, ())
            if len(answers) <= w.max_candidates:
                for i in answers:
                    best.setdefault(i, 0.0)
        ranked = [
            Ranked(self.ids[i], self.entry_score(i, best[i], query, total))
            for i in heapq.nlargest(w.max_candidates, best, key=best.__getitem__)
        ]
        ranked.sort(key=lambda r: r.score, reverse=True)
        return ranked[:limit]
