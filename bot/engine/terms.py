"""Content stems of a text, as the matcher and the validator see it: folded words, function words left out,
stemmed, synonyms merged into their group's first word.

>>> terms("Who funded the projects?")
['who', 'fund', 'project']
"""

from __future__ import annotations

from bot.engine.stopwords import STOPWORDS
from bot.engine.text import stem, words


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
