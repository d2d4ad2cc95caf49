"""The plain ranker: every phrasing and every entry scored, no index, no budget, no pruning.

Like RapidFuzz's pure-Python `process_py`, it is the definition the fast ranker in matcher.py must agree with;
tests/engine/test_matcher.py holds them to each other on every evaluation question.
"""

from __future__ import annotations

from bot.engine.matcher import Matcher, Ranked


def reference_rank(matcher: Matcher, text: str, limit: int = 5) -> list[Ranked]:
    query, total = matcher.query(text)
    if not query:
        return []
    best: dict[int, float] = {}
    for p, stems in enumerate(matcher.phrasings):
        explained = sum(weight for t, weight in query.items() if t in stems)
        if explained:
            i = matcher.owner[p]
            best[i] = max(best.get(i, 0.0), matcher.phrasing_score(p, explained, total))
    for i, claims in enumerate(matcher.claims):
        if i not in best and any(t in claims for t in query):
            best[i] = 0.0
    ranked = [Ranked(matcher.ids[i], matcher.entry_score(i, score, query, total)) for i, score in best.items()]
    ranked.sort(key=lambda r: (-r.score, r.entry_id))
    return ranked[:limit]
