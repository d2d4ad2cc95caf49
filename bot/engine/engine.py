"""The answer pipeline: clean the text, detect its language, catch small talk and help-seekers, rank, decide.

Telegram, the command line and the benchmarks all go through Engine.answer, so what staff try with `iom-bot ask`
is exactly what the public gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from enum import StrEnum

from bot.engine.focus import (
    AGE,
    ARTICLE_YEAR,
    DATE,
    FAMILY_NAMES,
    NAMES,
    NUMBER,
    SINCE,
    TOLD,
    YEAR,
    FocusCheck,
    asks_of_the_article,
    checks_claim,
    offers_years,
    start_years,
    years,
)
from bot.engine.framing import TimeWords, framed_gist, lead_with
from bot.engine.help import HelpDetector, HelpSignal, heard
from bot.engine.language import Detection, LanguageDetector
from bot.engine.matcher import Matcher, Ranked
from bot.engine.names import Names
from bot.engine.reply import Reply, ReplyKind, ReplyLink
from bot.engine.terms import terms
from bot.engine.text import clean, question_sentence, without_mentions, words
from bot.engine.translit import to_cyrillic
from bot.engine.tuning import (
    DECLINE_MODEL_LOGIT,
    DECLINE_MODEL_MAX_SCORE,
    DECLINE_MODEL_SURE_ANSWER,
    HELP_MODEL_LOGIT,
    HELP_MODEL_LOGIT_OVER_ANSWER,
    HELP_MODEL_MAX_SCORE,
    HELP_MODEL_WEAK_ANSWER,
    INTRODUCED_MARGIN,
    INTRODUCED_WEAK_ANSWER,
    MAX_QUESTION,
    NAMED_CANDIDATES,
    TITLE_OVERLAP,
    Thresholds,
)
from bot.engine.unknowns import Unknowns
from bot.engine.word_model import Blend, LogisticModel, PairModels, WordModel
from bot.knowledge.model import Cue, Entry, KnowledgeBase, SmallTalk


class Learnt(StrEnum):
    """The learnt models (bot/engine/word_model.py), by the name their cache files have."""

    HELP = "help"  # a help-seeker's message, where the cues found nothing
    DECLINE = "decline"  # a question the sources do not answer, in an answer the matcher is not sure of


# Which readings of a long message's question sentence Engine._by_its_question tries (_question_readings).
WITH_NAMES = slice(0, 1)  # with the names its context gives (the sentence alone when it gives none)
EVERY_READING = slice(None)  # with them, then alone
ALONE = slice(-1, None)  # alone: the writer's home town is not what is asked

HELP_EXAMPLES = "help-seeking"
"""The matcher's id for knowledge/help.yaml's example questions: ranked like an entry, answered with the help reply."""


class Engine:
    def __init__(
        self,
        kb: KnowledgeBase,
        thresholds: Thresholds | None = None,
        focus: bool = True,
        learnt: Set[Learnt] = frozenset(Learnt),
    ) -> None:
        """`focus=False` leaves out the near-miss check and the "not said" details (the benchmark's "lexical alone");
        `learnt`, the learnt models asked (the benchmark leaves each out in turn; none without messages.yaml)."""
        self.kb = kb
        self._learnt = learnt if kb.help and kb.help.messages else frozenset()
        self.thresholds = thresholds or Thresholds()
        examples = [Entry(HELP_EXAMPLES, HELP_EXAMPLES, kb.help.examples, {})] if kb.help and kb.help.examples else []
        self._matcher = Matcher([*kb.entries.values(), *kb.out_of_scope, *examples], kb.synonyms)
        known = {
            w
            for e in [*kb.entries.values(), *kb.out_of_scope]
            for text in [*e.answers.values(), *(q for qs in e.questions.values() for q in qs)]
            for w in words(text)
        }
        self._names = Names(kb.names, self._matcher.canonical)
        self._help = HelpDetector(kb.help, known) if kb.help else None
        self._help_model: WordModel | None = None  # learnt (or read from its cache) when first needed
        self._decline_model: Blend | None = None  # the same
        self._pairs = PairModels({e.id: _phrasings([e]) for e in kb.entries.values()})  # read when first asked
        self._time = TimeWords.of(kb.help.cues.get(Cue.NOW, ()) if kb.help else ())  # now, or after 2017
        self._focus = FocusCheck(known=known) if focus else FocusCheck({}, spoken={}, details={})
        self._spoken: dict[str, tuple[set[str], set[str]]] = {}  # entry -> its foci and years, on first need
        self._unknowns: dict[str, Unknowns] = {}  # entry -> what its texts say the sources do not, on first need
        self._language = LanguageDetector.from_phrasings(
            {
                lang: [
                    *(q for e in kb.entries.values() for q in (*e.questions.get(lang, ()), e.answers.get(lang, ""))),
                    *(kb.help.examples.get(lang, ()) if kb.help else ()),
                    # whole cue words ("спасите", not "виплат*"): a one-word plea tells its language
                    *(c for c in (kb.help.cue_languages.get(lang, ()) if kb.help else ()) if not c.endswith("*")),
                    *(p for talk in kb.ui.smalltalk for p in talk.phrases.get(lang, ())),
                ]
                for lang in kb.ui.languages
            }
        )
        self._smalltalk = [
            (
                talk,
                {w for phrases in talk.phrases.values() for p in phrases for w in words(p)},
                {frozenset(words(p)) for phrases in talk.phrases.values() for p in phrases} - {frozenset()},
            )
            for talk in kb.ui.smalltalk
        ]
        # Greetings that open a question ("Добрий день. ...") say nothing about what is asked.
        self._openings = sorted(
            {tuple(words(p)) for talk in kb.ui.smalltalk for ps in talk.phrases.values() for p in ps} - {()},
            key=len,
            reverse=True,
        )

    def detect_language(self, text: str, preferred: str | None = None) -> str:
        return self._language.detect(clean(text, MAX_QUESTION), preferred).lang

    def search(self, text: str, limit: int = 5) -> list[tuple[str, int]]:
        """Best entries for `text` with scores 0-100, for inline mode; none when the text is most like a question
        the bot declines or a help-seeker's."""
        _, _, question = self._read(text)
        if self._help and self._help.detect(words(question)):
            return []
        ranked = self._matcher.rank(question, limit)
        if ranked and ranked[0].entry_id not in self.kb.entries:
            return []
        return [(r.entry_id, round(r.score * 100)) for r in ranked if r.entry_id in self.kb.entries]

    def answer(self, text: str, preferred_lang: str | None = None) -> Reply:
        return self._reply(text, preferred_lang)

    def _reply(self, text: str, preferred_lang: str | None = None, whole: bool = True) -> Reply:
        """The reply to a message; `whole`: it is the message itself, not its question sentence alone."""
        detection, written, question = self._read(text, preferred_lang)
        lang = detection.lang
        if not any(ch.isalnum() for ch in question):
            return Reply(ReplyKind.EMPTY, lang, self.kb.text("empty", lang))
        talk = self._small_talk(question)
        if talk is not None:
            return Reply(ReplyKind.SMALLTALK, lang, talk.replies[lang])
        asked = self._without_opening(question)
        signal, lang = self._help_signal(asked, written, detection)
        if signal is not None:
            return self._help_reply(signal, lang)
        asked = self._names.without_compared(asked)
        ranked = self._matcher.rank(asked, limit=4)
        if ranked and ranked[0].entry_id == HELP_EXAMPLES and self._help:
            signal = self._help.detect(words(asked), like_example=True)
            if signal is not None:
                return self._help_reply(signal, lang, round(ranked[0].score * 100))
        # The best entry, then the best of those that speak of the names the question names, must cover its focus.
        near_miss = self._near_miss(asked, ranked, lang)
        if near_miss is None:
            ranked = self._speaking_of_names(asked, ranked)
            near_miss = self._near_miss(asked, ranked, lang)
        reply = near_miss or self._decide(ranked, lang, question)
        said = words(asked)
        if self._model_declines(said, reply):
            reply = self._decline(ranked, lang)
        elif self._model_settles(said, reply):
            first = [r for r in ranked if r.entry_id == reply.suggestions[0]]  # its focus checked like any answer's
            reply = self._near_miss(asked, first, lang) or self._answer(
                self.kb.entries[first[0].entry_id], lang, reply.score, question
            )
        if reply.kind is ReplyKind.SUGGEST and whole:
            reply = self._by_its_question(question, lang) or reply
        learnt = self._help.learnt(said) if self._help and self._model_hears_help(said, reply) else None
        if learnt is not None:
            return self._help_reply(learnt, lang, reply.score)
        if reply.kind is ReplyKind.DECLINE and whole and self._introduced(question):  # after the help model heard it
            reply = self._by_its_question(question, lang, EVERY_READING) or reply
        elif (
            reply.kind is ReplyKind.ANSWER
            and reply.score < INTRODUCED_WEAK_ANSWER
            and whole
            and self._introduced(question)
        ):
            better = self._by_its_question(question, lang, ALONE)
            reply = better if better is not None and better.score >= reply.score + INTRODUCED_MARGIN else reply
        return reply

    def _by_its_question(self, question: str, lang: str, which: slice = WITH_NAMES) -> Reply | None:
        """The answer to a long message's question sentence, read with the names its context gives, when the whole
        message left two entries too close to choose: "I'm reading the article in bits on the metro. I got to the
        sentence about Lyudmyla and her dreams. What did she want for her children?" is about her children's
        future. Only an answer counts; what only the whole message says (a decline, a plea) was heard before.
        `which` picks the readings tried in turn (_question_readings): the first, all, or the sentence alone."""
        for text in self._question_readings(question)[which]:
            reply = self._reply(text, lang, whole=False)
            if reply.kind is ReplyKind.ANSWER:
                return reply
        return None

    def _question_readings(self, question: str) -> tuple[str, ...]:
        """A long message's question sentence with the names its context gives, then alone; one reading when the
        context names no one (none for a message of one sentence)."""
        parts = question_sentence(question, self._chatter)
        if parts is None:
            return ()
        asking, context = parts
        named = self._names.naming(context)
        return (" ".join([asking, *named]), asking) if named else (asking,)

    def _introduced(self, question: str) -> bool:
        """Whether a message of several sentences says, beside its question, who is writing or why ("Я соціальна
        працівниця, готую кейс для тренінгу. Що найбільше турбувало Людмилу?"): those words dilute the match and
        ask nothing, so a decline of the whole is read again by its question sentence."""
        parts = question_sentence(question, self._chatter)
        return parts is not None and self._help is not None and self._help.speaks_of_writer(words(parts[1]))

    def warm(self) -> tuple[str, ...]:
        """Loads now what the first messages would otherwise wait for (lingua's models, the learnt models read from
        their cache or learnt); `iom-bot run` calls it before it serves and on each reload. Returns what it loaded.

        An engine built from knowledge without messages.yaml has no learnt model to load."""
        loaded: tuple[str, ...] = ("lingua",) if self._language.warm() else ()
        if Learnt.HELP in self._learnt:
            self._help_logit([])
            loaded += (Learnt.HELP.value,)
        if Learnt.DECLINE in self._learnt:
            self._decline_logit([])
            loaded += (Learnt.DECLINE.value,)
        return loaded

    def reply_for(self, entry_id: str, lang: str) -> Reply:
        """The answer of one entry, as when a button or a deep link names it."""
        return self._answer(self.kb.entries[entry_id], lang, 100)

    def _help_signal(self, asked: str, written: str, detection: Detection) -> tuple[HelpSignal | None, str]:
        """Whether the message asks for help now, and the language to answer in. Latin letters are read both ways:
        English words inside Latin-letter Ukrainian ("shelter", "passport"), and Russian or Ukrainian that read as
        English because their words are not in the knowledge ("moshenniki"): then the reply is in that language."""
        if self._help is None:
            return None, detection.lang
        parts = question_sentence(asked, self._chatter)
        signal = self._help.detect(heard(asked), asking=heard(parts[0]) if parts else None)
        if signal is None and detection.latin:
            signal = self._help.detect(words(self._without_opening(written)))
        if signal is None and detection.lang == "en" and not self._language.reads_as_english(written):
            for lang in ("ru", "uk"):
                signal = self._help.detect(words(self._without_opening(to_cyrillic(written, lang))))
                if signal is not None:
                    return signal, lang
        return signal, detection.lang

    def _model_hears_help(self, said: list[str], reply: Reply) -> bool:
        """Where the cues found nothing and no entry answers with confidence (`reply`: an answer, "did you mean" or
        a decline), the help model may still hear a help-seeker ("the roof is gone and winter is coming"): a
        decline would leave them with nothing. An answer the matcher is fairly sure of needs surer evidence, and so
        does any answer to a claim to check ("My neighbour says IOM came to Ukraine in 1991, is that right?": rumours
        of payments have their need words for the cues); one it is sure of stays."""
        if Learnt.HELP not in self._learnt:
            return False
        answered = reply.score if reply.kind is ReplyKind.ANSWER else 0
        if answered >= HELP_MODEL_MAX_SCORE:
            return False
        surer = answered >= HELP_MODEL_WEAK_ANSWER or (answered > 0 and checks_claim(" ".join(said)))
        needed = HELP_MODEL_LOGIT_OVER_ANSWER if surer else HELP_MODEL_LOGIT
        return self._help_logit(said) > needed

    def _model_declines(self, said: list[str], reply: Reply) -> bool:
        """Whether the decline model hears, in an answer the matcher is not sure of, a question the sources do not
        answer ("what did Lyudmyla's husband do for a living?" has her entry's words). An answer that already says
        first what the sources leave out has declined the detail itself."""
        if reply.kind is not ReplyKind.ANSWER or reply.framed or reply.score >= DECLINE_MODEL_MAX_SCORE:
            return False
        if Learnt.DECLINE not in self._learnt or self._gives_the_name_asked(said, reply) or self._tells(said, reply):
            return False
        if self._checks_what_it_says(said, reply):
            return False
        return self._declines(said)

    def _checks_what_it_says(self, said: list[str], reply: Reply) -> bool:
        """Whether the question asks if a claim is true and the answer's entry speaks of every word of the claim:
        "Чи правда, що Рубен Мадсен — посол Данії?" is answered by the entry that names him, though the decline model
        has read many rumours to check ("правда ли, что поездку предложило посольство Литвы?" claims what no entry
        says)."""
        asked = " ".join(said)
        if reply.entry_id is None or not checks_claim(asked):
            return False
        return self._speaks_of_every_word(asked, reply.entry_id)  # not "true", "правда": stop words

    def _speaks_of_every_word(self, text: str, entry_id: str) -> bool:
        """Whether `text` has content stems and the entry's stems hold every one of them."""
        known = self._matcher.stems_of(entry_id)
        stems = terms(text, self._matcher.canonical)
        return bool(stems) and all(t in known for t in stems)

    def _tells(self, said: list[str], reply: Reply) -> bool:
        """Whether the answer's details tell what was asked (Unknowns.told): "who was chief of mission before
        Weiss?" is answered by the sentence naming his predecessor, whatever the decline model has read."""
        entry = self.kb.entries.get(reply.entry_id or "")
        asked = self._focus.asks(said) & TOLD
        return (
            entry is not None
            and bool(asked)
            and self._unknowns_of(entry).told(reply.lang, entry.answers[reply.lang], asked) is not None
        )

    def _gives_the_name_asked(self, said: list[str], reply: Reply) -> bool:
        """Whether the answer's gist gives the name asked, of whom the question names: "посол Норвегії як його
        звати?" is answered by the gist that names Norway's ambassador, though the decline model has read many
        questions of names the article does not give ("як звали посла Швеції?")."""
        entry = self.kb.entries.get(reply.entry_id or "")
        if entry is None or NAMES not in self._focus.details(said):
            return False
        gist = entry.answers[reply.lang]
        asked = " ".join(said)
        named = self._names.named(asked)
        if not named or not named <= self._names.named(gist) or FAMILY_NAMES not in self._focus.speaks_of(words(gist)):
            return False
        return self._speaks_of_every_word(asked, entry.id)  # no one else's name: "бабусю"

    def _model_settles(self, said: list[str], reply: Reply) -> bool:
        """Whether a "did you mean" offered only because two entries scored alike ("who is Dmytro, the IOM grantee?":
        Dmytro, the livelihood project) may answer with the first: when the decline model is sure that the question
        is one the knowledge answers."""
        if reply.kind is not ReplyKind.SUGGEST or not reply.suggestions or reply.score < self.thresholds.answer:
            return False
        if Learnt.DECLINE not in self._learnt:
            return False
        return self._decline_logit(said) < DECLINE_MODEL_SURE_ANSWER

    def _help_logit(self, said: list[str]) -> float:
        """The help model's log odds; the model is learnt, or read from its cache, when first needed."""
        if self._help_model is None:
            self._help_model = _help_model(self.kb)
        return self._help_model.logit(said)

    def _decline_logit(self, said: list[str]) -> float:
        """The decline model's log odds, likewise."""
        return self._learnt_decline_model().logit(said)

    def _declines(self, said: list[str]) -> bool:
        """Whether the decline model declines an unsure answer (word_model.Blend.declines)."""
        return self._learnt_decline_model().declines(said, DECLINE_MODEL_LOGIT)

    def _learnt_decline_model(self) -> Blend:
        if self._decline_model is None:
            self._decline_model = _decline_model(self.kb)
        return self._decline_model

    def _near_miss(self, asked: str, ranked: list[Ranked], lang: str) -> Reply | None:
        """The decline when the best entry shares words with the question but not what it asks (its focus, a year)."""
        if not ranked or ranked[0].entry_id not in self.kb.entries:
            return None
        if self._defines_the_unknown(asked):
            return self._decline(ranked, lang)
        entry = self.kb.entries[ranked[0].entry_id]
        spoken, named = self._speaks_of(entry.id)
        said = words(asked)
        foci = self._focus.asks(said)
        unnamed = years(asked) - named
        if SINCE in spoken and unnamed <= start_years(asked):  # "since 1994?" of an entry that says since when
            unnamed = set()
        if unnamed and years(asked) & named and offers_years(asked):  # "2017 or 2018?": one of them is the entry's
            unnamed = set()
        if unnamed and named and checks_claim(asked) and max(unnamed) <= max(named):  # "in 2014, right?": not after
            unnamed = set()
        if unnamed and DATE in spoken and asks_of_the_article(asked):  # "Ця стаття з 2016 року?": its date tells
            unnamed = set()
        if self._counts_years_since(entry, said, asked):  # "сколько лет МОМ в Украине на 2026 год?": since 1996
            unnamed, foci = set(), foci - {AGE}
        if foci - spoken or unnamed:
            return self._decline(ranked, lang)
        # "How much did Dmytro charge?" of an entry that gives no number: declined, unless it says it is not given.
        if not self._focus.numbers_asked(said) or NUMBER in spoken or self._unknown(entry, lang, asked, said, foci):
            return None
        return self._decline(ranked, lang)

    def _counts_years_since(self, entry: Entry, said: list[str], asked: str) -> bool:
        """Whether the question asks how many years something has lasted, of nobody named, and the entry's gist says
        since when, up to 2017: the years follow by arithmetic ("how many years had IOM worked in Ukraine by 2017?")."""
        if not self._focus.counts_years(said) or self._names.named(asked):
            return False
        began = start_years(" ".join(entry.answers.values()))
        return bool(began) and min(began) <= ARTICLE_YEAR

    def _defines_the_unknown(self, asked: str) -> bool:
        """Whether the question asks what a term means that the knowledge never uses ("що таке ООС?", "what does
        OCHA stand for?"): the best entry then shares only the "what is" (bot-what's "що таке цей бот?")."""
        subject = self._focus.defined(words(asked))
        stems = terms(" ".join(subject), self._matcher.canonical) if subject else []
        return bool(stems) and all(self._matcher.resolve(t) is None for t in stems)

    def _context_free(self, asked: str, named: set[str]) -> set[str]:
        """The names a message asks about: beside its question sentence, a name in its context counts only when some
        entry speaks of it ("I volunteer for a small charity in Ireland. Could you confirm the figure...?" does not
        ask about Ireland; "I read about Lyudmyla. What did she need?" asks about her)."""
        parts = question_sentence(asked, self._chatter)
        if not parts or not named:
            return named
        asking = self._names.named(parts[0])
        return asking | {n for n in named - asking if any(n in self._matcher.stems_of(e) for e in self.kb.entries)}

    def _decline(self, ranked: list[Ranked], lang: str) -> Reply:
        return Reply(ReplyKind.DECLINE, lang, self.kb.text("decline", lang), score=round(ranked[0].score * 100))

    def _speaking_of_names(self, asked: str, ranked: list[Ranked]) -> list[Ranked]:
        """The ranked entries that speak of the names the question names: "what projects does Norway fund?" is no
        question for the donors entry, which never names Norway, and "is Dmytro an IDP or a local?" no choice
        between Dmytro and the entry on IDPs' integration. When the best entry leaves the names out, the entries
        further down are looked at too (and there may be none)."""
        named = self._context_free(asked, self._names.named(asked))
        if not named or not ranked or ranked[0].entry_id not in self.kb.entries:
            return ranked

        def speaks(r: Ranked) -> bool:
            entry = r.entry_id
            return entry not in self.kb.entries or not self._names.misses(named, self._matcher.stems_of(entry))

        if speaks(ranked[0]):
            return [r for r in ranked if speaks(r)]
        return [r for r in self._matcher.rank(asked, limit=NAMED_CANDIDATES) if speaks(r)]

    def _speaks_of(self, entry_id: str) -> tuple[set[str], set[str]]:
        """The foci and the years an entry's phrasings, gist and details mention (computed when first needed)."""
        if entry_id not in self._spoken:
            e = self.kb.entries[entry_id]
            texts = [*e.answers.values(), *(e.more or {}).values(), *(q for qs in e.questions.values() for q in qs)]
            text = " ".join(texts)
            since = {SINCE} if start_years(text) else set()
            named = years(text)
            self._spoken[entry_id] = (self._focus.speaks_of(words(text)) | since | ({YEAR} if named else set()), named)
        return self._spoken[entry_id]

    def _unknowns_of(self, entry: Entry) -> Unknowns:
        """What an entry's gist and details say the sources do not (built when first needed)."""
        if entry.id not in self._unknowns:
            self._unknowns[entry.id] = Unknowns(
                {code: f"{entry.answers[code]} {(entry.more or {}).get(code, '')}" for code in entry.answers},
                lambda said: self._focus.speaks_of(said) | self._focus.details(said),
                self._names.named,
            )
        return self._unknowns[entry.id]

    def _unknown(self, entry: Entry, lang: str, question: str, said: list[str], foci: set[str]) -> str | None:
        """`said`: the question's folded words; `foci`: what it asks (FocusCheck.asks)."""
        hints = self._focus.hints(said)
        # "Скільки груп?" hints at a count the gist does not give; "скільки країн?" of "five countries" it gives.
        if self._focus.how_many(said) and NUMBER not in self._focus.speaks_of(words(entry.answers[lang])):
            hints |= {"count"}
        asks = foci | (self._focus.details(said) - hints)
        return self._unknowns_of(entry).first(lang, question, entry.answers[lang], entry.label(lang), asks, hints)

    def _read(self, text: str, preferred: str | None = None) -> tuple[Detection, str, str]:
        """The message's language, its cleaned text (without the @usernames it addresses), and that text as the
        matcher reads it: Ukrainian or Russian typed in Latin letters back in Cyrillic."""
        written = without_mentions(clean(text, MAX_QUESTION))
        detection = self._language.detect(written, preferred)
        return detection, written, to_cyrillic(written, detection.lang) if detection.latin else written

    def _small_talk(self, question: str) -> SmallTalk | None:
        """The small talk a message is: made of one kind's words and saying one of its phrases whole ("hello
        there, good morning"), so that words shared with a question do not make one ("Ты кто?" has the words of
        "ты тут" and "есть кто" but says neither)."""
        said = set(words(question))
        for talk, vocabulary, phrases in self._smalltalk:
            if said and said <= vocabulary and any(p <= said for p in phrases):
                return talk
        return None

    def _chatter(self, sentence: str) -> bool:
        """Whether a sentence of a longer message is small talk around its question ("Hi! Is the bot working?")."""
        return self._small_talk(sentence) is not None

    def _without_opening(self, question: str) -> str:
        """The message without a greeting before it ("Добрий день. Я волонтерка, ... Підкажіть, ...?"), as written:
        its sentences stay sentences, so that the question sentence can still be told from its context. A phrase
        that the question goes on from with "or" is its start, not an opening ("is this a bot or a human?")."""
        said = words(question)
        for opening in self._openings:
            n = len(opening)
            if tuple(said[:n]) == opening and (len(said) == n or said[n] not in _GOES_ON):
                return _after_words(question, n) or " ".join(said[n:])
        return question

    def _decide(self, ranked: list[Ranked], lang: str, question: str = "") -> Reply:
        t = self.thresholds
        ranked = [r for r in ranked if r.entry_id != HELP_EXAMPLES]
        scores = [round(r.score * 100) for r in ranked]
        if not ranked or scores[0] < t.suggest or ranked[0].entry_id not in self.kb.entries:
            return Reply(ReplyKind.DECLINE, lang, self.kb.text("decline", lang), score=scores[0] if scores else 0)
        runner_up = scores[1] if len(scores) > 1 else 0
        if scores[0] >= t.answer and scores[0] - runner_up >= t.margin:
            return self._answer(self.kb.entries[ranked[0].entry_id], lang, scores[0], question)
        choices = tuple(
            r.entry_id
            for r, s in zip(ranked, scores, strict=True)
            if s >= t.suggest and scores[0] - s <= t.spread and r.entry_id in self.kb.entries
        )[:3]
        titled = self._titled(choices, lang, question) if scores[0] >= t.answer else None
        if titled is None and scores[0] >= t.answer and len(choices) >= 2 and question_sentence(question) is None:
            titled = self._pairs.prefers(choices[0], choices[1], words(question))
        if titled is not None:
            score = next(s for r, s in zip(ranked, scores, strict=True) if r.entry_id == titled)
            return self._answer(self.kb.entries[titled], lang, score, question)
        return Reply(ReplyKind.SUGGEST, lang, self.kb.text("did_you_mean", lang), score=scores[0], suggestions=choices)

    def _titled(self, choices: tuple[str, ...], lang: str, question: str) -> str | None:
        """Of entries that scored alike, the one whose own title asks what the question asks: at least
        TITLE_OVERLAP of its stems, more than any other's ("Кто такой Дмитрий, грантополучатель МОМ?" is "Кто такой
        Дмитрий?", not the livelihood project that speaks of him). A message of several sentences is left to its
        question sentence (_by_its_question)."""
        if len(choices) < 2 or not question or question_sentence(question) is not None:
            return None
        asked = set(terms(question, self._matcher.canonical))
        titles = {c: set(terms(self.kb.entries[c].label(lang), self._matcher.canonical)) for c in choices}
        shared = sorted(((len(asked & titles[c]), c) for c in choices), reverse=True)
        if shared[0][0] >= TITLE_OVERLAP and shared[0][0] > shared[1][0]:
            return shared[0][1]
        return None

    def _answer(self, entry: Entry, lang: str, score: int, question: str = "") -> Reply:
        """The entry's gist, framed for the question (what I don't know about today first), and its details."""
        links = tuple(ReplyLink(link.title(lang), link.url) for link in entry.links)
        gist = framed_gist(entry, question, lang, self.kb, self._time)
        more = entry.more[lang] if entry.more else None
        said = words(question)
        foci = self._focus.asks(said) if said else set()
        unknown = self._unknown(entry, lang, question, said, foci) if said and gist == entry.answers[lang] else None
        if unknown is not None:  # said first, also when the gist says it further on
            gist = lead_with(unknown, gist)
        framed = unknown is not None or gist != entry.answers[lang] or self._unknowns_of(entry).opens(lang, gist)
        # A detail that answers what was asked (see Unknowns.told): no framing, only a better order.
        told = self._unknowns_of(entry).told(lang, entry.answers[lang], foci & TOLD) if foci and not framed else None
        if told is not None:
            gist = lead_with(told, gist)
        return Reply(ReplyKind.ANSWER, lang, gist, entry.id, score, links, entry.related, more=more, framed=framed)

    def _help_reply(self, signal: HelpSignal, lang: str, score: int = 100) -> Reply:
        """What the bot cannot do and where help is; the emergency sentence first when the message speaks of
        danger, the contact sentence when it asks for a contact or a person, and a sentence for each other agency
        named."""
        help_ = self.kb.help
        assert help_ is not None
        parts = [help_.emergency[lang]] if signal.danger else []
        parts.append(help_.reply[lang].format(website=self.kb.ui.website))
        if signal.contact and help_.contact:
            parts.append(help_.contact[lang])
        parts += [a.replies[lang] for a in help_.agencies if a.id in signal.agencies]
        return Reply(ReplyKind.HELP, lang, " ".join(parts), score=score)


def _labelled(texts: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    return [(lang, text) for lang, items in texts.items() for text in items]


def _phrasings(entries: Iterable[Entry]) -> list[tuple[str, str]]:
    return [(lang, q) for e in entries for lang, qs in e.questions.items() for q in qs]


def _help_model(kb: KnowledgeBase) -> WordModel:
    """The help model, learnt from knowledge/messages.yaml, help.yaml's examples (help) and every entry's and
    declined example's phrasings (not help); cached on disk, so a warm start reads it instead of learning it again.
    Ukrainian and Russian typed in Latin letters are read in Cyrillic, as the engine reads questions."""
    assert kb.help is not None and kb.help.messages is not None
    messages = kb.help.messages
    return WordModel.learnt(
        Learnt.HELP,
        positive=[*_labelled(messages.help), *_labelled(kb.help.examples)],
        negative=[
            *_labelled(messages.unknown),
            *_labelled(messages.other),
            *_phrasings([*kb.entries.values(), *kb.out_of_scope]),
        ],
    )


def _decline_model(kb: KnowledgeBase) -> Blend:
    """The decline model, naive Bayes and a logistic regression learnt from messages.yaml's `unknown` and
    out_of_scope.yaml's examples (declined) against its `other` and every entry's phrasings (answered); each cached
    like the help model."""
    assert kb.help is not None and kb.help.messages is not None
    messages = kb.help.messages
    positive = [*_labelled(messages.unknown), *_phrasings(kb.out_of_scope)]
    negative = [*_labelled(messages.other), *_phrasings(kb.entries.values())]
    return Blend(
        WordModel.learnt(Learnt.DECLINE, positive, negative),
        LogisticModel.learnt(f"{Learnt.DECLINE}-regression", positive, negative),
    )


_GOES_ON = frozenset(("or", "чи", "або", "или", "либо"))  # folded


def _after_words(text: str, count: int) -> str | None:
    """`text` after its first `count` folded words, as written; None when a written word holds the boundary.

    >>> _after_words("Добрий день. Я волонтерка. Що там?", 2)
    'Я волонтерка. Що там?'
    """
    seen = 0
    for token in re.finditer(r"\S+", text):
        seen += len(words(token.group()))
        if seen == count:
            return text[token.end() :].lstrip(" \t\n.,!?;:-—–")
        if seen > count:
            return None
    return None
