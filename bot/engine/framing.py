"""Today's framing: the first sentence a reader needs most when the question is about now or about going there.

Most facts are from 2017. Someone asking "who heads IOM Ukraine now?" or "is it safe to go to Sloviansk?" must
first hear what I cannot know, and only then the dated facts; otherwise, on a phone, the 2017 name or the 2017
town reads as today's answer. The gist of the entry is kept; only its first sentence changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.engine.text import fold, words
from bot.knowledge.model import Entry, KnowledgeBase

# Words that ask what happened after 2017 ("did he ever", "в итоге"), folded as the matcher folds them, and
# "current", which beside a need asks for a statistic ("the current share of IDPs ...") more often than for help.
# The words for today ("now", "досі", "сейчас") are the help file's `now` list (knowledge/help.yaml).
# Words of TYPO_MIN letters or more also match with one typo ("curently", "сечас"); shorter ones only exactly ("now"
# must not match "know").
LATER_WORDS = frozenset(
    words(
        "yet eventually ever afterwards later current managed зрештою згодом пізніше врешті вдалося вдалось "
        "впоследствии позже ещё еще удалось"
    )
)
LATER_PHRASES = tuple(
    tuple(words(p))
    for p in ("в итоге", "в підсумку", "after the visit", "після візиту", "после визита", "after the trip",
              "після поїздки", "после поездки", "in the end", "врешті решт", "кінець кінцем", "в конце концов",
              "в результате", "after 2017", "since 2017", "після 2017", "после 2017", "з 2017", "с 2017",
              "what became of", "what happened to", "що сталося з", "що стало з", "что стало с", "что случилось с")
)  # fmt: skip
TYPO_MIN = 6
# "Кто ещё был?" asks "who else", not "who still": ещё right after a question word is not about now.
ELSE_BEFORE = frozenset(words("кто что где какие какой какая куда кого чем хто що де які який"))
ELSE_WORDS = frozenset(words("ещё еще"))


@dataclass(frozen=True, slots=True)
class TimeWords:
    """The words and phrases that make a question one about now or about what happened after 2017."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, today: Iterable[str]) -> TimeWords:
        """From the help file's `now` cues (a word, or a phrase of several) and LATER_WORDS.

        >>> time = TimeWords.of(["now", "at the moment"])
        >>> "now" in time.words and "ever" in time.words and ("at", "the", "moment") in time.phrases
        True
        """
        cues = [tuple(words(cue.rstrip("*"))) for cue in today]
        single = frozenset(c[0] for c in cues if len(c) == 1)
        return cls(LATER_WORDS | single, LATER_PHRASES + tuple(c for c in cues if len(c) > 1))


# The towns of the 2017 visit and their region, as stems of their English, Ukrainian and Russian spellings.
TOWNS = tuple(
    words(
        "kramatorsk sloviansk slovyansk slavyansk sviatohirsk svyatohirsk sviatogorsk svyatogorsk mayorsk maiorsk "
        "bakhmut bahmut artemivsk toretsk druzhkivka druzhkovka donbas donetsk "
        "краматорськ словянськ святогірськ майорськ бахмут артемівськ торецьк дружківк донбас донецьк донечч "
        "краматорск славянск святогорск майорск бахмут артемовск торецк дружковк донбасс донецк"
    )
)
# Being safe and leaving are safety questions by themselves.
SAFETY = tuple(words("safe danger evacuat безпе небезпе евакуац безопас опасн эвакуац"))
# Going and crossing are travel questions when someone asks about doing it ("can I", "how do we", "чи можна").
TRAVEL = tuple(
    words(
        "go get travel trip drive cross leave return move "
        "їхат поїхат доїхат поїздк перетн перетин виїхат повернут переїхат "
        "ехат поехат доехат поездк пересеч пересек выехат вернут переехат"
    )
)
ASKER = frozenset(words("i we me my us can could should how я ми мені мене нам можна як чи мы мне меня можно как ли"))
# A checkpoint or crossing point is a travel question even when nobody says "can I".
CHECKPOINTS = tuple(words("checkpoint checkpoints crossing кпвв пропуску пропуска"))


def is_about_now(question: str, time: TimeWords) -> bool:
    said = words(question)
    for i, word in enumerate(said):
        if word in ELSE_WORDS and i and said[i - 1] in ELSE_BEFORE:
            continue
        if word in time.words or (len(word) >= TYPO_MIN - 1 and any(_one_typo(word, now) for now in time.words)):
            return True
    return any(_contains(said, phrase) for phrase in time.phrases)


def is_about_travel(question: str) -> bool:
    said = words(question)
    if any(_cue(w, CHECKPOINTS) for w in said) or any(_cue(w, SAFETY) for w in said):
        return True
    going = any(_cue(w, TRAVEL) for w in said) and not ASKER.isdisjoint(said)
    return going and any(_cue(w, TOWNS) or w.startswith(("cross", "перетн", "перетин", "пересе")) for w in said)


def framed_gist(entry: Entry, question: str, lang: str, kb: KnowledgeBase, time: TimeWords) -> str:
    """The entry's gist for this question: "I have no safety or travel information" first for a safety, travel
    or crossing question; what I cannot know about today first for a question about now on dated facts (the
    entry's `today` text, else the general one of ui.yaml). A gist that already holds that sentence has it moved
    to the front rather than said twice."""
    gist = entry.answers[lang]
    if is_about_travel(question):
        first = kb.text("no_travel_info", lang)
    elif is_about_now(question, time) and (entry.today or entry.as_of):
        first = entry.today[lang] if entry.today else kb.text("today", lang)
    else:
        return gist
    return lead_with(first, gist)


def lead_with(first: str, text: str) -> str:
    """`text` with the sentence `first` in front, taken out of where `text` already says it.

    >>> lead_with("I don't know.", "In 2017 it was so. I don't know. See the site.")
    "I don't know. In 2017 it was so. See the site."
    """
    rest = " ".join(text.replace(first, " ").split()) if fold(first) in fold(text) else text
    return f"{first} {rest}"


def _cue(word: str, cues: tuple[str, ...]) -> bool:
    """A short cue ("go") must be the whole word; a longer one is a stem ("evacuat" in "evacuation")."""
    return any(word == cue or (len(cue) >= 4 and word.startswith(cue)) for cue in cues)


def _contains(said: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(said[i : i + n]) == phrase for i in range(len(said) - n + 1))


def _one_typo(word: str, target: str) -> bool:
    """True when `word` is `target` with one letter wrong, missing, extra, or two neighbours swapped."""
    if len(target) < TYPO_MIN or abs(len(word) - len(target)) > 1 or word == target:
        return word == target
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == target[diff[1]]
            and word[diff[1]] == target[diff[0]]
        )
    short, long = sorted((word, target), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
