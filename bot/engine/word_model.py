"""A learnt second opinion on help-seeking: which words and word pairs mark the message of someone who needs help.

The cue lists of knowledge/help.yaml catch what staff wrote down; people in need also write what nobody wrote down
("the roof is gone and winter is coming", "registered in March, silence since"). This model has read thousands of
labelled messages (knowledge/messages.yaml, the entries' phrasings, help.yaml's examples) and weighs each word
stem and each pair of neighbouring stems by how much more often it stands in a help-seeker's message than in
another: a naive Bayes classifier over which features are present, smoothed so that one rare word cannot decide
alone. It is asked only when the cues found nothing and no entry answers with confidence (bot/engine/engine.py).

>>> from bot.engine.text import words
>>> model = HelpModel.trained(
...     help_=[words("we have nothing to eat"), words("nothing to eat, kids are hungry")],
...     other=[words("who funded the libraries"), words("what did the ambassador see")],
... )
>>> model.logit(words("nothing left to eat")) > 0 > model.logit(words("who funded the visit"))
True
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from bot.engine import text, translit
from bot.engine.text import stem, words
from bot.engine.translit import to_cyrillic
from bot.engine.tuning import HELP_MODEL_SMOOTHING

Labelled = Sequence[tuple[str, str]]  # (language, message)

_CYRILLIC = re.compile("[\u0400-\u04ff]")


def cache_folder() -> Path:
    """Where learnt models are kept between starts: $XDG_CACHE_HOME/iom-bot, else ~/.cache/iom-bot."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iom-bot"


def read(lang: str, message: str) -> list[str]:
    """A labelled message's folded words, as the engine reads a question: Ukrainian or Russian typed in Latin
    letters back in Cyrillic (a message's label says its language; no detector is needed).

    >>> read("uk", "de otrymaty dopomohu"), read("en", "no money")
    (['де', 'отримати', 'допомогу'], ['no', 'money'])
    """
    return words(message if lang == "en" or _CYRILLIC.search(message) else to_cyrillic(message, lang))


def features(said: Sequence[str]) -> set[str]:
    """The stems of a message's folded words and the pairs of neighbouring stems ("no_money", "нема_грош")."""
    stems = [stem(w) for w in said]
    return {*stems, *(f"{a}_{b}" for a, b in pairwise(stems))}


@dataclass(frozen=True, slots=True)
class HelpModel:
    prior: float  # log odds of help before any word is read
    weights: dict[str, float]  # feature -> log(P(feature | help) / P(feature | other))

    @classmethod
    def trained(cls, help_: Iterable[Sequence[str]], other: Iterable[Sequence[str]]) -> HelpModel:
        """From messages' folded words, those of help-seekers and the others."""
        counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        totals = [0, 0]
        for label, messages in enumerate((other, help_)):
            for said in messages:
                totals[label] += 1
                counts[label].update(features(said))
        a = HELP_MODEL_SMOOTHING
        n_other, n_help = totals
        weights = {
            f: math.log((counts[1][f] + a) / (n_help + 2 * a)) - math.log((counts[0][f] + a) / (n_other + 2 * a))
            for f in counts[0].keys() | counts[1].keys()
        }
        return cls(math.log((n_help + 1) / (n_other + 1)), weights)

    @classmethod
    def learnt(cls, help_: Labelled, other: Labelled, folder: Path | None = None) -> HelpModel:
        """The model of these (language, message) pairs, from the cache when it was learnt from exactly them
        before (the key hashes the messages and the code that reads them: this module, text.py and translit.py),
        else trained and cached. A cache that cannot be read or written is passed over: the model is only slower
        to get.
        """
        folder = folder or cache_folder()
        code = b"".join(Path(m.__file__ or "").read_bytes() for m in (text, translit)) + Path(__file__).read_bytes()
        key = hashlib.sha256(code + json.dumps([help_, other], ensure_ascii=False).encode()).hexdigest()[:32]
        path = folder / f"help-model-{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(float(data["prior"]), {str(f): float(w) for f, w in data["weights"].items()})
        except (OSError, ValueError, KeyError, AttributeError):
            pass
        model = cls.trained((read(lang, m) for lang, m in help_), (read(lang, m) for lang, m in other))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("help-model-*.json"):
                old.unlink(missing_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps({"prior": model.prior, "weights": model.weights}), encoding="utf-8")
            partial.replace(path)
        except OSError:
            pass
        return model

    def logit(self, said: Sequence[str]) -> float:
        """Log odds that a message (its folded words) comes from someone who needs help; above 0, more likely
        than not. Words the model never read count for nothing."""
        return self.prior + sum(self.weights.get(f, 0.0) for f in features(said))
