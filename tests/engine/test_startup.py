"""The engine read back from its cache at start-up: only while nothing it was built from has changed."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from bot.engine import Engine, Thresholds
from bot.engine.startup import engine_for
from bot.knowledge import KnowledgeError, load_knowledge
from tests.conftest import write_knowledge


def _cached(cache: Path) -> Path:
    [path] = cache.glob("engine-*.pickle")
    return path


def test_a_second_start_reads_the_engine_the_first_one_built(mini_knowledge: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    first = engine_for(mini_knowledge, cache=cache)
    assert first.answer("Since when is IOM in Ukraine?").entry_id == "iom-since-1996"
    marked = Engine(load_knowledge(mini_knowledge), Thresholds(answer=99))  # what a warm start reads is the cache
    _cached(cache).write_bytes(pickle.dumps(marked))
    assert engine_for(mini_knowledge, cache=cache).thresholds.answer == 99


def test_a_changed_knowledge_file_is_read_and_checked_again(mini_knowledge: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    engine_for(mini_knowledge, cache=cache)
    before = _cached(cache)
    about = mini_knowledge / "about.yaml"
    about.write_text(about.read_text("utf-8").replace("Since 1996.", "Since 1996, in Kyiv."), "utf-8")
    engine = engine_for(mini_knowledge, cache=cache)
    assert engine.kb.entries["iom-since-1996"].answers["en"] == "Since 1996, in Kyiv."
    assert _cached(cache) != before  # one cache file: the stale one is gone
    about.write_text("entries: [", "utf-8")
    with pytest.raises(KnowledgeError) as refused:  # a broken file is refused with its file:line, cache or not
        engine_for(mini_knowledge, cache=cache)
    assert any(f.file.endswith("about.yaml") and f.line == 2 for f in refused.value.findings)


def test_learned_phrasings_are_part_of_what_the_engine_is_built_from(tmp_path: Path):
    knowledge = write_knowledge(tmp_path / "knowledge")
    learned = tmp_path / "learned.yaml"
    cache = tmp_path / "cache"
    asked = "the year the migration agency arrived"
    assert engine_for(knowledge, learned, cache).kb.entries["iom-since-1996"].questions["en"][-1] != asked
    learned.write_text(f"entries:\n  iom-since-1996:\n    en: [{asked}]\n", "utf-8")
    assert engine_for(knowledge, learned, cache).kb.entries["iom-since-1996"].questions["en"][-1] == asked


def test_a_cache_that_cannot_be_read_or_written_is_passed_over(mini_knowledge: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    engine_for(mini_knowledge, cache=cache)
    _cached(cache).write_bytes(b"not a pickle")
    assert engine_for(mini_knowledge, cache=cache).answer("Since when is IOM in Ukraine?").entry_id
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    assert engine_for(mini_knowledge, cache=blocked / "cache").answer("Since when is IOM in Ukraine?").entry_id
