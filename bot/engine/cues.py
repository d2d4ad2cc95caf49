"""Cue phrases: words, word beginnings and short phrases looked for in a message, forgiving one typo.

Staff write cues in knowledge/help.yaml: a plain word matches that word, a word ending in "*" any word that starts
so ("виплат*" finds "виплати", "виплату"), and a phrase matches its words in a row. Everything is folded first
(bot/engine/text.py), so "сім'я" and "симя", "є" and "е" are the same. A word of five letters or more that the
knowledge does not know forgives one typo ("виплвти"); a known word is taken as written, so "голова" never passes
for "голод". Typos are found with a symmetric-delete index (as SymSpell does): a word and a cue that lose one
letter each and meet are one edit apart, so no pair of words is ever compared one by one.

>>> cues = CueIndex(["виплат*", "евакуац*", "need help"])
>>> sorted(cues.find("коли будуть виплати".split()))
['виплат*']
>>> sorted(cues.find("допоможіть з евакуяцією".split()))  # one typo in a long enough beginning
['евакуац*']
>>> sorted(cues.find("i need help now".split()))
['need help']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from typing import NamedTuple

from bot.engine.text import fold
from bot.engine.tuning import CANDIDATES_REMEMBERED, PREFIX_TYPO_MIN, TYPO_MIN

PREFIX = "*"
# Words that may stand inside a phrase cue without breaking it ("need a job", "шукаю хоч якусь роботу", "сколько
# именно денег").
FILLERS = frozenset(
    fold(
        "a an the any some exactly хоч хоть якусь якийсь якісь будь яку какую какой какие нибудь саме точно всього "
        "именно всего"
    ).split()
)
MAX_FILLERS = 2


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Token(NamedTuple):  # a tuple: cheap to build for the thousand-odd cues read at start-up
    text: str  # folded
    prefix: bool


def _tokens(cue: str) -> tuple[_Token, ...]:
    """A cue's folded words; only the last may be a beginning. A star inside ("офіційн* мови") would be read as a
    whole word, matching only by a typo, so it is refused (help.yaml's validator says so with file:line first)."""
    if PREFIX in cue.rstrip(PREFIX):
        raise ValueError(f"'{PREFIX}' may only end a cue ('виплат*'), not stand inside {cue!r}")
    parts = cue.split()
    out = []
    for n, part in enumerate(parts):
        prefix = part.endswith(PREFIX)
        folded = fold(part.rstrip(PREFIX))
        for piece in folded.split() or [""]:
            out.append(_Token(piece, prefix and n == len(parts) - 1))
    return tuple(t for t in out if t.text)


class CueIndex:
    """Finds which of a fixed set of cues occur in a list of folded words, and under which labels they stand.

    One index holds every list (help.yaml's `need`, `request`, ...), so a message is read once, not once per list.
    """

    def __init__(
        self,
        groups: Mapping[str, Iterable[str]] | Iterable[str],
        known: Set[str] = frozenset(),
        exact: Set[str] = frozenset(),
    ) -> None:
        """`groups`: label -> cues (or just cues, under the label ""). `known`: folded words of the knowledge,
        which are never read as typos of a cue. `exact`: labels whose cues forgive no typo (function words such
        as "помочь" are one letter from content words such as "помощь")."""
        self._known = known
        if not isinstance(groups, Mapping):
            groups = {"": groups}
        self._cues: dict[str, tuple[_Token, ...]] = {}
        self._labels: dict[str, set[str]] = defaultdict(set)
        for label, cues in groups.items():
            for cue in cues:
                tokens = _tokens(cue)
                if tokens:
                    self._cues[cue] = tokens
                    self._labels[cue].add(label)
        self._exact: dict[str, set[str]] = defaultdict(set)  # whole word -> cues whose first token it is
        self._prefix: dict[str, set[str]] = defaultdict(set)  # word beginning -> cues
        self._typo: dict[str, set[str]] = defaultdict(set)  # a deletion of a first token -> cues
        self._typos = {cue for cue in self._cues if self._labels[cue] - exact}  # cues that forgive a typo
        for cue, tokens in self._cues.items():
            first = tokens[0]
            (self._prefix if first.prefix else self._exact)[first.text].add(cue)
            if cue in self._typos and len(first.text) >= (PREFIX_TYPO_MIN if first.prefix else TYPO_MIN):
                for key in _deletions(first.text):
                    self._typo[key].add(cue)
        self._lengths = sorted({len(t[0].text) for t in self._cues.values() if t[0].prefix})
        self._seen: dict[str, frozenset[str]] = {}

    def _candidates(self, word: str) -> frozenset[str]:
        """The cues that may start at `word` (checked then by _end), remembered: a message is read by several
        rules and its words recur in the next messages."""
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) >= CANDIDATES_REMEMBERED:
                self._seen.clear()
            found = self._seen[word] = frozenset(self._starting(word))
        return found

    def _starting(self, word: str) -> set[str]:
        found = set(self._exact.get(word, ()))
        for n in self._lengths:
            if n > len(word) + 1:
                break
            found |= self._prefix.get(word[:n], set())
        if len(word) >= TYPO_MIN - 1 and word not in self._known:
            keys = {word} | (_deletions(word) if len(word) >= TYPO_MIN else set())
            for n in self._lengths:  # a beginning with one typo, or with a letter dropped or added
                if PREFIX_TYPO_MIN <= n <= len(word):
                    keys |= {word[:n]} | _deletions(word[:n]) | _deletions(word[: n + 1])
            for key in keys:
                found |= self._typo.get(key, set())
        return found

    @staticmethod
    def _token_matches(token: _Token, word: str) -> bool:
        if token.prefix:
            return word.startswith(token.text)
        return word == token.text

    def _near(self, token: _Token, word: str, typo: bool = True) -> bool:
        """Exactly, or (when `typo`) one edit apart when both are long enough."""
        if self._token_matches(token, word):
            return True
        if not typo or len(token.text) < (PREFIX_TYPO_MIN if token.prefix else TYPO_MIN) or word in self._known:
            return False
        if len(word) < TYPO_MIN - 1:
            return False
        target = word[: len(token.text)] if token.prefix else word
        candidates = [target]
        if token.prefix:
            candidates += [word[: len(token.text) + 1], word[: len(token.text) - 1]]
        return any(_one_edit(token.text, c) for c in candidates)

    def _spans(self, words: Sequence[str]) -> Iterator[tuple[int, int, str]]:
        """(start, end, cue) for every cue that occurs in `words`: the one matching loop `find` and `only` share."""
        for i, word in enumerate(words):
            for cue in self._candidates(word):
                end = self._end(self._cues[cue], words, i, cue in self._typos)
                if end is not None:
                    yield i, end, cue

    def _end(self, tokens: tuple[_Token, ...], words: Sequence[str], start: int, typo: bool) -> int | None:
        """Where the phrase `tokens` ends when it starts at `start`, or None. Up to MAX_FILLERS words such as "a"
        and "any" may stand between its words ("looking for any work" is "looking for work")."""
        if not self._near(tokens[0], words[start], typo):
            return None
        at = start + 1
        for token in tokens[1:]:
            skip = 0
            while at + skip < len(words) and skip < MAX_FILLERS and words[at + skip] in FILLERS:
                if self._near(token, words[at + skip], typo):
                    break
                skip += 1
            if at + skip >= len(words) or not self._near(token, words[at + skip], typo):
                return None
            at += skip + 1
        return at

    def find(self, words: Sequence[str]) -> set[str]:
        """The cues (as written) that occur in `words`, a message's folded words in order."""
        return {cue for _, _, cue in self._spans(words)}

    def labels(self, cues: Iterable[str]) -> set[str]:
        """The labels the given cues stand under."""
        return {label for cue in cues for label in self._labels[cue]}

    def outside(self, words: Sequence[str]) -> list[str] | None:
        """The words no cue covers, when some cue occurs (None when none does): what "what is" asks about."""
        covered = [False] * len(words)
        found = False
        for start, end, _ in self._spans(words):
            covered[start:end] = [True] * (end - start)
            found = True
        return [w for w, c in zip(words, covered, strict=True) if not c] if found else None

    def only(self, words: Sequence[str], label: str | Set[str] = "", allowed: Set[str] = frozenset()) -> bool:
        """True when every word belongs to a cue of `label` (or of one of several labels, or to `allowed`): a
        message of nothing else."""
        if not words:
            return False
        labels = {label} if isinstance(label, str) else label
        covered = [w in allowed for w in words]
        for start, end, cue in self._spans(words):
            if labels & self._labels[cue]:
                covered[start:end] = [True] * (end - start)
        return all(covered)


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        i, j = [*diff, 0, 0][:2]
        return len(diff) == 1 or (len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
