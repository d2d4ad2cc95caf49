"""The Application, built in one place: settings, flood control, handlers, the command menu, the store, and
the companions of a running bot (heartbeat, knowledge reload, shutdown deadline)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults

from bot.config import Settings
from bot.engine import Engine
from bot.transport import admin, callbacks, commands, inline, messages, review, shutdown
from bot.transport.context import BotApplication, BotContext
from bot.transport.errors import on_error
from bot.transport.health import Heartbeat
from bot.transport.ratelimit import UserRateLimiter, rate_limit_handler
from bot.transport.reload import Reloader
from bot.transport.request import AiohttpRequest
from bot.transport.updates import PerChatUpdateProcessor

if TYPE_CHECKING:
    from bot.storage import Store

log = logging.getLogger(__name__)

ALLOWED_UPDATES = (Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY)
CONCURRENT_UPDATES = 64
RETRIES_AFTER_FLOOD = 3


def build_application(settings: Settings, engine: Engine, store: Store | None = None) -> BotApplication:
    """The bot, ready for run_polling / run_webhook (or initialize + start in tests).

    The engine lives in bot_data["engine"], taken by every update when its handling starts, so a reload
    swaps it with one assignment. Without `store`, one is opened at start when settings.database_path is
    set; either way the Application closes it at shutdown, after the updates in flight are done.
    """
    poller = AiohttpRequest(1)
    application = (
        Application.builder()
        .token(settings.token)
        .request(AiohttpRequest(CONCURRENT_UPDATES))
        .get_updates_request(poller)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.outgoing_per_second, max_retries=RETRIES_AFTER_FLOOD))
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES))
        .context_types(ContextTypes(context=BotContext))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    heartbeat = None
    if settings.heartbeat_path is not None:
        polling = None if settings.webhook_url else poller
        heartbeat = Heartbeat(settings.heartbeat_path, settings.heartbeat_max_age, polling)
    reloader = Reloader(application, settings.knowledge_dir, settings.admin_ids, settings.learned_path)
    application.bot_data.update(engine=engine, store=store, settings=settings, heartbeat=heartbeat, reloader=reloader)
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


async def _post_init(application: BotApplication) -> None:
    settings: Settings = application.bot_data["settings"]
    if application.bot_data["store"] is None and settings.database_path is not None:
        from bot.storage import open_store

        application.bot_data["store"] = await open_store(
            settings.database_path, settings.bot_secret, retention_days=settings.retention_days
        )
    await commands.register_commands(application.bot, application.bot_data["engine"].kb)
    if settings.owns_process:
        shutdown.install(application)
        application.bot_data["reloader"].start()
    if application.bot_data["heartbeat"] is not None:
        application.bot_data["heartbeat"].start(application)
    if settings.review_digest:
        review.schedule_digest(application)
    log.info("bot @%s ready", application.bot.username)


async def _post_shutdown(application: BotApplication) -> None:
    """After the updates in flight are done (run_polling / run_webhook call it last): the companions stop,
    then the store writes what is queued."""
    await application.bot_data["reloader"].stop()
    if application.bot_data["heartbeat"] is not None:
        await application.bot_data["heartbeat"].stop()
    store = application.bot_data.get("store")
    if store is not None:
        await store.close()
