"""The inbox: every update Telegram hands over is on disk before Telegram is told it arrived, and stays until
it was answered, so that a crash (SIGKILL, OOM, power) costs at most a duplicate answer, never a lost one.

The transport keeps a batch (keep) before it asks getUpdates for the next one, which is what confirms the
batch to Telegram, or before it answers a webhook request 200; marks each update done once it was handled;
and at start answers what a previous run left (left_over). A kept update Telegram delivers again (the
confirmation never reached it) is recognised and left out, which is why done rows keep their update_id for
a day, without their body.

An update holds the person's Telegram id, name and words, which the store otherwise never keeps. So the body
is sealed: encrypted and authenticated with keys derived from the pseudonym key, as a keyed BLAKE2b keystream
(counter mode) with an HMAC-SHA256 tag over nonce and ciphertext (encrypt-then-MAC). It is only readable by
this bot with its key, and gone (secure_delete) once the update was handled.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from typing import Any

import aiosqlite

from bot.storage.writer import Op, WriteQueue

log = logging.getLogger(__name__)

KEEP_DONE = 86_400  # seconds a handled update's id is remembered, to recognise a delivery again
_NONCE, _TAG, _BLOCK = 16, 32, 64

DONE = "UPDATE inbox SET body = NULL WHERE update_id = ?"
FORGET_DONE = "DELETE FROM inbox WHERE body IS NULL AND at < ?"


class Sealer:
    def __init__(self, key: bytes) -> None:
        self._encrypt = hmac.new(key, b"inbox encryption", hashlib.sha256).digest()
        self._authenticate = hmac.new(key, b"inbox authentication", hashlib.sha256).digest()

    def seal(self, plain: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        sealed = nonce + self._xor(nonce, plain)
        return sealed + hmac.new(self._authenticate, sealed, hashlib.sha256).digest()

    def open(self, sealed: bytes) -> bytes | None:
        """The plain bytes, or None when the tag does not match (another key, or damage)."""
        body, tag = sealed[:-_TAG], sealed[-_TAG:]
        expected = hmac.new(self._authenticate, body, hashlib.sha256).digest()
        if len(body) < _NONCE or not hmac.compare_digest(tag, expected):
            return None
        return self._xor(body[:_NONCE], body[_NONCE:])

    def _xor(self, nonce: bytes, data: bytes) -> bytes:
        blocks = (len(data) + _BLOCK - 1) // _BLOCK
        stream = b"".join(
            hashlib.blake2b(nonce + i.to_bytes(8, "big"), key=self._encrypt, digest_size=_BLOCK).digest()
            for i in range(blocks)
        )[: len(data)]
        return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


class Inbox:
    def __init__(self, writer: WriteQueue, key: bytes) -> None:
        self._writer = writer
        self._sealer = Sealer(key)

    async def keep(self, updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Writes the updates (Bot API JSON objects) and returns once they are committed, without those kept
        before (delivered again). If the database cannot be written, returns them all: they are answered
        from memory, as without a store, and the failure is logged by the caller's store."""
        ids = [int(u["update_id"]) for u in updates]
        now = int(time.time())

        async def write(conn: aiosqlite.Connection) -> set[int]:
            marks = ",".join("?" * len(ids))
            known = {row[0] for row in await conn.execute_fetchall(
                f"SELECT update_id FROM inbox WHERE update_id IN ({marks})", ids)}  # fmt: skip
            rows = [(i, now, self._sealer.seal(json.dumps(u).encode())) for i, u in zip(ids, updates, strict=True)
                    if i not in known]  # fmt: skip
            await conn.executemany("INSERT INTO inbox (update_id, at, body) VALUES (?, ?, ?)", rows)
            return known

        try:
            known = await self._writer.now(write)
        except Exception as exc:
            log.warning("inbox: cannot write %d updates (%s); they are answered, but a crash now would lose them",
                        len(updates), exc)  # fmt: skip
            return updates
        if known:
            log.info("inbox: %d updates delivered again were answered before, left out", len(known))
        return [u for i, u in zip(ids, updates, strict=True) if i not in known]

    def done(self, update_id: int) -> None:
        """The update was handled: its body goes (queued, like the question log)."""
        self._writer.put(Op(DONE, (update_id,)))

    async def left_over(self) -> list[dict[str, Any]]:
        """The updates a previous run kept but did not finish, oldest first."""

        async def read(conn: aiosqlite.Connection) -> list[tuple[int, bytes]]:
            rows = await conn.execute_fetchall(
                "SELECT update_id, body FROM inbox WHERE body IS NOT NULL ORDER BY update_id"
            )
            return [(int(i), bytes(b)) for i, b in rows]

        try:
            rows = await self._writer.now(read)
        except Exception as exc:
            log.warning("inbox: cannot read what the last run left (%s)", exc)
            return []
        updates, unreadable = [], []
        for update_id, body in rows:
            plain = self._sealer.open(body)
            if plain is None:
                unreadable.append(update_id)
            else:
                updates.append(json.loads(plain))
        if unreadable:  # sealed with another key (BOT_SECRET changed, or a temporary key)
            log.warning("inbox: %d updates left by the last run cannot be read with this key, dropped", len(unreadable))
            for update_id in unreadable:
                self.done(update_id)
        return updates

    def purge_op(self, now: float) -> Op:
        return Op(FORGET_DONE, (int(now) - KEEP_DONE,))
