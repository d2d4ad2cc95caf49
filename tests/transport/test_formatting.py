from __future__ import annotations

from bot.engine import Engine, Reply, ReplyLink
from bot.transport.formatting import preview, reply_html


def test_everything_from_knowledge_is_escaped(engine: Engine) -> None:
    reply = Reply(
        "answer", "en", "Tom & Jerry <script>alert(1)</script>", "", "x",
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
    assert reply_html(Reply("decline", "uk", "Не знаю.", "Не знаю."), engine.kb) == "Не знаю."


def test_preview_cuts_at_a_word() -> None:
    assert preview("short   text") == "short text"
    cut = preview("word " * 100, limit=22)
    assert cut == "word word word word…"
