"""Normalisation: the slips people make must not change what the matcher sees."""

import pytest

from bot.engine.terms import terms
from bot.engine.text import clean, fold, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Слов’янськ", "Словянськ"),
        ("Слов'янськ", "словʼянськ"),
        ("ёлка", "елка"),
        ("Інформація", "информация"),
        ("проєкт", "проект"),
        ("  Hello,   WORLD!! ", "hello world"),
    ],
)
def test_fold_merges_variants(a: str, b: str):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "forms",
    [
        ("донори", "донорів", "донорам", "доноры", "донорами"),
        ("donor", "donors"),
        ("Краматорськ", "Краматорську", "Краматорске"),
        ("fund", "funds", "funded", "funding"),
        ("фінансував", "финансировал", "фінансування", "финансирование"),
        ("проєкти", "проектів", "проекты", "проекта"),
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({stem(fold(f)) for f in forms}) == 1


def test_terms_drop_function_words():
    assert terms("Tell me about the IOM, please") == ["iom"]
    assert terms("Розкажіть, будь ласка, про МОМ") == ["мом"]
    assert terms("When was it?") == ["when"]


def test_clean_removes_control_characters_and_bounds_length():
    assert clean("a\x00b\u200fc\td") == "a b c d"
    assert len(clean("x" * 10_000, limit=1000)) == 1000
