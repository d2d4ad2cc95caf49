"""Ukrainian typed in Latin letters, read back into Cyrillic so the matcher and the cues see Ukrainian words.

People without a Cyrillic keyboard write "z yakoho roku MOM v Ukraini" or "dopomozhit bud laska". The rules are
Ukraine's national romanisation (2010) read backwards, plus the informal spellings people actually use (i or y for
и/і, ch/sh/zh or c/s/z with h, ya/ia, ju/yu, w for в). Several Latin spellings fold onto one Cyrillic form; a
guess that is a letter off is fine, because the matcher forgives one typo in a longer word.

>>> to_cyrillic("z yakoho roku MOM v Ukraini")
'з якого року мом в україні'
>>> to_cyrillic("khto finansuvav biblioteky")
'хто фінансував бібліотеки'
"""

from __future__ import annotations

import re
from functools import lru_cache

# Longest first: "shch" before "sh" before "s".
_MULTI = (
    ("shch", "щ"),
    ("sch", "щ"),
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
_WORD = re.compile(r"[a-z']+")


@lru_cache(maxsize=4096)
def _word(word: str) -> str:
    out = []
    i = 0
    while i < len(word):
        for latin, cyrillic in _MULTI:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            ch = word[i]
            # "y" after a vowel is й ("yakoho", "rayon", "chytaty" keeps и), a final "y" after a consonant is и.
            if ch == "y" and out and out[-1] in "аеиіоуяюєї":
                out.append("й")
            else:
                out.append(_SINGLE.get(ch, ch))
            i += 1
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """The text with every Latin word written in Ukrainian Cyrillic, lower-cased; other characters kept."""
    return _WORD.sub(lambda m: _word(m.group()), text.casefold())
