"""The names a question names (a country, a person, a town), checked against what each entry speaks of.

Lexically, "What projects does Norway fund?" is close to the donors entry ("projects", "fund") and far from
nothing else, yet the donors entry never names Norway: answering it tells a story about other donors. When the
best entry leaves out the names a question asks about, the entries that speak of them are preferred; when none
does, the engine declines. Names are knowledge/synonyms.yaml's `names` groups, compared as the matcher's stems.

>>> names = Names([("норвегія", "norway"), ("торецьк", "toretsk")], {})  # no synonyms: a name is its first word
>>> sorted(names.named("Які проєкти фінансує Норвегія?"))
['норвег']
>>> names.misses({"норвег"}, {"project", "fund"})
True
>>> names.misses({"норвег", "торецьк"}, {"норвег"})  # one of two names is enough
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

from bot.engine.terms import terms
from bot.engine.text import words

# Where the writer, or someone of theirs, lives is not what they ask: "I live in Canada and want to donate" asks
# about donating, "моя тётя живёт в Дружковке, кто организовал ту поездку?" about the visit. Only the first person
# counts, or a possessive before the one who lives there ("де живе Євген?" asks where he lives).
RESIDENCE = frozenset(words("живу живемо живем живём мешкаю мешкаємо перебуваю перебуваємо находимся нахожусь"))
RESIDENCE_EN = frozenset(words("live living based staying moved"))
FIRST_PERSON_EN = frozenset(words("i we im were i'm we're"))
RESIDENCE_THEIRS = frozenset(words("живе живуть живет живёт живут мешкає мешкають проживає проживает lives live"))
POSSESSIVE = frozenset(words("my our мій моя моє мої наш наша наше наші мой мое моё мои наши"))
_BEFORE_PLACE = frozenset(words("in at to now currently у в во сейчас зараз тепер теперь"))
# A name someone else is compared with is not the one asked about: "Is Evhen displaced too, like Dmytro?" asks about
# Evhen. "як" and "как" also ask "how", so they compare only beside "too" ("теж", "тоже") or as "як і", "как и".
LIKE = frozenset(words("like unlike"))
AS = frozenset(words("як как"))
ALSO = frozenset(words("теж також тоже также"))
AND = frozenset(words("і и"))


class Names:
    def __init__(self, groups: Iterable[tuple[str, ...]], canonical: Mapping[str, str]) -> None:
        """`groups`: the name groups; `canonical`: the matcher's synonym map, so that a name is the stem the matcher
        gives it (the group's first word)."""
        self._canonical = dict(canonical)
        self._stems = {stems[0] for group in groups if (stems := terms(group[0], self._canonical))}

    def named(self, text: str) -> set[str]:
        """The names in `text`, as stems, leaving out the place the writer says they live in.

        >>> names = Names([("canada",), ("norway",)], {})
        >>> sorted(names.named("I live in Canada: did Norway send its ambassador?"))
        ['norway']
        >>> sorted(names.named("My aunt lives in Canada. Does Norway fund IOM?")), names.named("Who lives in Canada?")
        (['norway'], {'canada'})
        """
        said = words(text)
        found: set[str] = set()
        for i, word in enumerate(said):
            before = [w for w in said[max(0, i - 5) : i] if w not in _BEFORE_PLACE]
            if before and (
                before[-1] in RESIDENCE
                or (before[-1] in RESIDENCE_EN and FIRST_PERSON_EN & set(before[-3:-1]))
                or (before[-1] in RESIDENCE_THEIRS and POSSESSIVE & set(before[-5:-1]))
            ):
                continue
            found |= set(terms(word, self._canonical)) & self._stems
        return found

    def naming(self, text: str) -> list[str]:
        """The words of `text` that are names, folded as the matcher reads them.

        >>> Names([("lyudmyla",), ("toretsk",)], {}).naming("I got to the part on Lyudmyla in Toretsk, then my stop.")
        ['lyudmyla', 'toretsk']
        """
        return [w for w in words(text) if self.named(w)]

    def without_compared(self, text: str) -> str:
        """`text` without the names it compares the one asked about with; `text` itself when it compares none.

        >>> names = Names([("evhen",), ("dmytro",)], {})
        >>> names.without_compared("Is Evhen a displaced person too, like Dmytro?")
        'is evhen a displaced person too'
        >>> names.without_compared("Як Дмитро продавав порошок?")  # "як" asks how
        'Як Дмитро продавав порошок?'
        """
        said = words(text)
        named = [i for i, word in enumerate(said) if self.named(word)]
        also = bool(ALSO.intersection(said))
        compared = {
            i
            for i in named[1:]
            if said[i - 1] in LIKE
            or (said[i - 1] in AS and also)
            or (said[i - 1] in AND and i > 1 and said[i - 2] in AS)
        }
        if not compared:
            return text
        dropped = {j for i in compared for j in (i, i - 1, i - 2 if said[i - 1] in AND else i)}  # and "like", "як і"
        return " ".join(word for i, word in enumerate(said) if i not in dropped)

    @staticmethod
    def misses(named: Set[str], spoken: Set[str]) -> bool:
        """True when an entry whose stems are `spoken` leaves out more than half of the `named` names: "the Norwegian
        ambassador at Mayorsk" is still for the entry that names him, and a long message that names four places
        and people for the entry that speaks of three."""
        return 2 * len(named - spoken) > len(named)
