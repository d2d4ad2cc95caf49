"""Is this message from someone who needs help now? Decided before any entry is ranked.

The knowledge is one 2017 article, so it cannot help anyone get aid today; handing a help-seeker a 2017 story is
the worst thing the bot can do. The decision combines signals rather than matching whole phrasings, so that it
generalises to wordings nobody wrote down (the lists are in knowledge/help.yaml):

- a plea ("please help", "допоможіть", "SOS"; "help" when it is all the message says), or words of immediate
  danger: help, always;
- a need the article is not about (money, rent, evacuation, medicine): help, unless it asks about 2017 history;
- a need that is also a topic of the article (IDPs, grants, documents, work): help when the message asks for
  it (first person, "how do I get", "чи можу я", "как получить") and not about 2017;
- beside the article's people, a need is help only in the first person ("на что Людмиле нужны деньги?" asks about
  her in 2017); and when a message of several sentences speaks of the article, only its question sentence's first
  person and requests count: "I am a mother of five. My grandson showed me the article about Lyudmyla. What did
  she need money for?" asks about her;
- a need, or an aid word asked for ("does IOM still give grants?", "чем помогает МОМ сейчас"), about now: help,
  even beside the article's people, for only the official site can say what is offered today;
- a contact or a person to talk to, asked of IOM now ("IOM hotline", "контакти МОМ в Одесі", "can I talk to a real
  person?"): help, with the sentence that the bot has no verified contact and cannot pass a message on; asked about
  2017 ("whose contacts did Evhen need?"), out of interest or of the bot ("are you a real person?"), it is not;
- how to reach another agency ("how do I contact UNHCR?", "як звʼязатися з Червоним Хрестом"), or its name with
  an aid word ("red cross aid"), or a state programme's name alone ("єВідновлення"): help;
- an offer of help ("how can I help", "donate") is the donation answer, unless it also asks to receive.

>>> from bot.knowledge.model import Cue, HelpKnowledge
>>> cues = {cue: () for cue in Cue} | {Cue.NEED: ("money",), Cue.HISTORY: ("2017",), Cue.PLEA: ("help",)}
>>> detector = HelpDetector(HelpKnowledge({}, {}, cues))
>>> detector.detect("i need money for food".split()) is not None
True
>>> detector.detect("who gave money in 2017".split()) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from bot.engine.cues import CueIndex
from bot.engine.stopwords import STOPWORDS
from bot.engine.text import fold, words
from bot.engine.tuning import SEARCH_WORDS
from bot.knowledge.model import Cue, HelpKnowledge

# Words that may stand beside a plea without making it a question ("please help", "допоможіть будь ласка").
_POLITE = frozenset(fold("please pls plz me us будь ласка мені нам пожалуйста мне очень дуже срочно терміново").split())


_NEEDS = {Cue.NEED.value, Cue.CONTEXT.value, Cue.ALONE.value}  # labels that name something needed
STATE = "state"  # help.yaml's agency of state programmes, whose names alone ask for them


def heard(text: str) -> list[str]:
    """A message's folded words as the help cues read them: a figure in percent is a share, a statistic of the
    article's kind (a `history` cue), not a need ("that 40% of IDPs only having money for food, is that still
    true?").

    >>> heard("40% of IDPs")
    ['40', 'percent', 'of', 'idps']
    """
    return words(text.replace("%", " percent "))


@dataclass(frozen=True, slots=True)
class HelpSignal:
    """Why a message was taken as help-seeking, and what the reply must add."""

    danger: bool
    agencies: tuple[str, ...]  # ids of other agencies named, in knowledge/help.yaml's order
    # which rule decided: "danger", "plea", "need", "now", "request", "contact", "agency", "search", "example", "model"
    reason: str
    contact: bool = False  # asks for a contact or a person: the reply says the bot has none to give


class HelpDetector:
    def __init__(self, help_: HelpKnowledge, known: Set[str] = frozenset()) -> None:
        """`known`: the knowledge's folded words, which are taken as written, never as typos of a cue."""
        groups: dict[str, tuple[str, ...]] = {cue.value: help_.cues.get(cue, ()) for cue in Cue}
        groups |= {f"agency:{a.id}": a.names for a in help_.agencies}
        # Words of need forgive a typo; the words that only qualify them ("i", "was", "now") must be exact.
        exact = {cue.value for cue in Cue} - {c.value for c in (Cue.ALONE, Cue.PLEA, Cue.DANGER, Cue.NEED, Cue.CONTEXT)}
        self._cues = CueIndex(groups, known, exact)
        self._agencies = [a.id for a in help_.agencies]
        self._polite = _POLITE | STOPWORDS

    def detect(
        self, words: Sequence[str], like_example: bool = False, asking: Sequence[str] | None = None
    ) -> HelpSignal | None:
        """A HelpSignal when `words` (a message's folded words) ask for help now, else None.

        `like_example`: the matcher found the message most like one of help.yaml's examples; that is enough
        when it names some need, unless it asks about 2017 or offers help. `asking`: the folded words of its
        question sentence, when it has several (text.question_sentence).
        """
        labels = self._cues.labels(self._cues.find(words))
        found = {cue: cue.value in labels for cue in Cue}
        dated = found[Cue.HISTORY]  # words of 2017 itself ("was", "said", "in 2017"), not only its people
        found[Cue.HISTORY] |= found[Cue.PEOPLE] or found[Cue.ARTICLE]  # the article and its people are its history
        # A reader who names the article and one of its people, and nowhere speaks of themselves, asks what help
        # that person needed: "читаю старую новость МОМ... чего хочет Евгений и с чем ему нужна помощь?".
        found[Cue.PLEA] &= not (found[Cue.PEOPLE] and found[Cue.ARTICLE] and not found[Cue.SELF])
        # "помогите понять, что такое серая зона в статье", "Help! my teacher asked who arranged the visit": a plea as
        # a figure of speech, beside a question about the article asked out of interest, or about its people by one
        # who does not speak of themselves ("помогите, с чем Евгению нужна была помощь?"), that names no need.
        rhetorical = (found[Cue.CURIOUS] and found[Cue.HISTORY]) or (found[Cue.PEOPLE] and not found[Cue.SELF])
        found[Cue.PLEA] &= not (rhetorical and not found[Cue.NEED] and not found[Cue.DANGER])
        if asking is not None and (found[Cue.PEOPLE] or found[Cue.ARTICLE]):  # a reader's story, then the question
            said = self._cues.labels(self._cues.find(asking))
            found[Cue.SELF] = Cue.SELF.value in said
            found[Cue.REQUEST] = Cue.REQUEST.value in said
        found[Cue.REQUEST] |= found[Cue.SELF]  # speaking of oneself asks for oneself
        agencies = self._named(labels)
        reason = self._reason(words, found, dated)
        contact = found[Cue.CONTACT] and not any(found[c] for c in (Cue.HISTORY, Cue.CURIOUS, Cue.BOT)) and not agencies
        if reason is None and contact and not (found[Cue.GIVING] and not found[Cue.RECEIVING]):
            reason = "contact"  # "IOM hotline", "дайте живого человека": IOM's door, which the help reply points to
        if reason is None and agencies and found[Cue.REACH] and not found[Cue.HISTORY]:
            reason = "agency"  # "how do I contact UNHCR?": that agency's door, which the help reply points to
        if reason is None and agencies and self._only_agency_aid(words, agencies, found[Cue.ALONE]):
            reason = "agency"  # "Красный Крест помощь", "єВідновлення": a search for that agency's aid
        offers = found[Cue.GIVING] and not found[Cue.RECEIVING]
        needs = found[Cue.NEED] or found[Cue.CONTEXT] or found[Cue.ALONE]
        if reason is None and self._searched(words, found):
            reason = "search"  # "грант ВПО", "grant equipment small business IDP": a search for aid, not for 2017
        if reason is None and like_example and needs and not found[Cue.HISTORY] and not offers:
            reason = "example"
        if reason is None:
            return None
        return HelpSignal(found[Cue.DANGER], agencies, reason, contact)

    def learnt(self, words: Sequence[str]) -> HelpSignal | None:
        """The signal for a message the help model took as help-seeking (the cues found no danger and no need),
        naming any other agency the message names; None when the message offers help ("I live in Canada and
        want to support displaced families"), which the donation answer serves, or asks about the article or its
        people and names no need ("my teacher gave us this IOM article from 2017, who were the diplomats"), or says
        why it asks about them and names no need of its own ("does it call Evhen an IDP? for my citation"): the
        model weighs words, and a student's or a pensioner's words are much like a help-seeker's."""
        labels = self._cues.labels(self._cues.find(words))
        if Cue.GIVING.value in labels and Cue.RECEIVING.value not in labels:
            return None
        about_them = bool(labels & {Cue.ARTICLE.value, Cue.PEOPLE.value})
        if about_them and not labels & _NEEDS:
            return None
        if about_them and Cue.CURIOUS.value in labels and Cue.NEED.value not in labels:
            return None
        if Cue.CURIOUS.value in labels and not labels & _NEEDS:  # "a bet with my brother: is IOM part of the UN?"
            return None
        return HelpSignal(False, self._named(labels), "model")

    def speaks_of_writer(self, words: Sequence[str]) -> bool:
        """Whether words speak of the one who writes (first person) or of why they ask ("for a school project")."""
        return bool(self._cues.labels(self._cues.find(words)) & {Cue.CURIOUS.value, Cue.SELF.value})

    def _searched(self, words: Sequence[str], found: dict[Cue, bool]) -> bool:
        """Whether a few words search for aid for a group and name nothing of 2017: in at most SEARCH_WORDS words,
        whom it is for and another word of need ("микрогрант ВПЛ", "допомога поверненцям Торецьк"); "IDP
        integration" and "звʼязок гуманітарної допомоги та розвитку" name no such pair."""
        if len(words) > SEARCH_WORDS or not found[Cue.GROUP]:
            return False
        if any(found[c] for c in (Cue.HISTORY, Cue.CURIOUS, Cue.GIVING)):
            return False
        for word in words:
            labels = self._cues.labels(self._cues.find([word]))
            if labels & _NEEDS and Cue.GROUP.value not in labels:
                return True
        return False

    def _only_agency_aid(self, words: Sequence[str], agencies: tuple[str, ...], aid: bool) -> bool:
        """Whether the message is nothing but another agency's name and an aid word ("red cross aid"), or a state
        programme's name alone ("Дія", "єВідновлення"): "UNHCR?" alone asks what UNHCR is."""
        if not aid and STATE not in agencies:
            return False
        return self._cues.only(words, {f"agency:{a}" for a in agencies} | {Cue.ALONE.value}, self._polite)

    def _named(self, labels: set[str]) -> tuple[str, ...]:
        """The other agencies whose names are among a message's cue labels, in help.yaml's order."""
        return tuple(agency for agency in self._agencies if f"agency:{agency}" in labels)

    def _reason(self, words: Sequence[str], found: dict[Cue, bool], dated: bool) -> str | None:
        if found[Cue.DANGER]:
            return "danger"
        if found[Cue.PLEA] or (found[Cue.ALONE] and self._cues.only(words, Cue.ALONE.value, self._polite)):
            return "plea"
        if found[Cue.GIVING] and not found[Cue.RECEIVING]:
            return None  # an offer of help; a volunteer asking for a family ("they need beds") still asks for it
        wanted = found[Cue.REQUEST] or found[Cue.RECEIVING] or found[Cue.OFFERS]
        # A need now is help, unless the message speaks of 2017 and asks nothing for anyone: "what share of IDPs
        # can only afford food today?" gets 2017's share and "I don't know today's", not the help reply. Beside 2017
        # a question word is no asking ("were the libraries still under repair when the diplomats came?"): only
        # speaking of oneself, asking to receive or asking what is given.
        today = found[Cue.NEED] or (found[Cue.CONTEXT] and wanted)
        for_anyone = found[Cue.SELF] or found[Cue.RECEIVING] or found[Cue.OFFERS]
        if found[Cue.NOW] and today and (for_anyone or not found[Cue.HISTORY]):
            return "now"
        asks = found[Cue.REQUEST]
        # Beside the article's people only the first person asks: "на что Людмиле нужны деньги?" is about her. Beside
        # 2017, one who says why they ask asks for their work ("для конспекту: потрібен перелік донорів").
        asks_here = (found[Cue.SELF] if found[Cue.PEOPLE] else asks) and not found[Cue.CURIOUS]
        if found[Cue.NEED] and (asks_here or not found[Cue.HISTORY]):
            return "need"
        if found[Cue.CONTEXT] and asks and not found[Cue.HISTORY] and not found[Cue.CURIOUS]:
            return "request"
        # Asking to receive ("can I get a grant like Dmytro's", "як отримати таку ж допомогу, як Людмила?"); beside
        # the article's people and words of 2017 only the first person asks ("what did the chief of mission say
        # ... how many people get help?").
        for_them = found[Cue.PEOPLE] and dated and not found[Cue.SELF]
        if found[Cue.CONTEXT] and asks and found[Cue.RECEIVING] and not found[Cue.CURIOUS] and not for_them:
            return "request"
        return None
