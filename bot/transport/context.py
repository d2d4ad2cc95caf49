"""The callback context every handler receives: typed access to the engine, knowledge, settings and store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.engine import LANGS, Engine
from bot.knowledge import KnowledgeBase

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.storage import Store

DEFAULT_LANG = LANGS[0]


class BotContext(CallbackContext[ExtBot[None], dict[str, Any], dict[str, Any], dict[str, Any]]):
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        # One context per update, made when handling starts. A reload swaps bot_data["engine"] for the updates
        # that come next; this one keeps the engine it started with, so a reply never mixes two knowledges.
        self._engine: Engine = application.bot_data["engine"]

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

    @property
    def settings(self) -> Settings:
        return self.bot_data["settings"]

    @property
    def store(self) -> Store | None:
        return self.bot_data.get("store")

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


BotApplication = Application[ExtBot[None], BotContext, dict[str, Any], dict[str, Any], dict[str, Any], Any]
