"""Shared fixtures: the shipped knowledge and a small, valid knowledge folder tests can break on purpose."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.knowledge.loader import TEXT_KEYS

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"


def _tri(text: str) -> dict[str, str]:
    return {"en": f"{text} (en)", "uk": f"{text} (uk)", "ru": f"{text} (ru)"}


MINI_UI = {
    "website": "ukraine.iom.int",
    "languages": {"en": "English", "uk": "Українська", "ru": "Русский"},
    "topics": {"about": {"en": "About IOM", "uk": "Про МОМ", "ru": "О МОМ"}},
    "texts": {key: _tri(key) for key in TEXT_KEYS},
    "smalltalk": {
        "greeting": {"phrases": {"en": ["hi", "hello"], "uk": ["привіт"], "ru": ["привет"]}, "reply": _tri("hello")},
    },
}
MINI_TOPIC = {
    "topic": "about",
    "entries": [
        {
            "id": "iom-since-1996",
            "label": {"en": "Since when?", "uk": "Відколи?", "ru": "С каких пор?"},
            "questions": {
                "en": ["Since when is IOM in Ukraine?", "how long has IOM worked in Ukraine", "IOM arrival year"],
                "uk": ["Відколи МОМ в Україні?", "як довго МОМ працює в Україні", "рік приходу МОМ"],
                "ru": ["С какого года МОМ в Украине?", "как долго МОМ работает в Украине", "год прихода МОМ"],
            },
            "answer": {"en": "Since 1996.", "uk": "З 1996 року.", "ru": "С 1996 года."},
            "more": {
                "en": "Its mission opened then.",
                "uk": "Тоді відкрилося представництво.",
                "ru": "Тогда открылось представительство.",
            },
            "links": [
                {
                    "url": "https://ukraine.iom.int/news/iom-unhcr-and-ngo-forum-jointly-assess-needs-donbas",
                    "title": _tri("news"),
                }
            ],
            "related": ["donors"],
            "source": "seed L3",
        },
        {
            "id": "donors",
            "label": {"en": "Donors", "uk": "Донори", "ru": "Доноры"},
            "questions": {
                "en": ["Who funded the projects?", "donors", "who paid for the grants"],
                "uk": ["Хто фінансував проєкти?", "донори", "хто платив за гранти"],
                "ru": ["Кто финансировал проекты?", "доноры", "кто платил за гранты"],
            },
            "answer": {"en": "The EU and others.", "uk": "ЄС та інші.", "ru": "ЕС и другие."},
            "today": {
                "en": "I don't know today's donors.",
                "uk": "Я не знаю нинішніх донорів.",
                "ru": "Я не знаю нынешних доноров.",
            },
            "source": "seed L18",
            "as_of": "2017-11-27",
        },
    ],
}


MINI_HELP = {
    "replies": {"help": _tri("I cannot register you; see {website}"), "emergency": _tri("Call emergency services")},
    "cues": {
        "alone": {"en": ["help"], "uk": ["допомога"], "ru": ["помощь"]},
        "plea": {"en": ["please help"], "uk": ["допоможіть"], "ru": ["помогите"]},
        "danger": {"en": ["shelling"], "uk": ["обстріл*"], "ru": ["обстрел*"]},
        "need": {"en": ["money"], "uk": ["грош*"], "ru": ["деньг*"]},
        "context": {"en": ["grant*"], "uk": ["грант*"], "ru": ["грант*"]},
        "request": {"en": ["i", "my"], "uk": ["мені"], "ru": ["мне"]},
        "history": {"en": ["2017"], "uk": ["2017"], "ru": ["2017"]},
        "giving": {"en": ["donate"], "uk": ["пожертв*"], "ru": ["пожертв*"]},
        "receiving": {"en": ["get"], "uk": ["отрима*"], "ru": ["получ*"]},
    },
    "examples": {"en": ["I need help"], "uk": ["мені потрібна допомога"], "ru": ["мне нужна помощь"]},
}


def write_knowledge(folder: Path, ui: dict | None = None, topic: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "help.yaml").write_text(yaml.safe_dump(MINI_HELP, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "ui.yaml").write_text(yaml.safe_dump(ui or MINI_UI, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "about.yaml").write_text(
        yaml.safe_dump(topic or MINI_TOPIC, allow_unicode=True, sort_keys=False), "utf-8"
    )
    return folder


@pytest.fixture
def mini_knowledge(tmp_path: Path) -> Path:
    return write_knowledge(tmp_path / "knowledge")


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Learnt models are cached in a folder of the test session's own (the CLI's subprocesses inherit it), not in
    the home folder of whoever runs the tests."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(load_knowledge(KNOWLEDGE))
