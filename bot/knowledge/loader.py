"""Turn knowledge/*.yaml into a KnowledgeBase, collecting every problem with its file and line."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import Any

from bot.engine.text import fold
from bot.knowledge.checks import Parsed, cross_checks
from bot.knowledge.collector import Collector, phrasings
from bot.knowledge.findings import Finding, KnowledgeError
from bot.knowledge.help_file import HELP_FILE, help_knowledge
from bot.knowledge.messages_file import MESSAGES_FILE, messages
from bot.knowledge.model import (
    LANGS,
    OUT_OF_SCOPE,
    Entry,
    HelpKnowledge,
    KnowledgeBase,
    Link,
    Messages,
    SmallTalk,
    Topic,
    Ui,
)
from bot.knowledge.yamlfile import LineDict, LineList, YamlSyntaxError, read_yaml

UI_FILE = "ui.yaml"
LEARNED_FILE = "learned.yaml"  # in the data folder, beside the database: see check_knowledge
SYNONYMS_FILE = "synonyms.yaml"
# A phone screen: the gist and its buttons fit without scrolling, the details come on demand, a label fits a button.
MAX_GIST = 300
MAX_GIST_SENTENCES = 2
MAX_MORE = 900
MAX_TODAY = 120
MAX_LABEL = 32
ENTRY_KEYS = {"id", "label", "questions", "answer", "more", "today", "links", "related", "source", "as_of"}
REQUIRED_ENTRY_KEYS = {"id", "label", "questions", "answer", "source"}
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
    "more_button",
    "inline_more",
    "today",
    "no_travel_info",
    "unknown_command",
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
# A sentence ends at . ! ? or … before a space and a capital, digit or opening quote, except after an initial
# ("Ole T.", "Уле Т.") or a title ("Dr.", "Mr.", "H.E.").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-ZА-ЯІЇЄҐ])(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bH\.E)[.!?…]+[\"»”’')]*\s+(?=[\"«“(]?[A-ZА-ЯІЇЄҐ0-9])"
)
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s<>\"]*)?$")


def sentences(text: str) -> int:
    """How many sentences `text` has, as a reader counts them."""
    return len(_SENTENCE_END.findall(text.strip())) + 1 if text.strip() else 0


def _limited(
    c: Collector, node: Any, texts: dict[str, str] | None, what: str, chars: int, most: int | None, why: str
) -> None:
    """Errors for texts over `chars` characters or `most` sentences, each at its own line."""
    for lang, text in (texts or {}).items():
        line = node.line_of(lang)
        if len(text) > chars:
            c.error(line, f"{what} ({lang}) is {len(text)} characters; at most {chars}: {why}")
        if most is not None and (count := sentences(text)) > most:
            c.error(line, f"{what} ({lang}) has {count} sentences; at most {most}: {why}")


def _links(c: Collector, value: Any, line: int) -> tuple[Link, ...] | None:
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


def _entry(c: Collector, item: Any, line: int, topic: str) -> tuple[Entry, dict[str, int]] | None:
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
    questions = phrasings(c, node.get("questions"), node.line_of("questions"))
    answers = (
        {} if declined else c.localized_text(node.get("answer"), node.line_of("answer"), f"answer of '{entry_id}'")
    )
    phone = "a phone shows the gist and its buttons on one screen"
    _limited(
        c,
        node.get("answer"),
        answers,
        f"answer of '{entry_id}'",
        MAX_GIST,
        MAX_GIST_SENTENCES,
        f"{phone}; put the rest under 'more'",
    )
    labels = more = today = None
    if not declined and "label" in node:  # a missing label is reported once, with the other missing keys
        labels = c.localized_text(node["label"], node.line_of("label"), f"label of '{entry_id}'")
        _limited(c, node.get("label"), labels, f"label of '{entry_id}'", MAX_LABEL, None, "a button shows no more")
    if "more" in node:
        more = c.localized_text(node["more"], node.line_of("more"), f"more of '{entry_id}'")
        _limited(c, node["more"], more, f"more of '{entry_id}'", MAX_MORE, None, f"{phone}; link to the rest")
    if "today" in node:
        today = c.localized_text(node["today"], node.line_of("today"), f"today of '{entry_id}'")
        _limited(c, node["today"], today, f"today of '{entry_id}'", MAX_TODAY, 1, "it goes before the gist")
    links = _links(c, node["links"], node.line_of("links")) if "links" in node else ()
    related = node.get("related", LineList())
    if not isinstance(related, LineList) or not all(isinstance(r, str) for r in related):
        c.error(node.line_of("related"), "related must be a list of entry ids")
        related = LineList()
    source = (
        c.text(node.get("source"), node.line_of("source"), "source") if "source" in node else ("" if declined else None)
    )
    as_of = _date(c, node.get("as_of"), node.line_of("as_of"))
    if questions is None or answers is None or links is None or source is None or (not declined and labels is None):
        return None
    if ("more" in node and more is None) or ("today" in node and today is None):
        return None
    entry = Entry(entry_id, topic, questions, answers, links, tuple(related), source, as_of, labels, more, today)
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


def _date(c: Collector, value: Any, line: int) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        c.error(line, f"as_of must be a date like 2017-11-27, not {value!r}")
        return None


def _topic_file(c: Collector, data: Any) -> list[tuple[Entry, dict[str, int]]]:
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


def _ui(c: Collector, data: Any) -> Ui | None:
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
        assert st_node is not None  # iterating its items
        kind_node = c.mapping(value, st_node.line_of(kind), f"smalltalk {kind}")
        if kind_node is None:
            continue
        c.keys(kind_node, {"phrases", "reply"}, {"phrases", "reply"}, f"smalltalk {kind}")
        phrases = phrasings(c, kind_node.get("phrases"), kind_node.line_of("phrases"), f"smalltalk {kind} phrases", 1)
        reply = c.localized_text(kind_node.get("reply"), kind_node.line_of("reply"), f"smalltalk {kind} reply")
        if phrases and reply:
            smalltalk.append(SmallTalk(kind, phrases, reply))
    if website is None or languages is None or len(texts) != len(TEXT_KEYS):
        return None
    return Ui(website, languages, texts, tuple(smalltalk))


def _topics(c: Collector, data: Any) -> tuple[tuple[Topic, ...], dict[str, int]]:
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


def _synonyms(c: Collector, data: Any) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """synonyms.yaml's word groups, and its names (groups too, which may be a single name)."""
    node = c.mapping(data, 1, SYNONYMS_FILE)
    if node is None:
        return (), ()
    c.keys(node, {"synonyms", "names"}, {"synonyms"}, SYNONYMS_FILE)
    owner: dict[str, tuple[int, str]] = {}  # folded word -> line and kind of its group
    synonyms = _groups(c, node, "synonyms", owner)
    return synonyms, _groups(c, node, "names", owner) if "names" in node else ()


# key -> what one group is called, how many words it needs, an example
_GROUPS = {"synonyms": ("synonym", 2, "two words", "[donor, sponsor, донор]"),
           "names": ("name", 1, "one word", "[norway, норвегія, норвегия]")}  # fmt: skip


def _groups(c: Collector, node: LineDict, key: str, owner: dict[str, tuple[int, str]]) -> tuple[tuple[str, ...], ...]:
    kind, least, words, example = _GROUPS[key]
    groups = node.get(key)
    if not isinstance(groups, LineList):
        c.error(node.line_of(key), f"{key} must be a list of word lists, e.g. - {example}")
        return ()
    result = []
    for i, group in enumerate(groups):
        line = groups.line_of(i)
        if not isinstance(group, LineList) or len(group) < least or not all(isinstance(w, str) and w for w in group):
            c.error(line, f"each {kind} group must list at least {words}")
            continue
        for word in group:
            folded = fold(word)
            if folded in owner and owner[folded][0] != line:
                c.error(line, f"'{word}' is also in the {owner[folded][1]} group at line {owner[folded][0]}")
            owner[folded] = (line, kind)
        result.append(tuple(group))
    return tuple(result)


def _learned(c: Collector, data: Any, parsed: list[tuple[str, Entry, dict[str, int]]]) -> Parsed:
    """learned.yaml (`entries: <entry id>: <lang>: [phrasings]`): each entry's extra phrasings, with their lines,
    as rows of their own so that every finding names learned.yaml and the line."""
    node = c.mapping(data, 1, LEARNED_FILE)
    if node is None:
        return []
    c.keys(node, {"entries"}, {"entries"}, LEARNED_FILE)
    entries = c.mapping(node.get("entries", LineDict()), node.line_of("entries"), "entries") or LineDict()
    known = {entry.id: entry for _, entry, _ in parsed}
    rows: Parsed = []
    for entry_id, langs in entries.items():
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
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        return None, [Finding(str(folder), 0, f"the knowledge folder {what} (KNOWLEDGE_DIR or --knowledge)")]
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return None, [Finding(str(folder), 0, "no *.yaml knowledge files found here")]
    ui = None
    topics: tuple[Topic, ...] = ()
    topic_lines: dict[str, int] = {}
    synonyms: tuple[tuple[str, ...], ...] = ()
    names: tuple[tuple[str, ...], ...] = ()
    help_: HelpKnowledge | None = None
    labelled: Messages | None = None
    parsed: list[tuple[str, Entry, dict[str, int]]] = []
    for path in files:
        c = Collector(str(path), findings)
        try:
            data = read_yaml(path)
        except YamlSyntaxError as exc:
            c.error(exc.line, exc.message)
            continue
        if path.name == UI_FILE:
            ui = _ui(c, data)
            topics, topic_lines = _topics(c, data)
        elif path.name == SYNONYMS_FILE:
            synonyms, names = _synonyms(c, data)
        elif path.name == HELP_FILE:
            help_ = help_knowledge(c, data)
        elif path.name == MESSAGES_FILE:
            labelled = messages(c, data)
        else:
            parsed.extend((str(path), entry, lines) for entry, lines in _topic_file(c, data))
    for name, what in ((UI_FILE, "the interface texts file"), (HELP_FILE, "the help-seeking file")):
        if not any(path.name == name for path in files):
            findings.append(Finding(str(folder / name), 0, f"missing: {what}"))
    extra: Parsed = []
    if learned is not None and learned.is_file():
        c = Collector(str(learned), findings)
        try:
            extra = _learned(c, read_yaml(learned), parsed)
        except YamlSyntaxError as exc:
            c.error(exc.line, exc.message)
    findings.extend(cross_checks(parsed, topics, topic_lines, str(folder / UI_FILE), similar, extra))
    findings.sort()
    if ui is None or help_ is None or any(f.severity == "error" for f in findings):
        return None, findings
    parsed = [(file, _merge(entry, extra), lines) for file, entry, lines in parsed]
    entries = {entry.id: entry for _, entry, _ in parsed if entry.topic != OUT_OF_SCOPE}
    declined = tuple(entry for _, entry, _ in parsed if entry.topic == OUT_OF_SCOPE)
    help_ = dataclasses.replace(help_, messages=labelled)
    return KnowledgeBase(entries, topics, ui, synonyms + names, declined, help_, names), findings


def load_knowledge(folder: Path, learned: Path | None = None) -> KnowledgeBase:
    """The knowledge in `folder` (and `learned`, see check_knowledge); raises KnowledgeError listing every
    problem when it is not sound."""
    kb, findings = check_knowledge(folder, similar=False, learned=learned)
    if kb is None:
        raise KnowledgeError(findings)
    return kb
