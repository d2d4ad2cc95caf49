from __future__ import annotations

from bot.engine import Engine, Reply, ReplyKind
from bot.transport import keyboards


def _data(markup) -> list[str]:
    return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]


def test_answer_keyboard_has_more_links_follow_ups_then_feedback(engine: Engine) -> None:
    reply = engine.reply_for("donors-2017", "en")
    assert reply.more and reply.links, "the knowledge changed: pick an entry with details and links"
    markup = keyboards.for_reply(reply, engine.kb, "0a1b2c3d")
    assert _data(markup) == [
        "m:en:donors-2017",
        *(f"q:{r}" for r in reply.related),
        "fb:1:0a1b2c3d:donors-2017",
        "fb:0:0a1b2c3d:donors-2017",
    ]
    assert markup.inline_keyboard[0][0].text == engine.kb.text("more_button", "en")
    link_rows = markup.inline_keyboard[1 : 1 + len(reply.links)]
    assert [(row[0].text, row[0].url) for row in link_rows] == [(link.title, link.url) for link in reply.links]
    labels = [b.text for b in markup.inline_keyboard[-1]]
    assert labels == [engine.kb.text("helpful", "en"), engine.kb.text("not_helpful", "en")]


def test_an_answer_without_details_has_no_more_button(engine: Engine) -> None:
    reply = engine.reply_for("bot-human", "uk")
    assert reply.more is None, "the knowledge changed: pick an entry without details"
    assert not any(d.startswith("m:") for d in _data(keyboards.for_reply(reply, engine.kb, "0a1b2c3d")))


def test_suggestions_carry_the_ref(engine: Engine) -> None:
    reply = Reply(ReplyKind.SUGGEST, "uk", "?", suggestions=("iom-who", "iom-aim"))
    markup = keyboards.for_reply(reply, engine.kb, "00ff00ff")
    assert _data(markup) == ["c:00ff00ff:iom-who", "c:00ff00ff:iom-aim"]
    assert markup.inline_keyboard[0][0].text == engine.kb.entries["iom-who"].label("uk")


def test_decline_offers_topics_and_website(engine: Engine) -> None:
    markup = keyboards.for_reply(Reply(ReplyKind.DECLINE, "ru", "?"), engine.kb, "00000000")
    assert _data(markup) == [f"t:{t.id}" for t in engine.kb.topics]
    assert markup.inline_keyboard[-1][0].url == f"https://{engine.kb.ui.website}"


def test_smalltalk_has_no_keyboard(engine: Engine) -> None:
    assert keyboards.for_reply(Reply(ReplyKind.SMALLTALK, "en", "hi"), engine.kb, "00000000") is None


def test_all_callback_data_fits_in_64_bytes(engine: Engine) -> None:
    for entry in engine.kb.entries.values():
        for lang in ("uk", "ru", "en"):
            markup = keyboards.for_reply(engine.reply_for(entry.id, lang), engine.kb, "ffffffff")
            assert all(len(d.encode()) <= 64 for d in _data(markup))
            assert _data(markup)[-1] == f"fb:0:ffffffff:{entry.id}"  # nothing was left out


def test_too_long_data_is_left_out_not_sent() -> None:
    assert keyboards.data("q", "x" * 70) is None
    assert keyboards.data("q", "x" * 62) == "q:" + "x" * 62


def test_without_one_kind_keeps_the_rest(engine: Engine) -> None:
    markup = keyboards.for_reply(engine.reply_for("donors-2017", "en"), engine.kb, "0a1b2c3d")
    for kind in (keyboards.FEEDBACK, keyboards.MORE):
        kept = keyboards.without(markup, kind)
        assert _data(kept) == [d for d in _data(markup) if not d.startswith(f"{kind}:")]
        assert [b.url for row in kept.inline_keyboard for b in row if b.url] == [
            link.url for link in engine.reply_for("donors-2017", "en").links
        ]
    assert keyboards.without(None, keyboards.MORE) is None


def test_topics_and_languages(engine: Engine) -> None:
    assert _data(keyboards.topics(engine.kb, "en")) == [f"t:{t.id}" for t in engine.kb.topics]
    first = engine.kb.topics[0]
    assert _data(keyboards.topic_questions(engine.kb, first.id, "en")) == [
        f"q:{e.id}" for e in engine.kb.topic_entries(first.id)
    ]
    assert _data(keyboards.languages(engine.kb)) == ["lang:uk", "lang:ru", "lang:en"]
    assert 0 < len(_data(keyboards.examples(engine.kb, "uk"))) <= keyboards.EXAMPLES
