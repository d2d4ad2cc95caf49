"""The fast ranker agrees with the plain reference ranker (bot/engine/reference.py) on real questions."""

from dataclasses import replace
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.engine.matcher import Matcher
from bot.engine.reference import reference_rank
from bot.engine.tuning import Weights
from bot.evaluation import load_cases

EVAL = Path(__file__).resolve().parents[1] / "eval"
SETS = ["questions.yaml", "dev.yaml", "blind-dev.yaml"]
NO_PRUNING = replace(Weights(), common_min=10**9, phrasing_budget=10**9, max_candidates=10**9)


def _matcher(engine: Engine, weights: Weights | None = None) -> Matcher:
    kb = engine.kb
    return Matcher([*kb.entries.values(), *kb.out_of_scope], kb.synonyms, weights)


def _scores(ranked) -> list[float]:
    return [round(r.score, 12) for r in ranked]


@pytest.mark.parametrize("name", SETS)
def test_without_pruning_the_fast_ranker_is_the_reference(engine: Engine, name: str):
    matcher = _matcher(engine, NO_PRUNING)
    for case in load_cases(EVAL / name, engine):
        fast, plain = matcher.rank(case.question, 3), reference_rank(matcher, case.question, 3)
        assert _scores(fast) == _scores(plain), case.question
        assert [r.entry_id for r in fast[:1]] == [r.entry_id for r in plain[:1]] or _scores(fast)[:2] == [
            _scores(fast)[0]
        ] * 2, case.question  # the same best entry, unless two tie


@pytest.mark.parametrize("name", SETS)
def test_pruning_keeps_the_best_entry_and_its_score(engine: Engine, name: str):
    """The index skips stems most phrasings share: entries reached only through them can fall out of the tail
    (a runner-up), almost never out of the top."""
    matcher = _matcher(engine)
    cases = load_cases(EVAL / name, engine)
    same = sum(_scores(matcher.rank(c.question, 1)) == _scores(reference_rank(matcher, c.question, 1)) for c in cases)
    assert same >= 0.99 * len(cases)


def test_typos_and_unknown_words_rank_alike(engine: Engine):
    matcher = _matcher(engine, NO_PRUNING)
    for text in ("who fundd the projcts", "погода в Краматорську", "донори", "", "🙂"):
        assert _scores(matcher.rank(text)) == _scores(reference_rank(matcher, text))


def test_a_name_a_speech_recogniser_split_is_joined_again(engine: Engine):
    for question in ("horpe stad", "хор пестад хто це", "who is ole hor pestad"):
        reply = engine.answer(question)
        assert reply.entry_id == "diplomats-names" and reply.score >= 60, (question, reply.entry_id, reply.score)
    matcher = _matcher(engine)
    assert matcher.rejoined("hor pestad") == "horpestad"
    assert matcher.rejoined("who funded") == "who funded"  # known words stay apart
    assert matcher.rejoined("horpe stand") == "horpe stand"  # "horpestand" is no word of the knowledge


def test_there_and_here_say_nothing_of_the_entry(engine: Engine):
    # "туди" (there, whither) stood in one phrasing of the visit's purpose and pulled every question that has it.
    matcher = _matcher(engine)
    assert matcher.rank("посли яких країн поїхали туди") == matcher.rank("посли яких країн поїхали")
    assert matcher.query("туди сюди туда сюда")[0] == {}
