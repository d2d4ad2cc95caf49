"""Every fact of the reference fact sheet (shared/reference/facts.md) is still told somewhere, in a gist or in the
details behind "More": shortening answers for a phone must lose nothing. Each fact is checked by the words that
carry it, in English, and by its figures in all three languages."""

from __future__ import annotations

import pytest

from bot.engine import LANGS, Engine

# facts.md number -> words an answer must contain (English), all in one entry's gist or details.
FACTS = {
    1: ["part of the United Nations System"],
    2: ["leading inter-governmental organization", "humane and orderly migration for the benefit of all"],
    3: ["since 1996"],
    4: ['"About"', '"IOM Global"', '"Who We Are"'],
    5: ["2030 Agenda"],
    6: ["humanitarian assistance", "sustainable development"],
    7: ["resettlement, support and protection"],
    8: ['"Data and Resources"', '"Take Action"', '"2030 Agenda"'],
    9: ["IOM, UNHCR and NGO Forum jointly assess needs in the Donbas"],
    10: ["27 November 2017", "does not say on which day"],
    11: ["the UN Migration Agency"],
    12: ["UN Refugee Agency"],
    13: ["IOM", "UNHCR", "NGO Forum", "Three organizations"],
    14: ["joint visit", "government-controlled area of Donetsk Region"],
    15: ["Ambassadors of Norway and Denmark"],
    16: ["Deputy Heads of Mission of Sweden and Lithuania"],
    17: ["representatives of the Embassy of Poland"],
    18: ["five countries"],
    19: ["assess the needs of conflict-affected people"],
    20: ["monitor the impact", "Humanitarian Country Team"],
    21: ["H.E. Mr. Ole T. Horpestad, Ambassador of Norway to Ukraine"],
    22: ["elderly lady", "medical tent"],
    23: ["H.E. Mr. Ruben Madsen, Ambassador of Denmark to Ukraine"],
    24: ["Kramatorsk, Sloviansk, Sviatohirsk, Mayorsk, Bakhmut, Toretsk and Druzhkivka", "no route"],
    25: ["checkpoint"],
    26: ["washing and cleaning powder factory"],
    27: ["in Toretsk it met returnees and 'grey zone' residents"],
    28: ["libraries renovated, or being refurbished"],
    29: ["local activists and NGOs", "internally displaced persons (IDPs)", "returnees"],
    30: ["crossed the contact line"],
    31: ["the pain and fear but also their hopes and experiences of resilience"],
    32: ["beneficiaries of IOM's livelihood and cash"],
    33: ["initiative groups of IOM's social cohesion project"],
    34: ["European Union", "British Embassy in Kyiv", "Bureau of Population, Refugees, and Migration"],
    35: ["Government of Japan"],
    36: ["grateful to all donors"],
    37: ["Dmytro was an IOM grantee"],
    38: ["internally displaced person (IDP)"],
    39: ["produced washing and cleaning powder"],
    40: ["small carton boxes"],
    41: ["3–5 kg packages"],
    42: ["IOM grantee", "showed his pottery", "Ruben Madsen"],
    43: ["local resident of Sloviansk"],
    44: ["IOM-supported pottery factory"],
    45: ["enter the EU market"],
    46: ["establishing business contacts"],
    47: ["beneficiary of IOM's cash assistance project"],
    48: ["returnee to Toretsk"],
    49: ["almost cut off from the main road system"],
    50: ["five children"],
    51: ["1.5 years old"],
    52: ["medicine, clothing and education"],
    53: ["grow up healthy", "not affected by the conflict one day"],
    54: ["people continue to think about the future"],
    55: ["Entering its fourth year", "protracted, complex and largely forgotten by international media"],
    56: ["food, rent and utilities, medicines and winter clothing", "elderly people and children"],
    57: ["close to 40% of IDPs had only enough income for food", "latest IOM Ukraine monitoring report"],
    58: ["integration of IDPs in host communities"],
    60: ["More support is critically needed now", "including through livelihoods, to millions of Ukrainians"],
}
# Figures that must survive in every language (facts.md section I).
FIGURES = ["1996", "2030", "2017", "3–5", "40%"]


def _told(engine: Engine, lang: str) -> list[str]:
    return [f"{entry.answers[lang]} {entry.more[lang] if entry.more else ''}" for entry in engine.kb.entries.values()]


@pytest.mark.parametrize(("fact", "words"), FACTS.items(), ids=[f"fact-{n}" for n in FACTS])
def test_each_fact_is_told_by_one_entry(engine: Engine, fact: int, words: list[str]) -> None:
    assert any(all(w in text for w in words) for text in _told(engine, "en")), f"facts.md {fact}: {words}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_figures_are_told_in_every_language(engine: Engine, lang: str) -> None:
    told = " ".join(_told(engine, lang))
    assert all(figure in told for figure in FIGURES)
    assert "1.5" in told or "півтора" in told or "полтора" in told
