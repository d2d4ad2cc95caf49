from __future__ import annotations

import pytest

from bot.engine import Engine, Reply, ReplyKind, ReplyLink
from bot.transport.formatting import days, preview, reply_html


def test_everything_from_knowledge_is_escaped(engine: Engine) -> None:
    reply = Reply(
        ReplyKind.ANSWER, "en", "Tom & Jerry <script>alert(1)</script>", "x",
        links=(ReplyLink('a "quoted" <title>', 'https://example.org/?a=1&b="2"'),),
    )  # fmt: skip
    html = reply_html(reply, engine.kb, note="<i>cut</i>")
    assert html == (
        "<i>&lt;i&gt;cut&lt;/i&gt;</i>\n\n"
        "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;\n\n"
        f"{engine.kb.text('more', 'en')}\n"
        '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">a &quot;quoted&quot; &lt;title&gt;</a>'
    )


def test_a_reply_without_links_is_its_body(engine: Engine) -> None:
    assert reply_html(Reply(ReplyKind.DECLINE, "uk", "Не знаю."), engine.kb) == "Не знаю."


def test_preview_cuts_at_a_word() -> None:
    assert preview("short   text") == "short text"
    cut = preview("word " * 100, limit=22)
    assert cut == "word word word word…"


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (1, "en", "1 day"), (90, "en", "90 days"),
        (1, "uk", "1 день"), (21, "uk", "21 день"), (3, "uk", "3 дні"), (11, "uk", "11 днів"), (14, "uk", "14 днів"),
        (90, "uk", "90 днів"), (1, "ru", "1 день"), (22, "ru", "22 дня"), (12, "ru", "12 дней"), (90, "ru", "90 дней"),
    ],
)  # fmt: skip
def test_days_agree_with_the_number(count: int, lang: str, expected: str) -> None:
    assert days(count, lang) == expected
