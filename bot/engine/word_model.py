"""Learnt second opinions: which words and word pairs mark one kind of message against another.

The cue lists of knowledge/help.yaml and the matcher's phrasings catch what staff wrote down; people also write
what nobody wrote down. Two models have read thousands of labelled messages (knowledge/messages.yaml, the entries'
phrasings, help.yaml's examples, out_of_scope.yaml's examples):

- the **help model**: a help-seeker's message against any other ("the roof is gone and winter is coming",
  "registered in March, silence since"), asked when the cues found nothing and no entry answers with confidence;
- the **decline model**: a question the sources do not answer against one they do ("what did Lyudmyla's husband
  do for a living?" shares her entry's words), asked of answers the matcher is not sure of.

Each weighs every word stem and pair of neighbouring stems by how much more often it stands in the one kind than
in the other: a naive Bayes classifier over which features are present, smoothed so that one rare word cannot
decide alone. Naive Bayes counts a word and the pair it stands in as two pieces of evidence ("how", "many",
"how_many"), so it is surer than it should be; the decline model, which can take an answer away, adds a logistic
regression over the same features (LogisticModel), which weighs them together (Blend). bot/engine/engine.py
decides where each is asked.

>>> from bot.engine.text import words
>>> model = WordModel.trained(
...     positive=[words("we have nothing to eat"), words("nothing to eat, kids are hungry")],
...     negative=[words("who funded the libraries"), words("what did the ambassador see")],
... )
>>> model.logit(words("nothing left to eat")) > 0 > model.logit(words("who funded the visit"))
True
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Self

from bot.engine import text, translit, tuning
from bot.engine.disk_cache import cache_folder, keep
from bot.engine.text import stem, words
from bot.engine.translit import to_cyrillic
from bot.engine.tuning import (
    DECLINE_BAYES_FLOOR,
    DECLINE_BAYES_SHARE,
    LOGISTIC_L2,
    LOGISTIC_PASSES,
    LOGISTIC_RATE,
    PAIR_MODEL_MARGIN,
    WORD_MODEL_SMOOTHING,
)

Labelled = Sequence[tuple[str, str]]  # (language, message)

_CYRILLIC = re.compile("[\u0400-\u04ff]")


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
class WordModel:
    prior: float  # log odds of the positive kind before any word is read
    weights: dict[str, float]  # feature -> log(P(feature | positive) / P(feature | negative))

    @classmethod
    def trained(cls, positive: Iterable[Sequence[str]], negative: Iterable[Sequence[str]]) -> Self:
        """From messages' folded words, those of the kind to recognise and the others."""
        counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        totals = [0, 0]
        for label, messages in enumerate((negative, positive)):
            for said in messages:
                totals[label] += 1
                counts[label].update(features(said))
        a = WORD_MODEL_SMOOTHING
        n_negative, n_positive = totals
        weights = {
            f: math.log((counts[1][f] + a) / (n_positive + 2 * a)) - math.log((counts[0][f] + a) / (n_negative + 2 * a))
            for f in counts[0].keys() | counts[1].keys()
        }
        return cls(math.log((n_positive + 1) / (n_negative + 1)), weights)

    @classmethod
    def learnt(cls, name: str, positive: Labelled, negative: Labelled, folder: Path | None = None) -> Self:
        """The model called `name` ("help") of these (language, message) pairs, from the cache when it was learnt
        from exactly them before (the key hashes the messages and the code that reads and weighs them: this module,
        text.py, translit.py and tuning.py), else trained and cached. A cache that cannot be read or written is
        passed over: the model is only slower to get.
        """
        folder = folder or cache_folder()
        code = b"".join(Path(m.__file__ or "").read_bytes() for m in (text, translit, tuning))
        code += Path(__file__).read_bytes()
        learnt = json.dumps([cls.__name__, positive, negative], ensure_ascii=False).encode()
        key = hashlib.sha256(code + learnt).hexdigest()[:32]
        path = folder / f"{name}-model-{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            features = str(data["features"]).split("\n") if data["features"] else []
            weights = [float(w) for w in data["weights"]]
            if len(features) == len(weights):
                return cls(float(data["prior"]), dict(zip(features, weights, strict=True)))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        model = cls.trained((read(lang, m) for lang, m in positive), (read(lang, m) for lang, m in negative))
        # The features as one text and the weights as one list: half the reading time of a mapping.
        listed = "\n".join(model.weights)
        compact = {"prior": model.prior, "features": listed, "weights": list(model.weights.values())}
        keep(path, json.dumps(compact, ensure_ascii=False).encode())
        return model

    def logit(self, said: Sequence[str]) -> float:
        """Log odds that a message (its folded words) is of the positive kind; above 0, more likely than not.
        Words the model never read count for nothing."""
        return self.weigh(features(said))

    def weigh(self, found: set[str]) -> float:
        """logit() of a message's features, when several models read the same message (Blend)."""
        return self.prior + sum(self.weights.get(f, 0.0) for f in found)


@dataclass(frozen=True, slots=True)
class LogisticModel(WordModel):
    """A logistic regression over the same features, read and cached like a WordModel.

    >>> from bot.engine.text import words
    >>> model = LogisticModel.trained(
    ...     positive=[words("how many children had she"), words("how many people live in the town")],
    ...     negative=[words("how did the children live"), words("who funded the town's library")],
    ... )
    >>> model.logit(words("how many lived there")) > 0 > model.logit(words("who funded it"))
    True
    """

    @classmethod
    def trained(cls, positive: Iterable[Sequence[str]], negative: Iterable[Sequence[str]]) -> Self:
        """By AdaGrad: LOGISTIC_PASSES passes over the messages in a shuffled order (seeded, so the same messages
        give the same model), each step L2-regularised so that a feature seen in few messages stays light."""
        data = [(sorted(features(s)), 1.0) for s in positive] + [(sorted(features(s)), 0.0) for s in negative]
        weights: dict[str, float] = {}
        squares: dict[str, float] = {}  # each feature's sum of squared gradients, which slows its steps
        bias, bias_squares = 0.0, 0.0
        order = random.Random(0)
        for _ in range(LOGISTIC_PASSES):
            order.shuffle(data)
            for said, label in data:
                z = bias + sum(weights.get(f, 0.0) for f in said)
                error = 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - label
                bias_squares += error * error
                bias -= LOGISTIC_RATE * error / math.sqrt(bias_squares)
                for f in said:
                    w = weights.get(f, 0.0)
                    gradient = error + LOGISTIC_L2 * w
                    squares[f] = squares.get(f, 0.0) + gradient * gradient
                    weights[f] = w - LOGISTIC_RATE * gradient / math.sqrt(squares[f])
        return cls(bias, weights)


@dataclass(frozen=True, slots=True)
class Blend:
    """The decline model: DECLINE_BAYES_SHARE of naive Bayes' log odds added to the logistic regression's. Each
    alone, with each development set left out of what it learnt in turn, decided fewer unsure answers right than the
    two together (docs/benchmarks.md)."""

    bayes: WordModel
    regression: LogisticModel

    def logit(self, said: Sequence[str]) -> float:
        return self._weigh(features(said))[1]

    def _weigh(self, found: set[str]) -> tuple[float, float]:
        """Naive Bayes' log odds and the blend's, of a message's features."""
        bayes = self.bayes.weigh(found)
        return bayes, DECLINE_BAYES_SHARE * bayes + self.regression.weigh(found)

    def declines(self, said: Sequence[str], above: float) -> bool:
        """Whether the blend's log odds are above `above` and naive Bayes is not sure of the opposite (its log odds
        above DECLINE_BAYES_FLOOR): the regression has learnt some function words of questions the sources do not
        answer ("in", "of" in "who was IOM Ukraine's chief of mission in 2017?"), which naive Bayes weighs little."""
        bayes, blend = self._weigh(features(said))
        return bayes > DECLINE_BAYES_FLOOR and blend > above


class PairModels:
    """Of two entries that scored alike, the one whose phrasings a question's words are more like: a model per pair,
    learnt from the two entries' phrasings when the pair is first asked about. The lexical matcher weighs how rare a
    word is among all phrasings; this weighs how much more often it stands in the one entry's phrasings than in the
    other's ("which ambassadors were on the trip": ambassadors of the diplomats' entry, trip of the overview's), and
    pairs of neighbouring words too.

    >>> from bot.engine.text import words
    >>> models = PairModels({"a": [("en", "who funded the libraries")], "b": [("en", "who went to the libraries")]})
    >>> models.prefers("a", "b", words("who funded them")), models.prefers("a", "b", words("the libraries"))
    ('a', None)
    """

    def __init__(self, phrasings: dict[str, Labelled]) -> None:
        """`phrasings`: each entry's (language, phrasing) pairs, read only when a pair with that entry is asked."""
        self._phrasings = phrasings
        self._models: dict[tuple[str, str], WordModel] = {}

    def prefers(self, first: str, second: str, said: Sequence[str]) -> str | None:
        """The entry the words lean to by PAIR_MODEL_MARGIN log odds or more (the entries' sizes do not count), else
        None."""
        pair = (first, second) if first < second else (second, first)
        if pair not in self._models:
            one, other = ([read(lang, m) for lang, m in self._phrasings.get(e, ())] for e in pair)
            self._models[pair] = WordModel.trained(one, other)
        model = self._models[pair]
        lean = sum(model.weights.get(f, 0.0) for f in features(said))
        if abs(lean) < PAIR_MODEL_MARGIN:
            return None
        return pair[0] if lean > 0 else pair[1]
