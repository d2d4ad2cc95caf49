"""Text normalisation shared by the matcher and the validator.

Ukrainian and Russian share most letters and people mix them up when typing (и/і, е/є, ё/е, missing apostrophes),
so matching works on a *folded* form where such slips, and the letters that differ between the two languages,
collapse into one spelling. Language detection looks at the unfolded text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_APOSTROPHES = "'’ʼ`´‘ʹ′"
_FOLD = str.maketrans(
    {
        "ё": "е",
        "є": "е",
        "э": "е",
        "і": "и",
        "ї": "и",
        "ы": "и",
        "й": "и",
        "ґ": "г",
        "ъ": None,
        "ь": None,
        **{a: None for a in _APOSTROPHES},
    }
)
_NON_WORD = re.compile(r"[^\w]+|_+")
_DIGITS_ONLY = re.compile(r"^\d+$")


def clean(text: str, limit: int = 1000) -> str:
    """Make arbitrary user text safe to match: NFKC, no control characters, bounded length."""
    text = unicodedata.normalize("NFKC", text[: limit * 2])
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:limit]


_MENTION = re.compile(r"(?<![\w@])@\w{2,}")


def without_mentions(text: str) -> str:
    """A message without the @usernames it addresses (a comment under a post: "@IOM_Ukraine who funded it?"), which
    say to whom it is written, not what it asks; an e-mail address stays.

    >>> without_mentions("@IOM_Ukraine посол норвегії як звати?"), without_mentions("write to a@b.org")
    ('посол норвегії як звати?', 'write to a@b.org')
    """
    return " ".join(_MENTION.sub(" ", text).split())


_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+")


def question_sentence(text: str, chatter: Callable[[str], bool] | None = None) -> tuple[str, str] | None:
    """A message of several sentences as its question (the last sentence ending in "?", else the last one) and the
    rest, its context; None for a single sentence. Sentences that `chatter` calls small talk ("Hi! Is the bot
    working?", "Thanks!") are not the question while another sentence can be.

    >>> question_sentence("I saw a photo of a tent. Then I lost the page. Where was it?")
    ('Where was it?', 'I saw a photo of a tent. Then I lost the page.')
    >>> question_sentence("Who funded the libraries?") is None
    True
    >>> question_sentence("Who funded the libraries. Are you there?", lambda s: s.startswith("Are you"))
    ('Who funded the libraries.', 'Are you there?')
    """
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p]
    if len(parts) < 2:
        return None
    candidates = [i for i, p in enumerate(parts) if chatter is None or not chatter(p)] or list(range(len(parts)))
    asking = [i for i in candidates if parts[i].endswith("?")]
    at = asking[-1] if asking else candidates[-1]
    return parts[at], " ".join(parts[:at] + parts[at + 1 :])


_HELD = re.compile(r"([^\W\d_])\1{2,}")  # a letter three or more times in a row ("helppp", "помогитеее")


def unheld(text: str) -> str:
    """A letter held for emphasis written once: no word of the three languages has one letter three times in a row.

    >>> unheld("Helpppp!!! помогитеее, 1000 грн")
    'Help!!! помогите, 1000 грн'
    """
    return _HELD.sub(r"\1", text)


@lru_cache(maxsize=32768)  # the validator and the matcher fold the same phrasings at start-up
def fold(text: str) -> str:
    """Lower-case, drop apostrophes, merge uk/ru letter variants, turn punctuation into spaces, and write a letter
    held for emphasis once (unheld).

    >>> fold("Helpppp!!! Допоможітььь, будь ласка")
    'help допоможит буд ласка'
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return " ".join(unheld(_NON_WORD.sub(" ", text)).split())


def words(text: str) -> list[str]:
    """Folded words of a text."""
    return fold(text).split()


_EN_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")
# Folded Cyrillic endings (after folding: і→и, є→е, й→и, ь dropped), longest first.
_CY_SUFFIXES = tuple(
    sorted(
        set(
            "ами ями ого ому ими ему ове еве иям иях ах ях ам ям ом ем ов ев ив ии ие ия ию ою ею ую юю ая яя ое ее "
            "ые их им ои еи тися тся ся ла ли ло ал ил а я о е и у ю".split()
        ),
        key=len,
        reverse=True,
    )
)
_STEM_MAX = {True: 7, False: 6}  # Latin, Cyrillic: longer Cyrillic stems would keep verb suffixes apart


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, fast stem: strip one common ending, then cap the length.

    Inflected Ukrainian and Russian forms ("донорів", "донорам", "донори") and English plurals share a stem,
    which is all the matcher needs; a dictionary stemmer would add a dependency and start-up time.
    """
    if _DIGITS_ONLY.match(word) or len(word) <= 3:
        return word
    latin = word.isascii()
    for suffix in _EN_SUFFIXES if latin else _CY_SUFFIXES:
        # An English stem keeps four letters ("water" is not "wat"+"er"), unless only a plural "s" goes.
        shortest = 4 if latin and suffix != "s" else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: -len(suffix)]
            break
    return word[: _STEM_MAX[latin]]
