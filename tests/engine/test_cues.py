"""Cue matching: whole words, beginnings, phrases, one typo in long unknown words, none in known ones."""

import pytest

from bot.engine.cues import CueIndex
from bot.engine.focus import FocusCheck
from bot.engine.text import words


def test_whole_words_beginnings_and_phrases():
    cues = CueIndex({"need": ["rent", "виплат*", "bank details"], "ask": ["i"]})
    found = cues.find(words("I can't pay the rent, and виплати stopped; new bank details?"))
    assert found == {"rent", "виплат*", "bank details", "i"}
    assert cues.labels(found) == {"need", "ask"}
    assert cues.find(words("parents renting")) == set()  # "rent" is a whole word, not a beginning


def test_one_typo_in_a_long_unknown_word_but_not_in_a_known_one():
    cues = CueIndex(["евакуац*", "голод*"], known=frozenset(words("голова")))
    assert cues.find(words("евакуяція з Покровська")) == {"евакуац*"}
    assert cues.find(words("голова місії")) == set()  # "голова" is a word the knowledge uses


def test_labels_that_forgive_no_typo():
    cues = CueIndex({"giving": ["помочь"], "need": ["помощь"]}, exact=frozenset({"giving"}))
    assert cues.find(words("помошь")) == {"помощь"}  # a typo of the need, not of the offer


def test_a_phrase_may_have_a_filler_word_inside():
    cues = CueIndex({"need": ["looking for work"], "alone": ["need help"]})
    assert cues.find(words("looking for any work in Dnipro")) == {"looking for work"}
    assert cues.find(words("looking for some other work")) == set()  # "other" is no filler
    assert cues.only(words("need some help"), "alone")  # the filler is part of the phrase it stands in


def test_a_message_of_nothing_but_cues():
    cues = CueIndex({"alone": ["help", "допомога"]})
    assert cues.only(words("Help!!!"), "alone")
    assert cues.only(words("допомога, будь ласка"), "alone", frozenset(words("будь ласка")))
    assert not cues.only(words("did IOM help people"), "alone")


def test_a_star_only_ends_a_cue():
    """Only a cue's last word may be a beginning ("мови офіційн*"): a star inside is refused when the index is
    built, so every focus list (and help.yaml, which its validator checks first) is held to it."""
    with pytest.raises(ValueError, match="only end a cue"):
        CueIndex(["офіційн* мови"])
    assert CueIndex(["мови офіційн*"]).find(words("мови офіційні")) == {"мови офіційн*"}
    FocusCheck()  # its lists build
