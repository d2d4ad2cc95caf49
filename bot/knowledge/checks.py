"""Checks that need all files at once: ids, cross-references, and questions two entries both claim."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.engine.terms import terms
from bot.engine.text import fold
from bot.knowledge.findings import Finding
from bot.knowledge.model import LANGS, OUT_OF_SCOPE, Entry, Topic

SIMILAR = 90  # rapidfuzz ratio above which two entries' phrasings may be confused by the matcher

Parsed = list[tuple[str, Entry, dict[str, int]]]


def cross_checks(
    parsed: Parsed,
    topics: tuple[Topic, ...],
    topic_lines: dict[str, int],
    ui_file: str,
    similar: bool = True,
    learned: Parsed | None = None,
) -> list[Finding]:
    """`learned`: more phrasings of entries in `parsed` (learned.yaml), checked for clashes with all the rest."""
    findings: list[Finding] = []
    first_seen: dict[str, str] = {}
    for file, entry, lines in parsed:
        where = f"{file}:{lines['id']}"
        if entry.id in first_seen:
            findings.append(Finding(file, lines["id"], f"duplicate id '{entry.id}' (first at {first_seen[entry.id]})"))
        else:
            first_seen[entry.id] = where
    topic_ids = {t.id for t in topics}
    for file, entry, lines in parsed:
        if topics and entry.topic not in topic_ids and entry.topic != OUT_OF_SCOPE:
            findings.append(Finding(file, 1, f"topic '{entry.topic}' has no title in {ui_file} (topics:)"))
        for rel in entry.related:
            if rel == entry.id:
                findings.append(Finding(file, lines["related"], f"'{entry.id}' lists itself as related"))
            elif rel not in first_seen:
                findings.append(Finding(file, lines["related"], f"related id '{rel}' of '{entry.id}' does not exist"))
    used = {entry.topic for _, entry, _ in parsed}
    findings.extend(
        Finding(ui_file, topic_lines.get(t.id, 1), f"topic '{t.id}' has no entries", "warning")
        for t in topics
        if t.id not in used
    )
    findings.extend(_question_clashes([*parsed, *(learned or [])], similar))
    return findings


def _question_clashes(parsed: Parsed, similar: bool) -> list[Finding]:
    """The same question under two entries is an error; very alike ones are a warning.

    "The same" is judged as the matcher sees it: "What is IOM?" and "What is IOM for?" have the same content
    words, so under two entries they would tie and the bot could never pick.
    """
    findings: list[Finding] = []
    for lang in LANGS:
        rows = [
            (file, entry.id, lines.get(f"q:{lang}:{i}", 1), q)
            for file, entry, lines in parsed
            for i, q in enumerate(entry.questions.get(lang, ()))
        ]
        owner: dict[frozenset[str] | str, tuple[str, str, int, str]] = {}
        for file, entry_id, line, text in rows:
            seen = owner.setdefault(_key(text), (entry_id, file, line, text))
            if seen[0] != entry_id:
                same = "is also" if seen[3] == text else f"means the same to the matcher as '{seen[3]}'"
                findings.append(
                    Finding(
                        file,
                        line,
                        f"question '{text}' ({lang}) {same} under '{seen[0]}' "
                        f"({seen[1]}:{seen[2]}); keep it in one entry or reword it",
                    )
                )
        if not similar:
            continue
        texts = [fold(r[3]) for r in rows]
        for a, text in enumerate(texts):
            for _, _, b in process.extract(text, texts[a + 1 :], scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None):
                (file, id_a, line, text_a), (_, id_b, _, text_b) = rows[a], rows[a + 1 + b]
                if id_a == id_b or texts[a] == texts[a + 1 + b]:
                    continue
                findings.append(
                    Finding(
                        file,
                        line,
                        f"question '{text_a}' ({lang}) is very like '{text_b}' of "
                        f"'{id_b}'; the bot may confuse the two entries",
                        "warning",
                    )
                )
    return findings


class Phrasings:
    """Every phrasing of the knowledge (entries and out-of-scope groups), to tell before adding a new one
    whether the validator would refuse it or warn about it: the checks of _question_clashes for one text."""

    def __init__(self, entries: list[Entry]) -> None:
        self._owner: dict[tuple[str, frozenset[str] | str], tuple[str, str]] = {}  # (lang, key) -> entry, text
        self._folded: dict[str, list[tuple[str, str, str]]] = {lang: [] for lang in LANGS}  # folded, entry, text
        for entry in entries:
            for lang, questions in entry.questions.items():
                for q in questions:
                    self._owner.setdefault((lang, _key(q)), (entry.id, q))
                    self._folded[lang].append((fold(q), entry.id, q))

    def owner(self, text: str, lang: str) -> str | None:
        """The entry that already has `text` (or a phrasing the matcher cannot tell from it) in `lang`."""
        found = self._owner.get((lang, _key(text)))
        return found[0] if found else None

    def clash(self, text: str, lang: str, entry_id: str) -> str | None:
        """Why adding `text` to `entry_id` would fail validation or make the bot confuse two entries, or None."""
        seen = self._owner.get((lang, _key(text)))
        if seen and seen[0] != entry_id:
            same = "is also" if seen[1] == text else f"means the same to the matcher as '{seen[1]}'"
            return f"'{text}' ({lang}) {same} under '{seen[0]}'"
        folded = fold(text)
        others = [(f, e, q) for f, e, q in self._folded.get(lang, ()) if e != entry_id and f != folded]
        match = process.extractOne(folded, [f for f, _, _ in others], scorer=fuzz.ratio, score_cutoff=SIMILAR)
        if match is not None:
            _, other, q = others[match[2]]
            return f"'{text}' ({lang}) is very like '{q}' of '{other}'; the bot may confuse the two entries"
        return None


def _key(text: str) -> frozenset[str] | str:
    """A phrasing as the matcher sees it: its content stems (the text itself when it has none)."""
    return frozenset(terms(text)) or text
