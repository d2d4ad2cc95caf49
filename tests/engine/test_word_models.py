"""The learnt second opinions (help-seeking, questions the sources do not answer), their cache, and where the
engine asks them."""

from __future__ import annotations

import json
from pathlib import Path

from bot.engine import Engine, Learnt, ReplyKind
from bot.engine.help import HelpDetector
from bot.engine.text import words
from bot.engine.word_model import LogisticModel, WordModel, features

HELP = [("en", "we have nothing to eat"), ("en", "nothing to eat and the kids are hungry"), ("uk", "нема що їсти")]
OTHER = [("en", "who funded the libraries"), ("en", "what did the ambassador see"), ("uk", "хто такий Вайс")]


def test_features_are_stems_and_neighbouring_pairs():
    assert features(words("no money")) == {"no", "money", "no_money"}


def test_words_of_help_seekers_raise_the_odds_and_others_lower_them(tmp_path: Path):
    model = WordModel.learnt("help", HELP, OTHER, tmp_path)
    assert model.logit(words("nothing to eat")) > 0 > model.logit(words("who funded it"))
    assert model.logit(words("zzz")) == model.prior  # a word never read counts for nothing


def test_the_model_is_cached_by_what_it_learnt_from(tmp_path: Path):
    first = WordModel.learnt("help", HELP, OTHER, tmp_path)
    [cached] = tmp_path.glob("help-model-*.json")
    data = json.loads(cached.read_text("utf-8"))
    data["prior"] = 42.0  # what a warm start reads is the cache, not a new training
    cached.write_text(json.dumps(data), "utf-8")
    assert WordModel.learnt("help", HELP, OTHER, tmp_path).prior == 42.0
    changed = WordModel.learnt("help", [*HELP, ("en", "no roof")], OTHER, tmp_path)  # other messages: learnt anew
    assert changed.prior != 42.0 and changed.prior != first.prior
    assert len(list(tmp_path.glob("help-model-*.json"))) == 1  # the stale one is gone
    WordModel.learnt("decline", OTHER, HELP, tmp_path)  # another model keeps its own file beside it
    assert len(list(tmp_path.glob("*-model-*.json"))) == 2


def test_the_logistic_regression_weighs_a_word_and_its_pair_together(tmp_path: Path):
    """Naive Bayes adds the evidence of "many" and of "how_many" as if they were two; the regression learns the
    weight of the two together, so it is less sure of itself. It is cached like naive Bayes, in its own file, and
    the same messages give the same model."""
    declined = [("en", "how many children"), ("en", "how many people"), ("en", "how many towns")]
    answered = [("en", "who funded the towns"), ("en", "what did the people say"), ("en", "how did the children live")]
    bayes = WordModel.learnt("decline", declined, answered, tmp_path)
    regression = LogisticModel.learnt("decline-regression", declined, answered, tmp_path)
    question = words("how many ambassadors")
    assert bayes.logit(question) > regression.logit(question) > 0
    assert regression.logit(words("who funded it")) < 0
    assert len(list(tmp_path.glob("decline-regression-model-*.json"))) == 1
    again = LogisticModel.trained([words(t) for _, t in declined], [words(t) for _, t in answered])
    assert again.weights == regression.weights


def test_a_cache_that_cannot_be_written_is_passed_over(tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    model = WordModel.learnt("help", HELP, OTHER, blocked / "cache")
    assert model.logit(words("nothing to eat")) > 0


def test_a_situation_no_cue_catches_is_heard_by_the_model(engine: Engine):
    text = "the whole block went up in flames last night, the kids and I are at the neighbours"
    assert engine.kb.help is not None and HelpDetector(engine.kb.help).detect(words(text)) is None  # cues miss it
    reply = engine.answer(text)
    assert reply.kind is ReplyKind.HELP


def test_the_model_leaves_sure_answers_and_offers_of_help_alone(engine: Engine):
    assert engine.kb.help is not None
    assert engine.answer("Who funded the libraries?").kind is ReplyKind.ANSWER
    offer = engine.answer(
        "I live in Canada and want to support displaced families through IOM, is there a donation link?"
    )
    assert offer.kind is not ReplyKind.HELP
    detector = HelpDetector(engine.kb.help)  # the guard itself: whatever the model says, an offer is no plea
    assert detector.learnt(words("how can I donate to displaced families")) is None
    assert detector.learnt(words("the roof is gone, how do we get through winter")) is not None


def test_a_question_about_the_article_that_names_no_need_is_not_taken_for_help(engine: Engine):
    assert engine.kb.help is not None
    student = (
        "so my teacher gave us this old iom article from 2017 about diplomats going around donetsk oblast and "
        "i have to write who they were"
    )
    assert engine.answer(student).kind is not ReplyKind.HELP
    detector = HelpDetector(engine.kb.help)
    assert detector.learnt(words(student)) is None
    assert detector.learnt(words("my teacher said the roof would be fixed, it is still open and we have no heating"))


def test_the_decline_model_declines_an_unsure_answer_to_what_the_sources_do_not_say(engine: Engine):
    """Her entry has the words ("Lyudmyla", "husband") and a score an answer needs, not what she did for a living."""
    husband = "What did Lyudmyla's husband do for a living?"
    assert engine.answer(husband).kind is ReplyKind.DECLINE
    [(best, score), *_] = engine.search(husband)  # what the matcher alone ranks first
    assert best == "person-lyudmyla" and score >= engine.thresholds.answer
    assert engine.answer("How many children did Lyudmyla have?").entry_id == "person-lyudmyla"


def test_the_decline_model_lets_an_answer_stand_that_naive_bayes_alone_declined(engine: Engine):
    """The words of "who took part" stand in many questions of people the article does not name; naive Bayes
    counted each word and each pair of them against the social cohesion project's entry, which answers it."""
    for question in ("Who took part in IOM's social cohesion project?", "Which people took part in the social "
                     "cohesion project?"):  # fmt: skip
        assert engine.answer(question).entry_id == "project-social-cohesion", question


def test_the_decline_model_stands_aside_when_the_gist_gives_the_name_asked(engine: Engine):
    # The model has read many questions of names the article does not give; Norway's ambassador it names.
    for question in ("посол Норвегії як його звати", "посол Норвегии как зовут"):
        reply = engine.answer(question)
        assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "diplomats-names", question
    lady = engine.answer("Як звали бабусю, з якою говорив посол Норвегії?")  # someone else's name: still declined
    assert lady.kind is not ReplyKind.ANSWER or lady.framed


def test_a_did_you_mean_between_close_entries_answers_when_the_decline_model_is_sure(engine: Engine):
    question = "Какие расходы были тяжёлыми для переселенцев по словам главы МОМ?"  # close, no title or words win
    without = Engine(engine.kb, learnt=frozenset({Learnt.HELP}))
    assert without.answer(question).kind is ReplyKind.SUGGEST
    reply = engine.answer(question)
    assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "prices-2017"


def test_warming_loads_lingua_and_both_learnt_models_before_any_message(engine: Engine):
    """`iom-bot run` warms the engine before it serves (and each reloaded one before it takes over), so that the
    first user whose message needs lingua or a learnt model does not wait for it to load."""
    assert engine.warm() == ("lingua", Learnt.HELP, Learnt.DECLINE)
