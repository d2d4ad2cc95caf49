"""Ukrainian or Russian typed in Latin letters, read back into Cyrillic so the matcher and the cues see the words.

People without a Cyrillic keyboard write "z yakoho roku MOM v Ukraini", "dopomozhit bud laska" or "gde poluchit
gumanitarku". The rules are Ukraine's national romanisation (2010) read backwards, plus the informal spellings
people actually use (i or y for и/і, ch/sh/zh or c/s/z with h, ya/ia, ju/yu, w for в); Russian reads "y" after a
consonant as ы, a lone "h" as х, and has no і, ї, є. Several Latin spellings fold onto one Cyrillic form; a guess
that is a letter off is fine, because the matcher forgives one typo in a longer word.

>>> to_cyrillic("z yakoho roku MOM v Ukraini")  # "Украіні" folds to what "Україні" folds to
'з якого року мом в украіні'
>>> to_cyrillic("khto finansuvav biblioteky")
'хто фінансував бібліотеки'
>>> to_cyrillic("gde poluchit vyplatu", "ru")
'где получит выплату'
>>> to_cyrillic("dopomožit, czy je keš")  # Czech or Polish letters, as typed by people living there
'допоможіт, чи є кеш'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Longest first: "shch" before "sh" before "s".
_MULTI = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("sz", "ш"),  # Polish spellings, typed by people living in Poland: "szczo", "czy"
    ("cz", "ч"),
    ("zgh", "зг"),  # the romanisation writes зг as "zgh" to keep it apart from ж
    ("kh", "х"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ju", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("ja", "я"),
    ("ye", "є"),
    ("ie", "є"),
    ("je", "є"),
    ("yi", "ї"),
    ("ji", "ї"),
    ("yo", "йо"),
)
_SINGLE = dict(zip("abvhgdezyiklmnoprstufcjwq", "абвгґдезиіклмнопрстуфцйвк", strict=True))
_SINGLE.update({"g": "г", "x": "кс", "'": "ʼ"})  # г: people type "g" for г far more often than for ґ
# Russian: the same digraphs, but е/ё for ye/yo, no ї, a lone h is х, y is ы, i is и, the apostrophe ь.
_MULTI_RU = tuple((latin, {"є": "е", "ї": "йи", "йо": "ё"}.get(cy, cy)) for latin, cy in _MULTI)
_SINGLE_RU = _SINGLE | {"h": "х", "y": "ы", "i": "и", "'": "ь"}
_VOWELS = "аеиіоуяюєїыэё"
_WORD = re.compile(r"[a-z'\u00df-\u024f]+")  # Latin letters, with the accented ones of Latin-1 and Extended A/B
# Letters with diacritics, as Czech, Polish or scholarly (ISO 9) spelling writes them: "dopomožit", "keš", "łystok".
_DIACRITICS = str.maketrans({"š": "sh", "č": "ch", "ž": "zh", "ś": "s", "ć": "c", "ź": "z", "ż": "zh", "ł": "l",
                             "ń": "n", "ï": "yi", "ě": "e", "ŭ": "u"})  # fmt: skip


def _plain(text: str) -> str:
    """Case-folded Latin letters with diacritics as plain ones (accents dropped: "é" is "e")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_DIACRITICS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _convert(word: str, multi: tuple[tuple[str, str], ...], single: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        for latin, cyrillic in multi:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            ch = word[i]
            # "y" after a vowel is й ("yakoho", "rayon", "takoy"); elsewhere и (Ukrainian) or ы (Russian).
            out.append("й" if ch == "y" and out and out[-1][-1] in _VOWELS else single.get(ch, ch))
            i += 1
    return "".join(out)


@lru_cache(maxsize=8192)
def _word(word: str, lang: str) -> str:
    return _convert(word, _MULTI_RU, _SINGLE_RU) if lang == "ru" else _convert(word, _MULTI, _SINGLE)


def to_cyrillic(text: str, lang: str = "uk") -> str:
    """The text with every Latin word in Cyrillic (Ukrainian, or Russian when lang is "ru"), lower-cased;
    other characters kept."""
    return _WORD.sub(lambda m: _word(_plain(m.group()), lang), text.casefold())
