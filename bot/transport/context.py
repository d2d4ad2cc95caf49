"""The callback context every handler receives: typed access to the engine, knowledge, settings and store,
and BotData, what the handlers share (python-telegram-bot's bot_data, as a class instead of string keys)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.engine import LANGS, Engine
from bot.knowledge import KnowledgeBase
from bot.storage.pseudonym import pseudonym

if TYPE_CHECKING:
    from bot.storage import Store
    from bot.transport.health import Heartbeat
    from bot.transport.lifecycle import Lifecycle
    from bot.transport.reload import Reloader
    from bot.transport.request import AiohttpRequest

DEFAULT_LANG = LANGS[0]
LOGGED_PSEUDONYM = 12  # hex digits of a user's pseudonym in log lines: enough to follow one conversation


class BotData:
    """What every handler shares. python-telegram-bot makes it empty (ContextTypes calls the class without
    arguments); build_application fills it in before the first update."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self.settings = Settings()
        self.store: Store | None = None
        self.heartbeat: Heartbeat | None = None
        self.reloader: Reloader | None = None
        self.lifecycle: Lifecycle | None = None
        self.polling_request: AiohttpRequest | None = None  # getUpdates' connection, its own
        self._log_key = secrets.token_hex(32).encode()  # for log pseudonyms when there is no store

    @property
    def engine(self) -> Engine:
        """The live engine; a reload replaces it with one assignment."""
        if self._engine is None:
            raise RuntimeError("no engine yet: build_application sets it")
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    def person(self, user_id: int | None) -> str:
        """How log lines name a user: the store's keyed pseudonym, shortened (its first digits match the
        user's rows), or one keyed per process without a store. Never the Telegram id."""
        if user_id is None:
            return "-"
        key = self.store.key if self.store is not None else self._log_key
        return pseudonym(key, user_id)[:LOGGED_PSEUDONYM]


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        # One context per update, made when handling starts. A reload swaps bot_data.engine for the updates
        # that come next; this one keeps the engine it started with, so a reply never mixes two knowledges.
        self._engine: Engine = application.bot_data.engine

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

    @property
    def settings(self) -> Settings:
        return self.bot_data.settings

    @property
    def store(self) -> Store | None:
        return self.bot_data.store

    def person(self, update: object) -> str:
        """The pseudonym log lines name the update's user by (BotData.person)."""
        user = update.effective_user if isinstance(update, Update) else None
        return self.bot_data.person(user.id if user else None)

    async def lang(self, update: Update) -> str:
        """The interface language for this user: their /language choice (remembered by the store when there
        is one), else the language of their last question, else Telegram's language_code, else Ukrainian."""
        user = update.effective_user
        data = self.user_data
        if user is None or data is None:
            return DEFAULT_LANG
        if "chosen_lang" not in data:
            data["chosen_lang"] = await self.store.get_language(user.id) if self.store else None
        return data["chosen_lang"] or data.get("seen_lang") or telegram_lang(user.language_code)


def telegram_lang(code: str | None) -> str:
    base = (code or "").split("-")[0].lower()
    return base if base in LANGS else DEFAULT_LANG


# ExtBot[int]: the rate limiter's argument type (AIORateLimiter's max_retries).
BotApplication = Application[ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
