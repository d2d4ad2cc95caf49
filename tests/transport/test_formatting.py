from __future__ import annotations

from html import escape

import pytest

from bot.engine import Engine, Reply, ReplyKind, ReplyLink
from bot.knowledge.model import days
from bot.transport.formatting import details_html, inline_html, preview, reply_html


def test_everything_from_knowledge_is_escaped(engine: Engine) -> None:
    reply = Reply(
        ReplyKind.ANSWER, "en", "Tom & Jerry <script>alert(1)</script>", "x",
        links=(ReplyLink('a "quoted" <title>', 'https://example.org/?a=1&b="2"'),), more="<b>more</b> & more",
    )  # fmt: skip
    html = reply_html(reply, 90, note="<i>cut</i>")
    assert html == "<i>&lt;i&gt;cut&lt;/i&gt;</i>\n\nTom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;"
    assert details_html(html, reply.more, "en", 90) == f"{html}\n\n&lt;b&gt;more&lt;/b&gt; &amp; more"


def test_the_gist_comes_without_links_or_details(engine: Engine) -> None:
    reply = engine.reply_for("donors-2017", "en")
    assert reply_html(reply, 90) == escape(engine.kb.entries["donors-2017"].answers["en"])


def test_the_retention_period_is_written_out(engine: Engine) -> None:
    reply = engine.reply_for("bot-privacy", "uk")
    assert "{days}" in reply.body and "{days}" not in reply_html(reply, 21) and "21 день" in reply_html(reply, 21)
    assert "{days}" not in (reply.more or "") or "21 день" in details_html("", reply.more, "uk", 21)


def test_inline_shares_the_gist_and_a_link_to_the_bot(engine: Engine) -> None:
    reply = engine.reply_for("donors-2017", "ru")
    html = inline_html(reply, engine.kb, "IomTestBot", 90)
    assert html.startswith(escape(reply.body))
    assert html.endswith(
        f'<a href="https://t.me/IomTestBot?start=donors-2017">{engine.kb.text("inline_more", "ru")}</a>'
    )


def test_a_reply_without_links_is_its_body(engine: Engine) -> None:
    assert reply_html(Reply(ReplyKind.DECLINE, "uk", "Не знаю."), 90) == "Не знаю."


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
