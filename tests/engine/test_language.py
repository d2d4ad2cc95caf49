"""Language detection: Ukrainian and Russian share most letters, so these are the cases that matter."""

import pytest

from bot.engine import detect_language


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
    ],
)
def test_detects(text: str, lang: str):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["1996?", "Бахмут", "🙂", "", "   ", "МОМ"])
def test_text_that_tells_nothing_follows_the_preference(text: str):
    assert detect_language(text, "ru") == ("ru")
    assert detect_language(text, "uk") == "uk"
    assert detect_language(text) == "uk"


def test_preference_does_not_override_clear_text():
    assert detect_language("Хто фінансував?", "ru") == "uk"
    assert detect_language("Who funded it?", "uk") == "en"
