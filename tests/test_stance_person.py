"""Stance toward a person in a news paragraph: the person's other mentions (surname, he / she /
his / her) count, with evidence naming them; bad news about a person is not opposition to them."""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import pandas as pd
import pytest

import newslab as nl
from newslab.stance_roles import analyse

st = importlib.import_module("newslab.stance")
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def one(text: str, name: str) -> pd.Series:
    """The stance row of the first mention of ``name`` in ``text`` (offsets mode, as the scorer)."""
    s = text.index(name)
    return nl.stance(pd.DataFrame({"text": [text], "target_start": [s], "target_end": [s + len(name)]})).iloc[0]


def test_pronouns_and_surname_are_the_persons_other_mentions():
    text = ("Coach Lena Park arrived in Leeds on Monday. Fans cheered her at the station, and Park "
            "thanked them. Mr. Tom Ade said he was pleased.")
    s = text.index("Lena Park")
    found = st.person_mentions(analyse(text), s, s + len("Lena Park"))
    assert [(text[a:b], ev) for a, b, ev in found] == [("her", "her -> Lena Park"), ("Park", "Park")]
    for a, b, _ in found:  # offsets exact
        assert text[a:b] in ("her", "Park")


def test_a_country_or_a_place_has_no_he():
    text = "Russia said on Friday that he would not attend. Oslo hosted him."
    d = analyse(text)
    assert st.person_mentions(d, 0, 6) == []
    assert st.references(d, [("Russia", 0, 6)]) == []
    text = "Many African-Americans said he was right. She thanked him."  # a demonym inside a word
    out = nl.stance(pd.DataFrame({"text": [text]}), targets=nl.targets.countries("United States"))
    assert out["reference"].isna().all()


def test_another_person_named_in_between_takes_the_pronoun():
    text = "Lena Park met Mr. Ben Ade in Oslo. He praised the plan. Ms. Ana Ruiz said she agreed."
    out = nl.stance(pd.DataFrame({"text": [text]}), targets={"Lena Park": ["Lena Park"]})
    assert out["target_start"].tolist() == [0]  # neither "He" (Ade) nor "she" (Ruiz) is Lena Park



def test_an_object_pronoun_is_not_the_subject_of_its_clause():
    """"Ortiz thanked him": him is someone else (Ortiz himself would be "himself"); after a speech
    verb the pronoun may be the speaker again ("Reyes said voters backed him")."""
    text = "Sam Ortiz met Tom Reyes in Quito. Ortiz thanked him for the visit."
    d = analyse(text)
    s = text.index("Tom Reyes")
    assert [ev for _, _, ev in st.person_mentions(d, s, s + 9)] == ["him -> Tom Reyes"]
    assert [ev for _, _, ev in st.person_mentions(d, 0, 9)] == ["Ortiz"]
    text = "Tom Reyes said on Friday that voters backed him."
    assert [ev for _, _, ev in st.person_mentions(analyse(text), 0, 9)] == ["him -> Tom Reyes"]
    text = "Lena Park lost the seat. Ms. Ana Ruiz thanked her and her staff."
    # the object "her" is Park; "her staff" is Ruiz's own (the nearest woman)
    assert [(a, ev) for a, _, ev in st.person_mentions(analyse(text), 0, 9)] == [(46, "her -> Lena Park")]


def test_targets_mode_rows_for_pronouns_say_whom_they_refer_to():
    text = "Lena Park won the vote on Sunday. Her rivals praised her."
    out = nl.stance(pd.DataFrame({"text": [text]}), targets={"Lena Park": ["Lena Park"]})
    assert [text[s:e] for s, e in zip(out.target_start, out.target_end)] == ["Lena Park", "Her", "her"]
    assert out["reference"].tolist()[1:] == ["Her -> Lena Park: Lena Park", "her -> Lena Park: Lena Park"]
    assert out["stance"].tolist()[2] == "favor"


def test_praise_of_the_person_elsewhere_in_the_paragraph_counts_with_evidence():
    text = "Ann Okafor spoke on Monday. Voters praised her. Rivals applauded her candour."
    row = one(text, "Ann Okafor")
    assert row.stance == "favor"
    assert "her -> Ann Okafor: praised -> patient: her" in row.evidence
    alone = one("Ann Okafor spoke on Monday.", "Ann Okafor")
    assert alone.stance_score < row.stance_score


def test_attacks_on_the_person_through_pronouns_read_against():
    text = "Lena Park arrived in Leeds on Monday. Critics condemned her and attacked her record."
    row = one(text, "Lena Park")
    assert row.stance == "against"
    assert "her -> Lena Park: condemned -> patient: her" in row.evidence


def test_the_persons_own_attacks_on_others_are_no_wrong_of_theirs():
    """She condemns the cuts: her stance toward the budget, not the writer's against her."""
    text = ("Rosa Kim spoke at the rally on Monday. She condemned the brutal cuts and attacked the awful "
            "budget as a disaster.")
    d = analyse(text)
    she = st.features(d, text.find("She"), text.find("She") + 3)
    assert she.values["agent_neg"] > 0  # the act is found, as hers
    assert one(text, "Rosa Kim").stance != "against"


def test_bad_news_about_a_person_is_not_against_them():
    text = ("Maria Duarte was injured in a crash on Friday night. She was taken to hospital, and her "
            "family asked for privacy.")
    assert one(text, "Maria Duarte").stance != "against"
    text = "Grace Mensah lost her home in the flood last week. She died on Sunday, her son said."
    assert one(text, "Grace Mensah").stance != "against"


def test_a_paragraph_of_bad_news_around_a_person_reads_neutral_and_says_why():
    text = ("Omar Haddad watched the storm destroy the harbour on Sunday. He said the damage was terrible "
            "and the losses awful. His boat sank, and he fears a grim winter.")
    row = one(text, "Omar Haddad")
    assert row.stance == "neutral"
    assert row.evidence.startswith("(bad news around the person")
    base = st._decide(st.features(analyse(text), 0, len("Omar Haddad")))
    assert base[0] == "against"  # the mention's own words alone would read against


def test_one_more_mention_makes_a_paragraph_about_the_person():
    """The name and one "she" in two sentences: the loss is bad news around her, not against her;
    an accusation in the same frame keeps against."""
    lost = "Lena Ortiz lost the final in a painful defeat on Friday. She called the result awful and heartbreaking."
    assert len(st.person_mentions(analyse(lost), 0, 10)) == 1
    assert st._decide(st.features(analyse(lost), 0, 10))[0] == "against"  # the mention's own words
    row = one(lost, "Lena Ortiz")
    assert row.stance == "neutral" and row.evidence.startswith("(bad news around the person")
    accused = "Lena Ortiz lost the final in a painful defeat on Friday. She was accused of fraud last year."
    assert one(accused, "Lena Ortiz").stance == "against"


def test_a_paragraph_naming_a_wrong_of_the_person_keeps_against():
    text = ("Omar Haddad watched the storm destroy the harbour on Sunday. He said the damage was terrible "
            "and the losses awful. His boat sank, and he faces fraud charges over the insurance claim.")
    assert one(text, "Omar Haddad").stance == "against"


def test_the_person_as_agent_of_a_wrong_reads_against():
    text = "Tom Reyes was convicted of fraud on Tuesday. Prosecutors said he lied to investors for years."
    row = one(text, "Tom Reyes")
    assert row.stance == "against"
    assert "convicted -> patient: Tom Reyes" in row.evidence


def test_a_person_in_a_long_text_is_read_in_bounded_work():
    filler = "The council met again on Tuesday. " * 200
    text = "Lena Park spoke. " + filler + "Critics condemned her."
    assert st.person_mentions(analyse(text), 0, 9) == []  # not a paragraph: no whole-text scan per mention


@pytest.mark.skipif(not (EVAL / "stance_persent_dev.jsonl").exists(), reason="../shared/eval not present")
def test_persent_dev_does_not_fall_below_the_recorded_figure():
    recs = [json.loads(line) for line in (EVAL / "stance_persent_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    pred = nl.stance(pd.DataFrame(recs)[["text", "target_start", "target_end"]])["stance"].tolist()
    f1s = []
    for lab in ("favor", "neutral", "against"):
        tp = sum(g["label"] == lab and p == lab for g, p in zip(recs, pred))
        prec, rec = tp / max(1, pred.count(lab)), tp / max(1, sum(g["label"] == lab for g in recs))
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    assert sum(f1s) / 3 >= 0.42  # 0.42146 at 7985396 (0.4003 before the issue-13 part-3 work)
