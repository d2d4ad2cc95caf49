"""The real `iom-bot` command in a subprocess, in the exact forms staff and scripts rely on."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE, ROOT

JSON_KEYS = {
    *("question", "lang", "kind", "matched", "entry_id", "score", "text", "answer", "more", "links", "suggestions"),
}


def iom_bot(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "KNOWLEDGE_DIR")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=environment,
    )


def test_ask_prints_the_answer_with_link_urls():
    result = iom_bot("ask", "Since when is IOM in Ukraine?")
    assert result.returncode == 0, result.stderr
    assert "1996" in result.stdout
    assert result.stderr == ""


def test_ask_json_reads_many_questions_from_stdin():
    questions = [
        "who funded the livelihood projects",
        "Хто такий Дмитро?",
        "какая погода в Киеве",
        "",
        "🙂",
        "x" * 10_000,
    ]
    result = iom_bot("ask", "--json", stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == questions
    for line in lines:
        assert set(line) == JSON_KEYS
        assert line["matched"] == (line["entry_id"] is not None)
        assert 0 <= line["score"] <= 100
        assert line["text"]
        for link in line["links"]:
            assert link["url"] in line["text"]
        assert line["text"].startswith(line["answer"]) and len(line["answer"]) <= 300 + 200  # gist, maybe framed
        assert line["more"] is None or line["more"] in line["text"]
    assert lines[0]["entry_id"] == "donors-2017" and lines[0]["lang"] == "en"
    assert lines[0]["more"] and lines[0]["text"] == f"{lines[0]['answer']}\n\n{lines[0]['more']}\n\n" + "\n".join(
        ["Links:", *(f"{link['title']}: {link['url']}" for link in lines[0]["links"])]
    )
    assert lines[1]["entry_id"] == "person-dmytro" and lines[1]["lang"] == "uk"
    assert lines[2]["matched"] is False and lines[2]["lang"] == "ru"


def test_ask_json_frames_a_question_about_now_and_writes_out_the_retention():
    result = iom_bot("ask", "--json", "who heads IOM Ukraine now?", env={"RETENTION_DAYS": "30"})
    line = json.loads(result.stdout)
    assert line["entry_id"] == "chief-of-mission"
    assert line["answer"].startswith("I don't know who heads IOM Ukraine today")
    privacy = json.loads(iom_bot("ask", "--json", "What data do you keep?", env={"RETENTION_DAYS": "30"}).stdout)
    assert "30 days" in privacy["answer"] and "{days}" not in privacy["text"]


def test_ask_json_single_question():
    result = iom_bot("ask", "--json", "<b>donors</b>")
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["question"] == "<b>donors</b>"


def test_validate_ok_and_broken(tmp_path: Path):
    ok = iom_bot("validate")
    assert ok.returncode == 0, ok.stdout
    assert "OK" in ok.stdout
    broken = tmp_path / "k"
    broken.mkdir()
    for f in KNOWLEDGE.glob("*.yaml"):
        (broken / f.name).write_text(f.read_text("utf-8"), "utf-8")
    (broken / "about.yaml").write_text("topic: about\nentries: [\n", "utf-8")
    result = iom_bot("validate", str(broken))
    assert result.returncode == 1
    assert f"{broken / 'about.yaml'}:" in result.stdout
    assert "will not load" in result.stdout


def test_commands_refuse_invalid_knowledge_and_say_why(tmp_path: Path):
    (tmp_path / "ui.yaml").write_text("website: [\n", "utf-8")
    for args, env in [(("ask", "hi"), {}), (("run",), {"TELEGRAM_BOT_TOKEN": "123:secret"})]:
        result = iom_bot(*args, env={"KNOWLEDGE_DIR": str(tmp_path), **env})
        assert result.returncode == 1
        assert "not valid" in result.stderr and "ui.yaml:" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export(fmt: str):
    result = iom_bot("export", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "jsonl":
        entries = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(entries) >= 40
        assert all(set(e["questions"]) == {"en", "uk", "ru"} for e in entries)
        assert all(set(e["answer"]) == set(e["label"]) == {"en", "uk", "ru"} for e in entries)
        assert any(e["more"] and set(e["more"]) == {"en", "uk", "ru"} for e in entries)
        assert any(e["more"] is None for e in entries)
    else:
        header, *rows = result.stdout.splitlines()
        assert header == "entry_id,topic,lang,field,text,url"
        assert len(rows) > 500
        fields = {row.split(",")[3] for row in rows}
        assert {"label", "question", "answer", "more", "today", "link"} <= fields


def test_eval_reports_accuracy_and_confusions(tmp_path: Path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        '- {q: "who funded the livelihood projects", expect: donors-2017}\n'
        '- {q: "recipe for pancakes", expect: decline}\n'
        '- {q: "who funded the livelihood projects?", expect: person-dmytro}\n',
        "utf-8",
    )
    result = iom_bot("eval", str(cases), "--json")
    summary = json.loads(result.stdout)
    assert summary["questions"] == 3
    assert summary["accuracy"] == 50.0
    assert summary["declines_correct"] == 100.0
    assert summary["confusions"][0]["expected"] == "person-dmytro"
    assert iom_bot("eval", str(cases), "--fail-under", "95").returncode == 1


def test_eval_accepts_the_entry_a_decline_names_and_no_other(tmp_path: Path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        '- {q: "Who was IOM Ukraine chief of mission before Weiss?", expect: [decline, chief-of-mission]}\n'
        '- {q: "Who was IOM Ukraine chief of mission before Weiss?", expect: [decline, person-dmytro]}\n',
        "utf-8",
    )
    summary = json.loads(iom_bot("eval", str(cases), "--json").stdout)
    assert summary["declines_correct"] == 50.0  # his predecessor is told by chief-of-mission, which answers


def test_chat_and_run_without_token_work_piped():
    for command in ("chat", "run"):
        result = iom_bot(command, stdin="Since when is IOM in Ukraine?\n/language ru\nпривет\n/quit\n")
        assert result.returncode == 0, result.stderr
        assert "1996" in result.stdout
        assert "Traceback" not in result.stderr


def test_healthcheck_judges_the_heartbeat_file_by_its_age(tmp_path: Path):
    heartbeat = tmp_path / "heartbeat"
    env = {"HEARTBEAT_PATH": str(heartbeat), "HEARTBEAT_MAX_AGE": "60"}
    missing = iom_bot("healthcheck", env=env)
    assert missing.returncode == 1
    assert missing.stdout == f"unhealthy: no heartbeat at {heartbeat} (is the bot running?)\n"
    heartbeat.touch()
    fresh = iom_bot("healthcheck", env=env)
    assert fresh.returncode == 0 and re.match(r"healthy: heartbeat \d s old", fresh.stdout)  # seconds to start
    os.utime(heartbeat, (0, time.time() - 100))
    stale = iom_bot("healthcheck", env=env)
    assert stale.returncode == 1
    assert re.search(r" is 10\d s old \(limit 60 s\): the update loop is not turning\n$", stale.stdout)
    heartbeat.touch()  # fresh, but in webhook mode /healthz must answer too (nothing listens on port 9)
    webhook = iom_bot("healthcheck", env=env | {"WEBHOOK_URL": "https://x.org/hook", "WEBHOOK_PORT": "9"})
    assert webhook.returncode == 1 and webhook.stdout.startswith("unhealthy: http://127.0.0.1:9/healthz: ")
