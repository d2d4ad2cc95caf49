"""Pure rendering of engine replies as Telegram HTML. Everything from users or knowledge files is escaped."""

from __future__ import annotations

from html import escape

from bot.engine import Reply
from bot.knowledge import KnowledgeBase

PREVIEW_CHARS = 120
# The noun after a number: English has two forms; Ukrainian and Russian three ("1 день", "3 дні", "90 днів").
_DAY_FORMS = {"en": ("day", "days", "days"), "uk": ("день", "дні", "днів"), "ru": ("день", "дня", "дней")}


def reply_html(reply: Reply, kb: KnowledgeBase, note: str | None = None) -> str:
    """The reply's text, then its links under the "more" heading; `note` (e.g. "your message was cut")
    goes first, in italics."""
    parts = [f"<i>{escape(note)}</i>"] if note else []
    parts.append(escape(reply.body))
    if reply.links:
        links = "\n".join(f'<a href="{escape(link.url)}">{escape(link.title)}</a>' for link in reply.links)
        parts.append(f"{escape(kb.text('more', reply.lang))}\n{links}")
    return "\n\n".join(parts)


def plain_html(text: str) -> str:
    return escape(text)


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """A one-line excerpt for inline results, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def days(count: int, lang: str) -> str:
    """`count` days in `lang`, the noun agreeing with the number, for the {days} of the /privacy text: a period
    set by the operator (RETENTION_DAYS) cannot be written into the knowledge with the right grammar."""
    one, few, many = _DAY_FORMS[lang]
    if lang == "en":
        return f"{count} {one if count == 1 else many}"
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} {one}"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"{count} {few}"
    return f"{count} {many}"
