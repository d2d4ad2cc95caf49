"""Texts people typed, made safe to show staff: in a terminal, a spreadsheet or a chat message.

A question may carry control characters (which move a terminal's cursor or ring its bell) or bidirectional
overrides (which make "reject" read as "tcejer" or reorder a whole report line). Staff see them removed, and
long questions cut to a readable width with an ellipsis, so one line of a report stays one line.
"""

from __future__ import annotations

import unicodedata

WIDTH = 100  # characters of a report line: readable in an 80-120 column terminal and a chat bubble


def shown(text: str) -> str:
    """The text without control, format (bidi, zero-width) or unassigned characters; runs of space as one."""
    return " ".join("".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text).split())


def cut(line: str, width: int = WIDTH) -> str:
    """The line, or its first width-1 characters and an ellipsis."""
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
