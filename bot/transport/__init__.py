"""The Telegram transport: python-telegram-bot code only; the answers come from bot.engine."""

from bot.transport.app import build_application

__all__ = ["build_application"]
