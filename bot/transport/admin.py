"""What the accounts in ADMIN_IDS get: /reload (in a private chat), and word when new knowledge is refused.

/reload is answered for admins only and left out of the public command menu; anyone else's /reload gets
the one-line help of any unknown command.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, ExtBot, filters

from bot.transport.context import BotContext
from bot.transport.formatting import plain_html

if TYPE_CHECKING:
    from bot.transport.reload import Reloader

log = logging.getLogger(__name__)

MAX_TEXT = 4000  # characters; Telegram's limit for one message is 4096


async def reload_command(update: Update, context: BotContext) -> None:
    reloader: Reloader = context.bot_data["reloader"]
    log.info("knowledge reload asked for by an admin")
    outcome = await reloader.reload("/reload")
    if outcome.ok and update.effective_chat:  # a refusal has already gone to every admin
        await update.effective_chat.send_message(plain_html(outcome.text))


def handlers(admin_ids: Iterable[int]) -> list[CommandHandler]:
    admins = filters.User(user_id=admin_ids) & filters.ChatType.PRIVATE
    return [CommandHandler("reload", reload_command, filters=admins)]


async def tell_admins(bot: ExtBot[None], admin_ids: Iterable[int], text: str) -> None:
    """Sends `text` (plain, cut to one message) to each admin; an admin who never started the bot is skipped."""
    html = plain_html(text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…")
    for admin_id in admin_ids:
        try:
            await bot.send_message(admin_id, html)
        except TelegramError as exc:
            log.warning("could not tell an admin: %s", exc)
