"""/review for the accounts in ADMIN_IDS: the suggested phrasings one per message, decided with a button.

Buttons: Accept · Other entry (the top candidates) · Out of scope · Reject · Next. A decision is made by
bot.learning off the event loop (reading the store, editing the knowledge, validating), then the knowledge is
reloaded, so the next question is answered with it. Anyone else gets no /review (no answer, as any unknown
command) and their presses of review buttons do nothing. The weekly digest (REVIEW_DIGEST=weekly) tells
admins how many suggestions wait.

Callback data: "rv:<action>:<suggestion id>[:<entry id>]", action a(ccept), o(ther), x (out of scope),
r(eject), n(ext).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.learning import Learning, LearningError, Suggestion, SuggestionGone
from bot.storage.display import cut, shown
from bot.transport import review_texts as t
from bot.transport.admin import MAX_TEXT
from bot.transport.context import DEFAULT_LANG, BotContext
from bot.transport.formatting import plain_html
from bot.transport.keyboards import data

if TYPE_CHECKING:
    from bot.transport.context import BotApplication

log = logging.getLogger(__name__)

REVIEW = "rv"
ACCEPT, OTHER, OUT_OF_SCOPE, REJECT, NEXT = "a", "o", "x", "r", "n"
ACTIONS = {ACCEPT: "accept", OUT_OF_SCOPE: "out of scope", REJECT: "reject"}  # for the log
SHOWN_QUESTIONS = 5
QUESTION_WIDTH = 200  # characters of a question shown in a message
DIGEST_EVERY = timedelta(weeks=1)
SKIPPED = "review_skipped"  # user_data: suggestion ids passed with Next in this /review


def _learning(context: BotContext) -> Learning | None:
    settings = context.settings
    if settings.database_path is None or context.store is None:
        return None
    return Learning(settings.database_path, settings.knowledge_dir, settings.learned_path)


async def _open(loop: Learning, context: BotContext, **options: Any) -> list[Suggestion]:
    """The open suggestions, once the store has written what it holds (the questions just asked too)."""
    assert context.store is not None
    await context.store.flush()
    return await asyncio.to_thread(functools.partial(loop.suggestions, **options))


def _message(s: Suggestion, context: BotContext, lang: str, n: int, total: int) -> str:
    kb = context.kb
    lines = [t.text("progress", lang, n=n, total=total), f"{t.reason(s.reason, lang)} · {s.count}×", ""]
    lines += [f"{q.lang} · {q.count}× · «{cut(shown(q.text), QUESTION_WIDTH)}»" for q in s.questions[:SHOWN_QUESTIONS]]
    if len(s.questions) > SHOWN_QUESTIONS:
        lines.append(f"… +{len(s.questions) - SHOWN_QUESTIONS}")
    lines.append("")
    entry = kb.entries.get(s.entry_id or "")
    if entry is not None:
        lines.append(t.text("proposed", lang, label=entry.label(lang), entry=entry.id))
        if s.score_after is not None:
            answered = t.text("answered", lang) if s.answered_after else ""
            lines.append(t.text("score", lang, before=s.score, after=s.score_after, answered=answered))
    else:
        lines.append(t.text("no_entry", lang))
    if s.blocked:
        lines.append(t.text("blocked", lang, why=shown(s.blocked)))
    return "\n".join(lines)


def _buttons(s: Suggestion, lang: str) -> InlineKeyboardMarkup:
    def button(key: str, action: str) -> list[InlineKeyboardButton]:
        callback = data(REVIEW, action, s.id)
        return [InlineKeyboardButton(t.text(key, lang), callback_data=callback)] if callback else []

    first = [*(button("accept", ACCEPT) if s.entry_id and not s.blocked else []), *button("other", OTHER)]
    return InlineKeyboardMarkup(
        [first, [*button("out_of_scope", OUT_OF_SCOPE), *button("reject", REJECT), *button("next", NEXT)]]
    )


def _candidates(s: Suggestion, context: BotContext, lang: str) -> InlineKeyboardMarkup:
    kb = context.kb
    rows = [
        [InlineKeyboardButton(kb.entries[e].label(lang), callback_data=callback)]
        for e in s.candidates
        if e in kb.entries and (callback := data(REVIEW, ACCEPT, s.id, e))
    ]
    rows.append([InlineKeyboardButton(t.text("next", lang), callback_data=data(REVIEW, NEXT, s.id))])
    return InlineKeyboardMarkup(rows)


async def _show_next(update: Update, context: BotContext, loop: Learning, lang: str) -> None:
    assert update.effective_chat is not None and context.user_data is not None
    skipped: set[str] = context.user_data.setdefault(SKIPPED, set())
    try:
        found = await _open(loop, context, rescored=False)  # only the one shown is rescored
        waiting = [s for s in found if s.id not in skipped]
        shown_now = await asyncio.to_thread(loop.rescored, waiting[0]) if waiting else None
    except LearningError as exc:  # the knowledge on disk is broken, or the database unreadable: say so
        await update.effective_chat.send_message(plain_html(str(exc)[:MAX_TEXT]))
        return
    if shown_now is None:
        await update.effective_chat.send_message(plain_html(t.text("none", lang)))
        return
    n = len(found) - len(waiting) + 1
    await update.effective_chat.send_message(
        plain_html(_message(shown_now, context, lang, n, len(found))), reply_markup=_buttons(shown_now, lang)
    )


async def review_command(update: Update, context: BotContext) -> None:
    lang = await context.lang(update)
    loop = _learning(context)
    if loop is None:
        if update.effective_chat:
            await update.effective_chat.send_message(plain_html(t.text("no_store", lang)))
        return
    if context.user_data is not None:
        context.user_data[SKIPPED] = set()
    await _show_next(update, context, loop, lang)


async def review_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and context.matches is not None
    if query.from_user.id not in context.settings.admin_ids:
        await query.answer()
        return
    action, suggestion_id, entry_id = context.matches[0].group("action", "id", "entry")
    lang = await context.lang(update)
    loop = _learning(context)
    await query.answer()
    if loop is None or context.store is None:
        return
    if action == NEXT:
        if context.user_data is not None:
            context.user_data.setdefault(SKIPPED, set()).add(suggestion_id)
        await _show_next(update, context, loop, lang)
        return
    try:
        suggestion = await asyncio.to_thread(loop.find, suggestion_id)
    except SuggestionGone:
        await _conclude(query.message, t.text("gone", lang))
        return
    except LearningError as exc:
        await _conclude(query.message, str(exc), keep=True)
        return
    if action == OTHER:
        await _conclude(query.message, t.text("choose", lang), markup=_candidates(suggestion, context, lang))
        return
    admin = context.store.pseudonym(query.from_user.id)
    try:
        if action == ACCEPT:
            outcome = await asyncio.to_thread(loop.accept, suggestion, admin, entry_id)
        elif action == OUT_OF_SCOPE:
            outcome = await asyncio.to_thread(loop.out_of_scope, suggestion, admin)
        else:
            outcome = await asyncio.to_thread(loop.reject, suggestion, admin)
    except LearningError as exc:
        await _conclude(query.message, str(exc), keep=True)
        return
    log.info("review: %s on suggestion %s", ACTIONS[action], suggestion_id)
    said = outcome.message
    if outcome.edit is not None:
        reloader = context.bot_data.reloader
        assert reloader is not None  # built with every application (app.py)
        reloaded = await reloader.reload("review")
        said += "\n" + (t.text("reloaded", lang) if reloaded.ok else reloaded.text)
    await _conclude(query.message, said)
    await _show_next(update, context, loop, lang)


async def _conclude(message: object, note: str, keep: bool = False, markup: InlineKeyboardMarkup | None = None) -> None:
    """The suggestion's message with a note: what became of it (its buttons gone), why not (`keep` them), or a
    question with other buttons (`markup`)."""
    if not isinstance(message, Message):
        return
    text = f"{message.text or ''}\n\n{note}"
    try:
        buttons = markup or (message.reply_markup if keep else None)
        await message.edit_text(plain_html(text[:MAX_TEXT]), reply_markup=buttons)
    except TelegramError as exc:
        log.warning("review: could not update the message: %s", exc)


async def digest(context: BotContext) -> None:
    """The weekly word to admins: how many suggestions came from the week's questions (nothing when none)."""
    loop = _learning(context)
    if loop is None:
        return
    try:
        count = len(await _open(loop, context, since=DIGEST_EVERY, rescored=False))
    except LearningError as exc:
        log.warning("review digest skipped: %s", exc)
        return
    if count == 0:
        return
    for admin_id in context.settings.admin_ids:
        lang = await _admin_lang(context, admin_id)
        try:
            await context.bot.send_message(admin_id, plain_html(t.text("digest", lang, count=count)))
        except TelegramError as exc:
            log.warning("could not send the review digest to an admin: %s", exc)


async def _admin_lang(context: BotContext, admin_id: int) -> str:
    stored = await context.store.get_language(admin_id) if context.store else None
    return stored or DEFAULT_LANG


def schedule_digest(application: BotApplication) -> None:
    """REVIEW_DIGEST=weekly: the digest every week from the start (PTB's JobQueue)."""
    if application.job_queue is None:
        log.warning("REVIEW_DIGEST is set but the job queue is not installed (python-telegram-bot[job-queue])")
        return
    application.job_queue.run_repeating(digest, interval=DIGEST_EVERY, first=DIGEST_EVERY, name="review-digest")


def handlers(
    admin_ids: Iterable[int],
) -> list[CommandHandler[BotContext, None] | CallbackQueryHandler[BotContext, None]]:
    admins = filters.User(user_id=list(admin_ids)) & filters.ChatType.PRIVATE
    actions = ACCEPT + OTHER + OUT_OF_SCOPE + REJECT + NEXT
    pattern = rf"^{REVIEW}:(?P<action>[{actions}]):(?P<id>[0-9a-f]+)(?::(?P<entry>[a-z0-9-]+))?$"
    return [CommandHandler("review", review_command, filters=admins), CallbackQueryHandler(review_button, pattern)]
