"""The learning loop: phrasings suggested from real traffic, which staff accept, move or reject in one step.

Suggestions come from the conversation store (read-only); accepting edits the knowledge files round-trip
(ruamel.yaml: one added line, every comment kept), runs the validator and undoes a change it refuses; every
verdict is recorded with the admin's pseudonym. Nothing here imports Telegram: the command line
(`iom-bot suggest`, `iom-bot review`) and the bot's /review drive the same functions.
"""

from bot.learning.loop import Learning, LearningError, Outcome, SuggestionGone
from bot.learning.model import Action, Asked, Decision, Reason, Suggestion

__all__ = [
    "Action",
    "Asked",
    "Decision",
    "Learning",
    "LearningError",
    "Outcome",
    "Reason",
    "Suggestion",
    "SuggestionGone",
]
