"""Suggestions and decisions as staff read them (text, cut to a readable width) and as tools read them (JSON)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.knowledge import KnowledgeBase
from bot.learning.model import Decision, Reason, Suggestion
from bot.storage.display import cut, shown

SHOWN_QUESTIONS = 3  # wordings listed per suggestion in text; JSON has them all

REASONS = {
    Reason.DID_YOU_MEAN: "picked from 'did you mean'",
    Reason.REPHRASED: "asked again in other words",
    Reason.NOT_HELPFUL: "answer marked not helpful",
    Reason.DECLINED: "the bot declined it",
    Reason.HELP: "the bot gave the help reply",
}


def label(kb: KnowledgeBase, entry_id: str | None, lang: str) -> str | None:
    entry = kb.entries.get(entry_id or "")
    return entry.label(lang) if entry is not None else None


def suggestion_json(s: Suggestion, kb: KnowledgeBase) -> dict[str, Any]:
    lang = (s.phrasing or s.questions[0]).lang
    return {
        "id": s.id,
        "reason": str(s.reason),
        "questions": [{"text": q.text, "lang": q.lang, "count": q.count} for q in s.questions],
        "entry_id": s.entry_id,
        "label": label(kb, s.entry_id, lang),
        "candidates": list(s.candidates),
        "score": s.score,
        "score_after": s.score_after,
        "answered_after": s.answered_after,
        "blocked": s.blocked,
    }


def suggestion_lines(s: Suggestion, kb: KnowledgeBase) -> list[str]:
    lang = (s.phrasing or s.questions[0]).lang
    target = f"→ {s.entry_id} ({shown(label(kb, s.entry_id, lang) or '')})" if s.entry_id else "→ no entry close"
    after = ""
    if s.score_after is not None:
        after = f", score {s.score} → {s.score_after}" + (" (answered)" if s.answered_after else " (not yet answered)")
    lines = [f"{s.id}  {s.reason}: {REASONS[s.reason]}, {s.count}×", f"    {target}{after}"]
    lines += [f"    {q.lang}  {q.count:>3}×  {shown(q.text)}" for q in s.questions[:SHOWN_QUESTIONS]]
    if len(s.questions) > SHOWN_QUESTIONS:
        lines.append(f"    … and {len(s.questions) - SHOWN_QUESTIONS} more wordings")
    if s.candidates:
        lines.append(f"    candidates: {', '.join(s.candidates)}")
    if s.blocked:
        lines.append(f"    blocked: {shown(s.blocked)}")
    return [cut(line) for line in lines]


def suggestions_text(found: list[Suggestion], kb: KnowledgeBase, since: timedelta) -> str:
    now = datetime.now(UTC)
    lines = [
        f"{len(found)} suggestion(s) from questions since {now - since:%Y-%m-%d %H:%M} UTC.",
        "Accept one: iom-bot suggest --accept ID [--entry ENTRY_ID] [--text '...']; or --reject, --out-of-scope, "
        "--help-cue ID.",
    ]
    for s in found:
        lines += ["", *suggestion_lines(s, kb)]
    return "\n".join(cut(line, 120) for line in lines) + "\n"


def history_text(decisions: list[Decision]) -> str:
    if not decisions:
        return "No decisions yet.\n"
    lines = [
        cut(
            f"{datetime.fromtimestamp(d.at, UTC):%Y-%m-%d %H:%M}  {d.action:<12}  {d.suggestion}  by {d.user[:8]}  "
            f"{d.entry_id or '-'}  {d.lang}  {shown(d.text)}"
        )
        for d in decisions
    ]
    return "\n".join(lines) + "\n"
