"""Pure rendering of engine replies as Telegram HTML. Everything from users or knowledge files is escaped."""

from __future__ import annotations

from html import escape

from bot.engine import Reply
from bot.knowledge import KnowledgeBase

PREVIEW_CHARS = 120


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
