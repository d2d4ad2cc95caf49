"""What is deleted and when: rows older than RETENTION_DAYS (at start, then daily), and on /forget.

The log is kept only as long as staff need it to improve the answers; /privacy states the same period.
A language preference counts from the person's last question, so it lasts while they use the bot.
Every table holding data about a person is listed here, so that both deletions cover all of them.
"""

from bot.storage.writer import Op

DEFAULT_DAYS = 90
DAY = 86_400
TABLES = ("questions", "feedback", "choices", "preferences", "decisions")


def purge_ops(days: int, now: float) -> list[Op]:
    cutoff = int(now) - days * DAY
    return [Op(f"DELETE FROM {table} WHERE at < ?", (cutoff,)) for table in TABLES]


def forget_ops(user: str) -> list[Op]:
    return [Op(f"DELETE FROM {table} WHERE user = ?", (user,)) for table in TABLES]
