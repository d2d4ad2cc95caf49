"""The answer pipeline: clean the text, detect its language, catch small talk, rank entries, decide.

Telegram, the command line and the benchmarks all go through Engine.answer, so what staff try with `iom-bot ask`
is exactly what the public gets.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.framing import framed_gist
from bot.engine.language import detect_language
from bot.engine.matcher import Matcher, Ranked
from bot.engine.reply import Reply, ReplyLink
from bot.engine.text import clean, words
from bot.knowledge.model import Entry, KnowledgeBase

MAX_QUESTION = 1000  # characters read from a message; longer ones are cut, not rejected


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Calibrated on tests/eval/questions.yaml and checked on tests/eval/holdout.yaml (docs/benchmarks.md).

    Scores are low in absolute terms because unknown words weigh heavily; the out-of-scope examples, not the
    thresholds, do most of the declining.
    """

    answer: int = 26  # below: no confident answer
    suggest: int = 20  # below: decline outright
    margin: int = 2  # best and runner-up closer than this: ask "did you mean"
    spread: int = 10  # "did you mean" offers the entries this close to the best


class Engine:
    def __init__(self, kb: KnowledgeBase, thresholds: Thresholds | None = None) -> None:
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        self._matcher = Matcher([*kb.entries.values(), *kb.out_of_scope], kb.synonyms)
        self._smalltalk = [
            (talk, {w for phrases in talk.phrases.values() for p in phrases for w in words(p)})
            for talk in kb.ui.smalltalk
        ]
        # Greetings that open a question ("Добрий день. ...") say nothing about what is asked.
        self._openings = sorted(
            {tuple(words(p)) for talk in kb.ui.smalltalk for ps in talk.phrases.values() for p in ps} - {()},
            key=len,
            reverse=True,
        )

    def detect_language(self, text: str, preferred: str | None = None) -> str:
        return detect_language(text, preferred)

    def search(self, text: str, limit: int = 5) -> list[tuple[str, int]]:
        """Best entries for `text` with scores 0-100, for inline mode; none when the text is most like a question
        the bot declines."""
        ranked = self._matcher.rank(clean(text, MAX_QUESTION), limit)
        if ranked and ranked[0].entry_id not in self.kb.entries:
            return []
        return [(r.entry_id, round(r.score * 100)) for r in ranked if r.entry_id in self.kb.entries]

    def answer(self, text: str, preferred_lang: str | None = None) -> Reply:
        question = clean(text, MAX_QUESTION)
        lang = detect_language(question, preferred_lang)
        if not any(ch.isalnum() for ch in question):
            body = self.kb.text("empty", lang)
            return Reply("empty", lang, body, body)
        talk = self._small_talk(question)
        if talk is not None:
            body = talk.replies[lang]
            return Reply("smalltalk", lang, body, body)
        ranked = self._matcher.rank(self._without_opening(question), limit=4)
        return self._decide(ranked, lang, question)

    def reply_for(self, entry_id: str, lang: str) -> Reply:
        """The answer of one entry, as when a button or a deep link names it."""
        entry = self.kb.entries[entry_id]
        return self._answer(entry, lang, 100)

    def _small_talk(self, question: str):
        said = set(words(question))
        for talk, vocabulary in self._smalltalk:
            if said and said <= vocabulary:
                return talk
        return None

    def _without_opening(self, question: str) -> str:
        said = words(question)
        for opening in self._openings:
            if tuple(said[: len(opening)]) == opening:
                return " ".join(said[len(opening) :])
        return question

    def _decide(self, ranked: list[Ranked], lang: str, question: str = "") -> Reply:
        t = self.thresholds
        scores = [round(r.score * 100) for r in ranked]
        if not ranked or scores[0] < t.suggest or ranked[0].entry_id not in self.kb.entries:
            return self._decline(lang, scores[0] if scores else 0)
        runner_up = scores[1] if len(scores) > 1 else 0
        if scores[0] >= t.answer and scores[0] - runner_up >= t.margin:
            return self._answer(self.kb.entries[ranked[0].entry_id], lang, scores[0], question)
        choices = tuple(
            r.entry_id
            for r, s in zip(ranked, scores, strict=True)
            if s >= t.suggest and scores[0] - s <= t.spread and r.entry_id in self.kb.entries
        )[:3]
        lines = [self.kb.text("did_you_mean", lang)] + [f"• {self.kb.entries[c].label(lang)}" for c in choices]
        body = lines[0]
        return Reply("suggest", lang, body, "\n".join(lines), score=scores[0], suggestions=choices)

    def _answer(self, entry: Entry, lang: str, score: int, question: str = "") -> Reply:
        links = tuple(ReplyLink(link.title(lang), link.url) for link in entry.links)
        gist = framed_gist(entry, question, lang, self.kb)
        more = entry.more[lang] if entry.more else None
        text = gist + (f"\n\n{more}" if more else "")
        if links:
            text += "\n\n" + self.kb.text("more", lang) + "\n" + "\n".join(f"{x.title}: {x.url}" for x in links)
        return Reply("answer", lang, gist, text, entry.id, score, links, entry.related, more=more)

    def _decline(self, lang: str, score: int) -> Reply:
        body = self.kb.text("decline", lang)
        topics = "\n".join(f"• {t.titles[lang]}" for t in self.kb.topics)
        text = f"{body}\n\n{self.kb.text('topics_title', lang)}\n{topics}"
        return Reply("decline", lang, body, text, score=score)
