"""Every tuning constant of the decision and of the lexical matcher in one place, with where it was calibrated
(docs/benchmarks.md)."""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUESTION = 1000  # characters read from a message; longer ones are cut, not rejected


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Calibrated on tests/eval/questions.yaml and the development half of the blind set; judged on held-out sets.

    Scores are low in absolute terms because unknown words weigh heavily; the out-of-scope examples, not the
    thresholds, do most of the declining.
    """

    answer: int = 26  # below: no confident answer
    suggest: int = 20  # below: decline outright
    margin: int = 2  # best and runner-up closer than this: ask "did you mean"
    spread: int = 10  # "did you mean" offers the entries this close to the best


@dataclass(frozen=True, slots=True)
class Weights:
    """The lexical matcher's weights (bot/engine/matcher.py), calibrated on tests/eval/questions.yaml and dev.yaml."""

    fuzzy_factor: float = 0.5  # a typo-matched word counts half: it may as well be a different word
    common_share: float = 0.005  # stems in more phrasings than this share (and common_min) don't pick candidates
    common_min: int = 300
    phrasing_budget: int = 1500  # phrasings found, the rarest stems first, before the rest only add to them
    max_candidates: int = 50  # entries whose whole vocabulary is weighed; the rest cannot catch up with them
    jaccard_share: float = 0.5  # in a phrasing's score: weighted Jaccard, which punishes words left unmatched
    short_unknown_factor: float = 0.25  # the weight of an unknown word of up to three letters, against a longer one
    unknown_damping: float = 0.5  # n unknown words weigh like n**this unknown words
    answer_factor: float = 0.5  # a question word found only in an entry's answer, not in its phrasings
    query_share: float = 0.5  # in a phrasing's score: how much of the question it explains (vs. of itself)
    phrasing_share: float = 0.6  # in an entry's score: its best phrasing (vs. all its words together)
