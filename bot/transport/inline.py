"""Inline mode: "@bot donors" in any chat offers the best-matching answers as articles to share: the gist, and a
link that opens the whole answer in the bot."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import InlineQueryHandler

from bot.engine import MAX_QUESTION
from bot.knowledge.model import with_days
from bot.transport.context import BotContext
from bot.transport.formatting import inline_html, preview
from bot.transport.keyboards import example_ids

RESULTS = 5
CACHE_SECONDS = 60


async def answers(update: Update, context: BotContext) -> None:
    query = update.inline_query
    assert query is not None
    text = query.query[:MAX_QUESTION].strip()
    preferred = await context.lang(update)
    lang = context.engine.detect_language(text, preferred) if text else preferred
    if not text:  # nothing typed yet: a few examples
        found = example_ids(context.kb)
    else:
        threshold = context.engine.thresholds.suggest
        found = [i for i, score in context.engine.search(text, RESULTS) if score >= threshold]
    results = []
    for entry_id in found:
        reply = context.engine.reply_for(entry_id, lang)
        results.append(
            InlineQueryResultArticle(
                id=entry_id,
                title=context.kb.entries[entry_id].label(lang),
                description=preview(with_days(reply.body, lang, context.settings.retention_days)),
                input_message_content=InputTextMessageContent(
                    inline_html(reply, context.kb, context.bot.username, context.settings.retention_days),
                    parse_mode=ParseMode.HTML,
                ),
            )
        )
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


def handlers() -> list[InlineQueryHandler]:
    return [InlineQueryHandler(answers)]
