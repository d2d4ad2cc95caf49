"""Keyed pseudonyms: the store knows a user only as HMAC-SHA256(key, telegram user id).

A plain hash of a Telegram id could be reversed by hashing every possible id; a keyed hash cannot
without the key. The key is BOT_SECRET, or else one generated on first start into a file beside the
database (mode 0600), so that pseudonyms stay stable across restarts and /forget still finds old rows.
"""

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)


def key_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".key")


def load_key(db_path: Path, secret: bytes | None) -> bytes:
    """Return secret, else the key file's content, creating the file if needed. Never raises."""
    if secret:
        return secret
    path = key_path(db_path)
    try:
        return _read_or_create(path)
    except OSError as exc:
        log.warning(
            "cannot keep a pseudonym key in %s (%s); using a temporary one: set BOT_SECRET, or "
            "/forget will not find rows written before a restart",
            path,
            exc,
        )
        return secrets.token_hex(32).encode()


def restore_key(db_path: Path, key: bytes) -> None:
    """Writes the key file again if it went (the data folder deleted while the bot runs, and the database
    recreated): without it the next start would make a new key, and /forget could not find these rows."""
    path = key_path(db_path)
    if path.exists():
        return
    try:
        _read_or_create(path, key)
    except OSError as exc:
        log.warning("cannot write the pseudonym key to %s again (%s): set BOT_SECRET", path, exc)
    else:
        log.warning("the pseudonym key file %s was gone: written again", path)


def _read_or_create(path: Path, key: bytes | None = None) -> bytes:
    """The key in the file at `path`; if there is none, the file is made, with `key` or a new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Write a private temporary file, then link it into place: link() fails if another process
        # created the key meanwhile, so every process ends up reading the same complete key.
        tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as f:
                f.write(key.decode() if key else secrets.token_hex(32))
                f.flush()
                os.fsync(f.fileno())
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_bytes().strip()
    if not key:
        raise OSError(f"key file {path} is empty")
    return key


def pseudonym(key: bytes, user_id: int | str) -> str:
    """The pseudonym of a Telegram user id (or of a staff name, for decisions taken in a terminal)."""
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()
