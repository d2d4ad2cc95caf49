"""Which of uk, ru, en a message is written in, and whether it is Ukrainian or Russian typed in Latin letters.

Ukrainian and Russian share most of the alphabet, and people write Russian with Ukrainian letters and the other way
round, so the decision weighs words, not letters: a word that only one language's vocabulary has (the knowledge's
own phrasings and answers, plus frequent function words) counts twice as much as a distinctive letter (і ї є ґ and
the apostrophe against ы э ё ъ), so "кто оплатіл ремонт" is Russian. Latin names inside a Cyrillic question
("Що таке NGO Forum?") do not make it English: only English function words do. When the words tell little, the
lingua-language-detector library, restricted to the three languages and loaded on first use, settles it; text
that tells nothing at all ("1996?", "Бахмут") keeps the stored preference, then Ukrainian.

>>> detector = LanguageDetector.from_phrasings({"uk": ["хто фінансував"], "ru": ["кто финансировал"], "en": []})
>>> detector.detect("кто оплатіл ремонт").lang
'ru'
>>> detector.detect("Хто такий Thomas Lothar Weiss?").lang
'uk'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from bot.engine.text import fold, unheld
from bot.engine.translit import to_cyrillic
from bot.engine.tuning import DECISIVE, DETECTOR_CONFIDENCE, FOLDED_WEIGHT, LATIN_SHARE, WORD_WEIGHT
from bot.knowledge.model import LANGS

_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэёъ")
_APOSTROPHES = frozenset("'’ʼ")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_UK_WORDS = """що як це чи де хто коли та й і яка який які яке якого якої яких скільки чому мені тобі можна був
була було були від із зі з ви він вона вони його її цей ця ці вже ще також але або немає є ні дякую привіт будь
ласка треба потрібно допомога допомогу допомогти розкажіть розкажи скажіть знати можете куди звідки такий така таке
такі зараз теж рік року років працює відбувся нема мене моя мій наш нас нам їх шо шось щось чоловік дружина місто
місті дуже тільки добре якщо щоб одна один""".split()
_RU_WORDS = """что как это где кто когда и какая какой какие какое какого каких сколько почему мне можно был была
было были от из с со вы мы он она они его ее её этот эта эти уже еще ещё также но или нет есть да спасибо привет
пожалуйста нужно надо помощь помочь расскажите расскажи скажите знать можете куда откуда чем такой такая такое
такие сейчас тоже здесь год года году лет работает чего меня моя мой наш нас нам их шо чё муж жена город городе
очень только хорошо если чтобы потому одна один""".split()
# Only these make a message with Cyrillic words English: names and acronyms in Latin letters do not.
_EN_FUNCTION = frozenset(
    """what who whom whose which when where why how is are was were be been do does did the a an of to in on at
    for from by with about and or can could would should will there this that these those it its my your our
    their me you we they i tell please""".split()
)


@dataclass(frozen=True, slots=True)
class Detection:
    lang: str
    latin: bool = False  # Ukrainian or Russian in Latin letters: match `to_cyrillic(text, lang)`, not the text


def _words(text: str) -> list[str]:
    return _WORD.findall(unheld(text.casefold()))


def reads_as_english(text: str) -> bool:
    """Whether a text has an English function word ("what", "the", "is"): English, not Russian or Ukrainian in
    Latin letters whose words the knowledge happens not to know.

    >>> reads_as_english("what is the country team"), reads_as_english("prosyat nomer karty, eto moshenniki?")
    (True, False)
    """
    return not _EN_FUNCTION.isdisjoint(_words(text))


def _is_latin(word: str) -> bool:
    """ASCII, or Latin letters with diacritics ("dopomožit", "keš"): never Cyrillic."""
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word)


class LanguageDetector:
    def __init__(self, vocabularies: Mapping[str, set[str]]) -> None:
        uk, ru, en = (vocabularies.get(lang, set()) for lang in ("uk", "ru", "en"))
        self._uk_only, self._ru_only = uk - ru, ru - uk
        folded_uk, folded_ru = {fold(w) for w in uk}, {fold(w) for w in ru}
        self._uk_folded, self._ru_folded = folded_uk - folded_ru, folded_ru - folded_uk
        self._uk_any, self._ru_any = folded_uk, folded_ru
        self._en = en | _EN_FUNCTION

    @classmethod
    def from_phrasings(cls, texts: Mapping[str, Iterable[str]]) -> LanguageDetector:
        """A detector whose vocabularies are the words of `texts` per language, plus frequent function words."""
        vocab: dict[str, set[str]] = {lang: set() for lang in LANGS}
        for lang, items in texts.items():
            for text in items:
                vocab[lang].update(_words(text))
        vocab["uk"].update(_UK_WORDS)
        vocab["ru"].update(_RU_WORDS)
        return cls(vocab)

    @cached_property
    def _lingua(self) -> Any:
        """lingua, loaded on first need: importing it and building the three-language detector is work most
        questions never need. Building takes little; its first answer loads the three models (about 0.45 s of CPU
        on a 2-core machine), which `warm` does before the bot serves."""
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError:  # the bot still works on the rules alone
            return None
        languages = {Language.UKRAINIAN: "uk", Language.RUSSIAN: "ru", Language.ENGLISH: "en"}
        return LanguageDetectorBuilder.from_languages(*languages).build(), languages

    def detect(self, text: str, preferred: str | None = None) -> Detection:
        fallback = preferred if preferred in LANGS else LANGS[0]
        words = _words(text)
        latin = [w for w in words if _is_latin(w)]
        cyrillic = [w for w in words if not _is_latin(w)]
        if cyrillic:
            english = sum(1 for w in latin if w in _EN_FUNCTION)
            if english >= 2 and english > len(cyrillic):
                return Detection("en")
            return Detection(self._uk_or_ru(cyrillic, fallback))
        if latin:
            return self._latin(latin, preferred)
        return Detection(fallback)

    def _uk_or_ru(self, words: list[str], fallback: str) -> str:
        uk = ru = 0  # all evidence
        by_words = False  # whether some word was found in one vocabulary only
        for word in words:
            if word in self._uk_only or word in self._ru_only:
                uk += WORD_WEIGHT * (word in self._uk_only)
                ru += WORD_WEIGHT * (word in self._ru_only)
                by_words = True
                continue
            letters = set(word)
            folded = fold(word)
            # A word of one language typed with the other's letters ("оплатіл", "жітєлі"): its letters are slips
            # of the keyboard, not evidence; its word is.
            uk += bool(letters & _UK_LETTERS or letters & _APOSTROPHES) and folded not in self._ru_folded
            ru += bool(letters & _RU_LETTERS) and folded not in self._uk_folded
            if folded in self._uk_folded or folded in self._ru_folded:
                uk += FOLDED_WEIGHT * (folded in self._uk_folded)
                ru += FOLDED_WEIGHT * (folded in self._ru_folded)
                by_words = True
        leader = "uk" if uk > ru else "ru"
        if abs(uk - ru) >= DECISIVE or (by_words and uk != ru):
            return leader
        guess = self._ask_lingua(words)  # a tie, or letters alone
        if guess is not None and (uk == ru or guess[1] >= DETECTOR_CONFIDENCE):
            return guess[0]
        if uk != ru:
            return leader
        return fallback if fallback in ("uk", "ru") else "uk"

    def warm(self) -> bool:
        """Loads lingua's models now, so that no one's message waits for them; False when lingua is missing."""
        if self._lingua is None:
            return False
        detector, _ = self._lingua
        detector.compute_language_confidence_values("добрий день")
        return True

    def _ask_lingua(self, words: list[str]) -> tuple[str, float] | None:
        """lingua's (language, confidence) between uk and ru, or None when it is missing or unsure. One word
        ("Бахмут") is a name as often as not: it tells nothing, so it is not asked."""
        if len(words) < 2 or self._lingua is None:
            return None
        detector, languages = self._lingua
        text = " ".join(words)
        values = [(languages[v.language], v.value) for v in detector.compute_language_confidence_values(text)]
        best = max((v for v in values if v[0] != "en"), key=lambda v: v[1], default=None)
        return best if best and best[1] > 0.5 else None

    def _latin(self, words: list[str], preferred: str | None) -> Detection:
        """English, or Ukrainian or Russian in Latin letters: whichever vocabulary knows more of the words once
        they are read back into Cyrillic."""
        as_uk, as_ru, slavic = self._read_back(words)
        english = self._english(words, slavic)
        cyrillic = sum(1 for w, s in zip(words, slavic, strict=True) if s and w not in self._en)
        if cyrillic > english and (not english or cyrillic >= LATIN_SHARE * len(words)):
            uk = sum(w in self._uk_folded for w in as_uk)
            ru = sum(w in self._ru_folded for w in as_ru)
            if uk == ru:
                return Detection(self._latin_tie(words, preferred), latin=True)
            return Detection("uk" if uk > ru else "ru", latin=True)
        if not english and not cyrillic and preferred in LANGS:
            return Detection(preferred)  # unknown words only: a name ("Kramatorsk") tells nothing
        return Detection("en")

    def reads_as_english(self, text: str) -> bool:
        """Whether a Latin text is English: it has a function word, or half its words and at least two are English
        words of the knowledge that do not read as Russian or Ukrainian ones. Telegraphic English ("humanitarian
        country team mentioned?") has no function word; "kak poluchit pomosch ot IOM" has one English word only.

        >>> detector = LanguageDetector({"en": {"humanitarian", "country", "team", "iom"}, "uk": set(), "ru": set()})
        >>> detector.reads_as_english("humanitarian country team mentioned?"), detector.reads_as_english("ot IOM")
        (True, False)
        """
        if reads_as_english(text):
            return True
        words = [w for w in _words(text) if _is_latin(w)]
        english = self._english(words, self._read_back(words)[2])
        return english >= 2 and english >= LATIN_SHARE * len(words)

    def _read_back(self, words: list[str]) -> tuple[list[str], list[str], list[bool]]:
        """Latin words read back into Ukrainian and Russian Cyrillic (folded), and whether each reads as a word of
        either vocabulary."""
        as_uk = [fold(to_cyrillic(w, "uk")) for w in words]
        as_ru = [fold(to_cyrillic(w, "ru")) for w in words]
        return as_uk, as_ru, [uk in self._uk_any or ru in self._ru_any for uk, ru in zip(as_uk, as_ru, strict=True)]

    def _english(self, words: list[str], slavic: list[bool]) -> int:
        """How many of `words` are English words of the knowledge; a word both could be ("do", or a name:
        "kramatorsk") counts for neither."""
        return sum(1 for w, s in zip(words, slavic, strict=True) if w in self._en and not s)

    def _latin_tie(self, words: list[str], preferred: str | None) -> str:
        """Ukrainian or Russian for Latin text whose words do not tell: lingua on each reading, the surer wins."""
        uk = self._ask_lingua(to_cyrillic(" ".join(words), "uk").split())
        ru = self._ask_lingua(to_cyrillic(" ".join(words), "ru").split())
        sure = [g for g in (uk, ru) if g is not None]
        if sure:
            return max(sure, key=lambda g: g[1])[0]
        return preferred if preferred in ("uk", "ru") else "uk"
