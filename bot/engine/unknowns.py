"""What the sources do not say, said first when that is what the question asks.

Many answers already say what the article leaves out ("The article gives only his first name and does not say
where he came from"), often in the details behind "More". Someone who asks "where did Dmytro come from?" should
read that first, not a gist about his factory: a plain "I don't know" in the entry's own words. A sentence of the
entry's gist or details that says the sources do not tell something is taken first when it shares more of the
question's content words than the gist does.

>>> unknown = Unknowns({"en": "Dmytro produced powder. The article does not say where his factory was."})
>>> unknown.first("en", "Where was Dmytro's factory?", "Dmytro produced powder.", topic="Who was Dmytro?")
'The article does not say where his factory was.'
>>> unknown.first("en", "What did Dmytro produce?", "Dmytro produced powder.", topic="Who was Dmytro?") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.engine.terms import terms
from bot.engine.text import fold
from bot.engine.tuning import UNKNOWN_OVERLAP

# Phrases that say the sources do not tell something, folded.
_NOT_SAID = tuple(
    fold(p)
    for p in (
        "does not say", "does not give", "does not name", "gives no", "names no", "gives only", "not known",
        "do not say", "does not mention",
        "не наводить", "не називає", "не каже", "не зазначає", "не уточнює", "невідомо", "лише ім'я", "не згадує",
        "не приводит", "не называет", "не говорит", "не указывает", "не уточняет", "неизвестно", "только имя",
        "не упоминает",
    )
)  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZА-ЯІЇЄҐ0-9])")


class Unknowns:
    """One entry's "not said" sentences per language."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._sentences = {
            lang: [(s, set(terms(s))) for s in _SENTENCE.split(text) if any(p in fold(s) for p in _NOT_SAID)]
            for lang, text in texts.items()
        }

    def first(self, lang: str, question: str, gist: str, topic: str = "") -> str | None:
        """The "not said" sentence the question is about, or None. It comes first only when it shares more of
        the question than the gist does, words of the entry's `topic` (its label: "Who was Dmytro?") aside:
        otherwise the gist answers the question."""
        asked = set(terms(question)) - set(terms(topic))
        best = max(self._sentences.get(lang, []), key=lambda s: len(s[1] & asked), default=None)
        if best is None:
            return None
        said = set(terms(gist))
        own = (best[1] & asked) - said  # what only the "not said" sentence shares with the question
        if len(own) < UNKNOWN_OVERLAP or len(own) <= len((said & asked) - best[1]):
            return None
        return best[0]
