"""Plain messages: questions answered by the engine (typed, corrected by an edit, or as a photo's caption);
anything else gets a short note, and an unknown command a one-line help."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.engine import MAX_QUESTION
from bot.transport.addressing import ADDRESSED, without_mention
from bot.transport.context import BotContext
from bot.transport.replies import send_reply, send_text

log = logging.getLogger(__name__)


async def question(update: Update, context: BotContext) -> None:
    message = update.effective_message
    typed = message and (message.text or message.caption)
    if not typed:
        return
    text = without_mention(typed, context.bot.username)
    preferred = await context.lang(update)
    note = None
    if len(text) > MAX_QUESTION:  # cut, not rejected: the start of a long message is usually the question
        text = text[:MAX_QUESTION]
        note = context.kb.text("too_long", context.engine.detect_language(text, preferred))
    reply = context.engine.answer(text, preferred)
    if context.user_data is not None and reply.kind != "empty":
        context.user_data["seen_lang"] = reply.lang
    # Never the text itself, at any level: it may hold a phone number or a name (the store keeps it scrubbed).
    log.debug("question of %d characters -> %s %s", len(text), reply.kind, reply.entry_id)
    await send_reply(update, context, reply, question=text, note=note)


async def not_text(update: Update, context: BotContext) -> None:
    await send_text(update, context, context.kb.text("non_text", await context.lang(update)))


async def unknown_command(update: Update, context: BotContext) -> None:
    await send_text(update, context, context.kb.text("unknown_command", await context.lang(update)))


def handlers() -> list[MessageHandler]:
    """Registered after the commands, so a command reaching these is one the bot does not have. An edited
    message is answered again: whoever fixes a typo wants the answer to the fixed question."""
    incoming = (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE) & ADDRESSED
    captioned = filters.PHOTO | filters.Document.ALL
    return [
        MessageHandler(incoming & filters.TEXT & ~filters.COMMAND, question),
        MessageHandler(incoming & captioned & filters.CAPTION, question),
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND & filters.ChatType.PRIVATE, unknown_command),
        MessageHandler(filters.UpdateType.MESSAGE & ADDRESSED & ~filters.TEXT & ~filters.StatusUpdate.ALL, not_text),
    ]
