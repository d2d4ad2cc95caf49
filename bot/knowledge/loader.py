"""Turn knowledge/*.yaml into a KnowledgeBase, collecting every problem with its file and line."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import Any

from bot.engine.text import fold
from bot.knowledge.checks import Parsed, cross_checks
from bot.knowledge.findings import Finding, KnowledgeError
from bot.knowledge.model import LANGS, OUT_OF_SCOPE, Entry, KnowledgeBase, Link, SmallTalk, Topic, Ui
from bot.knowledge.yamlfile import LineDict, LineList, YamlSyntaxError, read_yaml

UI_FILE = "ui.yaml"
LEARNED_FILE = "learned.yaml"  # in the data folder, beside the database: see check_knowledge
SYNONYMS_FILE = "synonyms.yaml"
MAX_ANSWER = 700
MIN_QUESTIONS = 3
ENTRY_KEYS = {"id", "questions", "answer", "links", "related", "source", "as_of"}
REQUIRED_ENTRY_KEYS = {"id", "questions", "answer", "source"}
OUT_OF_SCOPE_KEYS = {"id", "questions", "source"}
TEXT_KEYS = [
    "greeting",
    "help",
    "about",
    "privacy",
    "decline",
    "did_you_mean",
    "empty",
    "topics_title",
    "topic_questions",
    "choose_language",
    "language_set",
    "feedback_thanks",
    "helpful",
    "not_helpful",
    "more",
    "examples_title",
    "non_text",
    "rate_limited",
    "error",
    "too_long",
    "forget_done",
    "cmd_start",
    "cmd_topics",
    "cmd_language",
    "cmd_help",
    "cmd_about",
    "cmd_privacy",
    "cmd_forget",
]
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s<>\"]*)?$")


class _Collector:
    """Findings of one file."""

    def __init__(self, file: str, findings: list[Finding]) -> None:
        self.file = file
        self.findings = findings

    def error(self, line: int, message: str) -> None:
        self.findings.append(Finding(self.file, line, message))

    def warn(self, line: int, message: str) -> None:
        self.findings.append(Finding(self.file, line, message, "warning"))

    def mapping(self, value: Any, line: int, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            for key, dup_line in value.duplicates:
                self.error(dup_line, f"{what}: key '{key}' appears twice")
            return value
        self.error(line, f"{what} must be a mapping (key: value), not {type(value).__name__}")
        return None

    def keys(self, node: LineDict, allowed: set[str], required: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.error(node.line_of(key), f"{what}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(node)):
            self.error(node.line, f"{what}: missing key '{key}'")

    def text(self, value: Any, line: int, what: str) -> str | None:
        if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split()) if "\n" not in str(value).strip() else str(value).strip()
        self.error(line, f"{what} is empty or not text")
        return None

    def per_language(self, value: Any, line: int, what: str) -> dict[str, Any] | None:
        node = self.mapping(value, line, what)
        if node is None:
            return None
        self.keys(node, set(LANGS), set(LANGS), what)
        return {lang: node[lang] for lang in LANGS if lang in node} if set(LANGS) <= set(node) else None

    def localized_text(self, value: Any, line: int, what: str) -> dict[str, str] | None:
        langs = self.per_language(value, line, what)
        if langs is None:
            return None
        node = value
        texts = {lang: self.text(text, node.line_of(lang), f"{what} ({lang})") for lang, text in langs.items()}
        return texts if all(texts.values()) else None  # type: ignore[return-value]


def _questions(
    c: _Collector, value: Any, line: int, what: str = "questions", minimum: int = MIN_QUESTIONS
) -> dict[str, tuple[str, ...]] | None:
    langs = c.per_language(value, line, what)
    if langs is None:
        return None
    result: dict[str, tuple[str, ...]] = {}
    for lang, items in langs.items():
        item_line = value.line_of(lang)
        if not isinstance(items, LineList) or not items:
            c.error(item_line, f"{what} ({lang}) must be a non-empty list")
            return None
        texts = [c.text(q, items.line_of(i), f"{what} ({lang})") for i, q in enumerate(items)]
        if not all(texts):
            return None
        if len(texts) < minimum:
            c.warn(item_line, f"{what} ({lang}): only {len(texts)}; add a few more phrasings people would type")
        result[lang] = tuple(texts)  # type: ignore[arg-type]
    return result


def _links(c: _Collector, value: Any, line: int) -> tuple[Link, ...] | None:
    if not isinstance(value, LineList):
        c.error(line, "links must be a list")
        return None
    links = []
    for i, item in enumerate(value):
        node = c.mapping(item, value.line_of(i), "link")
        if node is None:
            return None
        c.keys(node, {"url", "title"}, {"url", "title"}, "link")
        url = node.get("url")
        if not isinstance(url, str) or not _URL.match(url.strip()):
            c.error(node.line_of("url"), f"link url is not a valid http(s) URL: {url!r}")
            return None
        titles = c.localized_text(node.get("title"), node.line_of("title"), "link title")
        if titles is None:
            return None
        links.append(Link(url.strip(), titles))
    return tuple(links)


def _entry(c: _Collector, item: Any, line: int, topic: str) -> tuple[Entry, dict[str, int]] | None:
    node = c.mapping(item, line, "entry")
    if node is None:
        return None
    declined = topic == OUT_OF_SCOPE
    c.keys(
        node,
        OUT_OF_SCOPE_KEYS if declined else ENTRY_KEYS,
        {"id", "questions"} if declined else REQUIRED_ENTRY_KEYS,
        "entry",
    )
    entry_id = node.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        c.error(node.line_of("id"), f"entry id must be lowercase letters, digits and hyphens: {entry_id!r}")
        return None
    questions = _questions(c, node.get("questions"), node.line_of("questions"))
    answers = (
        {} if declined else c.localized_text(node.get("answer"), node.line_of("answer"), f"answer of '{entry_id}'")
    )
    for lang, answer in (answers or {}).items():
        if len(answer) > MAX_ANSWER:
            c.error(
                node["answer"].line_of(lang),
                f"answer ({lang}) of '{entry_id}' is {len(answer)} characters; "
                f"keep it under {MAX_ANSWER} and put the rest behind a link",
            )
    links = _links(c, node["links"], node.line_of("links")) if "links" in node else ()
    related = node.get("related", LineList())
    if not isinstance(related, LineList) or not all(isinstance(r, str) for r in related):
        c.error(node.line_of("related"), "related must be a list of entry ids")
        related = LineList()
    source = (
        c.text(node.get("source"), node.line_of("source"), "source") if "source" in node else ("" if declined else None)
    )
    as_of = _date(c, node.get("as_of"), node.line_of("as_of"))
    if None in (questions, answers, links, source):
        return None
    entry = Entry(entry_id, topic, questions, answers, links, tuple(related), source, as_of)  # type: ignore[arg-type]
    lines = {"id": node.line_of("id"), "related": node.line_of("related"), "questions": node.line_of("questions")}
    lines.update(
        {
            f"q:{lang}:{i}": value_line
            for lang in LANGS
            if questions
            for i, value_line in enumerate(node["questions"][lang].lines)
        }
    )
    return entry, lines


def _date(c: _Collector, value: Any, line: int) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        c.error(line, f"as_of must be a date like 2017-11-27, not {value!r}")
        return None


def _topic_file(c: _Collector, data: Any) -> list[tuple[Entry, dict[str, int]]]:
    node = c.mapping(data, 1, "topic file")
    if node is None:
        return []
    c.keys(node, {"topic", "entries"}, {"topic", "entries"}, "topic file")
    topic = node.get("topic")
    entries = node.get("entries")
    if not isinstance(topic, str) or not _ID.match(topic):
        c.error(node.line_of("topic"), f"topic must be an id like 'about': {topic!r}")
        return []
    if not isinstance(entries, LineList) or not entries:
        c.error(node.line_of("entries"), "entries must be a non-empty list")
        return []
    parsed = [_entry(c, item, entries.line_of(i), topic) for i, item in enumerate(entries)]
    return [p for p in parsed if p is not None]


def _ui(c: _Collector, data: Any) -> Ui | None:
    node = c.mapping(data, 1, UI_FILE)
    if node is None:
        return None
    c.keys(
        node,
        {"website", "languages", "topics", "texts", "smalltalk"},
        {"website", "languages", "topics", "texts"},
        UI_FILE,
    )
    website = c.text(node.get("website"), node.line_of("website"), "website")
    languages = c.localized_text(node.get("languages"), node.line_of("languages"), "languages")
    texts_node = c.mapping(node.get("texts"), node.line_of("texts"), "texts")
    texts: dict[str, dict[str, str]] = {}
    if texts_node is not None:
        c.keys(texts_node, set(TEXT_KEYS), set(TEXT_KEYS), "texts")
        for key in TEXT_KEYS:
            if key in texts_node and (value := c.localized_text(texts_node[key], texts_node.line_of(key), key)):
                for lang, text in value.items():
                    try:
                        text.format(website="", topic="", language="", days="")
                    except (KeyError, IndexError, ValueError) as exc:
                        c.error(
                            texts_node[key].line_of(lang),
                            f"{key} ({lang}): bad placeholder {exc}; "
                            "use {website}, {topic}, {language} or {days}, and {{ }} for literal braces",
                        )
                texts[key] = value
    smalltalk = []
    st_node = c.mapping(node.get("smalltalk", LineDict()), node.line_of("smalltalk"), "smalltalk")
    for kind, value in (st_node or {}).items():
        kind_node = c.mapping(value, st_node.line_of(kind), f"smalltalk {kind}")
        if kind_node is None:
            continue
        c.keys(kind_node, {"phrases", "reply"}, {"phrases", "reply"}, f"smalltalk {kind}")
        phrases = _questions(c, kind_node.get("phrases"), kind_node.line_of("phrases"), f"smalltalk {kind} phrases", 1)
        reply = c.localized_text(kind_node.get("reply"), kind_node.line_of("reply"), f"smalltalk {kind} reply")
        if phrases and reply:
            smalltalk.append(SmallTalk(kind, phrases, reply))
    if website is None or languages is None or len(texts) != len(TEXT_KEYS):
        return None
    return Ui(website, languages, texts, tuple(smalltalk))


def _topics(c: _Collector, data: Any) -> tuple[tuple[Topic, ...], dict[str, int]]:
    node = c.mapping(
        data.get("topics") if isinstance(data, LineDict) else None,
        data.line_of("topics") if isinstance(data, LineDict) else 1,
        "topics",
    )
    if node is None:
        return (), {}
    topics = []
    for topic_id, titles in node.items():
        value = c.localized_text(titles, node.line_of(topic_id), f"topic '{topic_id}'")
        if value:
            topics.append(Topic(str(topic_id), value))
    return tuple(topics), {str(k): node.line_of(k) for k in node}


def _synonyms(c: _Collector, data: Any) -> tuple[tuple[str, ...], ...]:
    node = c.mapping(data, 1, SYNONYMS_FILE)
    if node is None:
        return ()
    c.keys(node, {"synonyms"}, {"synonyms"}, SYNONYMS_FILE)
    groups = node.get("synonyms")
    if not isinstance(groups, LineList):
        c.error(node.line_of("synonyms"), "synonyms must be a list of word lists, e.g. - [donor, sponsor, донор]")
        return ()
    result = []
    owner: dict[str, int] = {}
    for i, group in enumerate(groups):
        line = groups.line_of(i)
        if not isinstance(group, LineList) or len(group) < 2 or not all(isinstance(w, str) and w for w in group):
            c.error(line, "each synonym group must list at least two words")
            continue
        for word in group:
            key = fold(word)
            if key in owner and owner[key] != line:
                c.error(line, f"'{word}' is also in the synonym group at line {owner[key]}")
            owner[key] = line
        result.append(tuple(group))
    return tuple(result)


def _learned(c: _Collector, data: Any, parsed: list[tuple[str, Entry, dict[str, int]]]) -> Parsed:
    """learned.yaml (`entries: <entry id>: <lang>: [phrasings]`): each entry's extra phrasings, with their lines,
    as rows of their own so that every finding names learned.yaml and the line."""
    node = c.mapping(data, 1, LEARNED_FILE)
    if node is None:
        return []
    c.keys(node, {"entries"}, {"entries"}, LEARNED_FILE)
    entries = c.mapping(node.get("entries", LineDict()), node.line_of("entries"), "entries")
    known = {entry.id: entry for _, entry, _ in parsed}
    rows: Parsed = []
    for entry_id, langs in (entries or {}).items():
        line = entries.line_of(entry_id)
        if entry_id not in known:
            c.error(line, f"no entry '{entry_id}' in the knowledge folder")
            continue
        by_lang = c.mapping(langs, line, f"learned phrasings of '{entry_id}'")
        if by_lang is None:
            continue
        c.keys(by_lang, set(LANGS), set(), f"learned phrasings of '{entry_id}'")
        questions: dict[str, tuple[str, ...]] = {}
        lines = {"id": line, "related": line, "questions": line}
        for lang, items in by_lang.items():
            if lang not in LANGS:
                continue
            if not isinstance(items, LineList):
                c.error(by_lang.line_of(lang), f"learned phrasings ({lang}) of '{entry_id}' must be a list")
                continue
            what = f"learned phrasing ({lang}) of '{entry_id}'"
            texts = [c.text(q, items.line_of(i), what) for i, q in enumerate(items)]
            questions[lang] = tuple(t for t in texts if t)
            lines.update({f"q:{lang}:{i}": items.line_of(i) for i in range(len(items))})
        rows.append((c.file, dataclasses.replace(known[entry_id], questions=questions, related=()), lines))
    return rows


def _merge(entry: Entry, extra: Parsed) -> Entry:
    added = [e for _, e, _ in extra if e.id == entry.id]
    if not added:
        return entry
    questions = {
        lang: (*qs, *(q for e in added for q in e.questions.get(lang, ()))) for lang, qs in entry.questions.items()
    }
    return dataclasses.replace(entry, questions=questions)


def check_knowledge(
    folder: Path, similar: bool = True, learned: Path | None = None
) -> tuple[KnowledgeBase | None, list[Finding]]:
    """Read and check every file; return the knowledge (None when there are errors) and all findings.

    `similar=False` skips the slowest check, the warning about alike questions, which never blocks loading.
    `learned` is the learned.yaml of the data folder, when there is one: phrasings staff accepted while the
    knowledge folder was read-only, checked and merged as if they were in their entries' files.
    """
    findings: list[Finding] = []
    folder = Path(folder)
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        return None, [Finding(str(folder), 0, "no *.yaml knowledge files found here")]
    ui = None
    topics: tuple[Topic, ...] = ()
    topic_lines: dict[str, int] = {}
    synonyms: tuple[tuple[str, ...], ...] = ()
    parsed: list[tuple[str, Entry, dict[str, int]]] = []
    for path in files:
        c = _Collector(str(path), findings)
        try:
            data = read_yaml(path)
        except YamlSyntaxError as exc:
            c.error(exc.line, exc.message)
            continue
        if path.name == UI_FILE:
            ui = _ui(c, data)
            topics, topic_lines = _topics(c, data)
        elif path.name == SYNONYMS_FILE:
            synonyms = _synonyms(c, data)
        else:
            parsed.extend((str(path), entry, lines) for entry, lines in _topic_file(c, data))
    if not any(Path(f).name == UI_FILE for f in map(str, files)):
        findings.append(Finding(str(folder / UI_FILE), 0, "missing: the interface texts file"))
    extra: Parsed = []
    if learned is not None and learned.is_file():
        c = _Collector(str(learned), findings)
        try:
            extra = _learned(c, read_yaml(learned), parsed)
        except YamlSyntaxError as exc:
            c.error(exc.line, exc.message)
    findings.extend(cross_checks(parsed, topics, topic_lines, str(folder / UI_FILE), similar, extra))
    findings.sort()
    if ui is None or any(f.severity == "error" for f in findings):
        return None, findings
    parsed = [(file, _merge(entry, extra), lines) for file, entry, lines in parsed]
    entries = {entry.id: entry for _, entry, _ in parsed if entry.topic != OUT_OF_SCOPE}
    declined = tuple(entry for _, entry, _ in parsed if entry.topic == OUT_OF_SCOPE)
    return KnowledgeBase(entries, topics, ui, synonyms, declined), findings


def load_knowledge(folder: Path, learned: Path | None = None) -> KnowledgeBase:
    """The knowledge in `folder` (and `learned`, see check_knowledge); raises KnowledgeError listing every
    problem when it is not sound."""
    kb, findings = check_knowledge(folder, similar=False, learned=learned)
    if kb is None:
        raise KnowledgeError(findings)
    return kb
