"""Engine replies as plain text, for `iom-bot ask` and `iom-bot chat` (Telegram's HTML is in
bot/transport/formatting.py): the same parts in the same order, links written out as URLs."""

from __future__ import annotations

from bot.engine import Reply, ReplyKind
from bot.knowledge import KnowledgeBase


def render(reply: Reply, kb: KnowledgeBase) -> str:
    """The whole reply as the console shows it: the body (an answer's gist, then its details), then "did you
    mean" choices, the topics of a decline, or the links, each block after a blank line. `{days}` is left for
    the caller, which knows the retention period."""
    lang = reply.lang
    parts = [reply.body, *([reply.more] if reply.more else [])]
    if reply.kind is ReplyKind.SUGGEST:
        parts = ["\n".join([reply.body, *(f"• {kb.entries[c].label(lang)}" for c in reply.suggestions)])]
    elif reply.kind is ReplyKind.DECLINE:
        parts.append("\n".join([kb.text("topics_title", lang), *(f"• {t.titles[lang]}" for t in kb.topics)]))
    if reply.links:
        parts.append("\n".join([kb.text("more", lang), *(f"{link.title}: {link.url}" for link in reply.links)]))
    return "\n\n".join(parts)
