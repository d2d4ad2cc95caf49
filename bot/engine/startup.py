"""The engine for a knowledge folder, read back from disk when nothing it was built from has changed.

Reading, checking and indexing the knowledge takes about 0.3 s on two cores, more than the rest of an
`iom-bot ask` together. When the knowledge files, learned.yaml and the bot's own code are byte for byte those an
earlier start built from, that start's engine is read back from $XDG_CACHE_HOME/iom-bot instead (about 30 ms).
Any change to any of them is a new key, so the knowledge is read and checked again, and a file that does not pass
is refused with its file:line exactly as without the cache. The cache is a pickle: it must sit in a folder only
the bot can write (the image's /data/cache), like the learnt models beside it.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path

import bot
from bot.engine.disk_cache import cache_folder, keep
from bot.engine.engine import Engine
from bot.knowledge import load_knowledge


def engine_for(folder: Path, learned: Path | None = None, cache: Path | None = None) -> Engine:
    """The engine on the knowledge in `folder` (and `learned`, see load_knowledge); raises KnowledgeError when
    that knowledge is not sound. A cache that cannot be read or written is passed over: the start is only slower.
    """
    cache = cache or cache_folder()
    try:
        path = cache / f"engine-{_key(Path(folder), learned)}.pickle"
    except OSError:  # a file that cannot be read: load_knowledge says which
        return Engine(load_knowledge(folder, learned))
    try:
        engine = pickle.loads(path.read_bytes())
        if isinstance(engine, Engine):
            return engine
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    engine = Engine(load_knowledge(folder, learned))
    try:
        kept = pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):  # a part that cannot be kept: served unkept
        return engine
    keep(path, kept)
    return engine


def _key(folder: Path, learned: Path | None) -> str:
    """A hash of what the engine is built from: every knowledge file, learned.yaml, the bot's code, Python."""
    digest = hashlib.sha256(sys.version.encode())
    code = Path(bot.__file__).parent
    sources = sorted(code.rglob("*.py"))
    knowledge = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    extra = [learned] if learned is not None and learned.is_file() else []
    for part, root in ((sources, code), (knowledge, folder), (extra, None)):
        for file in part:
            digest.update(str(file.relative_to(root) if root else file.name).encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:32]
