"""The slash commands: /start (with deep links), /topics, /language, /help, /about, /privacy, /forget."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import CommandHandler, ExtBot

from bot.engine import LANGS
from bot.knowledge import KnowledgeBase
from bot.knowledge.model import days
from bot.transport import keyboards
from bot.transport.context import DEFAULT_LANG, BotContext
from bot.transport.replies import send_entry, send_text

COMMANDS = ("start", "topics", "language", "help", "about", "privacy", "forget")


async def start(update: Update, context: BotContext) -> None:
    lang = await context.lang(update)
    entry_id = context.args[0] if context.args else None
    if entry_id in context.kb.entries:  # deep link t.me/<bot>?start=<entry_id>
        await send_entry(update, context, entry_id, lang)
        return
    kb = context.kb
    text = f"{kb.text('greeting', lang)}\n\n{kb.text('examples_title', lang)}"
    await send_text(update, context, text, keyboards.examples(kb, lang))


async def topics(update: Update, context: BotContext) -> None:
    lang = await context.lang(update)
    await send_text(update, context, context.kb.text("topics_title", lang), keyboards.topics(context.kb, lang))


async def language(update: Update, context: BotContext) -> None:
    lang = await context.lang(update)
    await send_text(update, context, context.kb.text("choose_language", lang), keyboards.languages(context.kb))


async def help_(update: Update, context: BotContext) -> None:
    await send_text(update, context, context.kb.text("help", await context.lang(update)))


async def about(update: Update, context: BotContext) -> None:
    await send_text(update, context, context.kb.text("about", await context.lang(update)))


async def privacy(update: Update, context: BotContext) -> None:
    lang = await context.lang(update)
    period = days(context.settings.retention_days, lang)
    await send_text(update, context, context.kb.text("privacy", lang, days=period))


async def forget(update: Update, context: BotContext) -> None:
    lang = await context.lang(update)
    if context.store is not None and update.effective_user:
        await context.store.forget(update.effective_user.id)
    if context.user_data is not None:
        context.user_data.clear()
    await send_text(update, context, context.kb.text("forget_done", lang))


def handlers() -> list[CommandHandler]:
    callbacks = (start, topics, language, help_, about, privacy, forget)
    return [CommandHandler(name, callback) for name, callback in zip(COMMANDS, callbacks, strict=True)]


async def register_commands(bot: ExtBot, kb: KnowledgeBase) -> None:
    """The command menu in each language (setMyCommands), and the default one for everyone else."""
    for lang in (*LANGS, None):
        menu = [BotCommand(name, kb.text(f"cmd_{name}", lang or DEFAULT_LANG)) for name in COMMANDS]
        await bot.set_my_commands(menu, language_code=lang)
