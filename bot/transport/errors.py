"""The error handler: the log gets the error, the user a short apology in their language, never a traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.transport.context import BotContext
from bot.transport.formatting import plain_html

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    if isinstance(error, Forbidden | NetworkError):  # blocked by the user, or Telegram unreachable: nobody to tell
        log.warning("%s: %s", type(error).__name__, error)
        return
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await update.effective_chat.send_message(plain_html(context.kb.text("error", await context.lang(update))))
        if update.callback_query:
            await update.callback_query.answer()
    except Exception:  # the apology itself failed (network, blocked): the error above is already logged
        log.warning("could not send the apology for update %s", update_id, exc_info=True)
