"""Sending an engine reply: HTML text, keyboard, and (when storage exists) the question log."""

from __future__ import annotations

import logging
import secrets

from telegram import InlineKeyboardMarkup, Message, Update

from bot.engine import Reply
from bot.transport import keyboards
from bot.transport.context import BotContext
from bot.transport.formatting import plain_html, reply_html

log = logging.getLogger(__name__)


def new_ref() -> str:
    """A short random token tying a logged question to the feedback on its answer."""
    return secrets.token_hex(4)


async def send_reply(
    update: Update, context: BotContext, reply: Reply, *, question: str, note: str | None = None
) -> Message | None:
    """Sends `reply` to the update's chat and, when a store exists and the reply was sent, logs `question` (the
    text the user typed, or the question on the button pressed) with it: staff count how often each entry
    served from this log, so a reply that never left is not counted."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return None
    ref = new_ref()
    sent = await chat.send_message(
        reply_html(reply, context.settings.retention_days, note),
        reply_markup=keyboards.for_reply(reply, context.kb, ref),
    )
    if user is not None and context.store is not None:
        context.store.log_question(user.id, question, reply, ref)
    log.debug(
        "reply to %s: kind=%s entry=%s score=%s lang=%s",
        context.person(update),
        reply.kind,
        reply.entry_id,
        reply.score,
        reply.lang,
    )
    return sent


async def send_entry(update: Update, context: BotContext, entry_id: str, lang: str) -> Message | None:
    """The answer of an entry a button or a deep link names, logged as if the person had typed the question on
    the button (the entry's label), so that answers reached without typing count too."""
    reply = context.engine.reply_for(entry_id, lang)
    return await send_reply(update, context, reply, question=context.kb.entries[entry_id].label(lang))


async def send_text(
    update: Update,
    context: BotContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Sends a plain interface text (from ui.yaml), escaped, with an optional keyboard."""
    if update.effective_chat:
        await update.effective_chat.send_message(plain_html(text), reply_markup=markup)
