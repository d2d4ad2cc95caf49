"""What a question asks about, checked against what the best entry speaks of: near misses are declined.

A question can share a name or a place with an entry and still ask something the entry does not cover: "the
population of Kramatorsk" is not the visit to Kramatorsk, "how old is Ole Horpestad" is not the list of diplomats.
The matcher sees many shared words and scores such questions well; this check looks at the question's focus
instead. Each focus is a small set of cues (bot/engine/cues.py); when a question has one and the entry's own
phrasings and answers never mention it, the entry does not answer the question.

>>> focus = FocusCheck()
>>> focus.asks("how old is ole horpestad".split())
{'age'}
>>> sorted(focus.speaks_of("the ambassador of norway ole horpestad joined the visit".split()))  # not an age
['family-names', 'their-people']
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from bot.engine.cues import CueIndex
from bot.engine.text import words as folded

FOCUS: dict[str, tuple[str, ...]] = {
    # A cost or a price, not "prices" (the article speaks of high prices, never of what anything cost), and not
    # "стоит" alone ("какая дата стоит под статьей").
    "cost": ("cost", "budget*", "how much money", "spent", "amount*", "what sum", "скільки коштів",
             "суму", "сума", "обійшов*", "обійшл*", "сумм*", "обошел*", "обошл*", "вартіст*", "коштув*", "коштує",
             "скільки грошей", "бюджет*", "витратил*", "стоил*", "сколько стоит", "стоимост*", "сколько денег",
             "потратил*", "price", "ціна", "ціну", "цена", "цену"),
    "age": ("how old", "age", "aged", "вік", "віку", "скільки років", "скільки йому", "скільки їй", "возраст*",
            "сколько лет", "сколько ему", "сколько ей"),
    # Not "residents" or "жителі" alone: the visit met "grey zone residents".
    "population": ("population", "inhabitants", "how many residents", "number of residents", "people live",
                   "people living", "населення", "население", "населения", "скільки жител*", "скільки мешканц*",
                   "сколько жител*", "живе людей", "живет людей", "живут людей", "живуть люди", "людей живе",
                   "людей живет", "людей живут"),
    # Which of two is bigger ("Краматорськ більший за Слов'янськ?", "Is IOM bigger than UNHCR?"): the sources
    # compare no sizes.
    "size": ("bigger than", "larger than", "smaller than", "bigger city", "biggest city", "largest city",
             "bigger town", "biggest town", "largest town", "більший за", "менший за", "більше за розміром",
             "найбільше місто", "найбільшим містом", "крупнее", "крупнейш*", "больше по размеру", "меньше по размеру",
             "самый большой город", "самым большим городом"),
    # IOM's official or working languages: not the bot's languages, which bot-languages tells.
    "official-languages": ("official language*", "working language*", "офіційні мови", "офіційна мова",
                           "офіційних мов", "офіційною мовою", "робочі мови", "робоча мова", "робочих мов",
                           "официальные языки", "официальный язык", "официальных языков", "рабочие языки",
                           "рабочий язык", "рабочих языков", "мови офіційн*", "мова офіційн*", "языки официальн*",
                           "язык официальн*"),
    # Journalists or the press with the delegation: the article does not say (not "journalist" alone: "I'm a
    # journalist").
    "press": ("journalists on", "journalists with", "journalists travel*", "journalists go", "journalists went",
              "reporters", "the press on", "press with", "media with", "преса", "преси", "пресу", "пресса", "прессы",
              "прессу", "журналісти їзд*", "журналісти з делегацією", "журналістів з делегацією", "журналисты езд*",
              "журналисты с делегацией", "журналистов с делегацией", "журналисты были", "журналісти були"),
    "nationality": ("nationalit*", "citizen*", "національніст*", "національност*", "громадян*", "гражданств*",
                    "национальност*"),  # not "национальн*": the National Monitoring System
    "founding": ("founded", "founding", "established", "засновa*", "засновано", "заснували", "заснована", "заснував*",
                 "основана", "основано", "основания", "основали", "основал", "основала", "создан*"),
    "hours": ("opening hours", "open for", "opening times", "години роботи", "графік*", "розклад*", "часы работы",
              "график*", "расписани*", "режим работы", "режим роботи"),
    "hotel": ("hotel*", "hostel*", "готел*", "гостиниц*", "отел*", "хостел*", "overnight", "spend the night",
              "spent the night", "ночував*", "ночувал*", "ночевал*", "переночув*", "переночев*"),
    "family-names": ("звуть", "зовут", "звали", "прізвищ*", "фамили*", "surname*", "last name", "husband*", "чоловіка",
                     "мужа", "муж", "мужем", "married", "одружен*", "женат*", "замужем"),
    # A diplomat's wife, whether a man or a woman, what they ate, who was asked along: the article tells none of it
    # (not with family-names, which an entry giving surnames speaks of).
    "spouse": ("wife", "wives", "spouse*", "дружин*", "жена", "жену", "жены", "женой"),
    "gender": ("man or woman", "male or female", "a man or a woman", "чоловік чи жінка", "мужчина или женщина",
               "чоловіком чи жінкою", "мужчиной или женщиной"),
    # Not "обідали": one letter from "об'їхали", the towns they went round.
    "meal": ("lunch", "dinner", "breakfast", "обід", "обіду", "обідом", "обедал*", "вечеря*", "ужина*", "сніданок",
             "снідал*", "завтракал*", "кормили", "годували", "пригощал*", "угощал*", "what did they eat",
             "what they ate", "що їли", "что ели"),
    "invited": ("invited", "invitation*", "запрошен*", "запрошува*", "запросил*", "приглашен*", "приглашал*",
                "пригласил*"),
    "biography": ("biograph*", "born", "біографі*", "народив*", "народил*", "биографи*", "родился", "родилась",
                  # schooling: the article gives people's 2017 posts and trades, never their education
                  "doctorate", "phd", "degree in", "studied", "university", "освіта", "освіту", "освіти",
                  "навчався", "навчалася", "вчився", "вчилася", "університет*", "образование", "образования",
                  "учился", "училась", "университет*"),
    # Which year something happened: an entry speaks of it when its texts name a year (YEAR below).
    "year": ("what year", "which year", "якого року", "якому році", "котрого року", "котрому році", "каком году",
             "какого года", "котором году"),
    # Who wrote the article: the page names no author (not "journalist": one may say "I'm a journalist").
    "author": ("author", "authors", "who wrote", "written by", "byline", "автор", "автора", "автором", "хто написав",
               "хто писав", "кто написал", "кто писал"),
    "address": ("address*", "street", "адрес*", "вулиц*", "улиц*"),
    "transport": ("bus", "buses", "train", "trains", "minibus*", "автобус*", "маршрутк*", "потяг*", "електричк*",
                  "электричк*", "поїзд", "поїзди", "поїздом", "поезд", "поезда", "поездом",  # not "поїздка", a trip
                  "transport", "vehicle*", "by car", "транспорт*", "автомобіл*", "автомобил*", "на чем ехали",
                  "чим їхали", "на чому їхали", "пересувал*", "передвигал*"),
    # The language someone spoke or wrote in: the article never says; only the bot's own languages are known.
    "language": ("what language", "which language", "in what language", "якою мовою", "якій мові", "яка мова",
                 "на каком языке", "каким языком", "какой язык", "speak russian", "speak ukrainian", "speak english",
                 "spoke russian", "spoke ukrainian", "spoke english", "говорил по русски", "говорила по русски",
                 "говорили по русски", "говорил по английски", "говорил по украински", "разговаривал по русски",
                 "говорив українською", "говорила українською", "говорили українською", "говорив російською",
                 "говорив англійською", "розмовляв українською", "розмовляв російською", "розмовляв англійською",
                 "know ukrainian", "knew ukrainian", "know russian", "knew russian", "знав українську",
                 "знала українську", "знає українську", "знав російську", "знал украинский", "знает украинский",
                 "знал русский", "знает русский"),
    # Another language's version of the article or the site: the sources do not say there is one of the article.
    "version": ("ukrainian version", "russian version", "english version", "українська версія", "українську версію",
                "російська версія", "російську версію", "англійська версія", "русская версия", "русскую версию",
                "украинская версия", "украинскую версию", "английская версия"),
    "pdf": ("pdf",),  # a PDF of the article: the sources know of none
    "online": ("instagram", "facebook", "online", "інстаграм*", "инстаграм*", "фейсбук*", "онлайн"),
    "opinion": ("your view", "your opinion", "do you think", "what do you think", "was he right", "як ви вважаєте",
                "на вашу думку", "ваша думка", "чи правий", "чи мав рацію", "как вы считаете", "ваше мнение",
                "по вашему", "прав ли", "personal opinion", "his opinion", "her opinion", "their opinion",
                "own opinion", "his position on", "stance", "висловіть", "свою думку", "особисту думку", "позиція щодо",
                "позиція з приводу", "какова позиция", "позиция относительно", "позиция по поводу", "выскажите",
                "своё мнение", "свое мнение", "личное мнение",  # not "позиція" alone: a post ("яку позицію обіймав")
                # comparisons and judgements: the article compares and grades nothing
                "compare", "comparison", "which did more", "who did more", "better or worse", "how effective",
                "more effective", "порівняй*", "порівнян*", "хто зробив більше", "краще чи гірше",
                "наскільки ефективн*", "оцініть", "оціни", "сравни", "сравните", "сравнени*", "кто сделал больше",
                "лучше или хуже", "насколько эффективн*", "оцените", "оцени"),
    # Not "phone" or "e-mail" alone: people write their own ("my phone is ..., who funded the projects?").
    # Not "контакт*": Evhen needed business contacts ("ділових контактів").
    "contact": ("contact details", "contacts of", "how to contact", "контакти", "контакты", "контактні дані",
                "контактные данные", "звязат*", "связат*"),
    "future": ("when will", "will iom", "next year", "next project", "коли почне", "коли запустить", "наступний проєкт",
               "наступного року", "когда начнет", "когда запустит", "следующий проект", "в следующем году"),
    # Where something is, asked as "which town" (an entry speaks of it when it names a town: SPOKEN below).
    "place": ("which city", "which town", "what city", "what town", "where exactly", "в якому місті", "з якого міста",
              "якому місті", "де саме", "в каком городе", "из какого города", "каком городе", "где именно"),
    "members": ("member states", "members", "member countries", "членів", "членов", "країн член*", "стран член*",
                "країни члени", "страны члены", "employees", "how many staff", "staff does", "number of staff",
                "how many workers", "workers does", "how many people work", "співробітник*", "працівник*", "робітник*",
                "скільки людей працює", "сотрудник*", "работник*", "рабочих", "персонал*", "сколько человек работает",
                "сколько людей работает", "countries in iom", "countries are in iom",
                "countries does iom have", "государств входит", "стран входит",
                "стран входят", "країн входить", "країн входять", "держав входить", "стран в мом", "країн у мом",
                "країн в мом", "who is in the", "who are in the", "which agencies are in", "кто входит", "хто входить",
                "кто входил", "хто входив"),
    # When someone took up or left a post: the article names people in their 2017 posts only.
    "tenure": ("became ambassador", "became the ambassador", "appointed", "until when", "until what year",
               "до какого года", "до якого року", "стал послом", "став послом", "назначен*", "призначен*",
               "завершив роботу", "закончил работу", "term of office", "каденці*"),
    # Prizes and honours: the article gives none.
    "award": ("award*", "prize*", "honour*", "honor*", "премі*", "нагород*", "відзнак*", "звання",
              "премию", "премия", "награ*"),
    "logo": ("logo*", "emblem*", "логотип*", "емблем*", "эмблем*"),
    # How many read or liked the page: the sources count no readers.
    "readers": ("views", "view count", "how many readers", "how many people read", "how many times was it read",
                "likes", "how popular", "переглядів", "перегляди", "скільки людей прочитал*", "скільки разів прочитал*",
                "наскільки популярн*", "просмотр*", "сколько человек прочитал*",
                "сколько людей прочитал*", "сколько раз прочитал*", "насколько популярн*"),
    "headquarters": ("headquarter*", "hq", "штаб квартир*", "head office", "головний офіс", "главный офис"),
    "duration": ("how many days", "how long did", "how long was", "how long it", "it lasted", "how long has",
                 "how long have", "скільки часу", "як довго", "сколько времени", "как долго", "скільки днів",
                 "скільки тривав*", "як довго тривав*", "тривав", "тривала", "тривало", "сколько дней", "сколько длил*",
                 "как долго длил*", "длил*", "длилась"),
    "distance": ("distance", "how far", "kilomet*", "km", "відстан*", "кілометр*", "км", "як далеко", "расстояни*",
                 "километр*", "как далеко", "протяжн*", "length of", "how long is the"),
    "school": ("school*", "kindergarten*", "university", "школ*", "садоч*", "дитсад*", "університет*", "детсад*",
               "университет*"),
    "revenue": ("turnover", "revenue*", "profit*", "income", "оборот*", "виручк*", "прибут*", "дохід", "доход*",
                "выручк*", "прибыл*"),
    "salary": ("salary", "salaries", "wage*", "earn*", "зарплат*", "заробітн*", "заробля*", "заработн*", "зарабатыва*"),
    "date": ("what date", "which date", "what dates", "which dates", "what days", "which days", "які дати",
             "в які дні", "яких числах", "какие даты", "в какие дни", "каких числах", "what day", "which day",
             "what month", "which month", "якого місяця",
             "в якому місяці", "в каком месяце", "какого месяца", "exact date", "exact day", "якого числа", "яке число",
             "який день", "якого дня", "точну дату", "точна дата", "коли саме", "коли точно", "какого числа",
             "какое число", "какой день", "точную дату", "точная дата", "когда именно", "когда точно"),
    "successor": ("successor*", "succeeded", "replaced", "after him", "after weiss", "наступник*", "змінив", "замінив",
                  "після нього", "після вайса", "преемник*", "сменил", "заменил", "после него", "после вайса"),
    "predecessor": ("predecessor*", "before weiss", "before dr weiss", "previous chief", "previous head",
                    "попередник*", "до вайса", "до доктора вайса", "попередній голова", "попередній керівник",
                    "предшественник*", "предыдущий глава", "предыдущий руководитель"),
    "first-head": ("first head", "first chief", "first director", "led its mission first", "перший голова",
                   "першим головою", "перший керівник", "першим очолив", "первый глава", "первым главой",
                   "первый руководитель", "первым возглавил"),
    # Asked as a question: "the head of the mission named the costs" speaks of him, it does not ask who he is.
    # Mayors and governors: the article names none.
    "leader": ("mayor", "mayors", "governor", "governors", "кто мэр", "хто мер", "мер міста", "мэр города",
               "міський голова", "губернатор", "губернатора", "губернатором", "who heads", "who leads", "who runs",
               "who chairs", "who chaired", "chaired by", "головує", "головував", "председател*",
               "who is the head", "who is the leader", "director general", "leaders of", "очолює", "керує",
               "хто голова", "хто керівник", "хто зараз голова", "хто очолює", "генеральний директор", "возглавляет",
               "руководит", "кто глава", "кто руководитель", "кто сейчас глава", "генеральный директор",
               "who led", "who headed", "led the", "headed the", "очолював", "очолювала", "керував", "керувала",
               "руководил", "руководила", "возглавлял", "возглавляла"),
    # What a town is known for, its sights: the article names towns for the visit only.
    "fame": ("famous for", "known for", "sights", "landmark*", "attraction*", "чим відом*", "чим славит*",
             "чим знамен*", "славиться", "славится", "визначн*", "памятк*", "чем извест*", "чем знаменит*",
             "достопримечательност*"),
    # Who took the article's photos: the captions never say (not "фотографувався", being photographed).
    "photographer": ("photographer*", "took the photo*", "took these photo*", "took the picture*", "who photographed",
                     "фотограф", "фотографа", "фотографом", "хто фотографував", "хто знімав", "кто фотографировал",
                     "кто снимал", "автор фото", "автор фотограф*", "автор знімк*", "автор снимк*", "made the photo*",
                     "робив фото", "робила фото", "зробив фото", "делал фото", "делала фото", "сделал фото"),
    # Who speaks for IOM to the press: the sources name no spokesperson (its press office is a contact).
    "spokesperson": ("spokesperson*", "spokesman", "spokesmen", "spokeswoman", "press secretary", "press officer",
                     "прес секретар*", "пресс секретар*", "речник*", "речниц*", "офіційний представник",
                     "официальный представитель"),
    # Who of an organisation took part: the article names no one from UNHCR, the NGO Forum or IOM's staff on the
    # trip (an entry speaks of it when it names someone: SPOKEN below).
    "their-people": ("who from unhcr", "who from the unhcr", "who from iom", "who from the ngo forum",
                     "who from ngo forum", "unhcr officials", "unhcr staff", "iom staff", "ngo forum staff",
                     "who represented unhcr", "who represented iom", "who represented the ngo forum",
                     "хто з увкб", "хто від увкб", "хто з мом", "хто від мом", "хто з нго", "хто від нго",
                     "кто из увкб", "кто от увкб", "кто из мом", "кто от мом", "кто из нго", "кто от нго",
                     "співробітники увкб", "сотрудники увкб", "представники увкб", "представители увкб",
                     "who was from unhcr", "хто був від увкб", "хто був з увкб", "кто был от увкб", "кто был из увкб",
                     "хто був від мом", "кто был от мом", "хто був від нго", "кто был от нго", "хто представляв увкб",
                     "кто представлял увкб"),
    # What the joint assessment concluded: the article tells only that it was made.
    "findings": ("conclusion*", "concluded", "recommend*", "findings", "висновк*", "рекомендац*", "выводы",
                 "выводов", "вывод", "рекомендаци*"),
    # Where a word or a name comes from, how it is said, what a term means in some science or classification, what a
    # post's duties are: the sources give the article's words, not their history or theory.
    "etymology": ("etymolog*", "origin of the word", "origin of the name", "where does the word",
                  "where does the name", "word come from", "name come from", "етимолог*", "звідки слово",
                  "звідки назва", "звідки воно прийшло", "походження назви", "походження слова", "чому називається",
                  "чому називають", "этимолог*", "откуда название", "откуда слово", "происхождение названия",
                  "происхождение слова", "почему называется", "почему называют", "word comes from",
                  "name comes from", "походить слово", "походить назва", "происходит слово", "происходит название"),
    "pronunciation": ("pronounce*", "pronunciation", "вимовля*", "вимова", "вимову", "произносит*", "произношени*"),
    "theory": ("in un terminology", "in the scientific sense", "scientific definition", "by un classification",
               "в термінології", "у термінології", "за класифікацією", "в науковому сенсі", "наукове визначення",
               "в терминологии", "по классификации", "в научном смысле", "научное определение"),
    "duties": ("duties", "responsibilities", "обовязки", "обовязків", "обязанност*"),
    # Who has work: the article's only IDP figure is who can afford food, and it tells of no jobs or jobless (not
    # "працює", "работает": "where does Weiss work now?").
    "employment": ("unemploy*", "employed", "employment", "have jobs", "had jobs", "have a job", "had a job",
                   "безробіт*", "працевлаштован*", "мають роботу", "мали роботу", "мав роботу", "має роботу",
                   "без роботи", "безработ*", "трудоустроен*", "имеют работу", "имели работу", "имел работу",
                   "имеет работу", "без работы", "found work", "found a job", "found jobs", "got a job", "got jobs",
                   "знайшли роботу", "знайшов роботу", "знайшла роботу", "найшли роботу", "нашли работу",
                   "нашёл работу", "нашел работу", "нашла работу"),
    # Rent and medicines: a share of IDPs who could pay for them is no share of those who could pay only for food.
    "rent": ("rent", "rents", "renting", "оренд*", "аренд*", "квартплат*"),
    "medicine": ("medicine*", "medication*", "ліки", "ліків", "ліками", "лекарств*", "медикамент*"),
    # IOM as a whole rather than in Ukraine: its Director General, its staff or donors worldwide.
    "worldwide": ("worldwide", "globally", "in the world", "around the world", "director general",
                  "director-general", "у світі", "в світі", "по всьому світу", "генеральний директор",
                  "генерального директора", "в мире", "во всем мире", "по всему миру", "генеральный директор",
                  "генерального директора", "гендиректор*"),
}  # fmt: skip


# What an entry's texts may say that a question would not: an entry that names a town speaks of a place, so "in
# which town was Evhen's pottery?" stays answered by Evhen, whose answer says Sloviansk.
_SURNAMES = ("horpestad*", "madsen*", "weiss*", "хорпестад*", "мадсен*", "вайс*")
SPOKEN: dict[str, tuple[str, ...]] = {
    # An entry that names a head of mission speaks of who led it ("Кто возглавлял МОМ в Украине в 2017?").
    "leader": ("chief of mission", "head of mission", "голова представництва", "голову представництва",
               "головою представництва", "глава представительства", "главой представительства",
               "главу представительства"),
    "place": ("kramatorsk*", "sloviansk*", "toretsk*", "bakhmut*", "druzhkivk*", "sviatohirsk*", "mayorsk*",
              "краматорськ*", "словянськ*", "торецьк*", "бахмут*", "дружківк*", "святогірськ*", "майорськ*",
              "краматорск*", "славянск*", "торецк*", "дружковк*", "святогорск*", "майорск*"),
    # An entry that gives someone's surname speaks of names: "як звали посла Норвегії?" is answered at Mayorsk.
    "family-names": _SURNAMES,
    # An entry that names anyone speaks of who took part: "who from UNHCR was there?" is not answered by one that
    # names no one.
    "their-people": (*_SURNAMES, "dmytro*", "evhen*", "lyudmyla*", "дмитр*", "євген*", "евген*", "людмил*"),
}  # fmt: skip

# Details that a "not said" sentence may be about (bot/engine/unknowns.py) without the entry having to speak of
# them for the question to be answered: most entries name people without saying "name".
DETAILS: dict[str, tuple[str, ...]] = {
    "names": ("name", "names", "named", "title", "called", "which specific", "which exactly", "звати", "звуть",
              "звали", "імя", "імена", "імен", "назв*", "назива*", "які саме", "які конкретно", "зовут", "имя",
              "имена", "имён", "имен", "называ*", "какие именно", "какие конкретно", "прізвищ*", "фамили*",
              "surname*", "by name", "full list", "поимённо", "поименно", "поіменно", "повний список",
              "полный список", "list the", "list all", "enumerate", "перелічи*", "перечисли*", "перечисл*"),
    # Not "say": every "does not say" would speak of it.
    "speech": ("said", "told", "talked", "quote*", "quoting", "say during", "say at the", "say there", "say to the",
               "say to him", "say to her", "say to them", "сказав", "сказала", "сказали", "відповів",
               "tell the", "tell him", "tell her", "tell them", "відповіла", "розповів", "розповіла", "казали",
               "говорили", "цитує", "цитат*", "сказал*", "що казав", "що казала", "казав про", "казала про",
               "say about the visit", "say about the trip", "ambassador say", "ambassadors say", "diplomat say",
               "diplomats say", "madsen say", "horpestad say",
               "ответил*", "рассказал*", "говорил*", "цитирует"),
    "route": ("route", "order of", "in what order", "which order", "послідовн*", "последовательн*",
              "first stop", "visit first", "visited first", "went first", "маршрут*", "порядок",
              "спочатку", "першим містом", "сначала", "первым городом", "відвідали першим", "відвідали першою",
              "посетили первым", "посетили первой", "раніше за", "пізніше за", "раньше чем", "позже чем",
              "earlier than", "before or after"),
    # Why: only with a word the "not said" sentence shares (HINTED below), for most "why" questions are answered.
    "why": ("why", "чому", "почему", "зачем", "навіщо", "reasons", "the reason", "причини", "причина", "причины"),
    # What the delegation did in one town: the article tells it only for Mayorsk and Toretsk.
    "activity": ("do in", "did in", "do there", "did there", "groups do", "groups did", "робила", "робили", "делала",
                 "делали"),
    # Where something stands: only a "not said" sentence can speak of it ("does not say where the factory was").
    "location": ("where is", "where was", "where the", "located", "де знаходиться", "де знаходився", "де знаходилася",
                 "де знаходилось", "де розташов*", "де було", "де була", "де був", "где находится", "где находился",
                 "где находилась", "где находилось", "где расположен*", "где было", "где была", "где был"),
    "origin": ("where from", "come from", "came from", "comes from", "displaced from", "moved from", "fled from",
               "returned from", "live while", "lived while", "звідки", "виїжджал*", "откуда", "выезжал*", "уезжал*"),
    "amount": ("how much", "how big", "how large", "amount*", "sum", "size of", "price", "charge", "charged",
               "скільки коштув*", "почому", "по чому", "почем", "почём", "по чем", "по чём",
               "сколько стоил*", "сколько стоит", "суму", "сума", "суми", "сум", "сумм*", "розмір*", "размер*",
               "скільки грошей", "скільки гривень", "скільки коштів", "скільки допомоги", "скільки дал*",
               "how much did", "сколько дал*", "сколько денег", "сколько гривен", "сколько средств", "сколько помощи"),
    # What else, besides what the article tells ("what other projects does Japan fund?").
    "other": ("what else", "anything else", "other projects", "else did", "else does", "що ще", "які ще",
              "інші проєкти", "інші проекти", "що іще", "что еще", "что ещё", "какие еще", "какие ещё",
              "другие проекты"),
    # Not "скільки" or "сколько" alone: they also ask an age ("скільки їй років") or a sum.
    "count": ("how many", "number of", "скільки їх", "сколько их", "скільки людей", "скільки осіб", "скільки чоловік",
              "кількість", "сколько человек", "сколько людей", "количеств*"),
}  # fmt: skip
# What a term or an abbreviation means ("що таке ООС?", "what does OCHA stand for?"): when the knowledge has none of
# the words asked about, no entry explains them, whatever "what is" it shares (FocusCheck.defined).
DEFINING = (
    "what is", "whats", "what are", "what does", "mean", "means", "meaning", "stand for", "stands for", "abbreviation",
    "acronym", "define", "definition", "що таке", "що це", "що за", "що означає", "що значить", "означає", "значить",
    "значення", "визначення", "розшифру*", "розшифров*", "абревіатур*", "что такое", "что это", "что за",
    "что означает", "что значит", "означает", "значит", "значение", "определение", "расшифру*", "расшифров*",
    "аббревиатур*",
)  # fmt: skip
# Number words: an entry that says none (nor a figure) cannot tell "how much" or "how many" (NUMERIC below).
NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve dozen* twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred* thousand* million* billion* percent* half "
    "один одна одне одного одну два дві двох три трьох чотири чотирьох пʼять пʼяти пʼятьох шість шести сім вісім "
    "девʼять десять двадцят* тридцят* сорок* пʼятдесят* сто сотн* тисяч* мільйон* мільярд* відсот* половин* "
    "две двух трех трёх четыре четырех четырёх пять пяти шесть семь восемь девять пятьдесят* тысяч* миллион* "
    "миллиард* процент*"
).split()
# Details whose answer is a number: asked of an entry that gives no number and says nothing of it, a near miss
# ("how much did Dmytro charge for a box?").
NUMERIC = frozenset({"amount", "count"})
# Foci that a sentence behind "More" answers outright, so that it comes first (bot/engine/unknowns.py, told):
# who held a post before, after or first. Not every focus: "скільки років" (age) would lead with "elderly people".
TOLD = frozenset({"predecessor", "successor", "first-head", "tenure"})
# "How many" alone: a number asked, whatever of ("сколько государств входит в МОМ?"), though not a count detail
# that a "not said" sentence could be about ("сколько ей лет" in one is her age, not how many children she had).
HOW_MANY = ("скільки", "сколько", "скіки", "скока")
# How many years something has lasted, which an entry that says since when answers by arithmetic ("сколько лет МОМ в
# Украине на 2026 год?"), though "сколько лет" also asks someone's age.
YEARS_COUNTED = ("how many years", "скільки років", "сколько лет", "скока лет", "скіки років")
# "Почему серая зона называется серой?": why a thing bears its name, the words apart; not "почему кризис называли
# забытым?", what someone called it, which an entry may say.
WHY_NAMED = tuple(frozenset(folded(pair)) for pair in ("почему называется", "чому називається"))
# Why someone asks, not what: "who organised the visit? its for school project" asks about no school, "как называлась
# стаття, треба для прези" about no press (one letter from "преси").
PURPOSE = (
    "for school", "for a school", "for my school", "school project*", "school essay*", "school assignment*",
    "school homework", "school quiz", "school assembly", "school club", "для школи", "для школы",
    "шкільний проєкт*", "шкільного проєкт*", "шкільний проект*", "шкільного проект*", "школьный проект*",
    "школьного проект*", "для уроку", "для урока", "в школі задали", "у школі задали", "в школе задали",
    "для вікторини в школі", "для викторины в школе", "for a presentation", "for my presentation", "for a prezi",
    "для прези", "для презентації", "для презентации",
)  # fmt: skip
NUMBER = "number"  # what an entry's texts speak of when they give a number other than a year
FAMILY_NAMES = "family-names"  # a name or a spouse asked ("як звали", "husband"), or a surname an entry gives
SIZE = "size"  # which of two is bigger
AGE = "age"  # someone's age, or ("сколько лет") how many years something lasted
DATE = "date"  # which day or month: an entry that gives a full date speaks of it
ETYMOLOGY = "etymology"  # where a word or a name comes from
NAMES = "names"  # the detail of a name asked outright ("як звали", "name")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?%?")
# Details a question only hints at: "who" or "which" asks for a name, but only a "not said" sentence that also
# shares a word with the question is about that name ("who was the Swedish deputy?" is, "who was the woman from
# Toretsk?" is not her children's names); "how many countries" is not "how many people took part"; "why" is not
# always unsaid.
WHO = frozenset(("who", "whom", "which", "хто", "кого", "кто"))  # not "який", "какой": every other question has one
HINTED = frozenset({"count", "why"})

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ARTICLE = re.compile(
    r"\b(?:article|news item|news piece|статт\w*|стать[яеию]\w*|статей|новин\w*|новост\w*|публікац\w*|публикац\w*)",
    re.IGNORECASE,
)


def years(text: str) -> set[str]:
    """The years a text names: a question about 2016 or 2025 is not answered by an entry about 2017.

    >>> sorted(years("How many IDPs in 2025, against 2017?"))
    ['2017', '2025']
    """
    return set(_YEAR.findall(text))


_START_YEAR = re.compile(r"\b(?:since|from|before|з|із|зі|с|со|від|от|до)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
SINCE = "since"  # what an entry's texts speak of when they give a year something began ("since 1996")
YEAR = "year"  # what an entry's texts speak of when they name any year
ARTICLE_YEAR = "2017"  # the article's year, as years() gives years
_CHOICE = re.compile(r"\b(?:19|20)\d\d\b[^?.!]{0,40}\b(?:or|чи|або|или|либо)\b[^?.!]{0,20}\b(?:19|20)\d\d\b", re.I)


def start_years(text: str) -> set[str]:
    """The years a text names as when something began, or before which: "since 1994?" and "before 2000?" are
    answered by an entry's "since 1996".

    >>> sorted(start_years("МОМ працює в Україні з 1994 року? A report of 2017")), start_years("in 2025")
    (['1994'], set())
    """
    return set(_START_YEAR.findall(text))


def _gives_figure(words: Sequence[str]) -> bool:
    """Whether folded words hold a figure that is not a year ("40%", "3,5", "20"; not "2017")."""
    return any(_FIGURE.fullmatch(w) and not _YEAR.fullmatch(w) for w in words)


_CLAIM = re.compile(
    r"\b(?:is it true|is that true|is that right|am i right|правда ли|правда що|чи правда|правда, что|правда что|"
    r"это правда|це правда|чи так це|так ли это|чи вірно|верно ли)\b"
    r"|(?:\b(?:right|correct|true|правда|правильно|вірно|верно|так|да|чи не так|не так ли)\s*\?*\s*)$",
    re.IGNORECASE,
)


def checks_claim(text: str) -> bool:
    """Whether a text asks if a claim is true ("IOM came to Ukraine in 2014, right?", "Сосед говорит, что МОМ в
    Украине с 1991 года, это правда?"): an entry that gives the real year answers it, though it names another.

    >>> checks_claim("IOM came to Ukraine in 2014, right?"), checks_claim("What did IOM do in 2014?")
    (True, False)
    """
    return bool(_CLAIM.search(text.strip()))


def asks_of_the_article(text: str) -> bool:
    """Whether a text speaks of the article or news item itself ("Ця стаття з 2016 року?"): an entry that gives its
    date answers which year it is from, whatever year the question names.

    >>> asks_of_the_article("Is that Donbas article from 2016?"), asks_of_the_article("Was IOM here in 2016?")
    (True, False)
    """
    return bool(_ARTICLE.search(text))


def offers_years(text: str) -> bool:
    """Whether a text offers years to choose from ("2017 or 2018?", "в 1996 или в 2000 году?"): an entry that names
    one of them answers.

    >>> offers_years("was the news piece from 2017 or 2018?"), offers_years("How many IDPs in 2025, against 2017?")
    (True, False)
    """
    return bool(_CHOICE.search(text))


class FocusCheck:
    def __init__(
        self,
        focus: dict[str, tuple[str, ...]] = FOCUS,
        known: Set[str] = frozenset(),
        spoken: dict[str, tuple[str, ...]] = SPOKEN,
        details: dict[str, tuple[str, ...]] = DETAILS,
    ) -> None:
        """`known`: the knowledge's folded words, taken as written (see CueIndex), so "funded" never passes for a
        typo of "founded". Empty `focus`, `spoken` and `details` turn the check off (the benchmark's "lexical
        alone")."""
        self._index = CueIndex(focus, known)
        self._spoken = CueIndex({name: (*focus.get(name, ()), *cues) for name, cues in spoken.items()}, known)
        self._details = CueIndex(details, known)
        self._who = WHO if details else frozenset()
        self._numbers = CueIndex(NUMBERS, known)
        self._defining = CueIndex(DEFINING if focus else (), known, exact={""})  # "meat" is no "mean"
        self._how_many = CueIndex(HOW_MANY, known)
        self._purpose = CueIndex(PURPOSE, known, exact={""})  # "для прези" is one letter from "для преси"
        self._years_counted = CueIndex(YEARS_COUNTED, known)

    def asks(self, words: Sequence[str]) -> set[str]:
        """The foci of a question's folded words. A size compared with a figure is an amount, which an entry that
        gives figures may answer.

        >>> focus = FocusCheck()
        >>> focus.asks("was kramatorsk bigger than sloviansk".split()), focus.asks("bigger than 10 kg".split())
        ({'size'}, set())
        """
        found = self._index.labels(self._index.find(words))
        if SIZE in found and _gives_figure(words):
            found.discard(SIZE)
        if any(pair <= set(words) for pair in WHY_NAMED):
            found.add(ETYMOLOGY)
        rest = self._purpose.outside(words) if found else None
        if rest is not None:  # only what the words beside a reason for asking ask
            found &= self._index.labels(self._index.find(rest))
        return found

    def counts_years(self, words: Sequence[str]) -> bool:
        """Whether a question asks how many years ("скільки років МОМ в Україні?"; also someone's age).

        >>> FocusCheck().counts_years("how many years has iom been here".split())
        True
        """
        return bool(self._years_counted.find(words))

    def speaks_of(self, words: Sequence[str]) -> set[str]:
        """The foci an entry's folded words speak of: those a question would ask, SPOKEN's, and NUMBER when they
        give a number.

        >>> sorted(FocusCheck().speaks_of("she had four children".split()))
        ['number']
        """
        spoken = self.asks(words) | self._spoken.labels(self._spoken.find(words))
        return spoken | {NUMBER} if _gives_figure(words) or self._numbers.find(words) else spoken

    def defined(self, words: Sequence[str]) -> list[str] | None:
        """The words a question asks the meaning of, when it asks one (None when it does not).

        >>> FocusCheck().defined("what does ocha stand for".split()), FocusCheck().defined("who funded it".split())
        (['ocha'], None)
        """
        return self._defining.outside(words)

    def how_many(self, words: Sequence[str]) -> bool:
        """True when the question asks "скільки" / "сколько" of anything ("скільки груп", "сколько целей")."""
        return bool(self._how_many.find(words))

    def numbers_asked(self, words: Sequence[str]) -> bool:
        """True when the question asks a detail whose answer is a number ("how much", "скільки людей", "сколько")."""
        return bool(self.details(words) & NUMERIC) or self.how_many(words)

    def details(self, words: Sequence[str]) -> set[str]:
        """The DETAILS a question asks, or a sentence speaks of ("name", "звуть"): for "not said" sentences only."""
        return self._details.labels(self._details.find(words))

    def hints(self, words: Sequence[str]) -> set[str]:
        """The details a question only hints at (HINTED, and a name when it asks "who" or "which" without asking
        for a name outright: "яка фамилия у Евгения?" asks it)."""
        details = self.details(words)
        named = "names" not in details and self._who.intersection(words)
        return (details & HINTED) | ({"names"} if named else set())
