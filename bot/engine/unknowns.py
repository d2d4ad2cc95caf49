"""What the sources do not say, said first when that is what the question asks.

Many answers already say what the article leaves out ("The article gives only his first name and does not say
where he came from"), in the gist or in the details behind "More". Someone who asks "where did Dmytro come from?"
or "how long did the visit last?" should read that first, not a gist about his factory or the date of the news
item: a plain "I don't know" in the entry's own words. A sentence of the entry's gist or details that says the
sources do not tell something is taken first when it is about what the question asks: it shares a focus with the
question (bot/engine/focus.py: a surname, an age, a duration), or more of the question's content words than the
rest of the gist does.

>>> unknown = Unknowns({"en": "Dmytro produced powder. The article does not say in which town his factory stood."})
>>> unknown.first("en", "In which town did Dmytro's factory stand?", "Dmytro produced powder.", topic="Dmytro?")
'The article does not say in which town his factory stood.'
>>> unknown.first("en", "What did Dmytro produce?", "Dmytro produced powder.", topic="Dmytro?") is None
True

With the question's foci, one shared concept is enough ("how old" and "age" are the focus "age"):

>>> from bot.engine.focus import FocusCheck
>>> focus = FocusCheck()
>>> unknown = Unknowns({"en": "Lyudmyla had five children. The article does not give her age."}, focus.speaks_of)
>>> unknown.first("en", "How old is Lyudmyla?", "Lyudmyla had five children.", asks={"age"})
'The article does not give her age.'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Set

from bot.engine.terms import terms
from bot.engine.text import fold, words
from bot.engine.tuning import UNKNOWN_OVERLAP

# Phrases that say the sources do not tell something, folded.
_NOT_SAID = tuple(
    fold(p)
    for p in (
        "does not say", "does not give", "does not name", "gives no", "names no", "gives only", "not known",
        "do not say", "does not mention", "does not list", "not named", "do not name", "do not mention",
        "does not explain",
        "не наводить", "не називає", "не каже", "не зазначає", "не уточнює", "невідомо", "лише ім'я", "не згадує",
        "не сказано", "не назван", "не перелічує", "не перелічено", "не згадано", "не кажуть", "не називають",
        "не згадують", "не пояснює", "не вказано", "не повідомляє", "у статті немає", "в статті немає",
        "не приводит", "не называет", "не говорит", "не указывает", "не уточняет", "неизвестно", "только имя",
        "не упоминает", "не перечисляет", "не перечислен", "не упомянут", "не говорят", "не называют",
        "не упоминают", "не объясняет", "не указан", "не сообщает", "в статье нет",
    )
)  # fmt: skip
# The words of those phrases, and question words, say nothing about what is asked ("say", "сказано", "how many"),
# so they are no shared words; "does not name" does say what ("what is her name?").
_NAMING = frozenset(terms("name named names назван имя"))
_SAYING = (frozenset(t for p in _NOT_SAID for t in terms(p)) - _NAMING) | frozenset(
    terms(
        "how many much who what when where which why whose "
        "хто що де коли скільки який яка яке які чий чия чому навіщо "
        "кто что где когда сколько какой какая какое какие чей чья почему зачем "
        "article page sources стаття статті статтю сторінка джерела статья статье статью страница источники"
    )
)
# A sentence ends at a stop before a capital, not after a title or an initial ("Dr. Thomas", "Ole T. Horpestad").
_SENTENCE = re.compile(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\b[A-ZА-ЯІЇЄҐ]\.)(?<=[.!?…])\s+(?=[\"«“(]?[A-ZА-ЯІЇЄҐ0-9])")


def _no_foci(_: Sequence[str]) -> set[str]:
    return set()


def _no_names(_: str) -> set[str]:
    return set()


class Unknowns:
    """One entry's "not said" sentences per language."""

    def __init__(
        self,
        texts: Mapping[str, str],
        foci: Callable[[Sequence[str]], set[str]] = _no_foci,
        names: Callable[[str], set[str]] = _no_names,
    ) -> None:
        """`foci`: what a sentence's folded words speak of (FocusCheck.speaks_of), so that "only his first name"
        answers a question about a surname; `names`: the names a text names (Names.named)."""
        self._foci = foci
        self._names = names
        self._sentences: dict[str, list[tuple[str, set[str], set[str]]]] = {lang: [] for lang in texts}
        self._known: dict[str, list[tuple[str, set[str]]]] = {lang: [] for lang in texts}
        for lang, text in texts.items():
            for s in _SENTENCE.split(text):
                if any(p in fold(s) for p in _NOT_SAID):
                    self._sentences[lang].append((s, set(terms(s)) - _SAYING, foci(words(s))))
                else:
                    self._known[lang].append((s, foci(words(s))))

    def opens(self, lang: str, gist: str) -> bool:
        """True when `gist` starts with one of the "not said" sentences: the reader learns first what the sources
        leave out, whatever the question ("The article does not name the libraries or towns: ...").

        >>> text = "The article does not name them. It says they were renovated."
        >>> Unknowns({"en": text}).opens("en", text), Unknowns({"en": text}).opens("en", "They were renovated.")
        (True, False)
        """
        return any(gist.startswith(sentence) for sentence, _, _ in self._sentences.get(lang, []))

    def told(self, lang: str, gist: str, asks: Set[str]) -> str | None:
        """The sentence behind "More" that tells what the question asks and the gist does not, or None: "who
        preceded Weiss?" reads his predecessor's name first, not the gist about Weiss. Only a focus counts here
        (shared words would lead with a detail whenever the question repeats one).

        >>> from bot.engine.focus import FocusCheck
        >>> focus = FocusCheck()
        >>> told = Unknowns({"en": "Weiss was Chief of Mission. His predecessor was Profazi."}, focus.speaks_of)
        >>> told.told("en", "Weiss was Chief of Mission.", {"predecessor"})
        'His predecessor was Profazi.'
        >>> told.told("en", "Weiss was Chief of Mission.", {"age"}) is None
        True
        """
        spoken = self._foci(words(gist))
        for sentence, foci in self._known.get(lang, []):
            if sentence not in gist and foci & (asks - spoken):
                return sentence
        return None

    def first(
        self,
        lang: str,
        question: str,
        gist: str,
        topic: str = "",
        asks: Set[str] = frozenset(),
        hints: Set[str] = frozenset(),
    ) -> str | None:
        """The "not said" sentence the question is about, or None. `asks`: the question's foci; `hints`: foci it
        suggests less surely ("who" suggests a name), which count only with a content word shared as well.

        A sentence comes first when it speaks of one of them and the rest of the gist does not, or when it shares
        more of the question than the rest of the gist does, words of the entry's `topic` (its label: "Who was
        Dmytro?") and question words aside: otherwise the gist answers the question."""
        asked = set(terms(question)) - set(terms(topic)) - _SAYING
        sentences = self._sentences.get(lang, [])
        if not sentences:
            return None

        rest = gist
        for sentence, _, _ in sentences:  # what the gist says, not what it says it cannot
            rest = rest.replace(sentence, "")
        spoken = self._foci(words(rest))

        def unanswered(sentence: tuple[str, set[str], set[str]]) -> set[str]:
            """The foci asked that this sentence speaks of and the rest of the gist does not."""
            asked_here = asks | hints if sentence[1] & asked else asks
            return sentence[2] & (asked_here - spoken)

        best = max(sentences, key=lambda s: (bool(unanswered(s)), len(s[1] & asked)))
        if unanswered(best):
            return best[0]
        sharing = [s for s in sentences if len(s[1] & asked) > 1 or s[2] & (asks | hints)]
        if unnamed := self._unnamed(question, rest, sharing):
            return unnamed
        said = set(terms(rest))
        own = (best[1] & asked) - said  # what only the "not said" sentence shares with the question
        if len(own) < UNKNOWN_OVERLAP or len(own) <= len((said & asked) - best[1]):
            return None
        return best[0]

    def _unnamed(self, question: str, rest: str, sentences: list[tuple[str, set[str], set[str]]]) -> str | None:
        """Of `sentences` (those sharing two words or a focus with the question), the one that alone names a name
        the question names: "what was the Swedish ambassador's name?" is about the deputies the article leaves
        unnamed, whatever words it shares with the two it names.

        >>> names = lambda text: {n for n in ("norway", "sweden") if n in text.lower()}
        >>> unknown = Unknowns({"en": "Norway's was Horpestad. It does not name Sweden's deputy."}, names=names)
        >>> unknown.first("en", "Sweden's deputy?", "Norway's was Horpestad.")
        "It does not name Sweden's deputy."
        >>> unknown.first("en", "Norway's deputy?", "Norway's was Horpestad.") is None
        True
        """
        missing = self._names(question) - self._names(rest)
        if not missing or not sentences:
            return None
        shared, best = max(((len(self._names(s[0]) & missing), s[0]) for s in sentences), key=lambda pair: pair[0])
        return best if shared else None
