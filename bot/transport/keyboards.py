"""Pure functions from replies and knowledge to inline keyboards, and the callback data they carry.

Callback data (at most 64 bytes): "q:<entry>" a question, "c:<ref>:<entry>" a "did you mean" choice,
"fb:<1|0>:<ref>:<entry>" feedback, "t:<topic>" a topic, "topics" the list of topics, "lang:<code>" a language,
"m:<lang>:<entry>" the details of an answer.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine import LANGS, Reply, ReplyKind
from bot.knowledge import KnowledgeBase

log = logging.getLogger(__name__)

MAX_DATA = 64
EXAMPLES = 4
QUESTION, CHOICE, FEEDBACK, TOPIC, TOPICS, LANGUAGE, MORE = "q", "c", "fb", "t", "topics", "lang", "m"


def data(*parts: str) -> str | None:
    """Joined callback data, or None (and a warning) when Telegram would refuse it as too long."""
    joined = ":".join(parts)
    if len(joined.encode()) > MAX_DATA:
        log.warning("callback data over %d bytes left out: %s", MAX_DATA, joined)
        return None
    return joined


def _button(label: str, callback: str | None) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(label, callback_data=callback)] if callback else []


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def _questions(
    kb: KnowledgeBase, ids: tuple[str, ...] | list[str], lang: str, *prefix: str
) -> list[list[InlineKeyboardButton]]:
    return [_button(kb.entries[i].label(lang), data(*prefix, i)) for i in ids if i in kb.entries]


def for_reply(reply: Reply, kb: KnowledgeBase, ref: str) -> InlineKeyboardMarkup | None:
    """The keyboard under a reply: for an answer, "More" when it has details, its links, follow-ups and
    feedback; choices for "did you mean"; topics and the website for a decline; the website first and then the
    topics for a help-seeker."""
    lang = reply.lang
    if reply.kind is ReplyKind.ANSWER and reply.entry_id:
        more = _button(kb.text("more_button", lang), data(MORE, lang, reply.entry_id)) if reply.more else []
        links = [[InlineKeyboardButton(link.title, url=link.url)] for link in reply.links]
        feedback = [
            *_button(kb.text("helpful", lang), data(FEEDBACK, "1", ref, reply.entry_id)),
            *_button(kb.text("not_helpful", lang), data(FEEDBACK, "0", ref, reply.entry_id)),
        ]
        return _markup([more, *links, *_questions(kb, reply.related, lang, QUESTION), feedback])
    if reply.kind is ReplyKind.SUGGEST:
        return _markup(_questions(kb, reply.suggestions, lang, CHOICE, ref))
    if reply.kind is ReplyKind.DECLINE:
        return _markup([*topics(kb, lang).inline_keyboard, [website(kb)]])
    if reply.kind is ReplyKind.HELP:
        return _markup([[website(kb)], [InlineKeyboardButton(kb.text("cmd_topics", lang), callback_data=TOPICS)]])
    return None


def website(kb: KnowledgeBase) -> InlineKeyboardButton:
    return InlineKeyboardButton(kb.ui.website, url=f"https://{kb.ui.website}")


def topics(kb: KnowledgeBase, lang: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(t.titles[lang], callback_data=f"{TOPIC}:{t.id}") for t in kb.topics]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def topic_questions(kb: KnowledgeBase, topic_id: str, lang: str) -> InlineKeyboardMarkup | None:
    return _markup(_questions(kb, [e.id for e in kb.topic_entries(topic_id)], lang, QUESTION))


def example_ids(kb: KnowledgeBase) -> list[str]:
    """A few questions to start from: the first entry of each of the first topics."""
    firsts = [entries[0].id for t in kb.topics if (entries := kb.topic_entries(t.id))]
    return firsts[:EXAMPLES]


def examples(kb: KnowledgeBase, lang: str) -> InlineKeyboardMarkup | None:
    return _markup(_questions(kb, example_ids(kb), lang, QUESTION))


def languages(kb: KnowledgeBase) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(kb.ui.languages[code], callback_data=f"{LANGUAGE}:{code}") for code in LANGS]]
    )


def without(markup: InlineKeyboardMarkup | None, kind: str) -> InlineKeyboardMarkup | None:
    """The same keyboard without the buttons of one kind: the helpful / not helpful pair once feedback was
    given (FEEDBACK), the "More" button once the details are shown (MORE)."""
    if markup is None:
        return None
    rows = [[b for b in row if not str(b.callback_data or "").startswith(f"{kind}:")] for row in markup.inline_keyboard]
    return _markup(rows)
