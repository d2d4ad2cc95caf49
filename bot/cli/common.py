"""What every subcommand shares: where the knowledge is and how to load it politely."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.config import DEFAULT_DATABASE, DEFAULT_KNOWLEDGE, ConfigError, Settings, learned_path
from bot.engine import Engine
from bot.engine.startup import engine_for
from bot.knowledge import KnowledgeError


def knowledge_dir(value: str | None = None) -> Path:
    return Path(value or os.environ.get("KNOWLEDGE_DIR") or DEFAULT_KNOWLEDGE)


def database_path(value: Path | None = None) -> Path:
    return Path(value or os.environ.get("DATABASE_PATH") or DEFAULT_DATABASE)


def learned_file(database: Path | None = None) -> Path | None:
    """The learned.yaml loaded with the knowledge: beside --database, else beside $DATABASE_PATH."""
    return learned_path(database_path(database))


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="PATH",
        type=Path,
        default=None,
        help="the bot's database (default: $DATABASE_PATH or data/bot.sqlite3)",
    )


def add_knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        default=None,
        help="knowledge folder (default: $KNOWLEDGE_DIR or the repository's knowledge/)",
    )


def load_engine(args: argparse.Namespace) -> Engine:
    """The engine on the chosen knowledge; exits with the file:line problems when it is not sound."""
    folder = knowledge_dir(args.knowledge)
    try:
        return engine_for(folder, learned_file(getattr(args, "database", None)))
    except KnowledgeError as exc:
        print(f"Cannot start: the knowledge in {folder} is not valid.", file=sys.stderr)
        for finding in exc.findings:
            if finding.severity == "error":
                print(finding, file=sys.stderr)
        raise SystemExit(1) from exc


def retention_days() -> int:
    """The retention period the bot would state ({days} in the privacy texts): RETENTION_DAYS, as `run` reads it."""
    try:
        return Settings.from_env().retention_days
    except ConfigError:
        return Settings().retention_days
