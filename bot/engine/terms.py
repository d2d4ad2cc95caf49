"""Content stems of a text, as the matcher and the validator see it: folded words, function words left out,
stemmed, synonyms merged into their group's first word.

>>> terms("Who funded the projects?")
['who', 'fund', 'project']
"""

from __future__ import annotations

from functools import lru_cache

from bot.engine.stopwords import STOPWORDS
from bot.engine.text import stem, words


def terms(text: str, canonical: dict[str, str] | None = None) -> list[str]:
    """Distinct content stems of a text, in order; synonyms replaced by their group's first word."""
    stems = _stems(text)
    return list(dict.fromkeys(canonical.get(t, t) for t in stems)) if canonical else list(stems)


@lru_cache(maxsize=32768)  # the validator and the matcher read the same phrasings at start-up
def _stems(text: str) -> tuple[str, ...]:
    """Distinct stems of a text's content words, in order."""
    return tuple(dict.fromkeys(stem(w) for w in words(text) if w not in STOPWORDS))


def synonym_map(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Stem of every word in a synonym group -> stem of the group's first word."""
    canonical = {}
    for group in groups:
        stems = [stem(w) for word in group for w in words(word)[:1]]
        canonical.update({s: stems[0] for s in stems[1:]})
    return canonical
