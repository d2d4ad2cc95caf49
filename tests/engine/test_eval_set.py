"""The question sets: the bot must stay accurate in scope, decline what it does not know, and route every
help-seeker to the help reply (docs/benchmarks.md has the figures; these floors sit a few points under them)."""

from pathlib import Path

import pytest

from bot.engine import LANGS, Engine
from bot.evaluation import DECLINE, HELP, evaluate, load_cases

EVAL = Path(__file__).resolve().parents[1] / "eval"
ONLY_HELP_AND_DECLINES = {"blind-dev5.yaml", "blind-check.yaml"}
ONLY_HELP_AND_ANSWERS = {"blind-dev41.yaml", "blind-holdout37.yaml"}
# set: (in scope, declines, help routed, reply language), in percent
FLOORS = {
    "questions.yaml": (94.0, 95.0, 95.0, 99.0),
    "dev.yaml": (92.0, 95.0, 95.0, 99.0),
    "holdout.yaml": (86.0, 95.0, 95.0, 98.0),
    "blind-dev.yaml": (85.0, 87.0, 97.0, 97.0),
    "blind-dev2.yaml": (90.0, 92.0, 95.0, 97.0),
    "blind-dev3.yaml": (84.0, 79.0, 96.0, 97.0),
    "blind-dev4.yaml": (78.0, 66.0, 94.0, 96.0),
    "blind-dev5.yaml": (100.0, 73.0, 96.0, 97.0),  # help-seekers and declines only
    "blind-dev6.yaml": (83.0, 82.0, 95.0, 97.0),
    "blind-dev7.yaml": (83.0, 84.0, 97.0, 97.0),
    "blind-dev8.yaml": (85.0, 74.0, 96.0, 97.0),
    "blind-holdout.yaml": (83.0, 94.0, 95.0, 96.0),
    "blind-check.yaml": (100.0, 89.0, 95.0, 98.0),  # help-seekers and declines only, never tuned on
    "blind-holdout2.yaml": (87.0, 91.0, 96.0, 97.0),  # the seventh blind set's held-out half
    "blind-holdout3.yaml": (78.0, 89.0, 95.0, 97.0),  # the eighth blind set's held-out half
    "blind-holdout4.yaml": (78.0, 84.0, 95.0, 97.0),  # the ninth blind set's held-out half
    "blind-final.yaml": (85.0, 86.0, 96.0, 97.0),  # the tenth blind set, held out whole
    "blind-dev9.yaml": (88.0, 93.0, 95.0, 97.0),  # the eleventh blind set's development half
    "blind-holdout5.yaml": (89.0, 91.0, 95.0, 97.0),  # the eleventh blind set's held-out half
    "blind-dev10.yaml": (89.0, 89.0, 96.0, 97.0),  # the thirteenth blind set's development half
    "blind-holdout6.yaml": (91.0, 89.0, 95.0, 97.0),  # the thirteenth blind set's held-out half
    "blind-dev11.yaml": (91.0, 94.0, 96.0, 97.0),  # the fourteenth blind set's development half
    "blind-holdout7.yaml": (86.0, 94.0, 96.0, 97.0),  # the fourteenth blind set's held-out half
    "blind-dev12.yaml": (90.0, 95.0, 96.0, 97.0),  # the fifteenth blind set's development half
    "blind-holdout8.yaml": (91.0, 88.0, 96.0, 97.0),  # the fifteenth blind set's held-out half
    "blind-dev13.yaml": (91.0, 95.0, 96.0, 96.0),  # the sixteenth blind set's development half
    "blind-holdout9.yaml": (89.0, 91.0, 96.0, 96.0),  # the sixteenth blind set's held-out half
    "blind-dev14.yaml": (71.0, 94.0, 96.0, 96.0),  # the seventeenth blind set's development half
    "blind-holdout10.yaml": (71.0, 82.0, 95.0, 96.0),  # the seventeenth blind set's held-out half
    "blind-dev15.yaml": (86.0, 90.0, 95.0, 97.0),  # the eighteenth blind set's development half
    "blind-holdout11.yaml": (80.0, 90.0, 96.0, 97.0),  # the eighteenth blind set's held-out half
    "blind-dev16.yaml": (91.0, 96.0, 96.0, 96.0),  # the nineteenth blind set's development half
    "blind-holdout12.yaml": (85.0, 81.0, 96.0, 96.0),  # the nineteenth blind set's held-out half
    "blind-dev17.yaml": (87.0, 96.0, 96.0, 96.0),  # the twentieth blind set's development half
    "blind-holdout13.yaml": (80.0, 92.0, 95.0, 96.0),  # the twentieth blind set's held-out half
    "blind-dev18.yaml": (87.0, 92.0, 96.0, 97.0),  # the twenty-first blind set's development half
    "blind-holdout14.yaml": (82.0, 90.0, 96.0, 97.0),  # the twenty-first blind set's held-out half
    "blind-dev19.yaml": (90.0, 96.0, 96.0, 97.0),  # the twenty-second blind set's development half
    "blind-holdout15.yaml": (79.0, 93.0, 96.0, 97.0),  # the twenty-second blind set's held-out half
    "blind-dev20.yaml": (89.0, 94.0, 96.0, 97.0),  # the twenty-third blind set's development half
    "blind-holdout16.yaml": (87.0, 95.0, 96.0, 97.0),  # the twenty-third blind set's held-out half
    "blind-dev21.yaml": (88.0, 94.0, 96.0, 97.0),  # the twenty-fourth blind set's development half
    "blind-holdout17.yaml": (90.0, 84.0, 96.0, 97.0),  # the twenty-fourth blind set's held-out half
    "blind-dev22.yaml": (92.0, 94.0, 96.0, 97.0),  # the twenty-fifth blind set's development half
    "blind-holdout18.yaml": (87.0, 80.0, 96.0, 97.0),  # the twenty-fifth blind set's held-out half
    "blind-dev23.yaml": (86.0, 94.0, 96.0, 97.0),  # the twenty-sixth blind set's development half
    "blind-holdout19.yaml": (84.0, 91.0, 94.0, 97.0),  # the twenty-sixth blind set's held-out half
    "blind-dev24.yaml": (90.0, 89.0, 96.0, 97.0),  # the twenty-seventh blind set's development half
    "blind-holdout20.yaml": (84.0, 92.0, 96.0, 97.0),  # the twenty-seventh blind set's held-out half
    "blind-dev25.yaml": (81.0, 85.0, 96.0, 97.0),  # the twenty-eighth blind set's development half
    "blind-holdout21.yaml": (78.0, 89.0, 94.0, 97.0),  # the twenty-eighth blind set's held-out half
    "blind-dev26.yaml": (74.0, 88.0, 93.0, 97.0),  # the twenty-ninth blind set's development half
    "blind-holdout22.yaml": (72.0, 84.0, 96.0, 97.0),  # the twenty-ninth blind set's held-out half
    "blind-dev27.yaml": (81.0, 80.0, 89.0, 97.0),  # the thirtieth blind set's development half
    "blind-holdout23.yaml": (86.0, 70.0, 83.0, 97.0),  # the thirtieth blind set's held-out half
    "blind-dev28.yaml": (83.0, 92.0, 93.0, 97.0),  # the thirty-first blind set's development half
    "blind-holdout24.yaml": (87.0, 94.0, 94.0, 97.0),  # the thirty-first blind set's held-out half
    "blind-dev29.yaml": (84.0, 83.0, 86.0, 97.0),  # the thirty-second blind set's development half
    "blind-holdout25.yaml": (83.0, 80.0, 94.0, 97.0),  # the thirty-second blind set's held-out half
    "blind-dev30.yaml": (80.0, 86.0, 93.0, 97.0),  # the thirty-third blind set's development half
    "blind-holdout26.yaml": (80.0, 85.0, 94.0, 97.0),  # the thirty-third blind set's held-out half
    "blind-dev31.yaml": (82.0, 81.0, 94.0, 97.0),  # the thirty-fourth blind set's development half
    "blind-holdout27.yaml": (74.0, 84.0, 90.0, 97.0),  # the thirty-fourth blind set's held-out half
    "blind-dev32.yaml": (86.0, 92.0, 95.0, 97.0),  # the thirty-sixth blind set's development half
    "blind-holdout28.yaml": (86.0, 78.0, 94.0, 97.0),  # the thirty-sixth blind set's held-out half
    "blind-dev33.yaml": (90.0, 95.0, 94.0, 97.0),  # the thirty-eighth blind set's development half
    "blind-holdout29.yaml": (87.0, 83.0, 92.0, 97.0),  # the thirty-eighth blind set's held-out half
    "blind-dev34.yaml": (82.0, 90.0, 90.0, 97.0),  # the thirty-fifth blind set's development half
    "blind-holdout30.yaml": (82.0, 86.0, 95.0, 97.0),  # the thirty-fifth blind set's held-out half
    "blind-dev35.yaml": (89.0, 87.0, 93.0, 97.0),  # the thirty-seventh blind set's development half
    "blind-holdout31.yaml": (89.0, 93.0, 95.0, 97.0),  # the thirty-seventh blind set's held-out half
    "blind-dev36.yaml": (95.0, 93.0, 84.0, 97.0),  # the thirty-ninth blind set's development half
    "blind-holdout32.yaml": (94.0, 89.0, 85.0, 97.0),  # the thirty-ninth blind set's held-out half
    "blind-dev37.yaml": (90.0, 76.0, 93.0, 97.0),  # the forty-third blind set's development half
    "blind-holdout33.yaml": (83.0, 67.0, 93.0, 97.0),  # the forty-third blind set's held-out half
    "blind-dev38.yaml": (82.0, 73.0, 95.0, 97.0),  # the forty-first blind set's development half
    "blind-holdout34.yaml": (86.0, 75.0, 93.0, 97.0),  # the forty-first blind set's held-out half
    "blind-dev39.yaml": (82.0, 92.0, 92.0, 97.0),  # the forty-fifth blind set's development half
    "blind-holdout35.yaml": (84.0, 89.0, 95.0, 97.0),  # the forty-fifth blind set's held-out half
    "blind-dev40.yaml": (85.0, 92.0, 95.0, 97.0),  # the forty-fourth blind set's development half
    "blind-holdout36.yaml": (87.0, 88.0, 95.0, 97.0),  # the forty-fourth blind set's held-out half
    "blind-dev41.yaml": (88.0, 100.0, 86.0, 97.0),  # the forty-sixth blind set's development half (no declines)
    "blind-holdout37.yaml": (88.0, 100.0, 92.0, 97.0),  # the forty-sixth blind set's held-out half (no declines)
    "blind-dev42.yaml": (90.0, 84.0, 100.0, 97.0),  # the forty-seventh blind set's development half (no help-seekers)
    "blind-holdout38.yaml": (90.0, 85.0, 100.0, 97.0),  # the forty-seventh blind set's held-out half (no help-seekers)
    "blind-dev43.yaml": (78.0, 91.0, 94.0, 97.0),  # the forty-eighth blind set's development half
    "blind-holdout39.yaml": (81.0, 89.0, 94.0, 97.0),  # the forty-eighth blind set's held-out half
    "blind-dev44.yaml": (83.0, 94.0, 94.0, 97.0),  # the forty-ninth blind set's development half
    "blind-holdout40.yaml": (82.0, 83.0, 94.0, 97.0),  # the forty-ninth blind set's held-out half
    "blind-dev45.yaml": (93.0, 94.0, 94.0, 97.0),  # the fiftieth blind set's development half
    "blind-holdout41.yaml": (90.0, 94.0, 94.0, 97.0),  # the fiftieth blind set's held-out half
    "blind-dev46.yaml": (92.0, 92.0, 96.0, 97.0),  # the fifty-first blind set's development half
    "blind-holdout42.yaml": (88.0, 94.0, 96.0, 97.0),  # the fifty-first blind set's held-out half
    "blind-dev47.yaml": (88.0, 96.0, 96.0, 97.0),  # the fifty-second blind set's development half
    "blind-holdout43.yaml": (89.0, 88.0, 94.0, 97.0),  # the fifty-second blind set's held-out half
    "blind-dev48.yaml": (93.0, 92.0, 96.0, 97.0),  # the fifty-third blind set's development half
    "blind-holdout44.yaml": (92.0, 95.0, 94.0, 97.0),  # the fifty-third blind set's held-out half
    "blind-dev49.yaml": (87.0, 90.0, 94.0, 97.0),  # the fifty-fourth blind set's development half
    "blind-holdout45.yaml": (90.0, 93.0, 96.0, 97.0),  # the fifty-fourth blind set's held-out half
    "blind-dev50.yaml": (88.0, 89.0, 96.0, 97.0),  # the fifty-fifth blind set's development half
    "blind-holdout46.yaml": (86.0, 95.0, 96.0, 97.0),  # the fifty-fifth blind set's held-out half
    "blind-dev51.yaml": (90.0, 94.0, 96.0, 97.0),  # the fifty-sixth blind set's development half
    "blind-holdout47.yaml": (92.0, 93.0, 95.0, 96.0),  # the fifty-sixth blind set's held-out half
    "blind-dev52.yaml": (90.0, 96.0, 96.0, 97.0),  # the fifty-seventh blind set's development half
    "blind-holdout48.yaml": (91.0, 93.0, 94.0, 97.0),  # the fifty-seventh blind set's held-out half
    "blind-dev53.yaml": (92.0, 93.0, 96.0, 97.0),  # the fifty-eighth blind set's development half
    "blind-holdout49.yaml": (93.0, 93.0, 96.0, 97.0),  # the fifty-eighth blind set's held-out half
    "blind-dev54.yaml": (86.0, 93.0, 96.0, 97.0),  # the fifty-ninth blind set's development half
    "blind-holdout50.yaml": (88.0, 94.0, 96.0, 97.0),  # the fifty-ninth blind set's held-out half
    "blind-dev55.yaml": (87.0, 89.0, 96.0, 96.0),  # the sixtieth blind set's development half
    "blind-holdout51.yaml": (91.0, 90.0, 96.0, 97.0),  # the sixtieth blind set's held-out half
    "blind-dev56.yaml": (85.0, 88.0, 92.0, 97.0),  # the sixty-first blind set's development half
    "blind-holdout52.yaml": (76.0, 94.0, 94.0, 96.0),  # the sixty-first blind set's held-out half
    "blind-dev57.yaml": (91.0, 94.0, 94.0, 97.0),  # the sixty-second blind set's development half
    "blind-holdout53.yaml": (93.0, 91.0, 96.0, 97.0),  # the sixty-second blind set's held-out half
    "blind-dev58.yaml": (93.0, 91.0, 94.0, 96.0),  # the sixty-third blind set's development half
    "blind-holdout54.yaml": (93.0, 93.0, 94.0, 97.0),  # the sixty-third blind set's held-out half
}
SETS = list(FLOORS)  # every set the suite scores is one with floors


def test_every_question_set_has_floors():
    """A set added to tests/eval/ is scored only once it has floors (FLOORS), so none is left out unseen."""
    assert {path.name for path in EVAL.glob("*.yaml")} == set(SETS)


@pytest.mark.parametrize("name", SETS)
def test_sets_name_real_entries_and_cover_every_language(engine: Engine, name: str):
    cases = load_cases(EVAL / name, engine)
    assert {c.lang for c in cases} == ({"ru"} if name == "blind-dev4.yaml" else set(LANGS))  # dev4: Russian
    kinds = (
        {HELP, DECLINE}
        if name in ONLY_HELP_AND_DECLINES
        else {HELP, "answer"}
        if name in ONLY_HELP_AND_ANSWERS
        else {"answer", DECLINE}
    )
    assert {c.kind for c in cases} >= kinds
    # "[contacts, help]", "[how-to-help, decline]", "[decline, chief-of-mission]": either is right
    named = {e for c in cases if c.kind != HELP for e in c.expect} - {HELP, DECLINE}
    assert named <= set(engine.kb.entries), named - set(engine.kb.entries)


def test_blind_set_is_big_and_mixed(engine: Engine):
    cases = [c for name in ("blind-dev.yaml", "blind-holdout.yaml") for c in load_cases(EVAL / name, engine)]
    assert len(cases) >= 450
    assert sum(c.kind == HELP for c in cases) >= 150
    assert sum(c.kind == DECLINE for c in cases) >= 60


@pytest.mark.parametrize("name", SETS)
def test_accuracy_does_not_fall_under_its_floor(engine: Engine, name: str):
    report = evaluate(engine, load_cases(EVAL / name, engine))
    got = (report.accuracy(), report.decline_accuracy(), report.help_accuracy(), report.language_accuracy())
    # A held-out set's misses (blind-holdout*, blind-check, blind-final) are not shown: nobody may tune on them.
    shown = [] if any(word in name for word in ("holdout", "check", "final")) else report.confusions()[:15]
    details = "\n".join(f"{e} -> {g} x{n}: {ex}" for e, g, n, ex in shown)
    below = [
        f"{what} {value:.1f}% < {floor}%"
        for what, value, floor in zip(("in scope", "declines", "help", "language"), got, FLOORS[name], strict=True)
        if value < floor
    ]
    assert not below, f"{name}: {', '.join(below)}\n{details}"
