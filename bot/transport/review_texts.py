"""What /review says to admins, in their language. Staff texts, not public knowledge: they live here, not in
ui.yaml, and name entries by their label in the admin's language."""

from __future__ import annotations

from bot.learning import Reason

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "none": "No suggestions to review. Well done.",
        "no_store": "/review needs the conversation store (DATABASE_PATH).",
        "progress": "Suggestion {n} of {total}",
        "proposed": "Proposed: add it to «{label}» ({entry}).",
        "no_entry": "No entry is close: choose one, or mark it out of scope.",
        "score": "Score now {before}, after adding {after}{answered}.",
        "answered": " (it would be answered)",
        "blocked": "Cannot be accepted as it is: {why}",
        "accept": "Accept",
        "other": "Other entry",
        "out_of_scope": "Out of scope",
        "reject": "Reject",
        "next": "Next",
        "choose": "Which entry should it go to?",
        "reloaded": "The bot answers with it now.",
        "gone": "That suggestion was decided already.",
        "digest": "{count} new suggestion(s) to review: /review",
    },
    "uk": {
        "none": "Немає пропозицій для перегляду. Чудово.",
        "no_store": "Для /review потрібна база розмов (DATABASE_PATH).",
        "progress": "Пропозиція {n} з {total}",
        "proposed": "Пропонуємо додати до «{label}» ({entry}).",
        "no_entry": "Жоден запис не близький: виберіть запис або позначте як поза темою.",
        "score": "Оцінка зараз {before}, після додавання {after}{answered}.",
        "answered": " (бот відповість)",
        "blocked": "Не можна прийняти як є: {why}",
        "accept": "Прийняти",
        "other": "Інший запис",
        "out_of_scope": "Поза темою",
        "reject": "Відхилити",
        "next": "Далі",
        "choose": "До якого запису додати?",
        "reloaded": "Бот уже відповідає з урахуванням цього.",
        "gone": "Щодо цієї пропозиції вже ухвалено рішення.",
        "digest": "Нових пропозицій для перегляду: {count}. /review",
    },
    "ru": {
        "none": "Нет предложений для просмотра. Отлично.",
        "no_store": "Для /review нужна база разговоров (DATABASE_PATH).",
        "progress": "Предложение {n} из {total}",
        "proposed": "Предлагаем добавить к «{label}» ({entry}).",
        "no_entry": "Ни одна запись не близка: выберите запись или отметьте как вне темы.",
        "score": "Оценка сейчас {before}, после добавления {after}{answered}.",
        "answered": " (бот ответит)",
        "blocked": "Нельзя принять как есть: {why}",
        "accept": "Принять",
        "other": "Другая запись",
        "out_of_scope": "Вне темы",
        "reject": "Отклонить",
        "next": "Дальше",
        "choose": "К какой записи добавить?",
        "reloaded": "Бот уже отвечает с учётом этого.",
        "gone": "По этому предложению уже принято решение.",
        "digest": "Новых предложений для просмотра: {count}. /review",
    },
}

REASONS: dict[str, dict[Reason, str]] = {
    "en": {
        Reason.DID_YOU_MEAN: "Picked from “did you mean”",
        Reason.REPHRASED: "Answered, then asked again in other words",
        Reason.NOT_HELPFUL: "The answer was marked not helpful",
        Reason.DECLINED: "The bot declined it",
        Reason.HELP: "The bot gave the help reply",
    },
    "uk": {
        Reason.DID_YOU_MEAN: "Вибрано з «можливо, ви мали на увазі»",
        Reason.REPHRASED: "Після відповіді перепитали іншими словами",
        Reason.NOT_HELPFUL: "Відповідь позначили як некорисну",
        Reason.DECLINED: "Бот не відповів",
        Reason.HELP: "Бот дав відповідь про допомогу",
    },
    "ru": {
        Reason.DID_YOU_MEAN: "Выбрано из «возможно, вы имели в виду»",
        Reason.REPHRASED: "После ответа переспросили другими словами",
        Reason.NOT_HELPFUL: "Ответ отметили как бесполезный",
        Reason.DECLINED: "Бот не ответил",
        Reason.HELP: "Бот дал ответ о помощи",
    },
}


def text(key: str, lang: str, **values: object) -> str:
    return TEXTS.get(lang, TEXTS["en"])[key].format(**values)


def reason(r: Reason, lang: str) -> str:
    return REASONS.get(lang, REASONS["en"])[r]
