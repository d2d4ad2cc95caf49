"""Every tuning constant of the decision in one place, with where it was calibrated (docs/benchmarks.md)."""

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
