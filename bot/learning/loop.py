"""One round of the loop on one database and one knowledge folder: list, accept, move, reject, history.

Every write is checked the way `iom-bot validate` checks: an edit the validator refuses, or one that makes it
warn that the new phrasing is too like another entry's, is undone and reported, and nothing is recorded.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.engine import Engine
from bot.knowledge import KnowledgeBase, KnowledgeError, check_knowledge, load_knowledge
from bot.knowledge.checks import Phrasings
from bot.learning import decisions, editing
from bot.learning.collect import BLOCKED_PLACEHOLDER, Ranker, collect, rescore
from bot.learning.editing import Edit, EditError
from bot.learning.model import Action, Asked, Decision, Suggestion
from bot.storage.report import ReportError, connect
from bot.storage.scrub import PLACEHOLDERS, scrub

DEFAULT_PERIOD = timedelta(days=30)
_WRITING = threading.Lock()  # one edit, validation and record at a time: two admins may press Accept at once


class LearningError(Exception):
    """What staff asked cannot be done; the message says why and what to do instead."""


class SuggestionGone(LearningError):
    """No open suggestion has this id (any more): decided, or its questions fell out of the period."""


@dataclass(frozen=True, slots=True)
class Outcome:
    message: str  # for staff: what was done
    edit: Edit | None = None  # the file written, when one was


class Learning:
    def __init__(self, database: Path, knowledge: Path, learned: Path | None = None) -> None:
        self.database = Path(database)
        self.knowledge = Path(knowledge)
        self.learned = learned  # where phrasings go when the knowledge folder is read-only

    def kb(self) -> KnowledgeBase:
        try:
            return load_knowledge(self.knowledge, self.learned)
        except KnowledgeError as exc:
            raise LearningError(f"the knowledge in {self.knowledge} is not valid:\n{exc}") from exc

    def suggestions(
        self, since: timedelta = DEFAULT_PERIOD, *, rescored: bool = True, now: datetime | None = None
    ) -> list[Suggestion]:
        kb = self.kb()
        cutoff = int(((now or datetime.now(UTC)) - since).timestamp())
        try:
            with contextlib.closing(connect(self.database)) as conn:
                found = collect(conn, kb, cutoff, decisions.decided(conn))
        except ReportError as exc:
            raise LearningError(str(exc)) from exc
        return [rescore(s, kb) for s in found] if rescored else found

    def rescored(self, suggestion: Suggestion) -> Suggestion:
        """The suggestion with its score after acceptance (about 45 ms: an Engine is built with it added)."""
        return rescore(suggestion, self.kb())

    def find(self, suggestion_id: str, since: timedelta = DEFAULT_PERIOD) -> Suggestion:
        for s in self.suggestions(since, rescored=False):
            if s.id == suggestion_id:
                return s
        raise SuggestionGone(
            f"no open suggestion {suggestion_id} in the last {since.days or 1} day(s): "
            "it was decided already, or its questions are older (try a longer --since)"
        )

    def history(self, since: timedelta | None = None) -> list[Decision]:
        cutoff = int((datetime.now(UTC) - since).timestamp()) if since else 0
        try:
            with contextlib.closing(connect(self.database)) as conn:
                return decisions.history(conn, cutoff)
        except ReportError as exc:
            raise LearningError(str(exc)) from exc

    def accept(
        self,
        suggestion: Suggestion,
        admin: str,
        entry_id: str | None = None,
        text: str | None = None,
    ) -> Outcome:
        """Adds the suggested (or edited) phrasing to the proposed (or another) entry."""
        kb = self.kb()
        target = entry_id or suggestion.entry_id
        if target is None:
            raise LearningError(f"no entry is proposed for this one; choose one (candidates: {_ids(suggestion)})")
        if target not in kb.entries:
            raise LearningError(f"there is no entry '{target}'")
        lang, phrase = self._phrase(suggestion, text, kb)
        phrasings = Phrasings([*kb.entries.values(), *kb.out_of_scope])
        if phrasings.owner(phrase, lang) == target:
            raise LearningError(f"'{target}' has '{phrase}' ({lang}) already, or a phrasing the matcher takes for it")
        blocked = phrasings.clash(phrase, lang, target)
        if blocked:
            raise LearningError(f"not added: {blocked}; reword it, or choose another entry")
        with _WRITING:
            edit = self._write(lambda folder: editing.add_question(folder, target, lang, phrase), target, lang, phrase)
            self._record(suggestion, Action.EDIT if text else Action.ACCEPT, target, lang, phrase, edit, admin)
        return Outcome(f"Added '{phrase}' ({lang}) to '{target}' in {edit.path}.", edit)

    def out_of_scope(self, suggestion: Suggestion, admin: str, text: str | None = None) -> Outcome:
        """Adds the phrasing to the out-of-scope group it fits best, so the bot declines it for sure."""
        kb = self.kb()
        lang, phrase = self._phrase(suggestion, text, kb)
        group = Ranker(kb).out_of_scope_group(phrase)
        if group is None:
            raise LearningError("the knowledge has no out-of-scope questions to add to (out_of_scope.yaml)")
        blocked = Phrasings([*kb.entries.values(), *kb.out_of_scope]).clash(phrase, lang, group)
        if blocked:
            raise LearningError(f"not added: {blocked}")
        with _WRITING:
            edit = self._write(lambda folder: editing.add_question(folder, group, lang, phrase), group, lang, phrase)
            self._record(suggestion, Action.OUT_OF_SCOPE, group, lang, phrase, edit, admin)
        return Outcome(f"Added '{phrase}' ({lang}) to the out-of-scope group '{group}' in {edit.path}.", edit)

    def help_cue(self, suggestion: Suggestion, admin: str, text: str | None = None) -> Outcome:
        """Adds the phrasing to the help-seeking examples of help.yaml."""
        lang, phrase = self._phrase(suggestion, text, self.kb())
        if not editing.writable(self.knowledge):
            raise LearningError(f"{self.knowledge} cannot be written; add the help-seeking example to help.yaml")
        with _WRITING:
            try:
                edit = self._validated(editing.add_help_example(self.knowledge, lang, phrase), phrase)
            except (EditError, OSError) as exc:
                raise LearningError(f"not added: {exc}") from exc
            self._record(suggestion, Action.HELP_CUE, None, lang, phrase, edit, admin)
        return Outcome(f"Added '{phrase}' ({lang}) to the help-seeking examples in {edit.path}.", edit)

    def reject(self, suggestion: Suggestion, admin: str) -> Outcome:
        asked = suggestion.phrasing or suggestion.questions[0]
        self._record(suggestion, Action.REJECT, suggestion.entry_id, asked.lang, asked.text, None, admin)
        return Outcome(f"Rejected: '{asked.text}' will not be suggested again.")

    def _phrase(self, suggestion: Suggestion, text: str | None, kb: KnowledgeBase) -> tuple[str, str]:
        """The language and wording to add: the suggested one, or staff's edit in the language it is written in."""
        asked: Asked | None = suggestion.phrasing
        lang = (asked or suggestion.questions[0]).lang
        if text is None:
            if asked is None:
                raise LearningError(BLOCKED_PLACEHOLDER)
            return lang, asked.text
        phrase = " ".join(text.split())
        if not phrase:
            raise LearningError("the edited wording is empty")
        if scrub(phrase) != phrase or any(p in phrase for p in PLACEHOLDERS):
            raise LearningError("the edited wording contains a phone number, address or placeholder; leave it out")
        return Engine(kb).detect_language(phrase, lang), phrase

    def _write(self, edit_folder: Callable[[Path], Edit], entry_id: str, lang: str, phrase: str) -> Edit:
        """The phrasing written to the knowledge folder, or to learned.yaml when the folder is read-only."""
        try:
            if editing.writable(self.knowledge):
                edit = edit_folder(self.knowledge)
            elif self.learned is not None:
                edit = editing.add_learned(self.learned, entry_id, lang, phrase)
            else:
                raise LearningError(f"{self.knowledge} cannot be written and there is no data folder for learned.yaml")
        except (EditError, OSError) as exc:
            raise LearningError(f"not added: {exc}") from exc
        return self._validated(edit, phrase)

    def _validated(self, edit: Edit, phrase: str) -> Edit:
        """The edit, if the validator accepts the knowledge with it and has no new warning about it; else undone."""
        kb, findings = check_knowledge(self.knowledge, learned=self.learned)
        problems = [str(f) for f in findings if f.severity == "error" or f"'{phrase}'" in f.message]
        if kb is None or problems:
            edit.undo()
            raise LearningError("not added, the validator refused it:\n" + "\n".join(problems))
        return edit

    def _record(
        self, s: Suggestion, action: Action, entry_id: str | None, lang: str, text: str, edit: Edit | None, admin: str
    ) -> None:
        decision = Decision(s.id, action, entry_id, lang, text, str(edit.path) if edit else "", admin, int(time.time()))
        try:
            with contextlib.closing(decisions.open_for_writing(self.database)) as conn:
                decisions.record(conn, decision)
        except decisions.StoreError as exc:
            if edit is not None:
                edit.undo()
            raise LearningError(f"{exc}; nothing was changed") from exc


def _ids(s: Suggestion) -> str:
    return ", ".join(s.candidates) or "none close; any entry id"
