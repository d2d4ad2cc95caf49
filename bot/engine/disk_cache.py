"""Files kept between starts under $XDG_CACHE_HOME/iom-bot: the learnt models and the built engine, each named by
its kind and a hash of what it was made from, so that a file made from other inputs is never read.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> keep(folder / "engine-aaa.pickle", b"old"); keep(folder / "engine-bbb.pickle", b"new")
>>> sorted(p.name for p in folder.iterdir())  # one file per kind: the stale one is gone
['engine-bbb.pickle']
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """Where cached files are kept between starts: $XDG_CACHE_HOME/iom-bot, else ~/.cache/iom-bot."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iom-bot"


def keep(path: Path, data: bytes) -> None:
    """Write `data` to `path` (named "<kind>-<key><suffix>") whole or not at all, after removing the files of the
    same kind made from other inputs. A folder that cannot be written is passed over: the next start is only
    slower."""
    kind = path.name.rsplit("-", 1)[0]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{kind}-*{path.suffix}"):
            old.unlink(missing_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        pass
