"""What the engine answers: structured, so each transport renders it its own way (bot/cli/render.py for plain
text, bot/transport/formatting.py for Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReplyKind(StrEnum):
    """What kind of reply the engine chose; the values are stored in the question log and must not change."""

    ANSWER = "answer"  # one entry's answer
    SUGGEST = "suggest"  # "did you mean" choices
    DECLINE = "decline"  # "I don't know", the topics and the website
    HELP = "help"  # someone needs help now: what the bot cannot do and where help is
    SMALLTALK = "smalltalk"  # a greeting, thanks or goodbye
    EMPTY = "empty"  # nothing to read in the message


@dataclass(frozen=True, slots=True)
class ReplyLink:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Reply:
    kind: ReplyKind
    lang: str
    body: str  # the answer's gist (framed for the question) or the interface text, plain, without links
    entry_id: str | None = None
    score: int = 0  # 0-100
    links: tuple[ReplyLink, ...] = ()
    related: tuple[str, ...] = ()  # entry ids offered as follow-up questions
    suggestions: tuple[str, ...] = ()  # entry ids offered as "did you mean" choices
    more: str | None = None  # an answer's details, shown on demand under its body (the gist)
    framed: bool = False  # the gist starts with what I cannot know: today, travel safety, or a detail left out

    @property
    def matched(self) -> bool:
        return self.kind is ReplyKind.ANSWER
