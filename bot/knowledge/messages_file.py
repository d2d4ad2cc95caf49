"""knowledge/messages.yaml: labelled messages the help model learns from (bot/engine/help_model.py)."""

from __future__ import annotations

from typing import Any

from bot.knowledge.collector import Collector, phrasings
from bot.knowledge.model import Messages

MESSAGES_FILE = "messages.yaml"
_LABELS = ("help", "other")


def messages(c: Collector, data: Any) -> Messages | None:
    """Both lists, each per language; a message under both labels is an error at its second line, for the model
    cannot learn from it."""
    node = c.mapping(data, 1, MESSAGES_FILE)
    if node is None:
        return None
    c.keys(node, set(_LABELS), set(_LABELS), MESSAGES_FILE)
    found = {label: phrasings(c, node.get(label), node.line_of(label), label, 1) for label in _LABELS}
    if not (found["help"] and found["other"]):
        return None
    helped = {(lang, _same(text)) for lang, texts in found["help"].items() for text in texts}
    clean = True
    for lang, texts in found["other"].items():
        for i, text in enumerate(texts):
            if (lang, _same(text)) in helped:
                line = node["other"][lang].line_of(i)  # phrasings() checked it is a list per language
                c.error(line, f"other ({lang}): {text!r} is also under help; keep it under one")
                clean = False
    return Messages(found["help"], found["other"]) if clean else None


def _same(text: str) -> str:
    """A message as the two lists are compared: case and spacing aside."""
    return " ".join(text.casefold().split())
