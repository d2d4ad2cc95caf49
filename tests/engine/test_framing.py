"""Today's framing: questions about now, and safety or travel questions, hear first what I cannot know."""

from __future__ import annotations

import pytest

from bot.cli.render import render
from bot.engine import Engine
from bot.engine.framing import TimeWords, framed_gist, is_about_now, is_about_travel
from bot.knowledge.model import Cue


def _time(engine: Engine) -> TimeWords:
    """The words for today are the help file's `now` list."""
    assert engine.kb.help is not None
    return TimeWords.of(engine.kb.help.cues[Cue.NOW])


@pytest.mark.parametrize(
    "question",
    [
        "who heads IOM Ukraine now", "Is Horpestad still ambassador?", "what does IOM do today", "IOM currently",
        "what is IOM curently doing", "хто зараз голова МОМ", "чи досі працює КПВВ", "що тепер з Торецьком",
        "кто сейчас глава МОМ", "сечас кто глава", "до сих пор ли работает", "есть ли ещё гранты",
        # and as officials write it
        "Who heads IOM Ukraine at present?", "Хто на даний час очолює МОМ?", "Кто в настоящее время глава МОМ?",
    ],
)  # fmt: skip
def test_questions_about_now(engine: Engine, question: str) -> None:
    assert is_about_now(question, _time(engine))


def test_afterwards_is_about_now_too(engine: Engine) -> None:
    """What happened after 2017 is as unknown as today: "did he ever", "в итоге", "this year" (help.yaml's list)."""
    for question in (
        "Did Dmytro ever get the machine?",
        "чем в итоге закончилось",
        "what is IOM doing this year",
        "Чи вдалося Дмитрові купити обладнання?",
        "Did Evhen manage to sell his pots in the EU?",
    ):
        assert is_about_now(question, _time(engine)), question


@pytest.mark.parametrize(
    "question",
    ["What is IOM?", "do you know IOM", "who knows the donors", "кто ещё был в делегации", "що ще робила МОМ"],
)
def test_questions_not_about_now(engine: Engine, question: str) -> None:
    """ "know" is not "now" with a typo, and "кто ещё" asks "who else"."""
    assert not is_about_now(question, _time(engine))


@pytest.mark.parametrize(
    "question",
    [
        "is it safe to go to Sloviansk", "can I cross at Mayorsk?", "can I travel to Bakhmut", "Is Kramatorsk safe?",
        "How do I cross the contact line?", "пункт пропуску Майорськ", "Чи працює КПВВ Майорськ?",
        "евакуація з Донеччини", "как выехать из Торецка", "чи безпечно їхати в Краматорськ",
        "можно ли поехать в Славянск", "How to evacuate from Donetsk region",
    ],
)  # fmt: skip
def test_safety_travel_and_crossing_questions(question: str) -> None:
    assert is_about_travel(question)


@pytest.mark.parametrize(
    "question",
    [
        "Where did the delegation go?", "did they go to Bakhmut", "Who was met in Toretsk?",
        "Why did grey zone residents cross the contact line?", "what was the government controlled area of Donetsk",
        "куди їздила делегація", "кого встретили в Торецке",
    ],
)  # fmt: skip
def test_questions_about_2017_travel_are_not_safety_questions(question: str) -> None:
    assert not is_about_travel(question)


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_the_entry_today_text_comes_first_and_is_not_said_twice(engine: Engine, lang: str) -> None:
    entry = engine.kb.entries["chief-of-mission"]
    assert entry.today and entry.today[lang] in entry.answers[lang], "the knowledge changed: pick another entry"
    question = {"en": "who is in charge now", "uk": "хто зараз", "ru": "кто сейчас"}[lang]
    framed = framed_gist(entry, question, lang, engine.kb, _time(engine))
    assert framed.startswith(entry.today[lang])
    assert framed.count(entry.today[lang]) == 1
    assert "2017" in framed


def test_an_entry_without_today_text_gets_the_general_sentence(engine: Engine) -> None:
    entry = engine.kb.entries["visit-diplomats"]
    assert entry.today is None and entry.as_of is not None, "the knowledge changed: pick another entry"
    framed = framed_gist(entry, "which diplomats are still there now", "en", engine.kb, _time(engine))
    assert framed == f"{engine.kb.text('today', 'en')} {entry.answers['en']}"


def test_undated_entries_and_other_questions_keep_their_gist(engine: Engine) -> None:
    undated = engine.kb.entries["iom-who"]
    assert undated.as_of is None and undated.today is None
    assert framed_gist(undated, "what is IOM now", "en", engine.kb, _time(engine)) == undated.answers["en"]
    dated = engine.kb.entries["chief-of-mission"]
    assert framed_gist(dated, "Who headed IOM Ukraine?", "en", engine.kb, _time(engine)) == dated.answers["en"]


@pytest.mark.parametrize(
    ("question", "lang"),
    [("is it safe to go to Sloviansk now", "en"), ("чи можна перетнути лінію через Майорськ?", "uk"),
     ("можно ли поехать в Бахмут", "ru")],
)  # fmt: skip
def test_the_engine_answers_safety_questions_with_no_travel_information_first(
    engine: Engine, question: str, lang: str
) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.lang == lang
    assert reply.body.startswith(engine.kb.text("no_travel_info", lang))
    assert render(reply, engine.kb).startswith(reply.body)


def test_a_button_press_gets_the_plain_gist(engine: Engine) -> None:
    """A button names the entry, not a question: nothing to frame."""
    assert engine.reply_for("chief-of-mission", "en").body == engine.kb.entries["chief-of-mission"].answers["en"]
