"""Pure rendering of engine replies as Telegram HTML. Everything from users or knowledge files is escaped."""

from __future__ import annotations

from html import escape

from bot.engine import Reply
from bot.knowledge.model import KnowledgeBase, with_days

PREVIEW_CHARS = 120


def reply_html(reply: Reply, retention_days: int, note: str | None = None) -> str:
    """What a phone shows first: `note` (e.g. "your message was cut") in italics, then the reply's body, the
    gist of an answer. Its details come with the "More" button and its links as URL buttons (keyboards.py)."""
    parts = [f"<i>{escape(note)}</i>"] if note else []
    parts.append(escape(with_days(reply.body, reply.lang, retention_days)))
    return "\n\n".join(parts)


def details_html(shown_html: str, more: str, lang: str, retention_days: int) -> str:
    """The message as shown, with the details of its answer under the gist (after "More" was pressed)."""
    return f"{shown_html}\n\n{escape(with_days(more, lang, retention_days))}"


def inline_html(reply: Reply, kb: KnowledgeBase, bot_username: str, retention_days: int) -> str:
    """An answer shared in another chat: its gist, and a deep link to the bot, where "More", the links and the
    follow-ups are."""
    link = f"https://t.me/{bot_username}?start={reply.entry_id}"
    more = escape(kb.text("inline_more", reply.lang))
    return f'{reply_html(reply, retention_days)}\n\n<a href="{escape(link)}">{more}</a>'


def plain_html(text: str) -> str:
    return escape(text)


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """A one-line excerpt for inline results, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"
