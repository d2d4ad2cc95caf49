"""Function words that say nothing about which entry a question wants (folded, like the matcher's words).

Nor do the words that ask whether a claim is so ("is it true that Dmytro made powder?", "чи правда, що..."): the
claim is what is asked. Question words (when, where, who, how many) stay: they tell a date question from a place or
a people question, and inverse document frequency already weighs them by how many entries use them.
"""

from __future__ import annotations

from bot.engine.text import fold

_EN = """a an the is are was were be been being am do does did done have has had of to in on at for from by with
about into over as and or but if so than that this these those it its they them their there here can could would
should will shall may might must i me my we us our you your he him his she her please tell know want wanted like
just also any some anything something give ok okay hey dear bot question ask asking let get got thing things really
very briefly true right correct"""

_UK = """і й та а але або чи що як це цей ця ці той та те ті там тут туди сюди в у на до з із зі від для про по при за
над під між через без біля після
бо щоб якщо ж же ну так ні не є був була було були буде будуть мені мене мій моя моє мої ми нас наш ви вас
ваш ти тебе твій він вона воно вони його її їх їм йому собі себе хочу хотів хотіла знати скажіть скажи
розкажіть розкажи поясніть можна будь ласка дуже теж також ще вже саме взагалі просто бот питання шо шоб чим я
можу може можете можемо можуть коротко коротше правда вірно правильно"""

_RU = """и а но или ли что как это этот эта эти тот та то те там тут туда сюда в во на до с со от для про по при за над
под между через без
около после потому чтобы если же ну так нет не есть был была было были будет будут мне меня мой моя моё мои
мы нас наш вы вас ваш ты тебя твой он она оно они его ее её их им ему себе себя хочу хотел хотела знать
скажите скажи расскажите расскажи объясните можно пожалуйста очень тоже также еще ещё уже именно вообще
просто бот вопрос чем я обо могу может можете можем могут коротко кратко
вкратце правда верно правильно"""

STOPWORDS: frozenset[str] = frozenset(fold(" ".join((_EN, _UK, _RU))).split())
