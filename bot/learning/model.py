"""What the learning loop deals in: suggestions (a phrasing for an entry, and why) and staff's decisions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.storage.scrub import PLACEHOLDERS


class Reason(StrEnum):
    """Why a phrasing is suggested, strongest evidence first."""

    DID_YOU_MEAN = "did-you-mean"  # the person picked this entry among the "did you mean" choices
    REPHRASED = "rephrased"  # answered, then asked again in other words within a minute and got this entry
    NOT_HELPFUL = "not-helpful"  # the answer was marked not helpful: the question may belong to another entry
    DECLINED = "declined"  # declined questions the matcher ranks closest to this entry
    HELP = "help"  # questions routed to the help reply (registration, aid) the matcher ranks closest to it


class Action(StrEnum):
    ACCEPT = "accept"  # the suggested phrasing added to the proposed or another entry
    EDIT = "edit"  # an edited wording added instead
    REJECT = "reject"  # not to be suggested again
    OUT_OF_SCOPE = "out-of-scope"  # added to the questions the bot declines
    HELP_CUE = "help-cue"  # added to the help-seeking examples


@dataclass(frozen=True, slots=True)
class Asked:
    """One wording people typed (scrubbed), in one language, and how often."""

    text: str
    lang: str
    count: int

    @property
    def offerable(self) -> bool:
        """A wording with a removed detail ([phone], …) is never offered as a phrasing."""
        return not any(p in self.text for p in PLACEHOLDERS)


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str  # stable across runs: a hash of the reason, the proposed phrasing and the entry
    reason: Reason
    questions: tuple[Asked, ...]  # most frequent first
    entry_id: str | None  # the proposed entry; None when no entry is close
    candidates: tuple[str, ...]  # entries to choose from, best first (the proposed one included)
    score: int  # 0-100: how the engine scores the phrasing for the proposed entry today
    score_after: int | None  # the engine's score for the phrasing once added (None: not computed, or no entry)
    answered_after: bool  # whether the engine then answers the phrasing with the proposed entry
    blocked: str | None  # why accepting as proposed would fail validation, or None

    @property
    def phrasing(self) -> Asked | None:
        """The wording accepting adds: the commonest one without a removed detail."""
        return next((q for q in self.questions if q.offerable), None)

    @property
    def count(self) -> int:
        return sum(q.count for q in self.questions)


@dataclass(frozen=True, slots=True)
class Decision:
    suggestion: str
    action: Action
    entry_id: str | None
    lang: str
    text: str
    file: str
    user: str  # the admin's pseudonym
    at: int  # Unix time
