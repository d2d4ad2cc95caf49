"""The error handler: the log gets the error, the user a short apology in their language, never a traceback.

python-telegram-bot's BadRequest is a NetworkError, but it means the bot sent something Telegram refuses (bad
HTML, a message too long, stale button data): a bug, logged with its traceback, and the user still gets the
apology. A NetworkError proper arrives here only after the request layer's retries (request.py) and gets the
apology too; a user who blocked the bot (Forbidden) has nobody to tell; a rejected token (InvalidToken) is
fatal: the process stops (lifecycle.py) so that its supervisor can act.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError

from bot.transport.context import BotContext
from bot.transport.formatting import plain_html
from bot.transport.lifecycle import TOKEN_REJECTED

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, InvalidToken):
        lifecycle = context.bot_data.lifecycle
        if lifecycle is not None:
            lifecycle.fail(TOKEN_REJECTED)
        else:
            log.critical(TOKEN_REJECTED)
        return
    if isinstance(error, Forbidden):  # blocked by the user, or removed from the group: nobody to tell
        log.warning("update %s from %s: %s", update_id, context.person(update), error)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        log.warning("update %s: the Bot API failed after retries: %s", update_id, error)
    else:
        log.error("error while handling update %s", update_id, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await update.effective_chat.send_message(plain_html(context.kb.text("error", await context.lang(update))))
    except Exception as exc:  # the apology itself failed (network, blocked): the error above is already logged
        log.warning("could not send the apology for update %s: %s", update_id, exc)
