"""Typed knowledge entries: what staff write in knowledge/*.yaml, after validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

LANGS: tuple[str, ...] = ("uk", "ru", "en")
"""Supported languages; the first is the default when nothing tells them apart."""

# The noun after a number: English has two forms; Ukrainian and Russian three ("1 день", "3 дні", "90 днів").
_DAY_FORMS = {"en": ("day", "days", "days"), "uk": ("день", "дні", "днів"), "ru": ("день", "дня", "дней")}

OUT_OF_SCOPE = "out-of-scope"
"""The topic of example questions the bot must decline (like Rasa's out_of_scope intent): no answers, no menu."""


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    titles: dict[str, str]

    def title(self, lang: str) -> str:
        return self.titles[lang]


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    topic: str
    questions: dict[str, tuple[str, ...]]
    answers: dict[str, str]  # the gist: what a phone shows first
    links: tuple[Link, ...] = ()
    related: tuple[str, ...] = ()
    source: str = ""
    as_of: date | None = None
    labels: dict[str, str] | None = None  # button text; out-of-scope examples have none
    more: dict[str, str] | None = None  # the details behind the "More" button
    today: dict[str, str] | None = None  # what I cannot know about now, said first to a question about now

    def label(self, lang: str) -> str:
        """The short text of the buttons that ask this entry's question."""
        return self.labels[lang] if self.labels else self.questions[lang][0]


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    titles: dict[str, str]


@dataclass(frozen=True, slots=True)
class SmallTalk:
    """Greetings, thanks and goodbyes: answered kindly instead of falling back."""

    kind: str
    phrases: dict[str, tuple[str, ...]]
    replies: dict[str, str]


@dataclass(frozen=True, slots=True)
class Ui:
    website: str
    languages: dict[str, str]
    texts: dict[str, dict[str, str]]
    smalltalk: tuple[SmallTalk, ...] = ()


class Cue(StrEnum):
    """The lists of knowledge/help.yaml's `cues`: what each kind of word says about a message."""

    ALONE = "alone"  # "help", "допомога": a plea when the message says nothing else; a mere word in a sentence
    PLEA = "plea"  # "please help", "допоможіть", "SOS": a plea wherever it stands
    DANGER = "danger"  # shelling, injury: the emergency sentence comes first
    NEED = "need"  # money, housing, evacuation: needs that the 2017 article is not about
    CONTEXT = "context"  # IDPs, grants, documents, work: needs that are also topics of the article
    SELF = "self"  # first person ("I", "мені", "мы"): a request, and the only one beside the article's people
    REQUEST = "request"  # "how do I get", "чи можу я", "need": asking for something
    HISTORY = "history"  # 2017, the visit, the article, "was", "said": a question about the past
    PEOPLE = "people"  # the article's people (Lyudmyla, Weiss): history, unless the message speaks of oneself
    ARTICLE = "article"  # the article, its visit and diplomats, the site's menus: a question about the article
    GIVING = "giving"  # donations, volunteering: offering help, not asking for it
    RECEIVING = "receiving"  # get, receive, apply: asking to receive, even beside an offer of help
    CURIOUS = "curious"  # "I'd like to know", "цікаво": asking out of interest, not for oneself
    NOW = "now"  # "still", "сейчас": beside a need or an aid word, asks about programmes today, never history
    OFFERS = "offers"  # "gives", "помогает": what an organisation offers, asked about now
    REACH = "reach"  # "how to contact", "як звʼязатися": beside another agency's name, asking for its door
    CONTACT = "contact"  # a phone, hotline, e-mail, office or a person to talk to: asking for IOM's door now
    BOT = "bot"  # "are you a real person?": a question about the bot, not a request for a person
    GROUP = "group"  # IDPs, returnees, large families: whom aid is for; beside another need, a short search for it


@dataclass(frozen=True, slots=True)
class Agency:
    """Another organisation whose programmes people ask about: the bot says it cannot speak for it."""

    id: str
    names: tuple[str, ...]  # cues, like those of `Cue`
    replies: dict[str, str]


@dataclass(frozen=True, slots=True)
class HelpKnowledge:
    """knowledge/help.yaml: the help reply and how help-seeking messages are recognised."""

    reply: dict[str, str]
    emergency: dict[str, str]
    cues: dict[Cue, tuple[str, ...]]  # every language's cues together: people mix languages
    agencies: tuple[Agency, ...] = ()
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    messages: Messages | None = None  # knowledge/messages.yaml, which the learnt models learn from
    cue_languages: dict[str, tuple[str, ...]] = field(default_factory=dict)  # each language's cues, all kinds
    contact: dict[str, str] | None = None  # said after the help reply to one who asks for a contact or a person


@dataclass(frozen=True, slots=True)
class Messages:
    """knowledge/messages.yaml: messages as people write them, per language, under what they need."""

    help: dict[str, tuple[str, ...]]  # from people who need help now
    unknown: dict[str, tuple[str, ...]]  # questions about IOM or the article that the sources do not answer
    other: dict[str, tuple[str, ...]]  # questions the knowledge answers, small talk


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    entries: dict[str, Entry]
    topics: tuple[Topic, ...]
    ui: Ui
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words the matcher treats as one
    out_of_scope: tuple[Entry, ...] = ()  # questions to decline, matched like entries
    help: HelpKnowledge | None = None  # None only in hand-built knowledge for tests: no help routing
    names: tuple[tuple[str, ...], ...] = ()  # of the synonym groups, those that are names (places, people, ...)

    def text(self, key: str, lang: str, **values: str) -> str:
        """An interface text in `lang`, with `{website}` and any given placeholders filled in."""
        return self.ui.texts[key][lang].format(website=self.ui.website, **values)

    def topic_entries(self, topic_id: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.topic == topic_id]

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def days(count: int, lang: str) -> str:
    """`count` days in `lang`, the noun agreeing with the number, for the {days} of the /privacy text and of
    answers: a period set by the operator (RETENTION_DAYS) cannot be written into the knowledge with the right
    grammar."""
    one, few, many = _DAY_FORMS[lang]
    if lang == "en":
        return f"{count} {one if count == 1 else many}"
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} {one}"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"{count} {few}"
    return f"{count} {many}"


def with_days(text: str, lang: str, retention_days: int) -> str:
    """`text` with its {days} (the retention period the operator set) written out, as the /privacy text does;
    answers may name the period too, and staff write it once, as {days}."""
    return text.replace("{days}", days(retention_days, lang))
