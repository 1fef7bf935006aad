"""The claims reader: numbers, KPI names and direction words in EN / IT / FR sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmlab.report.claims import (
    KPI_NAMES,
    canonical_kpi,
    check_claim,
    direction,
    has_number,
    is_recommendation,
    mentions,
    quantities,
    read_claims,
    traced,
    untraced,
)

TRUTH = {"reach": 0.775, "engagement rate": -0.12, "CPA": 0.0486, "new followers": -0.28}


def _read(text):
    return [(q.value, q.unit, q.sign) for q in quantities(text)]


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Reach rose 78% in H2", [(78.0, "%", 0)]),
    ("La copertura è salita del 78,5 %", [(78.5, "%", 0)]),
    ("Portée en hausse de 78\u202f%", [(78.0, "%", 0)]),
    ("Reach rose 78 per cent", [(78.0, "%", 0)]),
    ("in crescita del 12 per cento", [(12.0, "%", 0)]),
    ("en hausse de 12 pour cent", [(12.0, "%", 0)]),
    ("1,234.5 likes", [(1234.5, "", 0)]),
    ("1.234,5 like", [(1234.5, "", 0)]),
    ("1 234,5 j'aime", [(1234.5, "", 0)]),
    ("1\u202f234 abonnés", [(1234.0, "", 0)]),
    ("1\u00a0234 abonnés", [(1234.0, "", 0)]),
    ("1.234 post", [(1234.0, "", 0)]),
    ("12,345,678 impressions", [(12345678.0, "", 0)]),
    ("12.345.678,9 impressioni", [(12345678.9, "", 0)]),
    ("0,123 CTR", [(0.123, "", 0)]),
    ("3.8 million", [(3.8e6, "", 0)]),
    ("3,8 milioni", [(3.8e6, "", 0)]),
    ("3,8 millions", [(3.8e6, "", 0)]),
    ("3.8m reach", [(3.8e6, "", 0)]),
    ("2 mln", [(2e6, "", 0)]),
    ("12k followers", [(12e3, "", 0)]),
    ("12 mila follower", [(12e3, "", 0)]),
    ("12 mille abonnés", [(12e3, "", 0)]),
    ("12 thousand followers", [(12e3, "", 0)]),
    ("ER +10 punti", [(10.0, "pp", 1)]),
    ("ER +10 points", [(10.0, "pp", 1)]),
    ("ER -1.5 pp", [(1.5, "pp", -1)]),
    ("ER +1,5 p.p.", [(1.5, "pp", 1)]),
    ("CTR −0,4 punti percentuali", [(0.4, "pp", -1)]),
    ("ROAS 2x", [(2.0, "x", 0)]),
    ("ROAS 2×", [(2.0, "x", 0)]),
    ("ROAS x2", [(2.0, "x", 0)]),
    ("3 volte tanto", [(3.0, "x", 0)]),
    ("ER −12 % vs S1", [(12.0, "%", -1)]),
    ("10-12% of reach", [(10.0, "", 0), (12.0, "%", 0)]),
])
def test_numbers_as_written_in_three_languages(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "Reach rose in H2", "Engagement SOARED in Q4!", "CPA in calo nel T3", "Reach in 2025",
    "GA4 shows it", "The 1st week", "Il 2º trimestre", "Le 1er trimestre", "La 2e semaine",
    "3 March", "on March 3", "il 3 marzo", "le 3 mars", "03/10", "03/10/2025", "2025-10-03",
    "at 18:00", "at 6pm", "Top 3 posts", "Our #1 platform", "slide 2", "week 3", "Q3 results",
    "FY2025", "S1 vs S2", "5G", "3D video", "1° trimestre",
])
def test_digits_that_are_not_measurements(text):
    assert quantities(text) == []
    assert not has_number(text)


def test_currencies_and_recommendations():
    (q,) = quantities("We should move 500 euros a month to Instagram")
    assert (q.value, q.currency, q.written) == (500.0, "EUR", "500 euros")
    assert [(q.value, q.currency) for q in quantities("€13.62k, $40, 5 £, 1,2 milioni di euro")] \
        == [(13620.0, "EUR"), (40.0, "USD"), (5.0, "GBP"), (1.2e6, "EUR")]
    assert is_recommendation("We should move 500 euros a month to Instagram")
    assert is_recommendation("Consigliamo di spostare 500 euro") and is_recommendation(
        "Nous recommandons de déplacer 500 €")
    assert not is_recommendation("Reach rose 78% in H2")


def test_the_rounding_the_writing_implies():
    assert quantities("4.9%")[0].matches(0.0486 * 100)
    assert not quantities("4.9%")[0].matches(0.0496 * 100)
    assert quantities("1,234 posts")[0].matches(1234.4)
    assert not quantities("1,234 posts")[0].matches(1234.6)
    assert quantities("3.8 million")[0].matches(3_812_000)
    assert not quantities("3.8 million")[0].matches(3_860_000)
    # "1.234" is 1234 first, and may be the decimal 1.234
    assert quantities("1.234")[0].matches(1.2341) and quantities("1.234")[0].value == 1234


@st.composite
def _written(draw):
    value = draw(st.floats(min_value=0, max_value=5e8, allow_nan=False))
    decimals = draw(st.integers(0, 3))
    style = draw(st.sampled_from(["en", "it", "fr", "fr_narrow", "plain"]))
    text = f"{value:,.{decimals}f}"
    swap = {"en": text, "plain": text.replace(",", ""),
            "it": text.replace(",", "_").replace(".", ",").replace("_", "."),
            "fr": text.replace(",", "\u00a0").replace(".", ","),
            "fr_narrow": text.replace(",", "\u202f").replace(".", ",")}[style]
    suffix = draw(st.sampled_from(["", " %", "%", " punti", " €", " euros"]))
    return value, decimals, swap + suffix


@given(_written())
def test_a_number_written_in_any_locale_reads_back_within_its_half_step(case):
    value, decimals, text = case
    sentence = f"La copertura è cresciuta di {text} nel T3"
    found = quantities(sentence)
    if not decimals and 1900 <= round(value) <= 2100 and text.isdigit():
        return  # a plain four-digit number in that range is a year, on purpose
    assert len(found) == 1, (sentence, found)
    half = 0.5 * 10 ** -decimals
    # "1.000" is a thousand first and one as an alternative: one reading must be this one
    assert any(abs(v - value) <= step * (1 + 1e-9) + 1e-9 and step == pytest.approx(half)
               for v, step in found[0].readings()), (sentence, found[0])


# --- directions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Reach rose 78% in H2", "up"), ("Reach has risen", "up"), ("Reach is up", "up"),
    ("Reach increased", "up"), ("Reach grew", "up"), ("growth in reach", "up"),
    ("Reach gained 12%", "up"), ("Reach jumped", "up"), ("Reach climbed", "up"),
    ("Engagement SOARED in Q4!", "up"), ("Reach doubled", "up"), ("higher reach", "up"),
    ("La copertura è salita", "up"), ("Le interazioni sono salite", "up"),
    ("La copertura sale del 12%", "up"), ("Il reach è aumentato", "up"),
    ("copertura in aumento", "up"), ("follower cresciuti", "up"), ("in crescita", "up"),
    ("la copertura è raddoppiata", "up"), ("ROAS migliorato", "up"),
    ("Portée en hausse", "up"), ("une hausse de 12 %", "up"), ("La portée a augmenté", "up"),
    ("les abonnés ont augmentées", "up"), ("progression de 12 %", "up"),
    ("croissance de la portée", "up"), ("la portée a doublé", "up"), ("Reach +12%", "up"),
    ("Reach fell", "down"), ("Reach has fallen", "down"), ("Reach dropped", "down"),
    ("Reach declined", "down"), ("Reach decreased", "down"), ("Reach is down", "down"),
    ("lower reach", "down"), ("Reach shrank", "down"), ("we lost followers", "down"),
    ("Reach halved", "down"), ("Reach −12%", "down"), ("Reach -12%", "down"),
    ("La copertura è calata", "down"), ("copertura in calo", "down"),
    ("i follower sono scesi", "down"), ("la copertura è diminuita", "down"),
    ("diminuzione del CPA", "down"), ("copertura dimezzata", "down"),
    ("abbiamo perso follower", "down"), ("CPA ridotto", "down"),
    ("Portée en baisse", "down"), ("la portée a diminué", "down"), ("diminution", "down"),
    ("le CPA a chuté", "down"), ("recul de la portée", "down"), ("la portée a reculé", "down"),
    ("Reach stayed stable", "flat"), ("Reach was flat", "flat"), ("Reach unchanged", "flat"),
    ("Reach held steady", "flat"), ("copertura stabile", "flat"), ("ER invariato", "flat"),
    ("portée inchangée", "flat"), ("taux d'engagement stable", "flat"),
    ("Reach did not rise", None), ("Reach didn't grow", None), ("Reach never fell", None),
    ("La copertura non è salita", None), ("La portée n'a pas augmenté", None),
    ("La portée ne baisse pas", None), ("We set up a page", None), ("up to 500 euros", None),
    ("Reach in H2", None), ("Top-up drop-down", None),
])
def test_direction_words_in_three_languages(text, expected):
    assert direction(text) == expected


# --- claims -------------------------------------------------------------------------------------


def _claims(text, **kwargs):
    return [(c.kpi, c.direction, c.quantity.written if c.quantity else None)
            for c in read_claims(text, **kwargs)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Reach rose 78% in H2", [("reach", "up", "78%")]),
    ("Reach rose in H2", [("reach", "up", None)]),
    ("La copertura è salita del 78%", [("reach", "up", "78%")]),
    ("Portée en hausse de 78 %", [("reach", "up", "78 %")]),
    ("Engagement SOARED in Q4!", [("engagements", "up", None)]),
    ("We should move 500 euros a month to Instagram", [(None, None, "500 euros")]),
    ("Il tasso di engagement +10 punti", [("engagement rate", "up", "+10 punti")]),
    ("Facebook: 1.234 post", [("posts", None, "1.234")]),
    ("Reach rose 12% and engagement rate fell 78%",
     [("reach", "up", "12%"), ("engagement rate", "down", "78%")]),
    ("La copertura sale del 12% e il tasso di engagement cala del 78%",
     [("reach", "up", "12%"), ("engagement rate", "down", "78%")]),
    ("La portée progresse de 12 % et le taux d'engagement recule de 78 %",
     [("reach", "up", "12 %"), ("engagement rate", "down", "78 %")]),
    ("Reach rose 78% while impressions fell 5%",
     [("reach", "up", "78%"), ("impressions", "down", "5%")]),
    ("Reach, our biggest KPI, rose 78%", [("reach", None, None), ("reach", "up", "78%")]),
    ("We should act on reach first: it moved 78%, more than any other KPI",
     [("reach", None, "78%")]),
    ("Reach doubled in H2", [("reach", "up", "doubled")]),
    ("CPA +4.9% to €13.62", [("CPA", "up", "+4.9%"), ("CPA", "up", "€13.62")]),
    ("Reach rose 78%, we should move 500 euros to Instagram",
     [("reach", "up", "78%"), (None, None, "500 euros")]),
])
def test_each_number_and_direction_goes_to_the_kpi_of_its_clause(text, expected):
    assert _claims(text) == expected


def test_levels_are_not_changes():
    claims = read_claims("Reach rose 78% to 3.8 million")
    assert [c.level for c in claims] == [False, True]
    assert [c.level for c in read_claims("ER salito al 4,2%")] == [True]
    assert [c.level for c in read_claims("Reach saw a 78% rise")] == [False]


def test_the_vocabulary_is_a_dict_a_lesson_extends():
    vocabulary = {**KPI_NAMES, "saves": ("saves", "salvataggi", "enregistrements")}
    assert _claims("I salvataggi sono saliti del 40%", kpis=vocabulary) == [
        ("saves", "up", "40%")]
    assert _claims("I salvataggi sono saliti del 40%") == [(None, "up", "40%")]
    assert canonical_kpi("Taux d'engagement") == "engagement rate"
    assert canonical_kpi("nuovi follower") == "followers"


# --- checking claims against the data -----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Reach rose 78% in H2", "Reach rose 77.5% in the second half", "Reach +78%",
    "La copertura è salita del 78%", "Portée en hausse de 78 %", "Reach nearly doubled",
    "Reach rose 78% and engagement rate fell 12%", "CPA rose 4.9% to 13.62 euros",
    "I nuovi follower sono calati del 28%", "New followers fell 28% in the second half",
    "Reach rose in H2", "Reach rose 78% to 3.8 million", "Engagement SOARED in Q4!",
    "We should move 500 euros a month to Instagram",
    "We should act on reach first: it moved 78%, more than any other KPI",
])
def test_right_claims_pass(text):
    assert check_claim(text, TRUTH) is None


@pytest.mark.parametrize(("text", "message"), [
    ("Reach fell 78%", "Your title says reach fell; in the data it rose 78%."),
    ("Reach fell in H2", "Your title says reach fell; in the data it rose 78%."),
    ("La copertura è calata del 78%", "Your title says copertura calata; in the data it rose"),
    ("Portée en baisse de 78 %", "Your title says portée en baisse; in the data it rose 78%."),
    ("Reach −78%", "Your title says reach −78%; in the data it rose 78%."),
    ("Reach stayed flat", "Your title says reach stayed flat; in the data it rose 78%."),
    ("Reach rose 60%", "Your title says reach rose 60%; the data says 78%."),
    ("Reach rose 77.4%", "Your title says reach rose 77.4%; the data says 77.5%."),
    ("Reach tripled", "Your title says reach tripled; the data says ×1.8."),
    ("Reach rose 12% and engagement rate fell 78%",
     "12% is the change in engagement rate, but your title gives it to reach (which rose 78%)."),
    ("Reach rose +10 points", "in percentage points (+10 points); it is a relative change: 78%"),
])
def test_wrong_claims_say_what_is_wrong(text, message):
    got = check_claim(text, TRUTH)
    assert got is not None and message in got


def test_rates_compared_in_points_when_the_truth_is_a_difference():
    truth = {"engagement rate": 0.012}
    assert check_claim("Il tasso di engagement è salito di 1,2 punti", truth,
                       relative=False) is None
    assert check_claim("ER +1.2 pp", truth, relative={"engagement rate": False}) is None
    assert "the data says 1.2 points" in check_claim("ER rose 2 points", truth, relative=False)
    assert check_claim("ER rose 2 points", truth, relative=False, tolerance=0.01) is None
    followers = {"followers": 1234.4}
    assert check_claim("Followers rose by 1,234", followers, relative=False) is None
    assert "the data says 1,234" in check_claim("Followers rose by 1.300", followers,
                                                relative=False)


def test_flat_means_a_small_change():
    assert check_claim("ER stable", {"ER": 0.004}) is None
    assert "in the data it rose" in check_claim("ER stable", {"ER": 0.04})
    assert check_claim("ER rose 0.4%", {"ER": 0.004}) is None
    assert check_claim("ER stable", {"ER": 0.04}, flat=0.05) is None


def test_claims_about_other_kpis_and_levels_are_not_judged():
    assert check_claim("Clicks fell 90%", TRUTH) is None
    assert check_claim("Reach rose 78% to 12 people", TRUTH) is None
    assert check_claim("Reach rose 78%", TRUTH, what="alt") is None
    assert check_claim("Reach fell", TRUTH, what="alt").startswith("Your alt text says")


# --- numbers that come from the analysis --------------------------------------------------------


def test_traced_numbers_port_the_decks_rule():
    assert traced("Reach rose 78% in H2 2025", [0.775])
    assert untraced("Reach rose 78% to 3.8 million in 2025", [0.775, 3_804_876]) == []
    assert untraced("Reach rose 80%", [0.775]) == ["80%"]
    assert untraced("CPA rose 4.9% to 13.62 euros", [0.0486, 13.6217]) == []
    assert untraced("Il CPA è salito del 4,9 % a 13,62 €", [0.0486, 13.6217]) == []
    assert untraced("ROAS ×1.8 in Q4", [0.775]) == []  # a change written as a multiple
    assert untraced("Reach rose in H2", []) == []


def test_traced_reads_a_table_value_column():
    class Table:  # what a pandas DataFrame looks like to traced()
        columns = ["name", "value"]

        def __getitem__(self, key):
            return {"name": ["reach change"], "value": [0.775]}[key]

    assert traced("Reach rose 78%", Table()) and not traced("Reach rose 70%", Table())


def test_mentions_at_the_precision_written():
    assert mentions("TikTok followers: +195 % in 2025", 1.948, percent=True)
    assert mentions("up 6,8 %", 0.068, percent=True)
    assert not mentions("up 2x", 1.0, percent=True)
    assert not mentions("up 68", 0.68, percent=True)
    assert mentions("Facebook leads with 1,234 posts", 1234)
    assert mentions("1.234 post", 1234) and mentions("1 234 publications", 1234)
    assert not mentions("21,234 posts", 1234)
    assert mentions("about €1,2k more in October", 1234.4)
    assert not mentions("about 1,200 more", 1234.4)
    assert mentions("about 1,200 more", 1234.4, rel_tol=0.05)
    assert not mentions("in Q4 2025", 4) and not mentions("in 2025", 2025)


# --- the deck (smmlab.exercises.deck) reads its numbers with this module ------------------------


def test_the_deck_reads_titles_with_the_claims_reader():
    import pandas as pd

    from smmlab.exercises.deck import deck_problems, is_conclusion, untraced_numbers

    assert not is_conclusion("Reach rose in H2") and is_conclusion("Reach rose 78% in H2")
    assert is_conclusion("La copertura è salita del 78%")
    assert is_conclusion("We should move 500 euros a month to Instagram")
    assert untraced_numbers("Il CPA è salito del 4,9 % nel T3", [0.0486]) == []
    rows = [{"slide": i, "title": "Reach rose 78% in H2", "charts": 1, "alt": "A line.",
             "notes": ""} for i in range(1, 6)]
    good = pd.DataFrame(rows)
    assert deck_problems(good, [0.775], truth={"reach": 0.775}) == []
    assert deck_problems(good.assign(title="Reach rose in H2"), [0.775])[0][0] == "topic_titles"
    wrong = deck_problems(good.assign(title="Reach fell 78% in H2"), [0.775],
                          truth={"reach": 0.775})
    assert [rule for rule, _detail in wrong] == ["wrong_claim"] * 5
    assert deck_problems(good, [0.775], recommendation=True) == [("no_recommendation", "")]


def test_swiss_francs_are_money():
    """Issue 12: a learner's brand may sell in CHF; the capstone's recommendation names its cost
    in the brand's currency, and the deck check must see it as money."""
    from smmlab.report.claims import quantities
    from smmlab.synth.brand import CURRENCIES

    assert "CHF" in CURRENCIES
    for text in ("Cost: 1,500 CHF a month", "CHF 900", "1 500 francs", "3 franchi"):
        assert [q.currency for q in quantities(text)] == ["CHF"], text
    assert [q.currency for q in quantities("Reach rose 78%")] == [""]
