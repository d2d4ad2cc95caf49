"""Database schema as a list of forward migrations; PRAGMA user_version is the number applied.

Never edit a released migration: a database in the field is at some version and is brought forward
by running the later ones. Add a new tuple at the end instead.
Columns `user` hold pseudonyms (see pseudonym.py); `at` is Unix time in seconds (UTC).
"""

import aiosqlite

V1 = (
    """CREATE TABLE preferences (
        user TEXT PRIMARY KEY,
        lang TEXT NOT NULL,
        at INTEGER NOT NULL  -- last set or last question: retention counts from here
    ) WITHOUT ROWID""",
    """CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        user TEXT NOT NULL,
        ref TEXT NOT NULL,  -- token carried by the feedback buttons of the reply
        at INTEGER NOT NULL,
        lang TEXT NOT NULL,
        kind TEXT NOT NULL,  -- Reply.kind: answer, suggest, decline, smalltalk, empty
        entry_id TEXT,
        score REAL NOT NULL,
        declined INTEGER NOT NULL,
        text TEXT NOT NULL  -- scrubbed
    )""",
    "CREATE INDEX questions_at ON questions (at)",
    "CREATE INDEX questions_user_ref ON questions (user, ref)",
    """CREATE TABLE feedback (
        user TEXT NOT NULL,
        ref TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (user, ref)  -- one vote per answer
    ) WITHOUT ROWID""",
    "CREATE INDEX feedback_at ON feedback (at)",
)

# v2: "did you mean" — which entries were offered with a question, and which one the person picked.
V2 = (
    "ALTER TABLE questions ADD COLUMN suggested TEXT NOT NULL DEFAULT ''",  # space-separated entry ids
    """CREATE TABLE choices (
        user TEXT NOT NULL,
        ref TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (user, ref, entry_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX choices_at ON choices (at)",
)

# v3: the inbox, so that an update Telegram was told we received is answered even after a crash (inbox.py).
# No person in it: the update is sealed with the pseudonym key, and its body goes once it was answered;
# the row itself stays a day, so that Telegram delivering it again is recognised.
V3 = (
    """CREATE TABLE inbox (
        update_id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        body BLOB  -- the update's JSON, sealed; NULL once handled
    )""",
)

# v4: what staff decided about the suggested phrasings (bot/learning): who (admin pseudonym), when, and where
# the phrasing went; a suggestion with a decision is not offered again.
V4 = (
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        suggestion TEXT NOT NULL,  -- Suggestion.id
        action TEXT NOT NULL,  -- bot.learning.Action: accept, edit, reject, out-of-scope, help-cue
        entry_id TEXT,  -- the entry the phrasing was added to (or the out-of-scope group)
        lang TEXT NOT NULL,
        text TEXT NOT NULL,  -- the phrasing, scrubbed
        file TEXT NOT NULL,  -- the knowledge file written, '' for a reject
        user TEXT NOT NULL,  -- the admin
        at INTEGER NOT NULL
    )""",
    "CREATE INDEX decisions_suggestion ON decisions (suggestion)",
    "CREATE INDEX decisions_at ON decisions (at)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4)
VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The database was written by a newer version of the bot; this one must not write to it."""


async def migrate(conn: aiosqlite.Connection) -> None:
    """Apply the missing migrations, each in its own transaction (safe against a concurrent opener)."""
    for target, statements in enumerate(MIGRATIONS, start=1):
        await conn.execute("BEGIN IMMEDIATE")
        try:
            current = await version(conn)
            if current > VERSION:
                raise SchemaTooNew(f"database schema is v{current}, this bot knows up to v{VERSION}")
            if current < target:
                for sql in statements:
                    await conn.execute(sql)
                await conn.execute(f"PRAGMA user_version = {target}")
            await conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise


async def version(conn: aiosqlite.Connection) -> int:
    row = await (await conn.execute("PRAGMA user_version")).fetchone()
    assert row is not None  # a PRAGMA that always answers one row
    return int(row[0])
