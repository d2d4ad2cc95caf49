"""The callback context every handler receives: typed access to the engine, the knowledge and the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.engine import LANGS, Engine
from bot.knowledge import KnowledgeBase

if TYPE_CHECKING:
    from bot.storage import Store

DEFAULT_LANG = "uk"


class BotContext(CallbackContext[ExtBot[None], dict[str, Any], dict[str, Any], dict[str, Any]]):
    @property
    def engine(self) -> Engine:
        # Read on every use, so a reload that swaps bot_data["engine"] takes effect at once.
        return self.bot_data["engine"]

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

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
