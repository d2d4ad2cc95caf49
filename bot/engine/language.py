"""Which of uk, ru, en a question is written in.

Ukrainian and Russian share most of the alphabet, so the decision rests on what tells them apart: letters only
one language has (і ї є ґ and the apostrophe vs ы э ё ъ) and frequent short words. Text that tells nothing
("1996?", "Бахмут") falls back to the stored preference, then to Ukrainian.
"""

from __future__ import annotations

from bot.knowledge.model import LANGS

_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэёъ")
_APOSTROPHES = frozenset("'’ʼ")
_UK_WORDS = frozenset(
    """що як це чи де хто коли та й і яка який які яке якого якої яких скільки чому мені тобі можна був була було
    були від із зі з ви він вона вони його її цей ця ці вже ще також але або немає є ні дякую привіт будь ласка
    треба потрібно допомога допомогу допомогти розкажіть розкажи скажіть знати можете куди звідки такий така таке
    такі зараз теж рік року років працює відбувся""".split()
)
_RU_WORDS = frozenset(
    """что как это где кто когда и какая какой какие какое какого каких сколько почему мне можно был была было были
    от из с со вы мы он она они его ее её этот эта эти уже еще ещё также но или нет есть да спасибо привет
    пожалуйста нужно надо помощь помочь расскажите расскажи скажите знать можете куда откуда чем такой такая такое
    такие сейчас тоже здесь год года году лет работает чего""".split()
)


def detect_language(text: str, preferred: str | None = None) -> str:
    """Return "uk", "ru" or "en"; `preferred` only breaks ties on text that tells nothing."""
    fallback = preferred if preferred in LANGS else LANGS[0]
    lowered = text.casefold()
    latin = sum(1 for ch in lowered if "a" <= ch <= "z")
    cyrillic = sum(1 for ch in lowered if "а" <= ch <= "я" or ch in "іїєґёў")
    if not latin and not cyrillic:
        return fallback
    if latin > cyrillic:
        return "en"
    uk = 2 * sum(1 for ch in lowered if ch in _UK_LETTERS)
    ru = 2 * sum(1 for ch in lowered if ch in _RU_LETTERS)
    uk += sum(1 for i, ch in enumerate(lowered[1:-1], 1) if ch in _APOSTROPHES and lowered[i - 1].isalpha())
    tokens = "".join(ch if ch.isalpha() else " " for ch in lowered).split()
    uk += sum(1 for t in tokens if t in _UK_WORDS)
    ru += sum(1 for t in tokens if t in _RU_WORDS)
    if uk == ru:
        return fallback if fallback in ("uk", "ru") else "uk"
    return "uk" if uk > ru else "ru"
