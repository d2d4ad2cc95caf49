"""The answer engine: from a question to a Reply. Imports nothing from Telegram."""

from bot.engine.engine import MAX_QUESTION, Engine, Thresholds
from bot.engine.language import detect_language
from bot.engine.reply import Reply, ReplyLink
from bot.knowledge.model import LANGS

__all__ = ["LANGS", "MAX_QUESTION", "Engine", "Reply", "ReplyLink", "Thresholds", "detect_language"]
