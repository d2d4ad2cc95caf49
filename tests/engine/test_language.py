"""Language detection: Ukrainian and Russian share most letters, so these are the cases that matter."""

import pytest

from bot.engine import Engine, ReplyKind
from bot.engine.language import LanguageDetector
from bot.engine.translit import to_cyrillic


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Who funded the projects?", "en"),
        ("Хто фінансував проєкти?", "uk"),
        ("Кто финансировал проекты?", "ru"),
        ("що таке мом", "uk"),
        ("что такое мом", "ru"),
        ("Де був Дмитро?", "uk"),
        ("Где был Дмитрий?", "ru"),
        ("Скільки дітей у Людмили", "uk"),
        ("Сколько детей у Людмилы", "ru"),
        ("м'ясо", "uk"),
        ("IOM донори хто", "uk"),
        ("what is МОМ", "en"),
        ("объясните пожалуйста", "ru"),
        # Russian without ы/э/ё/ъ, and Russian typed with Ukrainian letters: the words decide.
        ("Где сейчас работает Вайс?", "ru"),
        ("кто оплатіл ремонт", "ru"),
        ("шо там с деньгами от мом", "ru"),
        # whole words of Russian typed with і and є: their letters are slips, their words decide
        ("чєм занімаєтся мом в украінє", "ru"),
        # Words both languages write alike ("одна", "на") decide nothing; common words only one has do.
        ("Я беременна, переселенка, муж на фронте, одна в чужом городе", "ru"),
        ("одна дитина, чоловік на фронті", "uk"),
        # Latin names and English organisation names inside a Cyrillic question do not make it English.
        ("Що таке NGO Forum?", "uk"),
        ("Хто такий Thomas Lothar Weiss?", "uk"),
        ("Кто такой Thomas Lothar Weiss?", "ru"),
        ("Що таке UNHCR і коли воно прийшло в Україну?", "uk"),
        ("What does УВКБ ООН do?", "en"),
        # help.yaml's cue words count too: a one-word plea tells its language
        ("спасите", "ru"),
        ("рятуйте", "uk"),
    ],
)
def test_detects(engine: Engine, text: str, lang: str):
    assert engine.detect_language(text) == lang


@pytest.mark.parametrize("text", ["1996?", "Бахмут", "🙂", "", "   ", "МОМ", "Kramatorsk"])
def test_text_that_tells_nothing_follows_the_preference(engine: Engine, text: str):
    assert engine.detect_language(text, "ru") == "ru"
    assert engine.detect_language(text, "uk") == "uk"


def test_text_that_tells_nothing_defaults_to_ukrainian_or_english_for_latin(engine: Engine):
    assert engine.detect_language("1996?") == "uk"
    assert engine.detect_language("Бахмут") == "uk"
    assert engine.detect_language("Kramatorsk") == "en"


def test_preference_does_not_override_clear_text(engine: Engine):
    assert engine.detect_language("Хто фінансував?", "ru") == "uk"
    assert engine.detect_language("Who funded it?", "uk") == "en"


@pytest.mark.parametrize(
    "text",
    ["z yakoho roku MOM v Ukraini", "khto finansuvav biblioteky", "dopomozhit bud laska", "shcho take MOM",
     "potribna dopomoha, ne maju hroszej na žytlo"],
)  # fmt: skip
def test_ukrainian_in_latin_letters_is_ukrainian(engine: Engine, text: str):
    assert engine.detect_language(text) == "uk"
    assert engine.answer(text).lang == "uk"


def test_latin_ukrainian_is_matched_after_transliteration(engine: Engine):
    assert engine.answer("z yakoho roku MOM v Ukraini").entry_id == "iom-since-1996"
    assert engine.answer("khto finansuvav biblioteky").entry_id == "project-libraries"


def test_english_is_not_taken_for_latin_ukrainian(engine: Engine):
    for text in ("who paid for the libraries", "since when is IOM in Ukraine", "tell me about Dmytro"):
        assert engine.detect_language(text) == "en"
    # telegraphic English, no function word: not read back into Cyrillic for a plea ("humanitarian" as "гуманітарн")
    reply = engine.answer("humanitarian country team mentioned?")
    assert (reply.kind, reply.entry_id, reply.lang) == (ReplyKind.ANSWER, "hct", "en")


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("z yakoho roku", "з якого року"),
        ("shcho", "що"),
        ("pereselentsiam", "переселенцям"),
        ("zhytlo", "житло"),
        ("iak", "як"),
        ("khto", "хто"),
        ("žytlo", "житло"),
        ("czy je", "чи є"),
    ],
)
def test_transliteration_reads_the_national_and_informal_spellings(latin: str, cyrillic: str):
    assert to_cyrillic(latin) == cyrillic


def test_rules_alone_work_without_the_detector_library():
    """Where lingua is missing the detector still decides on words and letters."""
    detector = LanguageDetector.from_phrasings({"uk": ["хто фінансував"], "ru": ["кто финансировал"], "en": []})
    detector.__dict__["_lingua"] = None  # as when the import fails
    assert detector.detect("кто финансировал").lang == "ru"
    assert detector.detect("хто фінансував").lang == "uk"


def test_a_letter_held_for_emphasis_does_not_change_the_language(engine: Engine):
    """An English "helpppp" is "help", not Russian in Latin letters that no vocabulary knows."""
    for text, lang in [("helpppp", "en"), ("heeelp pleeease", "en"), ("помогитееее", "ru"), ("допоможітьььь", "uk")]:
        reply = engine.answer(text)
        assert (reply.kind, reply.lang) == (ReplyKind.HELP, lang), text
