"""newslab.targets: the country gazetteer and corpus target candidates."""
from __future__ import annotations

import pandas as pd
import pytest

import newslab as nl
from newslab.targets import candidates, countries


def test_brief_examples():
    t = countries("Russia", "North Korea", "United States")
    assert list(t) == ["Russia", "North Korea", "United States"]
    for a in ["North Korea", "DPRK", "Democratic People's Republic of Korea", "Pyongyang", "North Korean",
              "North Koreans"]:
        assert a in t["North Korea"]
    for a in ["United States", "US", "U.S.", "USA", "America", "Washington", "American", "Americans"]:
        assert a in t["United States"]
    for a in ["Russia", "Russian Federation", "Moscow", "Kremlin", "Russian", "Russians"]:
        assert a in t["Russia"]


def test_aliases_as_names_case_insensitive():
    assert list(countries("USA", "dprk", "Kremlin", "Türkiye")) == ["United States", "North Korea", "Russia", "Turkey"]


def test_unknown_name_lists_close_matches():
    with pytest.raises(KeyError, match="Russia"):
        countries("Rusia")
    with pytest.raises(KeyError, match="unknown country 'Atlantis'"):
        countries("Atlantis")


def test_every_un_member_with_capital_and_demonym():
    allc = countries()
    assert len(allc) >= 197
    for name in ["Afghanistan", "Zimbabwe", "Tuvalu", "Saint Vincent and the Grenadines", "Eswatini", "Timor-Leste",
                 "Democratic Republic of the Congo", "Republic of the Congo", "South Sudan", "Palestine"]:
        assert name in allc
    no_capital = {"Monaco", "Singapore", "San Marino", "Luxembourg", "Djibouti", "Seychelles", "Holy See",
                  "Antigua and Barbuda", "Israel"}  # city-states, capital named like the country; Israel: contested
    with_caps = countries(demonyms=False)
    bare = countries(capitals=False, demonyms=False)
    for name in allc:
        if name not in no_capital:
            assert len(with_caps[name]) > len(bare[name]), name
    assert sum(len(allc[n]) > len(with_caps[n]) for n in allc) >= 190  # demonyms


def test_no_alias_belongs_to_two_countries():
    seen: dict[str, str] = {}
    for name, aliases in countries().items():
        for a in aliases:
            assert seen.setdefault(a, name) == name, (a, seen[a], name)


def test_plurals_only_where_english_has_them():
    assert "Pakistanis" in countries("Pakistan")["Pakistan"]
    assert not any(a.endswith(("ss", "eses")) for a in countries("China", "Switzerland")["China"])
    assert "Chineses" not in countries("China")["China"]
    assert "Frenchs" not in countries("France")["France"]


def test_capitals_and_demonyms_can_be_dropped():
    us = countries("United States", capitals=False, demonyms=False)["United States"]
    assert "Washington" not in us and "American" not in us and "USA" in us


def test_gazetteer_finds_seed_mentions():
    text = nl.load_articles(nl.SEED)["text"].iloc[0]
    out = nl.stance(pd.DataFrame({"text": [text]}), targets=countries("Russia", "North Korea", "United States"))
    forms = {text[s:e] for s, e in zip(out["target_start"], out["target_end"])}
    assert {"DPRK", "Russian Federation", "USA", "US", "North Korea", "Pyongyang", "North Korean"} <= forms


# ------------------------------------------------------------------ candidates
def test_candidates_on_seed():
    c = candidates(nl.load_articles(nl.SEED), top=5)
    assert list(c.columns) == ["candidate", "count", "n_rows", "country", "forms"]
    top = list(c["candidate"])
    assert top[:2] == ["North Korea", "Russia"] and "United States" in top
    nk = c.set_index("candidate").loc["North Korea"]
    assert nk["country"] == "North Korea" and "DPRK" in nk["forms"].split("|")
    assert (c["count"].diff().dropna() <= 0).all()


def test_candidates_drop_function_words_and_possessives():
    df = pd.DataFrame({"text": ["The Acme Corp said on Monday it would sue. But Acme Corp\u2019s rivals laughed.",
                                None, "Acme Corp's staff left."]})
    c = candidates(df)
    assert c["candidate"].iloc[0] == "Acme Corp" and c["count"].iloc[0] == 3 and c["n_rows"].iloc[0] == 2
    assert not any(x in set(c["candidate"]) for x in ["The", "But", "Monday", "The Acme Corp"])


def test_candidates_empty_and_bad_column():
    assert len(candidates(pd.DataFrame({"text": []}))) == 0
    with pytest.raises(KeyError, match="column"):
        candidates(pd.DataFrame({"x": ["A"]}))


def test_candidates_linear_on_long_capitalised_runs():
    df = pd.DataFrame({"text": ["Alpha " * 50_000, "x " * 200_000]})
    c = candidates(df)
    assert len(c) == 0  # a 50,000-word capitalised run is not a name


def test_candidates_one_person_one_candidate():
    df = pd.DataFrame({"text": [
        "Foreign Minister Sergei Lavrov met President Trump. Lavrov said little. Trump said more.",
        ("Trump flew on. Sergei Lavrov stayed, and Kremlin Spokesperson Dmitry Peskov said Peskov's "
         "boss agreed."),
        "General Motors cut jobs. Senate Democrats objected, and Democrats in the House too."]})
    c = candidates(df, top=30).set_index("candidate")
    # titles come off and the surname joins the full name
    assert c.loc["Sergei Lavrov", "count"] == 3
    assert set(c.loc["Sergei Lavrov", "forms"].split("|")) == {"Foreign Minister Sergei Lavrov", "Lavrov",
                                                                 "Sergei Lavrov"}
    assert c.loc["Trump", "count"] == 3 and "President Trump" in c.loc["Trump", "forms"]
    assert c.loc["Dmitry Peskov", "count"] == 2
    # a title before one word it never stands without is part of a name; groups keep their words
    assert "General Motors" in c.index and "Motors" not in c.index
    assert "Senate Democrats" in c.index and c.loc["Democrats", "count"] == 1
    assert not any(x in c.index for x in ["Foreign Minister", "President", "Spokesperson Dmitry Peskov"])


def test_candidates_keep_a_shared_surname_apart():
    df = pd.DataFrame({"text": ["Donald Trump spoke. Melania Trump waved. Trump left."]})
    c = candidates(df).set_index("candidate")
    assert {"Donald Trump", "Melania Trump", "Trump"} <= set(c.index)


_WIRE = [
    "Ukraine's foreign minister met his Polish counterpart in Warsaw on Tuesday, and Kyiv said the talks went well.",
    "The Kremlin said Moscow would answer. President Vladimir Putin did not comment on Ukraine.",
    "Officials in Brasilia and Buenos Aires signed the accord; Brazil's president called it historic.",
    None,
    "",
]


def test_country_counts_are_the_candidates_country_rows():
    from newslab.targets import country_counts

    # a wire story printed twice counts twice, in mentions and in rows, as candidates counts it
    texts = _WIRE + [_WIRE[0], _WIRE[1]]
    found = candidates(pd.DataFrame({"text": texts}), top=10**9)
    found = found[found["country"].notna()]
    want = {str(c): (int(n), int(r)) for c, n, r in zip(found["candidate"], found["count"], found["n_rows"])}
    got = country_counts(texts)
    assert got == want and list(got) == list(want)
    assert got["Ukraine"] == (6, 4) and got["Russia"] == (4, 2) and got["Argentina"] == (1, 1)
    assert country_counts([None, ""]) == {}
