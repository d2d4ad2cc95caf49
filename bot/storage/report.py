"""The staff report: what the bot could not answer, which entries served, how they were rated.

Staff read it to decide which phrasings or entries to add. It opens the database read-only (safe while
the bot runs) and shows only counts and scrubbed texts, never a pseudonym.
"""

import contextlib
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rapidfuzz import fuzz, process

from bot.storage import schema
from bot.storage.report_render import render

SIMILARITY = 80  # rapidfuzz score (0-100) from which two declined questions count as the same question
EXAMPLES = 3
LOOKUP_WORDS = 3  # a question is compared with the groups that share one of its 3 rarest words,
MAX_CANDIDATES = 200  # the largest 200 of them


class ReportError(Exception):
    """The database cannot be reported on; the message says why, for the person running the report."""


@dataclass(frozen=True)
class Group:
    """Questions that are the same request in other words: count, and the commonest wordings."""

    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class EntryUse:
    entry_id: str
    answered: int
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class Report:
    since: datetime
    until: datetime
    questions: int
    kinds: dict[str, int]  # Reply.kind -> questions
    languages: dict[str, int]  # most frequent first
    declined: tuple[Group, ...]  # most frequent first
    entries: tuple[EntryUse, ...]  # most used first
    choices: dict[str, Group]  # "did you mean" entry picked -> how often, and the questions that led there


def report(db_path: Path, since: timedelta, fmt: str = "text", now: datetime | None = None) -> str:
    """The report on the questions of the last `since`, as text, csv or json. Raises ReportError."""
    return render(collect(db_path, since, now), fmt)


def collect(db_path: Path, since: timedelta, now: datetime | None = None) -> Report:
    until = now or datetime.now(UTC)
    start = until - since
    with contextlib.closing(connect(db_path)) as conn:
        return _collect(conn, int(start.timestamp()), start, until)


def connect(db_path: Path) -> sqlite3.Connection:
    """The database opened read-only, at the schema this version reads; raises ReportError."""
    if not db_path.is_file():
        raise ReportError(f"no database at {db_path}")
    try:
        conn = sqlite3.connect(f"file:{quote(str(db_path))}?mode=ro", uri=True)
        (current,) = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as exc:
        raise ReportError(f"cannot read {db_path}: {exc}") from exc
    if current != schema.VERSION:
        conn.close()
        raise ReportError(
            f"{db_path} has schema v{current}, this version of the bot reads v{schema.VERSION}: "
            "start the bot once to upgrade it, or use the matching version of iom-bot"
        )
    return conn


def _collect(conn: sqlite3.Connection, cutoff: int, start: datetime, until: datetime) -> Report:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return conn.execute(sql, (cutoff,)).fetchall()

    kinds = dict(rows("SELECT kind, count(*) FROM questions WHERE at >= ? GROUP BY kind ORDER BY 2 DESC, 1"))
    languages = dict(rows("SELECT lang, count(*) FROM questions WHERE at >= ? GROUP BY lang ORDER BY 2 DESC, 1"))
    declined = [text for (text,) in rows("SELECT text FROM questions WHERE at >= ? AND declined")]
    answered = dict(
        rows("SELECT entry_id, count(*) FROM questions WHERE at >= ? AND kind = 'answer' GROUP BY entry_id")
    )
    votes = {
        entry: (helpful, not_helpful)
        for entry, helpful, not_helpful in rows(
            "SELECT entry_id, sum(helpful), sum(NOT helpful) FROM feedback WHERE at >= ? GROUP BY entry_id"
        )
    }
    entries = sorted(
        (EntryUse(e, answered.get(e, 0), *votes.get(e, (0, 0))) for e in answered.keys() | votes.keys() if e),
        key=lambda use: (-use.answered, -use.not_helpful, use.entry_id),
    )
    picked: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entry, text in rows(
        "SELECT c.entry_id, q.text FROM choices c LEFT JOIN questions q ON q.user = c.user AND q.ref = c.ref "
        "WHERE c.at >= ?"
    ):
        picked[entry][text] += 1
    choices = {
        entry: Group(texts.total(), _commonest(texts))
        for entry, texts in sorted(picked.items(), key=lambda item: (-item[1].total(), item[0]))
    }
    return Report(
        since=start,
        until=until,
        questions=sum(kinds.values()),
        kinds=kinds,
        languages=languages,
        declined=group_similar(declined),
        entries=tuple(entries),
        choices=choices,
    )


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def group_similar(texts: list[str], threshold: int = SIMILARITY) -> tuple[Group, ...]:
    """Group texts that ask the same thing, most frequent first, with their commonest wordings."""
    return tuple(Group(group.total(), _commonest(group)) for group in cluster(texts, threshold))


def cluster(texts: list[str], threshold: int = SIMILARITY) -> list[Counter[str]]:
    """Texts that ask the same thing, grouped (each wording with its count), most frequent group first.

    Texts are compared normalised, most frequent first; each joins the group whose first text scores
    highest, if at least threshold, else starts a group. token_set_ratio lets "money for rent" meet
    "how to get money for rent?", but it scores 100 whenever one text's words are a subset of the
    other's, so a one-word text is compared with one-word groups only, by plain ratio (which forgives
    typos). A longer text is compared only with the largest groups sharing one of its rarest words,
    which keeps a report on tens of thousands of questions to seconds, at the price of missing a few
    near matches (texts with no word in common, or made only of the commonest words).
    """
    wordings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in filter(str.strip, texts):
        wordings[normalise(text)][text.strip()] += 1
    frequency = Counter(word for norm in wordings for word in set(norm.split()))
    groups: list[Counter[str]] = []
    heads: list[str] = []  # the first (most frequent) normalised text of each group
    one_word: dict[int, str] = {}  # group -> head, for heads of one word
    by_word: defaultdict[str, list[int]] = defaultdict(list)  # word -> groups whose longer head has it
    for norm, originals in sorted(wordings.items(), key=lambda item: (-item[1].total(), item[0])):
        words = set(norm.split())
        if len(words) <= 1:
            choices, scorer = one_word, fuzz.ratio
        else:
            rarest = sorted(words, key=lambda word: (frequency[word], word))[:LOOKUP_WORDS]
            candidates = sorted({g for word in rarest for g in by_word.get(word, ())})[:MAX_CANDIDATES]
            choices = {g: heads[g] for g in candidates}
            scorer = fuzz.token_set_ratio
        match = process.extractOne(norm, choices, scorer=scorer, score_cutoff=threshold)
        if match is None:
            group = len(groups)
            groups.append(Counter())
            heads.append(norm)
            if len(words) <= 1:
                one_word[group] = norm
            for word in words if len(words) > 1 else ():
                by_word[word].append(group)
        else:
            group = match[2]
        groups[group].update(originals)
    groups.sort(key=lambda group: -group.total())  # stable: ties stay in order of their first text
    return groups


def _commonest(texts: Counter[str]) -> tuple[str, ...]:
    ranked = sorted((text for text in texts if text), key=lambda text: (-texts[text], text))
    return tuple(ranked[:EXAMPLES])
