"""knowledge/messages.yaml: labelled messages the help and decline models learn from (bot/engine/word_model.py)."""

from __future__ import annotations

from typing import Any

from bot.knowledge.collector import Collector, phrasings
from bot.knowledge.model import Messages

MESSAGES_FILE = "messages.yaml"
_LABELS = ("help", "unknown", "other")


def messages(c: Collector, data: Any) -> Messages | None:
    """The three lists, each per language; a message under two labels is an error at its later line, for the
    models cannot learn from it."""
    node = c.mapping(data, 1, MESSAGES_FILE)
    if node is None:
        return None
    c.keys(node, set(_LABELS), set(_LABELS), MESSAGES_FILE)
    read = {label: phrasings(c, node.get(label), node.line_of(label), label, 1) for label in _LABELS}
    found = {label: texts for label, texts in read.items() if texts}
    if len(found) < len(_LABELS):
        return None
    labelled: dict[tuple[str, str], str] = {}
    clean = True
    for label in _LABELS:
        for lang, texts in found[label].items():
            for i, text in enumerate(texts):
                first = labelled.setdefault((lang, _same(text)), label)
                if first != label:
                    line = node[label][lang].line_of(i)  # phrasings() checked it is a list per language
                    c.error(line, f"{label} ({lang}): {text!r} is also under {first}; keep it under one")
                    clean = False
    return Messages(found["help"], found["unknown"], found["other"]) if clean else None


def _same(text: str) -> str:
    """A message as the lists are compared: case and spacing aside."""
    return " ".join(text.casefold().split())
