"""The Application, built in one place: settings, flood control, handlers and what the handlers share.

Updates do not come through python-telegram-bot's Updater: the intake (intake.py, webhook.py) fetches or
receives them, keeps them in the store's inbox first, and puts them on the Application's update queue;
run.py starts and stops everything in order.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults

from bot.config import Settings
from bot.engine import Engine
from bot.transport import admin, callbacks, commands, inline, messages, review
from bot.transport.context import BotApplication, BotContext, BotData
from bot.transport.errors import on_error
from bot.transport.health import Heartbeat
from bot.transport.intake import ALLOWED_UPDATES
from bot.transport.lifecycle import Lifecycle
from bot.transport.ratelimit import OutgoingRateLimiter, UserRateLimiter, rate_limit_handler
from bot.transport.reload import Reloader
from bot.transport.request import AiohttpRequest
from bot.transport.updates import PerChatUpdateProcessor

if TYPE_CHECKING:
    from bot.storage import Store

log = logging.getLogger(__name__)

__all__ = ["ALLOWED_UPDATES", "build_application"]

CONCURRENT_UPDATES = 64
RETRIES_AFTER_FLOOD = 3


def build_application(settings: Settings, engine: Engine, store: Store | None = None) -> BotApplication:
    """The bot's Application, not started (run.py's Runner starts it).

    The engine lives in bot_data.engine, taken by every update when its handling starts, so a reload
    swaps it with one assignment. Without `store`, one is opened at start when settings.database_path is
    set; either way the Runner closes it at shutdown, after the updates in flight are done.
    """
    outgoing = OutgoingRateLimiter(overall_max_rate=settings.outgoing_per_second, max_retries=RETRIES_AFTER_FLOOD)
    poller = AiohttpRequest(1, retry=False)
    application = (
        Application.builder()
        .token(settings.token)
        .request(AiohttpRequest(CONCURRENT_UPDATES))
        .get_updates_request(poller)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(outgoing)
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES))
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .updater(None)
        .build()
    )
    data = application.bot_data
    data.engine, data.store, data.settings = engine, store, settings
    data.polling_request, data.lifecycle = poller, Lifecycle()
    data.reloader = Reloader(application, settings.knowledge_dir, settings.admin_ids, settings.learned_path)
    if settings.heartbeat_path is not None:
        data.heartbeat = Heartbeat(settings.heartbeat_path, settings.heartbeat_max_age)
    application.add_handler(rate_limit_handler(UserRateLimiter(settings.user_burst, settings.user_per_second)), -1)
    application.add_handlers(
        [
            *admin.handlers(settings.admin_ids),
            *review.handlers(settings.admin_ids),
            *commands.handlers(),
            *messages.handlers(),
            *callbacks.handlers(),
            *inline.handlers(),
        ]
    )
    application.add_error_handler(on_error)
    return application
