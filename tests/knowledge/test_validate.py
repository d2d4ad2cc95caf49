"""The validator staff rely on: every problem reported as file:line, the knowledge refused when broken."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, check_knowledge, load_knowledge
from tests.conftest import KNOWLEDGE, MINI_TOPIC, write_knowledge


def _errors(folder: Path) -> list[str]:
    kb, findings = check_knowledge(folder)
    assert kb is None, "broken knowledge must not load"
    return [str(f) for f in findings if f.severity == "error"]


def _broken(tmp_path: Path, mutate) -> list[str]:
    topic = copy.deepcopy(MINI_TOPIC)
    mutate(topic)
    return _errors(write_knowledge(tmp_path / "k", topic=topic))


def test_shipped_knowledge_is_valid():
    kb, findings = check_knowledge(KNOWLEDGE)
    assert kb is not None, "\n".join(map(str, findings))
    assert len(kb.entries) >= 40


def test_mini_knowledge_loads(mini_knowledge: Path):
    kb = load_knowledge(mini_knowledge)
    assert set(kb.entries) == {"iom-since-1996", "donors"}
    assert kb.entries["donors"].as_of.isoformat() == "2017-11-27"
    assert kb.text("decline", "uk") == "decline (uk)"


def test_yaml_syntax_error_has_file_and_line(tmp_path: Path):
    folder = write_knowledge(tmp_path / "k")
    (folder / "about.yaml").write_text("topic: about\nentries:\n  - id: x\n    questions: [unclosed\n", "utf-8")
    (error,) = _errors(folder)
    assert error.startswith(f"{folder / 'about.yaml'}:")
    assert "YAML syntax" in error
    assert int(error.split(":")[1]) >= 4


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda t: t["entries"][0].update(colour="red"), "unknown key 'colour'"),
        (lambda t: t["entries"][0].pop("source"), "missing key 'source'"),
        (lambda t: t["entries"][0]["answer"].pop("ru"), "missing key 'ru'"),
        (lambda t: t["entries"][1].update(id="iom-since-1996"), "duplicate id 'iom-since-1996'"),
        (lambda t: t["entries"][0].update(related=["nope"]), "related id 'nope'"),
        (lambda t: t["entries"][0]["answer"].update(en=""), "answer of 'iom-since-1996' (en) is empty"),
        (lambda t: t["entries"][0].pop("label"), "missing key 'label'"),
        (lambda t: t["entries"][0]["label"].pop("uk"), "missing key 'uk'"),
        (lambda t: t["entries"][0]["more"].update(ru=""), "more of 'iom-since-1996' (ru) is empty"),
        (lambda t: t["entries"][0]["links"][0].update(url="ukraine iom int"), "not a valid http(s) URL"),
        (lambda t: t["entries"][1]["questions"]["en"].append("Since when is IOM in Ukraine?"), "also under"),
        (lambda t: t["entries"][1]["questions"]["en"].append("since WHEN is the IOM in Ukraine"), "means the same"),
        (lambda t: t["entries"][0].update(id="Bad Id"), "entry id must be"),
        (lambda t: t["entries"][1].update(as_of="last year"), "as_of must be a date"),
        (lambda t: t.update(topic="nowhere"), "topic 'nowhere' has no title"),
    ],
)
def test_each_problem_is_reported_with_its_line(tmp_path: Path, mutate, expected: str):
    errors = _broken(tmp_path, mutate)
    matching = [e for e in errors if expected in e]
    assert matching, errors
    file, line, _ = matching[0].split(":", 2)
    assert file.endswith("about.yaml")
    assert int(line) >= 1


LIMITS = [
    ("answer", "en", "x" * 301, "answer of 'iom-since-1996' (en) is 301 characters; at most 300"),
    ("answer", "uk", "Один. Два. Три.", "answer of 'iom-since-1996' (uk) has 3 sentences; at most 2"),
    ("more", "ru", "й" * 901, "more of 'iom-since-1996' (ru) is 901 characters; at most 900"),
    ("label", "en", "x" * 33, "label of 'iom-since-1996' (en) is 33 characters; at most 32"),
    ("today", "en", "I don't know. Nobody does.", "today of 'iom-since-1996' (en) has 2 sentences; at most 1"),
]


@pytest.mark.parametrize(("field", "lang", "text", "expected"), LIMITS)
def test_phone_limits_are_reported_at_the_line_of_the_text(tmp_path: Path, field, lang, text, expected):
    """Each limit points at the line of the over-long text, so staff land on it in their editor."""
    topic = copy.deepcopy(MINI_TOPIC)
    topic["entries"][0].setdefault(field, {"en": "a", "uk": "б", "ru": "в"})[lang] = text
    folder = write_knowledge(tmp_path / "k", topic=topic)
    (error,) = _errors(folder)
    lines = (folder / "about.yaml").read_text("utf-8").splitlines()
    file, line, message = error.split(":", 2)
    assert file == str(folder / "about.yaml") and expected in message
    assert lines[int(line) - 1].strip().startswith(f"{lang}:") and text in lines[int(line) - 1]


def test_sentences_are_counted_as_a_reader_counts_them():
    from bot.knowledge.loader import sentences

    assert sentences("In 2017 it was Dr. Thomas Lothar Weiss. He was new.") == 2
    assert sentences("H.E. Mr. Ole T. Horpestad and Уле Т. Хорпестад met her.") == 1
    assert sentences("He said: “More support is needed.” Then he left. 3–5 kg.") == 3
    assert sentences("One sentence, 3.8 million, ukraine.iom.int.") == 1


def test_shipped_gists_fit_a_phone():
    kb = load_knowledge(KNOWLEDGE)
    for entry in kb.entries.values():
        for lang in ("en", "uk", "ru"):
            assert len(entry.answers[lang]) <= 300 and len(entry.label(lang)) <= 32, (entry.id, lang)


def test_missing_interface_text_is_reported(tmp_path: Path):
    from tests.conftest import MINI_UI

    ui = copy.deepcopy(MINI_UI)
    del ui["texts"]["decline"]
    errors = _errors(write_knowledge(tmp_path / "k", ui=ui))
    assert any("ui.yaml" in e and "missing key 'decline'" in e for e in errors), errors


def test_interface_text_placeholders(tmp_path: Path):
    from tests.conftest import MINI_UI

    ui = copy.deepcopy(MINI_UI)
    ui["texts"]["privacy"]["en"] = "Kept for {days} at most; see {website}."
    kb = load_knowledge(write_knowledge(tmp_path / "ok", ui=ui))
    assert kb.text("privacy", "en", days="90 days") == "Kept for 90 days at most; see ukraine.iom.int."
    ui["texts"]["privacy"]["en"] = "Kept for {weeks} weeks."
    errors = _errors(write_knowledge(tmp_path / "bad", ui=ui))
    assert any("privacy (en): bad placeholder 'weeks'" in e and "{days}" in e for e in errors), errors


def test_similar_questions_warn_but_load(tmp_path: Path):
    topic = copy.deepcopy(MINI_TOPIC)
    topic["entries"][1]["questions"]["en"].append("Since when is IOM in Ukraine now")
    kb, findings = check_knowledge(write_knowledge(tmp_path / "k", topic=topic))
    assert kb is not None
    assert any(f.severity == "warning" and "very like" in f.message for f in findings)


def test_load_raises_with_all_findings(tmp_path: Path):
    def mutate(t):
        t["entries"][0].update(related=["nope"])
        t["entries"][1]["answer"].update(uk="")

    topic = copy.deepcopy(MINI_TOPIC)
    mutate(topic)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(write_knowledge(tmp_path / "k", topic=topic))
    assert len([f for f in info.value.findings if f.severity == "error"]) == 2


def test_out_of_scope_examples_need_no_answer_and_stay_out_of_menus(tmp_path: Path):
    folder = write_knowledge(tmp_path / "k")
    (folder / "out_of_scope.yaml").write_text(
        "topic: out-of-scope\nentries:\n  - id: oos-weather\n    questions:\n"
        "      en: [weather tomorrow]\n      uk: [погода завтра]\n      ru: [погода завтра в городе]\n",
        "utf-8",
    )
    kb = load_knowledge(folder)
    assert [e.id for e in kb.out_of_scope] == ["oos-weather"]
    assert "oos-weather" not in kb.entries
    assert all(t.id != "out-of-scope" for t in kb.topics)


def _with_synonyms(tmp_path: Path, text: str) -> Path:
    folder = write_knowledge(tmp_path / "k")
    (folder / "synonyms.yaml").write_text(text, "utf-8")
    return folder


def test_synonyms_file_is_checked(tmp_path: Path):
    errors = _errors(_with_synonyms(tmp_path, "synonyms:\n  - [donor, sponsor]\n  - [sponsor, funder]\n  - [alone]\n"))
    assert any("synonyms.yaml:3:" in e and "'sponsor' is also in the synonym group at line 2" in e for e in errors)
    assert any("synonyms.yaml:4:" in e and "at least two words" in e for e in errors)


def test_a_missing_folder_is_named_as_missing(tmp_path: Path):
    _, findings = check_knowledge(tmp_path / "no-such-folder")
    assert [f.message for f in findings] == ["the knowledge folder does not exist (KNOWLEDGE_DIR or --knowledge)"]
    _, findings = check_knowledge(tmp_path)  # a folder, but empty
    assert [f.message for f in findings] == ["no *.yaml knowledge files found here"]


def test_names_are_groups_of_one_name_and_also_synonyms(tmp_path: Path):
    good = "synonyms:\n  - [donor, sponsor]\nnames:\n  - [norway, норвегія]\n  - [weiss]\n"
    errors = _errors(_with_synonyms(tmp_path / "bad", good + "  - [sponsor]\n"))
    assert any("synonyms.yaml:6:" in e and "'sponsor' is also in the synonym group at line 2" in e for e in errors)
    kb = load_knowledge(_with_synonyms(tmp_path / "good", good))
    assert kb.names == (("norway", "норвегія"), ("weiss",))
    assert kb.synonyms == (("donor", "sponsor"), ("norway", "норвегія"), ("weiss",))  # names are matched as synonyms


def test_labelled_messages_are_checked_and_loaded(tmp_path: Path):
    def folder(name: str, other_en: str) -> Path:
        f = write_knowledge(tmp_path / name)
        text = "help:\n  en: [no money for rent]\n  uk: [нема грошей]\n  ru: [нет денег]\n"
        text += "unknown:\n  en: [how old is weiss]\n  uk: [скільки років Вайсу]\n  ru: [сколько лет Вайсу]\n"
        text += f"other:\n  en: [{other_en}]\n  uk: [хто такий Вайс]\n  ru: [кто такой Вайс]\n"
        (f / "messages.yaml").write_text(text, "utf-8")
        return f

    errors = _errors(folder("both", "No money  for rent"))  # the same message under two labels
    assert any("messages.yaml:10:" in e and "also under help" in e for e in errors)
    errors = _errors(folder("twice", "How old is  Weiss"))
    assert any("messages.yaml:10:" in e and "also under unknown" in e for e in errors)
    kb = load_knowledge(folder("good", "who funded the libraries"))
    assert kb.help is not None and kb.help.messages is not None
    assert kb.help.messages.help["en"] == ("no money for rent",)
    assert kb.help.messages.other["ru"] == ("кто такой Вайс",)
    assert kb.help.messages.unknown["uk"] == ("скільки років Вайсу",)
    assert load_knowledge(write_knowledge(tmp_path / "none")).help.messages is None  # the file is optional
