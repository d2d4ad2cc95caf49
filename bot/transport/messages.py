"""Plain messages: questions answered by the engine, also when edited (the answer to the fixed question comes
as a new message) or written as the caption of a photo; anything else that is not text gets a short note."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.engine import MAX_QUESTION
from bot.storage.scrub import scrub
from bot.transport.addressing import ADDRESSED, without_mention
from bot.transport.context import BotContext
from bot.transport.replies import send_reply, send_text

log = logging.getLogger(__name__)


async def question(update: Update, context: BotContext) -> None:
    message = update.effective_message
    written = message and (message.text or message.caption)
    if not written:
        return
    text = without_mention(written, context.bot.username)
    preferred = await context.lang(update)
    note = None
    if len(text) > MAX_QUESTION:  # cut, not rejected: the start of a long message is usually the question
        text = text[:MAX_QUESTION]
        note = context.kb.text("too_long", context.engine.detect_language(text, preferred))
    reply = context.engine.answer(text, preferred)
    if context.user_data is not None and reply.kind != "empty":
        context.user_data["seen_lang"] = reply.lang
    log.debug("question from %s: %r -> %s %s", context.person(update), scrub(text), reply.kind, reply.entry_id)
    await send_reply(update, context, reply, question=text, note=note)


async def not_text(update: Update, context: BotContext) -> None:
    await send_text(update, context, context.kb.text("non_text", await context.lang(update)))


def handlers() -> list[MessageHandler[BotContext, None]]:
    addressed = filters.UpdateType.MESSAGES & ADDRESSED  # new and edited
    return [
        MessageHandler(addressed & filters.TEXT & ~filters.COMMAND, question),
        MessageHandler(addressed & filters.CAPTION & ~filters.TEXT, question),
        MessageHandler(filters.UpdateType.MESSAGE & ADDRESSED & ~filters.TEXT & ~filters.StatusUpdate.ALL, not_text),
    ]
