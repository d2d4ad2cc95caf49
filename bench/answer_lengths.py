"""How long the answers are, per language: the gist a phone shows first, its details, and the labels.

Run: .venv/bin/python bench/answer_lengths.py [knowledge-folder]
Prints min / median / max characters of the gists, details and labels, and the longest gist of each language.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.knowledge import LANGS, load_knowledge  # noqa: E402
from bot.knowledge.loader import sentences  # noqa: E402


def main() -> None:
    kb = load_knowledge(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "knowledge")
    entries = list(kb.entries.values())
    print(f"{len(entries)} entries; characters per language (min / median / max)")
    print("| language | gist | gist sentences (max) | details (entries with them) | label |")
    print("|---|---|---|---|---|")
    for lang in LANGS:
        gists = [len(e.answers[lang]) for e in entries]
        more = [len(e.more[lang]) for e in entries if e.more]
        labels = [len(e.label(lang)) for e in entries]
        most = max(sentences(e.answers[lang]) for e in entries)
        print(
            f"| {lang} | {min(gists)} / {statistics.median(gists):g} / {max(gists)} | {most} "
            f"| {min(more)} / {statistics.median(more):g} / {max(more)} ({len(more)}) "
            f"| {min(labels)} / {statistics.median(labels):g} / {max(labels)} |"
        )
    for lang in LANGS:
        longest = max(entries, key=lambda e: len(e.answers[lang]))
        print(f"\nlongest gist ({lang}, {longest.id}, {len(longest.answers[lang])} characters):")
        print(f"  {longest.answers[lang]}")


if __name__ == "__main__":
    main()
