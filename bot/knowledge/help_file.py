"""knowledge/help.yaml: the help reply, the emergency sentence, other agencies, the cue lists and examples."""

from __future__ import annotations

from typing import Any

from bot.knowledge.collector import Collector, phrasings
from bot.knowledge.model import LANGS, Agency, Cue, HelpKnowledge
from bot.knowledge.yamlfile import LineDict, LineList

HELP_FILE = "help.yaml"
_KEYS = {"replies", "agencies", "cues", "examples"}


def _words(c: Collector, value: Any, line: int, what: str) -> tuple[str, ...] | None:
    if not isinstance(value, LineList) or not value:
        c.error(line, f"{what} must be a non-empty list of words or phrases")
        return None
    texts = [c.text(v, value.line_of(i), what) for i, v in enumerate(value)]
    if not all(texts):
        return None
    for i, text in enumerate(texts):
        if "*" in str(text).rstrip("*"):
            c.error(value.line_of(i), f"{what}: '*' may only end a cue ('виплат*'), not stand inside {text!r}")
    return tuple(str(t) for t in texts)


def _cues(c: Collector, value: Any, line: int) -> tuple[dict[Cue, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Every language's cues together, per kind, and each language's cues together (for telling languages apart)."""
    node = c.mapping(value, line, "cues")
    if node is None:
        return {}, {}
    c.keys(node, {cue.value for cue in Cue}, set(), "cues")  # a list left out is empty
    result: dict[Cue, tuple[str, ...]] = {}
    by_language: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for cue in Cue:
        if cue.value not in node:
            continue
        langs = c.per_language(node[cue.value], node.line_of(cue.value), f"cues {cue}")
        if langs is None:
            continue
        found = [_words(c, langs[lang], node[cue.value].line_of(lang), f"cues {cue} ({lang})") for lang in LANGS]
        if all(found):
            result[cue] = tuple(w for words in found for w in words or ())
            for lang, words in zip(LANGS, found, strict=True):
                by_language[lang].extend(words or ())
    return result, {lang: tuple(words) for lang, words in by_language.items()}


def _agencies(c: Collector, value: Any, line: int) -> tuple[Agency, ...]:
    node = c.mapping(value, line, "agencies")
    agencies = []
    for agency_id, item in (node or {}).items():
        item_node = c.mapping(item, node.line_of(agency_id) if node else line, f"agency {agency_id}")
        if item_node is None:
            continue
        c.keys(item_node, {"names", "reply"}, {"names", "reply"}, f"agency {agency_id}")
        names = _words(c, item_node.get("names"), item_node.line_of("names"), f"agency {agency_id} names")
        replies = c.localized_text(item_node.get("reply"), item_node.line_of("reply"), f"agency {agency_id} reply")
        if names and replies:
            agencies.append(Agency(str(agency_id), names, replies))
    return tuple(agencies)


def help_knowledge(c: Collector, data: Any) -> HelpKnowledge | None:
    node = c.mapping(data, 1, HELP_FILE)
    if node is None:
        return None
    c.keys(node, _KEYS, {"replies", "cues"}, HELP_FILE)
    replies = c.mapping(node.get("replies"), node.line_of("replies"), "replies")
    texts: dict[str, dict[str, str]] = {}
    if replies is not None:
        c.keys(replies, {"help", "emergency", "contact"}, {"help", "emergency"}, "replies")
        for key in ("help", "emergency", "contact"):
            if key in replies and (value := c.localized_text(replies[key], replies.line_of(key), key)):
                texts[key] = value
    cues, cue_languages = _cues(c, node.get("cues"), node.line_of("cues"))
    agencies = _agencies(c, node.get("agencies", LineDict()), node.line_of("agencies"))
    examples = (
        phrasings(c, node["examples"], node.line_of("examples"), "examples", 1) if "examples" in node else {}
    ) or {}
    if len(texts) < 2 or len(cues) < len(node.get("cues") or {}):
        return None
    return HelpKnowledge(
        texts["help"], texts["emergency"], cues, agencies, examples, cue_languages=cue_languages,
        contact=texts.get("contact"),
    )  # fmt: skip
