"""Knowledge: the YAML content staff edit, loaded into typed entries and checked with file:line findings."""

from bot.knowledge.findings import Finding, KnowledgeError
from bot.knowledge.loader import check_knowledge, load_knowledge
from bot.knowledge.model import LANGS, Entry, KnowledgeBase, Link, Topic

__all__ = [
    "LANGS",
    "Entry",
    "Finding",
    "KnowledgeBase",
    "KnowledgeError",
    "Link",
    "Topic",
    "check_knowledge",
    "load_knowledge",
]
