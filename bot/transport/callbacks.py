"""Button presses: a question, a "did you mean" choice, feedback, a topic, a language, an answer's details."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler

from bot.engine import LANGS
from bot.transport import keyboards
from bot.transport.context import BotContext
from bot.transport.formatting import details_html, plain_html
from bot.transport.keyboards import CHOICE, FEEDBACK, LANGUAGE, MORE, QUESTION, TOPIC, TOPICS
from bot.transport.replies import send_entry, send_text

_ID = r"[a-z0-9][a-z0-9-]*"
_REF = r"[0-9a-f]{8}"


async def _answer_entry(update: Update, context: BotContext, entry_id: str) -> None:
    lang = await context.lang(update)
    if entry_id in context.kb.entries:
        await send_entry(update, context, entry_id, lang)
    else:  # the knowledge changed since the button was sent: offer the topics instead
        await send_text(update, context, context.kb.text("topics_title", lang), keyboards.topics(context.kb, lang))


async def question(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None
    await query.answer()
    await _answer_entry(update, context, context.matches[0]["entry"])


async def choice(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None
    match = context.matches[0]
    await query.answer()
    if context.store is not None:
        context.store.record_choice(query.from_user.id, match["ref"], match["entry"])
    await _answer_entry(update, context, match["entry"])


async def feedback(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None
    match = context.matches[0]
    if context.store is not None:
        context.store.record_feedback(query.from_user.id, match["ref"], match["entry"], match["helpful"] == "1")
    await query.answer(context.kb.text("feedback_thanks", await context.lang(update)))
    if isinstance(query.message, Message):  # once rated, the pair goes; the follow-ups stay
        await query.edit_message_reply_markup(keyboards.without(query.message.reply_markup, FEEDBACK))


async def details(update: Update, context: BotContext) -> None:
    """ "More": the same message grows the details under the gist, and the button goes, so the chat stays short and
    nothing scrolls away. The gist is taken from the message as shown, framing and note included."""
    query = update.callback_query
    assert query is not None and context.matches is not None
    await query.answer()
    lang, entry = context.matches[0]["lang"], context.kb.entries.get(context.matches[0]["entry"])
    if entry is None or not entry.more or not isinstance(query.message, Message):
        return  # the knowledge changed since the button was sent: the gist stays as it is
    html = details_html(query.message.text_html, entry.more[lang], lang, context.settings.retention_days)
    await query.edit_message_text(html, reply_markup=keyboards.without(query.message.reply_markup, MORE))


async def topic(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None
    await query.answer()
    lang = await context.lang(update)
    found = context.kb.topic(context.matches[0]["topic"])
    if found is None:
        await send_text(update, context, context.kb.text("topics_title", lang), keyboards.topics(context.kb, lang))
        return
    text = context.kb.text("topic_questions", lang, topic=found.titles[lang])
    await send_text(update, context, text, keyboards.topic_questions(context.kb, found.id, lang))


async def all_topics(update: Update, context: BotContext) -> None:
    """The topics, as /topics shows them: offered under the help reply for people who came to read."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    lang = await context.lang(update)
    await send_text(update, context, context.kb.text("topics_title", lang), keyboards.topics(context.kb, lang))


async def language(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None and context.user_data is not None
    lang = context.matches[0]["lang"]
    context.user_data["chosen_lang"] = lang
    if context.store is not None:
        context.store.set_language(query.from_user.id, lang)
    confirmation = context.kb.text("language_set", lang, language=context.kb.ui.languages[lang])
    if isinstance(query.message, Message) and query.message.chat.type == ChatType.PRIVATE:
        await query.answer()
        await query.edit_message_text(plain_html(confirmation))
    else:  # in a group the menu is everyone's: only the presser hears of their choice
        await query.answer(confirmation, show_alert=True)


async def stale(update: Update, _: BotContext) -> None:
    """A button this version does not know (sent by an older one): stop its spinner, nothing else."""
    assert update.callback_query is not None
    await update.callback_query.answer()


def handlers() -> list[CallbackQueryHandler]:
    return [
        CallbackQueryHandler(question, rf"^{QUESTION}:(?P<entry>{_ID})$"),
        CallbackQueryHandler(choice, rf"^{CHOICE}:(?P<ref>{_REF}):(?P<entry>{_ID})$"),
        CallbackQueryHandler(feedback, rf"^{FEEDBACK}:(?P<helpful>[01]):(?P<ref>{_REF}):(?P<entry>{_ID})$"),
        CallbackQueryHandler(topic, rf"^{TOPIC}:(?P<topic>{_ID})$"),
        CallbackQueryHandler(all_topics, rf"^{TOPICS}$"),
        CallbackQueryHandler(language, rf"^{LANGUAGE}:(?P<lang>{'|'.join(LANGS)})$"),
        CallbackQueryHandler(details, rf"^{MORE}:(?P<lang>{'|'.join(LANGS)}):(?P<entry>{_ID})$"),
        CallbackQueryHandler(stale),
    ]
