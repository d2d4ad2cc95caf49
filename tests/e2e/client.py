"""The test plays Telegram users over the emulator's client endpoints: it sends messages, commands and button
presses, and reads what the bot sent to its chat."""

from __future__ import annotations

import asyncio
import html
import itertools
import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

DEADLINE = 15.0  # seconds to wait for an expected reply; generous for a loaded CI machine
_user_ids = itertools.count(1001)


@dataclass
class BotMessage:
    message_id: int
    text: str
    buttons: list[list[dict[str, Any]]]

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> BotMessage:
        message = stored["message"]
        markup = message.get("reply_markup") or {}
        return cls(int(stored["messageId"]), message.get("text", ""), markup.get("inline_keyboard", []))

    def data(self) -> list[str]:
        """The callback data of every button, in order."""
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]

    def button(self, prefix: str) -> str:
        """The first callback data starting with `prefix`."""
        for data in self.data():
            if data.startswith(prefix):
                return data
        raise AssertionError(f"no button {prefix!r}… in {self.data()}")

    def urls(self) -> list[str]:
        return [b["url"] for row in self.buttons for b in row if "url" in b]


class TelegramUser:
    """One user in one chat (private by default)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        token: str,
        *,
        language_code: str | None = "uk",
        chat_type: str = "private",
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        self.http = http
        self.token = token
        self.id = user_id or next(_user_ids)
        self.user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": f"User{self.id}"}
        if language_code:
            self.user["language_code"] = language_code
        self.chat: dict[str, Any] = {"id": chat_id or self.id, "type": chat_type}
        if chat_type != "private":
            self.chat["title"] = "Test group"

    def _message(self, text: str | None = None, **extra: Any) -> dict[str, Any]:
        message = {"botToken": self.token, "from": self.user, "chat": self.chat, "date": int(time.time())}
        if text is not None:
            message["text"] = text
        return message | extra

    async def _post(self, endpoint: str, body: dict[str, Any]) -> Any:
        response = await self.http.post(f"/{endpoint}", json=body)
        response.raise_for_status()
        return response.json()

    async def say(self, text: str, **extra: Any) -> None:
        await self._post("sendMessage", self._message(text, **extra))

    async def send(self, **content: Any) -> None:
        """A message without text: a sticker, a photo…"""
        await self._post("sendMessage", self._message(None, **content))

    async def command(self, command: str, argument: str = "") -> None:
        text = f"{command} {argument}".strip()
        entity = {"offset": 0, "length": len(command), "type": "bot_command"}
        await self._post("sendCommand", self._message(text, entities=[entity]))

    async def press(self, message: BotMessage, data: str) -> None:
        # Telegram sends the message's text as the user reads it (the HTML's tags become entities, left out here).
        text = plain(message.text)
        shown = {"message_id": message.message_id, "chat": self.chat, "date": int(time.time()), "text": text}
        if message.buttons:  # Telegram sends the message with its keyboard, as the user sees it
            shown["reply_markup"] = {"inline_keyboard": message.buttons}
        await self._post("sendCallback", {"botToken": self.token, "from": self.user, "message": shown, "data": data})

    async def replies(self, count: int = 1, timeout: float = DEADLINE) -> list[BotMessage]:
        """Waits for `count` new messages from the bot in this chat (and returns them all, possibly more)."""
        received: list[BotMessage] = []
        deadline = time.monotonic() + timeout
        while len(received) < count:
            result = await self._post("getUpdates", {"token": self.token, "chatId": self.chat["id"]})
            received += [BotMessage.from_stored(m) for m in result["result"]]
            if len(received) >= count:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} replies within {timeout} s, got {[m.text for m in received]}")
            await asyncio.sleep(0.02)
        return received

    async def reply(self, timeout: float = DEADLINE) -> BotMessage:
        messages = await self.replies(1, timeout)
        assert len(messages) == 1, f"expected one reply, got {[m.text for m in messages]}"
        return messages[0]

    async def unread(self) -> list[BotMessage]:
        """Messages from the bot not read yet, without waiting."""
        result = await self._post("getUpdates", {"token": self.token, "chatId": self.chat["id"]})
        return [BotMessage.from_stored(m) for m in result["result"]]

    async def stored(self, message_id: int) -> BotMessage:
        """A bot message as the emulator holds it now (after edits)."""
        history = (await self._post("getUpdatesHistory", {"token": self.token}))["result"]
        for item in history:
            if "message" in item and int(item.get("messageId", 0)) == message_id and "chat_id" in item["message"]:
                return BotMessage.from_stored(item)
        raise AssertionError(f"message {message_id} not in the history")

    async def edited(self, message: BotMessage, timeout: float = DEADLINE) -> BotMessage:
        """Waits until the bot has edited `message` (its text or its buttons) and returns the new version."""
        deadline = time.monotonic() + timeout
        while (now := await self.stored(message.message_id)) == message:
            if time.monotonic() > deadline:
                raise AssertionError(f"message {message.message_id} was not edited within {timeout} s")
            await asyncio.sleep(0.02)
        return now


def plain(message_html: str) -> str:
    """The bot's HTML read back as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", message_html))
