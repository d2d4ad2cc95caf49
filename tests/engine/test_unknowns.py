"""A question about what the sources leave out gets the entry's "not said" sentence first."""

import pytest

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


def test_a_not_said_sentence_inside_the_gist_moves_to_the_front(engine: Engine):
    reply = engine.answer("How many days did the visit last?")
    gist = engine.kb.entries["visit-date"].answers["en"]
    assert reply.entry_id == "visit-date" and reply.framed
    assert reply.body.startswith("The article does not say") and reply.body.count("does not say") == 1
    assert "27 November 2017" in reply.body and reply.body != gist


def test_a_shared_focus_is_enough(engine: Engine):
    reply = engine.answer("How old is Lyudmyla?")  # the focus "age": the article gives only her youngest's age
    assert reply.entry_id == "person-lyudmyla" and reply.framed and reply.body.startswith("The article gives only")
    assert reply.body.endswith(engine.kb.entries["person-lyudmyla"].answers["en"])  # which follows


def test_a_focus_the_gist_speaks_of_keeps_the_gist(engine: Engine):
    reply = engine.answer("Who is IOM Ukraine's chief of mission?")  # "leader": the gist names him
    assert reply.entry_id == "chief-of-mission" and not reply.framed


def test_what_happened_afterwards_is_framed_as_today(engine: Engine):
    reply = engine.answer("Did Evhen ever manage to enter the EU market?")
    assert reply.entry_id == "person-evhen" and reply.framed
    assert reply.body.startswith(engine.kb.text("today", "en"))


def test_a_name_the_article_does_not_give_comes_first(engine: Engine):
    reply = engine.answer("Як звуть чоловіка Людмили?")
    assert reply.entry_id == "person-lyudmyla" and reply.framed and reply.body.startswith("У статті названо лише")
    named = engine.answer("Who were the two ambassadors on the visit?")  # the gist names them: no framing
    assert not named.framed


def test_a_country_only_a_not_said_sentence_names_leads_with_it(engine: Engine):
    # The gist names Norway's and Denmark's ambassadors; only the details say Sweden's deputy is not named.
    for question in ("Як звали посла Швеції?", "Как звали посла Швеции в 2017 году?"):
        reply = engine.answer(question)
        assert reply.entry_id == "diplomats-names" and reply.framed, question
        assert reply.body.startswith(("Імен заступників", "Имён заместителей")), reply.body
    norway = engine.answer("Як звали посла Норвегії?")  # the gist names him: no framing
    assert norway.entry_id == "diplomats-names" and not norway.framed


def test_a_title_or_an_initial_does_not_end_a_sentence(engine: Engine):
    reply = engine.answer("What did the diplomats say during the visit?")
    assert reply.framed and not reply.body.startswith(("Thomas", "Horpestad")), reply.body


def test_who_asks_for_a_name_only_with_a_word_of_the_sentence(engine: Engine):
    deputy = engine.answer("Who was the Swedish deputy head of mission?")  # "who" + "deputy", "Swedish"
    assert deputy.entry_id == "visit-diplomats" and deputy.framed
    assert deputy.body.startswith("The article does not name the Deputy Heads of Mission")
    woman = engine.answer("Who is the woman from Toretsk?")  # "who" alone: not her children's names
    assert woman.entry_id == "person-lyudmyla" and not woman.framed


def test_where_from_and_how_much_are_details_the_sentence_speaks_of(engine: Engine):
    origin = engine.answer("Откуда переселился Дмитрий?")
    assert origin.entry_id == "person-dmytro" and origin.framed and origin.body.startswith("В статье")
    amount = engine.answer("How much cash did Lyudmyla receive from IOM?")
    assert amount.entry_id == "person-lyudmyla" and amount.framed


def test_how_many_of_something_else_keeps_the_gist(engine: Engine):
    # The details say the article does not count the people; the gist counts the countries.
    countries = engine.answer("How many countries had diplomats in the delegation?")
    assert countries.entry_id == "visit-diplomats" and not countries.framed
    people = engine.answer("How many people came from the Polish embassy?")
    assert people.entry_id == "visit-diplomats" and people.framed


def test_the_director_general_is_iom_worldwide(engine: Engine):
    for question in ("Who is the Director General of IOM?", "хто очолює МОМ у світі"):
        reply = engine.answer(question)
        assert reply.entry_id == "chief-of-mission" and reply.framed, question
    assert engine.answer("how many staff does IOM have worldwide").kind is ReplyKind.DECLINE


def test_what_someone_said_is_a_detail_only_the_chief_of_mission_is_quoted(engine: Engine):
    reply = engine.answer("Что ответила пожилая женщина послу Норвегии в Майорске?")
    assert reply.entry_id == "mayorsk-checkpoint" and reply.framed
    assert not engine.answer("tell me about the pottery factory").framed  # "tell me" asks for no quote


@pytest.mark.parametrize(
    ("question", "entry"),
    [("How big was Dmytro's IOM grant?", "project-livelihood"), ("Which town did they visit first?", "visit-places"),
     ("What did the delegation do in Sviatohirsk?", "visit-places"),
     ("Почём продаётся керамика Евгена?", "person-evhen"),
     ("Where is Dmytro's workshop located?", "person-dmytro"), ("Почому Дмитро продавав порошок?", "person-dmytro"),
     ("What did the old woman tell the ambassador?", "mayorsk-checkpoint"),
     ("What did Ruben Madsen say about the visit?", "diplomats-names"),
     ("а посол данії що казав про поїздку", "visit-diplomats"),
     ("Куди Людмила з родиною виїжджала, перш ніж повернутися в Торецьк?", "person-lyudmyla")],
)  # fmt: skip
def test_details_left_out_come_first(engine: Engine, question: str, entry: str):
    reply = engine.answer(question)
    assert reply.entry_id == entry and reply.framed, question


def test_why_leads_with_the_unsaid_reason_only_with_a_shared_word(engine: Engine):
    reply = engine.answer("Почему МОМ начала работать в Украине именно в 1996 году?")
    assert reply.entry_id == "iom-since-1996" and reply.framed
    assert not engine.answer("why did the ambassadors go to Donbas?").framed  # the gist gives the aims


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Who was IOM Ukraine's chief of mission before Weiss?", "en"),
        ("Хто був попередником Вайса?", "uk"),
        ("Кто руководил МОМ в Украине до Вайса?", "ru"),
    ],
)
def test_a_detail_that_answers_the_question_comes_first_unframed(engine: Engine, question: str, lang: str):
    reply = engine.answer(question)
    gist = engine.kb.entries["chief-of-mission"].answers[lang]
    assert reply.entry_id == "chief-of-mission" and reply.lang == lang and not reply.framed
    assert "Profazi" in reply.body.split(".")[0] or "Профац" in reply.body.split(",")[0]
    assert reply.body.endswith(gist)


def test_a_post_focus_the_details_do_not_answer_keeps_the_gist(engine: Engine):
    reply = engine.answer("Who was IOM Ukraine's chief of mission in 2017?")
    assert reply.body == engine.kb.entries["chief-of-mission"].answers["en"]
