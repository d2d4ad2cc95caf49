"""The answer engine: from a question to a Reply. Imports nothing from Telegram."""

from bot.engine.engine import Engine, Learnt
from bot.engine.reply import Reply, ReplyKind, ReplyLink
from bot.engine.tuning import MAX_QUESTION, Thresholds
from bot.knowledge.model import LANGS

__all__ = ["LANGS", "MAX_QUESTION", "Engine", "Learnt", "Reply", "ReplyKind", "ReplyLink", "Thresholds"]
