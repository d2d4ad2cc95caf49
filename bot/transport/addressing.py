"""Which messages are meant for the bot: all of them in private chats; in groups, only those that mention
the bot or reply to it (commands are matched by CommandHandler, which checks the @botname itself)."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.constants import ChatType
from telegram.ext import filters


class AddressedToBot(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        return any(text.lower() == mention for text in message.parse_entities([MessageEntity.MENTION]).values())


ADDRESSED = AddressedToBot(name="addressed_to_bot")


def without_mention(text: str, username: str | None) -> str:
    """The question without the "@bot" that addressed it in a group."""
    if not username:
        return text
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()
