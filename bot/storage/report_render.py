"""The staff report as text (to read), CSV (for a spreadsheet: one row per item) or JSON (for tools)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from bot.storage.display import cut, shown

if TYPE_CHECKING:
    from bot.storage.report import Report

FORMATS = ("text", "csv", "json")
KINDS = {
    "answer": "answered",
    "suggest": "did you mean",
    "decline": "declined",
    "help": "help reply",
    "smalltalk": "small talk",
}


def render(report: Report, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    return {"text": _text, "csv": _csv, "json": _json}[fmt](report)


def _text(r: Report) -> str:
    total = r.questions or 1
    kinds = ", ".join(f"{KINDS.get(kind, kind)} {n}" for kind, n in r.kinds.items())
    langs = ", ".join(f"{lang} {n} ({n * 100 // total}%)" for lang, n in r.languages.items())
    lines = [
        f"Questions from {r.since:%Y-%m-%d %H:%M} to {r.until:%Y-%m-%d %H:%M} UTC: {r.questions}"
        + (f" ({kinds})" if kinds else ""),
        f"Languages: {langs or '-'}",
        "",
        f"Declined questions, grouped by similarity ({sum(g.count for g in r.declined)} in {len(r.declined)} groups):",
    ]
    for group in r.declined:
        lines.append(f"{group.count:>6}  {shown(group.examples[0])}")
        lines.extend(f"        | {shown(example)}" for example in group.examples[1:])
    width = max((len(entry) for entry in [*(u.entry_id for u in r.entries), *r.choices]), default=5)
    lines += ["", "Entries by use:", f"  {'entry':<{width}}  answers  helpful  not helpful"]
    lines.extend(f"  {u.entry_id:<{width}}  {u.answered:>7}  {u.helpful:>7}  {u.not_helpful:>11}" for u in r.entries)
    lines += ["", '"Did you mean" choices people picked:', f"  {'entry':<{width}}  times  after asking"]
    lines.extend(f"  {e:<{width}}  {g.count:>5}  {' | '.join(map(shown, g.examples))}" for e, g in r.choices.items())
    return "\n".join(map(cut, lines)) + "\n"


def _csv(r: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("section", "key", "count", "helpful", "not_helpful", "examples"))
    writer.writerow(("period", f"{r.since.isoformat()}/{r.until.isoformat()}", r.questions, "", "", ""))
    writer.writerows(("kind", kind, n, "", "", "") for kind, n in r.kinds.items())
    writer.writerows(("language", lang, n, "", "", "") for lang, n in r.languages.items())
    writer.writerows(
        ("declined", shown(g.examples[0]), g.count, "", "", " | ".join(map(shown, g.examples))) for g in r.declined
    )
    writer.writerows(("entry", u.entry_id, u.answered, u.helpful, u.not_helpful, "") for u in r.entries)
    writer.writerows(("choice", e, g.count, "", "", " | ".join(map(shown, g.examples))) for e, g in r.choices.items())
    return out.getvalue()


def _json(r: Report) -> str:
    data = {
        "since": r.since.isoformat(),
        "until": r.until.isoformat(),
        "questions": r.questions,
        "kinds": r.kinds,
        "languages": r.languages,
        "declined": [{"count": g.count, "examples": list(g.examples)} for g in r.declined],
        "entries": [vars(use) for use in r.entries],
        "choices": [{"entry_id": e, "count": g.count, "examples": list(g.examples)} for e, g in r.choices.items()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
