"""A question about what the sources leave out gets the entry's "not said" sentence first."""

from bot.engine import Engine, ReplyKind


def test_a_detail_the_article_lacks_comes_first(engine: Engine):
    reply = engine.answer("Як звали представників посольства Польщі?")
    gist = engine.kb.entries[reply.entry_id or ""].answers["uk"]
    assert reply.kind is ReplyKind.ANSWER and reply.framed
    assert reply.body != gist and reply.body.endswith(gist)  # the "not said" sentence, then the gist
    assert "не" in reply.body.split(".")[0]


def test_a_question_the_gist_answers_is_not_reframed(engine: Engine):
    for question in ("Хто фінансував проєкти МОМ у 2017 році?", "Who was Dmytro?", "What did Evhen produce?"):
        reply = engine.answer(question)
        assert reply.kind is ReplyKind.ANSWER and not reply.framed, question
        assert reply.body == engine.kb.entries[reply.entry_id or ""].answers[reply.lang]
