"""Edits of the knowledge files that add one phrasing to one list and leave every other byte as it was.

ruamel.yaml reads the file round-trip, with the position of every list item; the new phrasing goes in as one
line after the list's last item, at its indentation, written (and quoted where YAML needs it) as ruamel writes
an item. Lists that do not exist yet (learned.yaml, a language missing) are written by ruamel's round-trip
dump, which keeps comments and order. Every edit is read back and diffed before it is saved, and refused if any
other line would change; files are replaced atomically, so the bot's watcher never reads half a file.
"""

from __future__ import annotations

import difflib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from bot.knowledge.help_file import HELP_FILE
from bot.knowledge.yamlfile import YamlSyntaxError, read_yaml

LEARNED_HEADER = (
    "# Phrasings staff accepted while the knowledge folder could not be written (iom-bot suggest, /review).\n"
    "# The bot loads them with the knowledge folder; fold them into its files, then delete this file.\n"
)


class EditError(Exception):
    """The file cannot be edited as asked; the message says why, for staff."""


@dataclass(frozen=True, slots=True)
class Edit:
    path: Path
    before: str | None  # None: the file did not exist
    after: str

    def diff(self) -> str:
        lines = difflib.unified_diff(
            (self.before or "").splitlines(True), self.after.splitlines(True), str(self.path), str(self.path)
        )
        return "".join(lines)

    def undo(self) -> None:
        if self.before is None:
            self.path.unlink(missing_ok=True)
        else:
            _write(self.path, self.before)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of knowledge/*.yaml
    return yaml


def entry_file(folder: Path, entry_id: str) -> Path:
    """The knowledge file that defines `entry_id`."""
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = read_yaml(path)
        except YamlSyntaxError:
            continue
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, list) and any(isinstance(e, dict) and e.get("id") == entry_id for e in entries):
            return path
    raise EditError(f"no entry '{entry_id}' in {folder}")


def add_question(folder: Path, entry_id: str, lang: str, text: str) -> Edit:
    """Appends `text` to `questions: <lang>:` of the entry, in the file that defines it."""

    def questions(data: Any) -> CommentedSeq:
        entry = next(e for e in data["entries"] if e.get("id") == entry_id)
        found = entry.get("questions", {}).get(lang)
        if not isinstance(found, CommentedSeq):
            raise EditError(f"entry '{entry_id}' has no questions list for {lang}")
        return found

    return _append(entry_file(folder, entry_id), questions, text, only_one_line=True)


def add_help_example(folder: Path, lang: str, text: str) -> Edit:
    """Appends `text` to `examples: <lang>:` of help.yaml (the help-seeking phrasings), creating the list."""
    path = Path(folder) / HELP_FILE
    if not path.is_file():
        raise EditError(f"no {HELP_FILE} in {folder}")

    def examples(data: Any) -> CommentedSeq:
        if not isinstance(data, CommentedMap):
            raise EditError(f"{path} is not a mapping")
        section = data.setdefault("examples", CommentedMap())
        seq: CommentedSeq = section.setdefault(lang, CommentedSeq())
        return seq

    before = path.read_text(encoding="utf-8")
    if isinstance(data := _load(path, before), CommentedMap) and "examples" not in data:
        # A new key at the end of the file: the rest stays as written, however ruamel would lay it out.
        after = before + ("" if before.endswith("\n") or not before else "\n") + f"examples:\n  {lang}:\n"
        after += f"    {_item(text)}\n"
        return _save(path, before, after, examples, text)
    return _append(path, examples, text, only_one_line=False)


def add_learned(path: Path, entry_id: str, lang: str, text: str) -> Edit:
    """Appends `text` under `entries: <entry_id>: <lang>:` of learned.yaml, creating the file and the keys."""

    def questions(data: Any) -> CommentedSeq:
        entries = data.setdefault("entries", CommentedMap())
        seq: CommentedSeq = entries.setdefault(entry_id, CommentedMap()).setdefault(lang, CommentedSeq())
        return seq

    path.parent.mkdir(parents=True, exist_ok=True)
    return _append(path, questions, text, only_one_line=False, new=LEARNED_HEADER)


def _load(path: Path, source: str) -> Any:
    try:
        return _yaml().load(source)
    except YAMLError as exc:
        raise EditError(f"{path} is not valid YAML: {exc}") from exc


def _item(text: str) -> str:
    """`- text` as ruamel writes a list item: quoted when YAML needs it, on one line."""
    out = io.StringIO()
    _yaml().dump(CommentedSeq([text]), out)
    line = out.getvalue().strip()  # the sequence indentation of _yaml() puts spaces before a top-level dash
    if "\n" in line:
        raise EditError("the phrasing cannot be written on one line")
    return line


def _append(path: Path, locate: Callable[[Any], CommentedSeq], text: str, *, only_one_line: bool,
            new: str | None = None) -> Edit:  # fmt: skip
    """Appends `text` to the list `locate` finds. An existing block list gets one line after its last item, at
    the place and indentation ruamel reports for it; a list ruamel has to create is written by ruamel's dump."""
    before = path.read_text(encoding="utf-8") if path.exists() else None
    data = _load(path, before if before is not None else (new or "")) or CommentedMap()
    seq = locate(data)
    after = _insert_line(before, seq, text) if before is not None and len(seq) else None
    if after is None:
        seq.append(text)
        out = io.StringIO()
        if before is None and new:
            out.write(new)
        _yaml().dump(data, out)
        after = out.getvalue()
    changed = [line for line in difflib.ndiff((before or "").splitlines(), after.splitlines()) if line[:1] in "+-"]
    if any(line.startswith("-") for line in changed) or (only_one_line and len(changed) != 1):
        raise EditError(f"{path}: the phrasing cannot be added without changing other lines; add it by hand")
    return _save(path, before, after, locate, text)


def _insert_line(source: str, seq: CommentedSeq, text: str) -> str | None:
    """The source with `- text` after the last item of `seq` (a block list), or None if that is not one."""
    if seq.fa.flow_style():
        return None
    lines = source.splitlines(keepends=True)
    row, col = seq.lc.item(len(seq) - 1)
    dash = lines[row][:col].rstrip()
    if not dash.endswith("-") or dash[:-1].strip():
        return None
    indent = len(dash) - 1
    end = row + 1  # past the lines the last item continues on (a long phrasing folded by hand)
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    head = lines[:end]
    if head and not head[-1].endswith("\n"):
        head[-1] += "\n"
    return "".join([*head, " " * indent + _item(text) + "\n", *lines[end:]])


def _save(path: Path, before: str | None, after: str, locate: Callable[[Any], CommentedSeq], text: str) -> Edit:
    """Writes `after` once it reads back as the list with `text` at its end."""
    expected = [*locate(_load(path, before or "") or CommentedMap()), text] if before is not None else None
    got = list(locate(_load(path, after)))
    if (expected is not None and got != expected) or got[-1:] != [text]:
        raise EditError(f"{path}: the edit did not read back as written; add the phrasing by hand")
    _write(path, after)
    return Edit(path, before, after)


def _write(path: Path, text: str) -> None:
    """Replaces the file atomically, keeping its permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def writable(folder: Path) -> bool:
    """Whether the knowledge folder can take edits: a read-only mount (as in the container) cannot, nor files
    without write permission bits, even for root (an operator who removed them means "do not write")."""
    folder = Path(folder)
    return all(os.access(p, os.W_OK) and p.stat().st_mode & 0o222 for p in [folder, *folder.glob("*.yaml")])
