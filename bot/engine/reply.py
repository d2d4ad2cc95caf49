"""What the engine answers: structured, so each transport can render it its own way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReplyLink:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Reply:
    kind: str  # "answer" | "suggest" | "decline" | "smalltalk" | "empty"
    lang: str
    body: str  # the answer's gist (framed for the question) or the interface text, plain, without links
    text: str  # the whole reply in plain text, as the command line prints it (link URLs included)
    entry_id: str | None = None
    score: int = 0  # 0-100
    links: tuple[ReplyLink, ...] = ()
    related: tuple[str, ...] = ()  # entry ids offered as follow-up questions
    suggestions: tuple[str, ...] = ()  # entry ids offered as "did you mean" choices
    more: str | None = None  # an answer's details, shown on demand under its body (the gist)

    @property
    def matched(self) -> bool:
        return self.kind == "answer"
