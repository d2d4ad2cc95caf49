"""Reading one knowledge file: its findings with line numbers, and the shapes every file shares."""

from __future__ import annotations

from typing import Any

from bot.knowledge.findings import Finding
from bot.knowledge.model import LANGS
from bot.knowledge.yamlfile import LineDict, LineList

MIN_QUESTIONS = 3


class Collector:
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


def phrasings(
    c: Collector, value: Any, line: int, what: str = "questions", minimum: int = MIN_QUESTIONS
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
