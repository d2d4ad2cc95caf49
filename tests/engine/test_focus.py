"""Near misses: a question that shares a name or place with an entry but asks what the entry never speaks of."""

import pytest

from bot.engine import Engine, ReplyKind
from bot.engine.focus import FocusCheck, checks_claim, offers_years
from bot.engine.text import words


def test_foci_of_a_question():
    focus = FocusCheck(known=frozenset(words("who funded the libraries")))
    assert focus.asks(words("How old is Ole Horpestad?")) == {"age"}
    assert focus.asks(words("Яке населення Краматорська?")) == {"population"}
    assert "place" in focus.speaks_of(words("Євген із Слов'янська"))  # an entry naming a town speaks of a place
    assert focus.asks(words("Who funded the libraries?")) == set()  # a known word is no typo of "founded"
    assert FocusCheck().asks(words("When was IOM foundd?")) == {"founding"}  # an unknown one may be
    # "стоит" also stands: a date "стоит под статьей"; "сколько стоит" asks a price
    assert "cost" not in focus.asks(words("Какая дата стоит под статьей?"))
    assert "cost" in focus.asks(words("Сколько стоит горшок Евгения?"))
    assert "cost" in focus.asks(words("ціна горщика"))  # a price; the article speaks only of high prices
    assert FocusCheck().asks(words("Хто автор тієї статті?")) == {"author"}  # the page names none
    assert FocusCheck().asks(words("when was the article posted?")) == set()  # one letter from "costed"
    assert FocusCheck().asks(words("У якому році МОМ розпочала роботу?")) == {"year"}  # an entry naming one answers
    # how many states the diplomats came from is the visit's; how many states are in IOM is not said
    assert FocusCheck().asks(words("Скільки держав представляли дипломати?")) == set()
    assert FocusCheck().asks(words("Скільки держав входить до МОМ?")) == {"members"}


@pytest.mark.parametrize(
    "text",
    ["population of Kramatorsk", "a hotel in Sloviansk", "library opening hours in Toretsk",
     "In what year was IOM founded?", "Where is IOM's headquarters?", "How many member states does IOM have?",
     "Скільки років послу Норвегії?", "Скільки людей живе в Бахмуті?", "В каком году основана МОМ?",
     "Сколько км от Краматорска до Славянска?", "В какую школу ходят дети Людмилы?",
     "Какой годовой оборот у гончарни Евгения?", "How many workers does Evhen's factory employ?",
     "Скільки людей працює в МОМ в Україні?", "Що означає логотип МОМ?", "How long has Evhen been a potter?",
     "Compare IOM's work in Donbas with UNHCR's", "Оцените, насколько эффективно работала страновая группа",
     "Who chairs the Humanitarian Country Team?", "Яку премію отримав Вайс?",
     "Where did Weiss study?", "В каком университете учился Вайс?",
     "Якою мовою Хорпестад розмовляв з літньою жінкою?", "In what language did the Danish ambassador talk to Evhen?",
     "What was Ambassador Horpestad's personal opinion of the visit?",
     "Выскажите своё мнение: почему международные СМИ забыли о кризисе на востоке Украины?",
     "Какова позиция Литвы по конфликту на Донбассе?",
     "How many views does the IOM article about the diplomats have?", "Скільки переглядів має ця новина МОМ?",
     "звідки походить слово Донбас?", "откуда происходит слово Донбасс?",
     # sizes compared, IOM's own languages, the press on the trip, who led another organisation: never said
     "Is Toretsk bigger than Bakhmut?", "Слов'янськ більший за Краматорськ чи ні?",
     "Was UNHCR bigger than IOM in 2017?", "Which official languages does IOM use?", "Які офіційні мови в МОМ?",
     "Чи їздили журналісти з делегацією?",
     "Who headed the NGO Forum delegation?", "Хто очолював УВКБ ООН в Україні тоді?", "Які мови офіційні в МОМ?"],
)  # fmt: skip
def test_near_misses_are_declined(engine: Engine, text: str):
    assert engine.answer(text).kind is not ReplyKind.ANSWER, text


def test_a_number_asked_of_an_entry_that_gives_none_is_declined(engine: Engine):
    focus = FocusCheck()
    assert focus.numbers_asked(words("Скільки людей прийшло на зустріч?"))
    assert "number" in focus.speaks_of(words("mother of five")) and "number" in focus.speaks_of(words("3-5 kg"))
    assert "number" not in focus.speaks_of(words("in November 2017"))  # a year is no answer to "how many"
    assert engine.answer("How many people did the delegation meet in Toretsk?").kind is not ReplyKind.ANSWER
    assert engine.answer("How many children did Lyudmyla have?").entry_id == "person-lyudmyla"  # "five"
    assert engine.answer("How many grants did IOM give?").framed  # the entry says it is not given


def test_an_entry_giving_a_surname_speaks_of_names(engine: Engine):
    assert engine.answer("Як звали посла Норвегії на Майорську?").kind is ReplyKind.ANSWER
    assert (
        engine.answer("Как зовут мужа Людмилы?").kind is not ReplyKind.ANSWER
        or engine.answer("Как зовут мужа Людмилы?").framed
    )


def test_a_post_held_is_no_position_taken():
    assert FocusCheck().asks(words("Какую позицию занимал Вайс в МОМ?")) == set()
    assert FocusCheck().asks(words("Какова позиция Литвы по конфликту?")) == {"opinion"}


def test_what_an_entry_speaks_of_is_still_answered(engine: Engine):
    assert engine.answer("When was the article published?").entry_id == "visit-date"
    assert engine.answer('What is listed under "Who We Are" on the website?').entry_id == "learn-more"  # not "lasted"
    assert engine.answer("Since when is IOM in Ukraine?").entry_id == "iom-since-1996"


def test_a_question_with_the_askers_own_phone_and_email_is_not_a_near_miss(engine: Engine):
    reply = engine.answer("Мій телефон +380 67 123 45 67, пошта olena@example.org. Хто фінансував проєкти?")
    assert reply.kind is not ReplyKind.DECLINE


def test_a_name_the_best_entry_never_mentions_goes_to_the_entry_that_does(engine: Engine):
    assert engine.answer("Какие проекты МОМ финансирует Норвегия?").kind is not ReplyKind.ANSWER  # no entry: decline
    toretsk = engine.answer("З ким зустрілися в Торецьку?")  # the meetings entry never names Toretsk
    assert toretsk.entry_id == "visit-places"
    assert engine.answer("Чего хочет добиться Евгений со своей керамикой?").entry_id == "person-evhen"
    # Naming one of two places the entry speaks of is enough.
    assert engine.answer("What did the Norwegian ambassador do at the Mayorsk checkpoint?").entry_id is not None


def test_a_country_the_sources_never_name_is_declined_unless_the_writer_only_lives_there(engine: Engine):
    for question in [
        "Що МОМ робить у Грузії?",
        "Did IOM help people in Moldova?",
        "МОМ работает во Франции?",
        "what does iom do in afghanistan",
    ]:
        assert engine.answer(question).kind is not ReplyKind.ANSWER, question
    for question in [
        "I live in Canada and want to support displaced families in Ukraine through IOM, is there a donation link?",
        "Могу ли я помочь переселенцам через МОМ? Я живу в Германии",
    ]:
        assert engine.answer(question).entry_id == "how-to-help", question
    assert engine.answer("де живе Євген").entry_id == "person-evhen"  # his home, not the writer's
    # where someone of the writer's lives is no more asked than where the writer does
    reply = engine.answer(
        "моя тётя живёт в дружковке, говорит что когда-то к ним приезжали послы вместе с оон. "
        "кто организовал ту поездку?"
    )
    assert reply.entry_id == "visit-organizers"


def test_who_speaks_for_iom_is_not_said(engine: Engine):
    for question in ["who is the spokesperson of iom", "кто пресс-секретарь МОМ", "хто речник МОМ в Україні"]:
        assert engine.answer(question).kind is not ReplyKind.ANSWER, question


def test_what_a_town_is_known_for_is_not_said(engine: Engine):
    for question in ["чим відомий Краматорськ?", "what is Sviatohirsk famous for", "достопримечательности Славянска"]:
        assert engine.answer(question).kind is not ReplyKind.ANSWER, question


def test_a_ukrainian_writes_the_latin_h_of_a_name_as_g(engine: Engine):
    assert engine.answer("хто такий Горпестад").entry_id == "diplomats-names"


def test_entries_that_leave_out_the_name_asked_about_are_no_alternative(engine: Engine):
    reply = engine.answer("Дмитрий переселенец или местный?")  # not "did you mean Dmytro or IDPs' integration?"
    assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "person-dmytro"


def test_how_many_alone_asks_a_number_but_is_no_count_detail(engine: Engine):
    focus = FocusCheck()
    assert focus.numbers_asked(words("Сколько государств входит в МОМ?"))
    assert "count" not in focus.details(words("сколько ей лет"))  # her age, in a "not said" sentence
    assert engine.answer("Сколько государств входит в МОМ?").kind is not ReplyKind.ANSWER
    reply = engine.answer("Сколько детей у Людмилы?")
    assert reply.entry_id == "person-lyudmyla" and not reply.framed  # "пятеро детей" answers it


def test_how_many_of_anything_leads_with_what_the_article_does_not_count(engine: Engine):
    groups = engine.answer("Скільки ініціативних груп брало участь у проекті соціальної згуртованості?")
    assert groups.entry_id == "project-social-cohesion" and groups.framed  # "не сказано ... скільки їх було"
    countries = engine.answer("Скільки країн було представлено дипломатами під час поїздки?")
    assert countries.entry_id == "visit-diplomats" and not countries.framed  # "five countries" answers it


def test_words_about_the_article_are_no_plea(engine: Engine):
    for text in ("Где находится штаб-квартира МОМ?", "Який курс долара сьогодні?",
                 "Can you confirm the spelling of the Norwegian ambassador's name?"):  # fmt: skip
        assert engine.answer(text).kind is not ReplyKind.HELP, text  # no flat (квартира), money or shelling


def test_dates_in_the_plural_ask_the_date_the_article_does_not_give(engine: Engine):
    reply = engine.answer("On what dates did the diplomats travel?")
    assert reply.framed and reply.body.startswith("The article does not say")


def test_a_name_in_the_context_that_no_entry_speaks_of_is_not_asked_about(engine: Engine):
    reply = engine.answer(
        "Hello, I run a small charity in Ireland and we write a newsletter about Ukraine. Could you confirm the share "
        "of IDPs who had only enough income for food, as IOM gave it in 2017?"
    )
    assert reply.entry_id == "income-40-percent"
    assert engine.answer("Did IOM help people in Ireland in 2017?").kind is not ReplyKind.ANSWER  # asked, declined


def test_who_took_the_photos_is_not_said_but_being_photographed_is_no_photographer(engine: Engine):
    for question in [
        "who took the pictures in the article?",
        "Хто фотографував делегацію?",
        "фотограф кто",
        "Who made the photos for this article?",
    ]:  # the Mayorsk entry's Russian "автор фотографий"
        reply = engine.answer(question)
        assert reply.kind is not ReplyKind.ANSWER or reply.framed, question
    assert "photographer" not in FocusCheck().asks(words("Посол Норвегії фотографувався біля бібліотеки, так?"))


def test_a_wrong_start_year_is_answered_by_the_entry_that_says_since_when(engine: Engine):
    for question in ["МОМ працює в Україні з 1994 року?", "IOM works in Ukraine since 2014, right?"]:
        assert engine.answer(question).entry_id == "iom-since-1996", question
    other = engine.answer("How many IDPs were there in Ukraine in 2025?")  # not a beginning: the entry must name it
    assert other.kind is not ReplyKind.ANSWER or other.framed


def test_a_claim_checked_is_answered_by_the_entry_that_states_it(engine: Engine):
    """A wrong year in a claim to check ("in 1991, is that right?") is corrected by the entry that gives the year,
    and "is it true that" asks nothing the entry must speak of: the claim is what is asked."""
    assert checks_claim("Кажуть, МОМ в Україні з 2010 року, це правда?") and not checks_claim("What did IOM do then?")
    assert engine.answer("IOM came to Ukraine in 2005, right?").kind is not ReplyKind.HELP
    assert engine.answer("Кажуть, що МОМ прийшла в Україну у 2005 році. Вірно?").entry_id == "iom-since-1996"
    # a claim of history is no plea to the help model; a rumour of payments still is help
    assert engine.answer("My neighbour says IOM came to Ukraine in 1991, is that right?").entry_id == "iom-since-1996"
    assert engine.answer("Is it true that IOM pays IDPs 6000 hryvnias a month?").kind is ReplyKind.HELP
    for question, entry in [
        ("Чи правда, що Уле Горпестад був послом Норвегії?", "diplomats-names"),
        ("Is it true that Evhen made pottery?", "person-evhen"),
    ]:
        reply = engine.answer(question)
        assert reply.entry_id == entry and reply.score >= 60, question  # "true", "правда" weigh nothing
    later = engine.answer("IOM paid IDPs in 2022, right?")  # after the article: not a year the entry corrects
    assert later.kind is not ReplyKind.ANSWER or later.framed


def test_a_name_in_any_case_ending_is_the_same_name(engine: Engine):
    """A name in any case ending ("Людмиле", "Евгением") is in its group, or the question names no one."""
    assert engine.answer("Чем Людмиле было тяжело платить?").entry_id == "person-lyudmyla"
    # (not "С Евгением встречался посол Дании?": a yes/no of two names, like the near misses "Купил ли посол Дании
    # что-нибудь у Евгения?" that the decline model has read, it declines since it weighs words together)
    assert engine.answer("Расскажите о встрече посла Дании с Евгением").entry_id == "person-evhen"


def test_a_size_compared_with_a_figure_is_an_amount(engine: Engine):
    assert FocusCheck().asks(words("Was Kramatorsk bigger than Sloviansk in 2017?")) == {"size"}
    assert engine.answer("Would Dmytro's boxes be larger than 20 kg?").entry_id == "person-dmytro"


def test_which_town_came_first_is_the_route_the_article_does_not_give(engine: Engine):
    for question in ["Які міста вони відвідали першими?", "Did they go to Bakhmut earlier than Toretsk?"]:
        reply = engine.answer(question)
        assert reply.entry_id == "visit-places" and reply.framed, question


def test_years_offered_to_choose_from_are_answered_by_the_entry_that_names_one():
    assert offers_years("does IOM support the 2015 Agenda, the 2030 Agenda or the 2050 Agenda?")
    assert not offers_years("How many IDPs were there in 2025, against 2017?")


def test_a_choice_of_years_or_a_year_before_is_no_near_miss(engine: Engine):
    agenda = engine.answer(
        "Multiple choice: does IOM say it supports the 2015 Agenda, the 2030 Agenda or the 2050 Agenda?"
    )
    assert agenda.entry_id == "iom-2030-agenda"
    assert engine.answer("Чи працювала МОМ в Україні ще до 2000 року?").entry_id == "iom-since-1996"


@pytest.mark.parametrize(
    "question",
    ["What share of IDPs had jobs in 2017?", "скільки відсотків ВПО без роботи за тим звітом?",  # who has work
     "Who from UNHCR travelled with the ambassadors?", "хто був від УВКБ ООН у поїздці?",  # who of an organisation
     "Did the Norwegian ambassador bring his wife?", "що послам давали на обід?", "the Swedish deputy: man or woman?",
     "Які ще посольства запрошували, але вони не поїхали?",
     "what did the joint needs assessment recommend?", "Які висновки зробила делегація після поїздки?",
     "Яке походження назви Святогірськ?", "how do you pronounce Horpestad?",
     "что значит затяжной кризис в терминологии ООН?", "what are the duties of a chief of mission?",
     "how long is the contact line?", "where can I download this news item as a PDF?",
     # a share of IDPs who had work or money for medicines is not the share who had money only for food
     "What percentage of displaced people found work?", "Скільки відсотків ВПО не мали грошей на ліки?"],
)  # fmt: skip
def test_a_detail_the_sources_never_give_is_declined_or_said_unknown_first(engine: Engine, question: str):
    """The UNHCR entry, say, opens with "the article does not say who represented UNHCR", not with what UNHCR is."""
    reply = engine.answer(question)
    assert reply.kind is not ReplyKind.ANSWER or reply.framed


@pytest.mark.parametrize(
    ("question", "entry"),
    [("скільки міст об'їхали посли?", "visit-places"),  # not "обідали", one letter away
     ("who invited the ambassadors?", "visit-organizers"), ("what was the purpose of the visit?", "visit-purpose"),
     ("who was the chief of mission in 2017?", "chief-of-mission"),
     ("what is the source of that 40% figure?", "income-40-percent"),
     ("Откуда цифра 40%, какой источник?", "income-40-percent")],
)  # fmt: skip
def test_an_entry_that_speaks_of_the_focus_keeps_answering(engine: Engine, question: str, entry: str):
    assert engine.answer(question).entry_id == entry


def test_a_reason_for_asking_is_no_focus(engine: Engine):
    """Why a pupil asks is not what: "for school project" asks about no school, which no entry speaks of."""
    assert "school" not in FocusCheck().asks(words("who organised the visit to donbas in 2017 its for school project"))
    assert "school" not in FocusCheck().asks(words("Хто організував візит? Це для школи"))
    assert "school" in FocusCheck().asks(words("В какой школе учились дети Людмилы? Это для школы"))
    reply = engine.answer("who organised the visit to donbas in 2017 its for school project")
    assert reply.entry_id == "visit-organizers"
    assert engine.answer("В какую школу ходят дети Людмилы?").kind is ReplyKind.DECLINE
    # a presentation too ("прези", one letter from "преси"); the press asked of stays a focus
    assert FocusCheck().asks(words("как называлась стаття, треба для прези")) == set()
    assert FocusCheck().asks(words("Чи був брифінг для преси після візиту?")) == {"press"}


def test_why_a_thing_bears_its_name_is_its_etymology_the_words_apart(engine: Engine):
    """Not what someone called it: Weiss called the crisis forgotten, which its entry says."""
    assert "etymology" in FocusCheck().asks(words("Почему серая зона называется серой?"))
    assert "etymology" in FocusCheck().asks(words("Чому Донбас називається Донбасом?"))
    assert "etymology" not in FocusCheck().asks(words("почему кризис на Донбассе называли забытым"))
    assert engine.answer("Почему Краматорск называется Краматорском?").kind is ReplyKind.DECLINE
    assert engine.answer("Чому кризу на сході називали забутою?").entry_id == "crisis-2017"


def test_the_language_someone_spoke_is_not_said_and_the_bot_s_own_are(engine: Engine):
    for question in ["Did Weiss speak russian or ukrainian language?", "Вайс говорил по-русски с людьми?",
                     "Посол Норвегії говорив українською?"]:  # fmt: skip
        assert engine.answer(question).kind is ReplyKind.DECLINE, question
    assert engine.answer("do you speak russian?").entry_id == "bot-languages"
    assert engine.answer("можно по-русски? кто такой Вайс").entry_id == "chief-of-mission"  # a wish, not a focus


def test_a_year_asked_of_the_article_is_answered_by_its_date(engine: Engine):
    """Not of anything else: IOM in Ukraine in 2016 is what no entry says."""
    reply = engine.answer("Коллега пишет, что статья МОМ о визите на Донбасс вышла в ноябре 2018. Это так?")
    assert reply.entry_id == "visit-date"
    assert engine.answer("was the cash project still running in 2019?").kind is not ReplyKind.ANSWER


def test_how_many_years_something_lasted_follows_from_since_when(engine: Engine):
    """Not someone's age, nor how long the visit lasted, which no entry says."""
    years = "Сколько лет прошло с 1996 по 2017? То есть сколько МОМ была в Украине на момент статьи"
    for question in ["how many years had IOM worked in Ukraine by 2017?", years]:
        assert engine.answer(question).entry_id == "iom-since-1996", question
    for question in ["Сколько лет Вайсу?", "How many years did the visit last?", "что ели дипломаты?"]:
        assert engine.answer(question).kind is not ReplyKind.ANSWER, question


def test_a_post_and_what_unhcr_is_are_no_such_focus(engine: Engine):
    assert "employment" not in FocusCheck().asks(words("where does Weiss work now?"))  # a post, not a job figure
    assert engine.answer("що таке УВКБ ООН?").framed is False  # what UNHCR is stays its plain answer


@pytest.mark.parametrize(
    "question", ["що таке ЄСПЛ", "что такое Нормандский формат", "what does OCHA stand for", "расшифруй OCHA"]
)
def test_the_meaning_of_a_term_the_knowledge_never_uses_is_declined(engine: Engine, question: str):
    # The best entry shares only "what is" ("що таке цей бот?") or "stand for" ("what does IOM stand for?").
    assert engine.answer(question).kind == "decline"


@pytest.mark.parametrize(
    ("question", "entry"),
    [("що таке МОМ", "iom-who"), ("what is NGO Forum", "ngo-forum"), ("что такое ГГК", "hct"), ("what is DTM", None)],
)
def test_the_meaning_of_a_term_the_knowledge_uses_is_answered(engine: Engine, question: str, entry: str | None):
    reply = engine.answer(question)
    assert reply.kind == "answer"
    assert entry is None or reply.entry_id == entry


def test_what_a_question_asks_the_meaning_of():
    focus = FocusCheck()
    assert focus.defined(words("що означає абревіатура ООС?")) == ["оос"]
    assert focus.defined(words("What is the meat price?")) == ["the", "meat", "price"]
    assert focus.defined(words("Who funded the libraries?")) is None
