"""The worked examples in the engine's docstrings are run, so they stay true."""

import doctest
import importlib

import pytest

MODULES = [
    "cues",
    "disk_cache",
    "focus",
    "framing",
    "help",
    "language",
    "matcher",
    "names",
    "terms",
    "text",
    "translit",
    "unknowns",
    "word_model",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str):
    module = importlib.import_module(f"bot.engine.{name}")
    failed, attempted = doctest.testmod(module)
    assert attempted > 0 and failed == 0
