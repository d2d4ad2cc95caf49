"""Conversation store: language preferences, a pseudonymous and scrubbed question log, feedback.

The people asking may be in danger, so the store keeps the minimum, for RETENTION_DAYS, and forgets a
person on request; it must also never delay or break a reply, so every write is queued.
"""

from bot.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
