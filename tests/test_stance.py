"""newslab.stance: mentions, stance toward a target, evidence, speaker-by-target matrix, the seed."""
from __future__ import annotations

import importlib
import inspect
import json
from pathlib import Path

import pandas as pd
import pytest

import newslab as nl
from newslab.targets import countries

st = importlib.import_module("newslab.stance")  # the module; nl.stance is the function
roles_mod = importlib.import_module("newslab.stance_roles")
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
T3 = countries("Russia", "North Korea", "United States")
ALLIANCE = {"US-Japan-South Korea alliance": ["triangular military alliance", "trilateral security co-operation"]}


def seed_text() -> str:
    return nl.load_articles(nl.SEED)["text"].iloc[0]


def one(text: str, target: str, occurrence: int = 0) -> pd.Series:
    """Stance of the n-th occurrence of ``target`` in ``text`` (offsets mode)."""
    s = -1
    for _ in range(occurrence + 1):
        s = text.find(target, s + 1)
    assert s >= 0, target
    return nl.stance(pd.DataFrame({"text": [text], "target_start": [s], "target_end": [s + len(target)]})).iloc[0]


# ------------------------------------------------------------------ mentions
def test_mentions_whole_word_case_sensitive_possessive_longest():
    t = {"US": ["US", "U.S.", "United States"], "Russia": ["Russia", "Russian Federation", "Russian"]}
    text = "The US\u2019s ties, U.S. policy and Russia's role: thus the United States and the Russian Federation; us too."
    got = st.find_mentions(text, t)
    assert [text[s:e] for _, s, e in got] == ["US", "U.S.", "Russia", "United States", "Russian Federation"]
    assert [n for n, _, _ in got] == ["US", "US", "Russia", "US", "Russia"]
    assert st.find_mentions("Russians USA BUS", {"US": ["US"]}) == []


def test_a_match_inside_a_word_does_not_hide_a_later_alias():
    # The scan takes the alternation first and checks the word start after: a longer alias that
    # starts inside a word ("XUnited ...") is passed over and the shorter one after it still counts.
    t = {"US": ["United States", "States"], "Ko": ["Korea"]}
    assert st.find_mentions("XUnited States", t) == [("US", 8, 14)]
    assert st.find_mentions("SouthKorea, Korea_x; Korea.", t) == [("Ko", 21, 26)]
    by_row = st._mentions_by_row(["aStates", "States"], st._Compiled(t))
    assert by_row == {1: [("US", 0, 6)]}


def test_targets_mode_keeps_columns_one_row_per_mention_and_drops_rows_without():
    df = pd.DataFrame({"doc": ["a", "b", "c"], "speaker_name": ["X", "Y", "Z"],
                       "text": ["Russia and Moscow.", "Nothing here.", None]})
    out = nl.stance(df, targets=countries("Russia"))
    assert list(out["doc"]) == ["a", "a"] and list(out["speaker_name"]) == ["X", "X"]
    assert {"target", "target_start", "target_end", "stance", "stance_score", "evidence"} <= set(out.columns)
    for r in out.itertuples():
        assert df["text"].iloc[0][r.target_start:r.target_end] in ("Russia", "Moscow")
    assert set(out["stance"]) <= {"favor", "neutral", "against"}
    assert out["stance_score"].between(-1, 1).all()


def test_empty_and_missing_column():
    empty = nl.stance(pd.DataFrame({"text": pd.Series([], dtype="string")}), targets=T3)
    assert len(empty) == 0 and "stance" in empty.columns
    with pytest.raises(KeyError, match="column"):
        nl.stance(pd.DataFrame({"body": ["x"]}), targets=T3)
    with pytest.raises(ValueError, match="target_start"):
        nl.stance(pd.DataFrame({"text": ["x"]}))


def test_offsets_mode_fills_target_and_skips_bad_rows_visibly():
    df = pd.DataFrame({"text": ["Critics condemned Acme.", "Short", None], "target_start": [18, 2, 0],
                       "target_end": [22, 99, 3]})
    out = nl.stance(df)
    assert len(out) == 3
    assert out["target"].iloc[0] == "Acme" and out["stance"].iloc[0] == "against"
    assert out["stance"].isna().iloc[1:].all()
    assert out["evidence"].iloc[1].startswith("skipped")


def test_parallel_matches_serial():
    s = nl.sentences(nl.load_articles(nl.SEED))
    a = nl.stance(s, targets=T3)
    b = nl.stance(s, targets=T3, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)


# ------------------------------------------------------------------ stance toward the target
@pytest.mark.parametrize("text,target,label", [
    ("Lawmakers sharply criticized Acme over the toxic spill.", "Acme", "against"),
    ("Acme was condemned by regulators after the spill.", "Acme", "against"),
    ("The mayor praised Acme for its swift help to flood victims.", "Acme", "favor"),
    ("Acme opened a new office in Leeds on Tuesday.", "Acme", "neutral"),
])
def test_role_and_cues(text, target, label):
    assert one(text, target)["stance"] == label


def test_evidence_names_deciding_cue_with_role():
    r = one("Lawmakers sharply criticized Acme over the toxic spill.", "Acme")
    assert r["evidence"].startswith("criticized -> patient: Acme")


# ------------------------------------------------------------------ roles: who does what to whom
def _role(text: str, target: str):
    d = roles_mod.analyse(text)
    s = text.find(target)
    return roles_mod.roles(d, *d.token_range(s, s + len(target)))


@pytest.mark.parametrize("text,target,role,sign", [
    ("The senator denounced Veltrix on Monday.", "Veltrix", "patient", -1),
    ("Veltrix was sharply criticised by the regulator.", "Veltrix", "patient", -1),
    ("The plan was condemned by Veltrix.", "Veltrix", "agent", -1),
    ("Veltrix praised the rescue crews.", "Veltrix", "agent", 1),
    ("Officials in Oslo hailed their ties with Veltrix.", "Veltrix", "inside patient", 1),
    ("Officials in Oslo signed new ties with Veltrix.", "Veltrix", "patient", 1),
    # nested: the union attacks the mayor's act, so it is against the mayor, for whom he condemned
    ("The union attacked Mayor Ruiz's condemnation of the Harbour Trust.", "Ruiz", "inside patient", -1),
    ("The union attacked Mayor Ruiz's condemnation of the Harbour Trust.", "Harbour Trust", "inside patient", 1),
    ("Ministers welcomed the ban on Veltrix.", "Veltrix", "inside patient", -1),
    # passive only when the act follows its auxiliary with nothing but adverbs between
    ("Veltrix has been widely criticized since the spill.", "Veltrix", "patient", -1),
    ("Veltrix has been unrelenting in questioning the audit.", "Veltrix", "agent", -1),
    ("Veltrix was a fierce critic of the merger.", "Veltrix", "agent", -1),
    ("Veltrix is widely regarded as a threat to the harbour.", "Veltrix", "patient", -1),
    # a second prepositional phrase after a name is the verb's, not inside the act's object
    ("The envoy discussed sanctions against Lisbon with Mr Okafor in June.", "Lisbon", "patient", -1),
    ("Officials criticized the Prime Minister of Veltrix on Monday.", "Veltrix", "patient", -1),
    # an act the word itself calls unjust: the writer sides with its patient, not with its agent
    ("Columnists kept up the smear of Judge Ostrander all week.", "Judge Ostrander", "patient", 1),
    ("Rights groups documented the persecution of Tamil reporters.", "Tamil", "patient", 1),
    ("The witch-hunt against Mayor Ruiz ended in March.", "Mayor Ruiz", "patient", 1),
    ("Mayor Ruiz smeared his rivals in a radio interview.", "Mayor Ruiz", "agent", -1),
    ("Senators denounced the smear of Judge Ostrander.", "Judge Ostrander", "inside patient", 1),
])
def test_roles_from_structure(text, target, role, sign):
    r = _role(text, target)
    assert r is not None and r.role == role and (r.value > 0) == (sign > 0), r


def test_back_after_a_verb_is_an_adverb_not_support():
    """"beat back the rebels", "fought back against critics": "back" is the verb's adverb, no act of
    support toward anyone; "voters back the mayor", "unions will back her" still are."""
    assert _role("Government troops beat back the Sarwan rebels near the border.", "Sarwan") is None
    assert _role("Sarwan fighters were beaten back by the army.", "Sarwan") is None
    assert _role("The Veltrix board pushed back on the takeover bid.", "Veltrix") is None
    row = one("Government troops beat back the Sarwan rebels near the border.", "Sarwan")
    assert row["stance"] != "favor" and "back ->" not in row["evidence"]
    r = _role("Farm unions back Mayor Ruiz in the runoff.", "Mayor Ruiz")
    assert r is not None and r.role == "patient" and r.value > 0
    r = _role("The Greens will back Veltrix in Thursday's vote.", "Veltrix")
    assert r is not None and r.value > 0


def test_the_patient_of_an_unjust_act_says_so_in_the_evidence():
    r = _role("Columnists kept up the smear of Judge Ostrander all week.", "Judge Ostrander")
    assert r.evidence == "smear (unjust) -> patient: Judge Ostrander"


def test_the_victim_of_a_smear_is_not_read_against():
    """The tone of "smear" is the writer's sympathy for its patient, not hostility toward it; the
    agent of the smear gets no such sympathy."""
    r = one("Columnists kept up the smear of Judge Ostrander all week.", "Ostrander")
    assert r["stance"] == "favor" and r["evidence"].startswith("smear (unjust) -> patient: Ostrander")
    assert one("Columnists smeared Judge Ostrander all week.", "Columnists")["stance"] != "favor"


def test_a_second_phrase_after_a_name_is_outside_the_acts_object():
    assert _role("The envoy discussed sanctions against Lisbon with Mr Okafor in June.", "Mr Okafor") is None
    assert _role("Brussels imposed sanctions on Lisbon over Porto.", "Porto") is None


def test_object_phrase_ends_at_a_subordinator():
    """A name after "before / after / when / than" belongs to the next event, not to the act's object."""
    text = "The envoy discussed sanctions against Lisbon with aides before Governor Okafor took office."
    assert _role(text, "Okafor") is None
    assert _role(text, "Lisbon").role == "patient"
    assert _role("Critics attacked Veltrix when Mayor Ruiz left.", "Ruiz") is None


def test_plain_bad_news_is_no_act_and_no_tone():
    assert _role("Three soldiers were killed near Veltrix during the war.", "Veltrix") is None
    d = roles_mod.analyse("the crisis and the war killed many")
    assert not any(d.tone) and all(i.act == 0 for i in d.info)
    for w in ("war", "crisis", "killed"):
        assert roles_mod.word(w).event


def test_nested_evidence_names_outer_act_role_and_phrase():
    text = "Lisbon criticized Madrid's condemnation of its deepening ties with Rabat."
    r = _role(text, "Madrid")
    assert r.evidence == "criticized -> patient: Madrid's condemnation"
    r = _role(text, "Rabat")
    assert r.evidence.startswith("criticized -> patient: Madrid's condemnation of") and r.value > 0


# ------------------------------------------------------------------ references
def test_references_count_as_mentions_with_evidence():
    t = {"Norway": ["Norway", "Oslo"], "Chile": ["Chile"], "Peru": ["Peru"]}
    text = ("Norway, Chile and Peru signed the fisheries pact on Friday. Critics condemned their alliance. "
            "Peru later said it welcomed the talks.")
    out = nl.stance(pd.DataFrame({"text": [text]}), targets=t)
    refs = out[out["reference"].notna()]
    # "their alliance" -> the three countries; "it welcomed" -> Peru, the last singular mention
    assert sorted(refs[refs["target_start"] == text.find("their")]["target"]) == ["Chile", "Norway", "Peru"]
    assert refs[refs["target_start"] == text.find("it welcomed")]["target"].tolist() == ["Peru"]
    row = refs[(refs["target"] == "Chile")].iloc[0]
    assert row["evidence"].startswith("their alliance -> Chile: Norway, Chile and Peru")
    assert row["stance"] == "against"
    assert text[row["target_start"]:row["target_end"]] == "their alliance"
    off = nl.stance(pd.DataFrame({"text": [text]}), targets=t, references=False)
    assert off["reference"].isna().all() and len(off) == 4


def test_reference_look_back_is_bounded_and_it_needs_an_actor():
    t = {"Chile": ["Chile"]}
    far = "Chile and Peru met. A storm came. Roads closed. Schools shut. Their alliance grew."
    assert nl.stance(pd.DataFrame({"text": [far]}), targets=t)["reference"].isna().all()
    expl = "Chile is large. It is the will of many to travel, and critics call it costly."
    assert nl.stance(pd.DataFrame({"text": [expl]}), targets=t)["reference"].isna().all()


def test_scare_quotes_are_not_the_writers_judgement():
    plain = one("He said the pact with Russia posed a threat to peace.", "Russia")["stance_score"]
    scare = one("He said the pact with Russia posed a \u2018threat\u2019 to peace.", "Russia")["stance_score"]
    assert scare > plain


def _long_run(n: int) -> tuple[int, int, pd.DataFrame]:
    st.WORK.update(tokens=0, mentions=0)
    text = "Russia praised the deal and " * n
    out = nl.stance(pd.DataFrame({"text": [text]}), targets={"Russia": ["Russia"]})
    return st.WORK["tokens"], int(out["text"].str.len().sum()), out


def test_long_sentence_many_targets_linear_in_work_and_memory():
    # One sentence of n mentions: the tokens read per mention and the characters each row carries
    # are bounded (no clock: the work counter and the row sizes), so 2n mentions cost 2x, not 4x.
    w1, c1, out1 = _long_run(1_000)
    w2, c2, out2 = _long_run(2_000)
    assert len(out1) == 1_000 and len(out2) == 2_000
    assert w2 <= 2.05 * w1 and c2 <= 2.05 * c1
    assert c1 <= 1_000 * (2 * st._TEXT_WINDOW + 10)  # a window per row, not the 28,000-character text
    text = "Russia praised the deal and " * 2_000
    for r in out2.iloc[[0, 999, 1999]].itertuples():
        assert r.text == text[r.text_offset:r.text_offset + len(r.text)]
        assert text[r.target_start:r.target_end] == "Russia"
        assert r.text[r.target_start - r.text_offset:r.target_end - r.text_offset] == "Russia"
    short = nl.stance(pd.DataFrame({"text": ["Russia praised the deal."]}), targets={"Russia": ["Russia"]})
    assert short["text"].iloc[0] == "Russia praised the deal." and short["text_offset"].iloc[0] == 0


# ------------------------------------------------------------------ the seed
def test_seed_first_sentence_against_united_states():
    s = nl.sentences(nl.load_articles(nl.SEED))
    out = nl.stance(s, targets=T3)
    first = out[(out["sentence_id"] == out["sentence_id"].min()) & (out["target"] == "United States")]
    assert len(first) == 1 and first["stance"].iloc[0] == "against"
    assert "criticized" in first["evidence"].iloc[0]


def hand_quotes() -> pd.DataFrame:
    """Seed quotes cut by hand (str.find), so stance is tested without newslab.quotes."""
    text = seed_text()
    spans = [
        ("Choe Son Hui", ("It is the steadfast will and stand of the DPRK to comprehensively expand and develop "
                          "the bilateral relations with the Russian Federation")),
        ("Choe Son Hui", "If they were curious to prove that the specific sphere of cooperation between the DPRK"),
        ("Dmitry Peskov", "Russia intends to establish close ties with North Korea"),
        ("Dmitry Peskov", ("North Korea is our neighbour and we continue and will continue to develop close "
                           "relations in all areas.")),
        ("The US, Japan and South Korea", "they has confirmed"),
    ]
    rows = []
    for speaker, head in spans:
        s = text.find(head)
        assert s >= 0, head
        # Run to the end of the sentence (the quote's content as an extractor would give it).
        e = min(i for i in (text.find("\u201d", s), text.find(".\n", s), text.find(". ", s + len(head) - 2))
                if i >= 0)
        rows.append({"speaker_name": speaker, "start": s, "end": e, "text": text[s:e]})
    return pd.DataFrame(rows)


def test_hand_built_quotes_matrix():
    q = hand_quotes()
    assert all(seed_text()[r.start:r.end] == r.text for r in q.itertuples())
    m = nl.stance_matrix(q, {**T3, **ALLIANCE}).set_index(["speaker_name", "target"])
    assert m.loc[("Choe Son Hui", "Russia"), "stance"] == "favor"
    assert m.loc[("Choe Son Hui", "US-Japan-South Korea alliance"), "stance"] == "against"
    assert m.loc[("Dmitry Peskov", "North Korea"), "stance"] == "favor"
    assert m.loc[("The US, Japan and South Korea", "North Korea"), "stance"] == "against"
    assert {"stance_score", "n_favor", "n_neutral", "n_against", "n_quotes"} <= set(m.columns)


def test_seed_matrix_from_quotes():
    q = nl.quotes(nl.load_articles(nl.SEED))
    m = nl.stance_matrix(q, T3).set_index(["speaker_name", "target"])
    assert m.loc[("Choe Son Hui", "Russia"), "stance"] == "favor"
    assert m.loc[("Dmitry Peskov", "North Korea"), "stance"] == "favor"
    us = [k for k in m.index if k[0].startswith("The US") and k[1] == "North Korea"]
    assert us and all(m.loc[k, "stance"] == "against" for k in us)
    row = m.loc[("Choe Son Hui", "Russia")]
    assert row["n_favor"] + row["n_neutral"] + row["n_against"] >= row["n_quotes"] >= 1


def test_seed_acceptance_matrix():
    """Issue 13's table: who is for or against whom in the bundled article. "North Korea criticized
    the USA's condemnation ..." is an attribution, not a quotation of speech: every attribution counts."""
    arts = nl.load_articles(nl.SEED)
    kw = {"convention": "attributions"} if "convention" in inspect.signature(nl.quotes).parameters else {}
    q = nl.quotes(arts, **kw)
    m = nl.stance_matrix(q, T3).set_index(["speaker_name", "target"])["stance"].to_dict()
    assert m[("North Korea", "United States")] == "against"
    assert m.get(("North Korea", "Russia"), "favor") == "favor"
    assert m[("Choe Son Hui", "Russia")] == "favor"
    assert m.get(("Choe Son Hui", "North Korea"), "favor") == "favor"
    assert m[("Choe Son Hui", "United States")] == "against"
    assert m[("The US, Japan and South Korea", "North Korea")] == "against"
    assert m[("Dmitry Peskov", "North Korea")] == "favor"
    assert m.get(("Russia and North Korea", "Russia"), "favor") != "against"


def test_matrix_own_side_and_cue_as_act():
    t = {"Norway": ["Norway", "Norwegian", "Oslo"], "Chile": ["Chile"]}
    q = pd.DataFrame({"article_id": ["a", "a", "a"], "start": [10, 80, 200],
                      "speaker_name": ["Ingrid Dahl", "Ingrid Dahl", "Chile"],
                      "speaker_role": ["Norwegian Trade Minister", "Norwegian Trade Minister", None],
                      "cue": ["said", "denounced", "said"],
                      "text": ["Norway was hit hard by the storm and Chile sent help",
                               "Chile's boycott of Norway",
                               "the war in Chile's north is over"]})
    m = nl.stance_matrix(q, t).set_index(["speaker_name", "target"])
    assert ("Ingrid Dahl", "Norway") not in m.index  # her own side
    assert m.loc[("Ingrid Dahl", "Chile"), "stance"] == "against"  # denounced -> Chile's boycott
    assert m.loc[("Ingrid Dahl", "Chile"), "evidence"].startswith("denounced -> patient: Chile's boycott")
    assert ("Chile", "Chile") not in m.index


def test_matrix_counts_and_unknown_speaker():
    q = pd.DataFrame({"speaker_name": ["A", None, "A"], "text": ["Critics condemned Acme.", "Acme grew.", "No."]})
    m = nl.stance_matrix(q, {"Acme": ["Acme"]})
    assert list(m["speaker_name"]) == ["(unknown)", "A"] or list(m["speaker_name"]) == ["A", "(unknown)"]
    a = m[m["speaker_name"] == "A"].iloc[0]
    assert a["n_quotes"] == 1 and a["n_against"] == 1
    empty = nl.stance_matrix(q.iloc[2:], {"Acme": ["Acme"]})
    assert len(empty) == 0 and "n_quotes" in empty.columns


# ------------------------------------------------------------------ model and real data
def test_weights_cover_every_feature():
    rows = importlib.import_module("newslab._lexicon").rows("stance_weights.txt")
    assert {(lab, f) for lab, f, _ in rows} == {(lab, f) for lab in st.LABELS for f in st.FEATURES}


@pytest.mark.parametrize("name", ["rw_dev", "mt_dev"])
def test_newsmtsc_dev_macro_f1(name):
    path = EVAL / f"stance_newsmtsc_{name}.jsonl"
    if not path.exists():
        pytest.skip("../shared/eval is absent")
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pred = list(nl.stance(pd.DataFrame(recs)[["text", "target_start", "target_end"]])["stance"])
    f1s = []
    for c in ("favor", "neutral", "against"):
        tp = sum(p == c and r["label"] == c for p, r in zip(pred, recs))
        np_, ng = sum(p == c for p in pred), sum(r["label"] == c for r in recs)
        P, R = (tp / np_ if np_ else 0), (tp / ng if ng else 0)
        f1s.append(2 * P * R / (P + R) if P + R else 0)
    assert sum(f1s) / 3 >= 0.66  # issue 13's bar; rw 0.701, mt 0.685 at 7985396


def test_batched_mention_scan_equals_per_row_finder():
    t = {"Chile": ["Chile", "Chilean", "Santiago"], "Peru": ["Peru", "Lima"]}
    texts = ["Chile\u2019s envoy met Lima\u2019s.", None, "", "Nothing.", "x\x00Peru and Santiago", "Peru"]
    by_row = st._mentions_by_row(texts, st._Compiled(t))
    expect = {k: st.find_mentions(x, t) for k, x in enumerate(texts) if isinstance(x, str) and st.find_mentions(x, t)}
    assert by_row == expect and set(by_row) == {0, 4, 5}


def test_other_sentences_about_the_target_count():
    # A paragraph's view of a person: the sentences naming her again, or saying "she", count too.
    base = "Marta Quispe opened a clinic in the valley last spring."
    kind = base + " Patients praised her kindness and her wonderful care. She is admired by many."
    other = base + " Patients praised the kindness and the wonderful care of the staff at another hospital far away."
    assert one(kind, "Marta Quispe")["stance_score"] > one(other, "Marta Quispe")["stance_score"]
    d = roles_mod.analyse(kind)
    assert len(st._about(d, 0, 1)) == 2


def test_achievements_and_wrongs_in_the_sentences_about_the_target_count():
    """A success of the target ("won the title") pushes toward favor, a wrong or its accusation
    ("charged with fraud") toward against, each through its own learned feature; a negated one
    ("never won") and one in a sentence about someone else do not count."""
    won = "Ana Ruiz won the national title in Lyon on Sunday."
    played = "Ana Ruiz played the national final in Lyon on Sunday."
    f_won, f_played = st.features(won, 0, 8), st.features(played, 0, 8)
    assert f_won.values["achieve"] > 0 and f_played.values["achieve"] == 0
    assert st._probabilities(f_won)["favor"] > st._probabilities(f_played)["favor"]
    assert st.features("Ana Ruiz has never won in Lyon.", 0, 8).values["achieve"] == 0
    charged = "Ana Ruiz was charged with fraud in Lyon on Sunday."
    f_charged = st.features(charged, 0, 8)
    assert f_charged.values["wrong"] > 0 and f_played.values["wrong"] == 0
    assert st._probabilities(f_charged)["against"] > st._probabilities(f_played)["against"]
    other = "Ana Ruiz played in Lyon on Sunday. " + "The council met in the old hall. " * 4 + "Tomas Berg was charged with fraud."
    assert st.features(other, 0, 8).values["wrong"] == 0
    # the counts of one text never reach another's mentions (texts read in turns, analysed once each)
    d_won, d_played = roles_mod.analyse(won), roles_mod.analyse(played)
    for _ in range(2):
        assert st.features(d_won, 0, 8).values["achieve"] > 0
        assert st.features(d_played, 0, 8).values["achieve"] == 0


def test_context_word_weights_hold_no_grammar_words():
    # Plain context words skip grammar words; only the positional keys ("p1:of") may hold them.
    stop = importlib.import_module("newslab._lexicon").words("stance_stopwords.txt")
    rows = importlib.import_module("newslab._lexicon").rows("stance_words.txt")
    assert rows and all(len(r) == 4 for r in rows)
    plain = [r[0] for r in rows if ":" not in r[0]]
    assert plain and not set(plain) & stop
    prefixes = {r[0].split(":", 1)[0] for r in rows if ":" in r[0]}
    assert prefixes == {"not", "p1", "p2", "n1", "n2"}
    # next to a mention, only the grammar words that mark a role ("of", "by", "'s") or speech, no numbers
    keep = importlib.import_module("newslab._lexicon").words("stance_adjacent_keep.txt")
    speech = importlib.import_module("newslab._lexicon").words("stance_speech.txt")
    positional = [r[0].split(":", 1)[1] for r in rows if r[0][:3] in ("p1:", "p2:", "n1:", "n2:")]
    assert "of" in positional and "said" in positional
    assert not {w for w in positional if w in stop} - keep - speech
    assert not [w for w in positional if any(c.isdigit() for c in w)]


def test_negated_context_words_and_adjacent_tokens_reach_the_model():
    """"did not criticize" is keyed apart from "criticize", and the tokens right next to the
    mention carry their position ("p1:praised"): both change the probabilities through the
    shipped weights, so a feature that stops being computed or read fails here."""
    text = "Lawmakers in the state assembly did not criticize Governor Alvarado over the budget delay."
    m = st.features(text, text.find("Governor"), text.find(" over"))
    keys = [k for k, _, _ in m.word_features()]
    # the act that governs the mention is the role's evidence, not a context word as well
    assert m.role.evidence.startswith("criticize -> patient") and "not:criticize" not in keys
    assert "p1:criticize" in keys and not {"n1:over", "p2:not", "n2:the"} & set(keys)  # grammar words: no key
    hid = "Governor Alvarado did not hide his frustration over the budget delay."
    keys = [k for k, _, _ in st.features(hid, 0, 17).word_features()]
    assert "not:hide" in keys and "hide" not in keys
    praised = "The mayor of Port Lindsay praised Amara Okafor for the clinic's swift response to the outbreak."
    m = st.features(praised, praised.find("Amara"), praised.find(" for"))
    assert [k for k, _ in m.adjacent] == ["p1:praised", "n1:for", "p2:lindsay"]
    weights = st._word_weights()
    assert "p1:praised" in weights and "n1:for" in weights
    full = st._probabilities(m)
    m.adjacent = []
    assert st._probabilities(m) != full


def _train_tool():
    import sys
    tools = Path(__file__).resolve().parents[1] / "tools"
    sys.path.insert(0, str(tools))
    try:
        return importlib.import_module("train_stance")
    finally:
        sys.path.remove(str(tools))


def test_weights_files_are_what_the_training_tool_writes(tmp_path):
    """The training tool fits a planted signal (L-BFGS) and writes tables in the format the
    package reads: the shipped files parse the same way, one weight per (label, feature)."""
    import numpy as np
    tool = _train_tool()
    texts = [("Voters praised Mayor Reyes for the new bridge.", "Mayor Reyes", "favor"),
             ("Voters condemned Mayor Reyes for the toll hike.", "Mayor Reyes", "against"),
             ("Mayor Reyes met voters in the town hall on Tuesday.", "Mayor Reyes", "neutral")] * 4
    ms = [st.features(t, t.find(n), t.find(n) + len(n)) for t, n, _ in texts]
    y = np.array([st.LABELS.index(lab) for _, _, lab in texts])
    args = tool.argparse.Namespace(l2=1e-3, l2_words=1e-3, min_count=2, iters=60)
    W, vocab = tool.train(ms, y, args)
    assert (tool.Data(ms, vocab).logits(W).argmax(1) == y).all()
    assert "p1:praised" in vocab and "n1:met" in vocab
    tool.write_tables(W, vocab, args, tmp_path / "w.txt", tmp_path / "words.txt")

    def parse(path):
        lines = (raw.split("#", 1)[0].strip() for raw in path.read_text(encoding="utf-8").splitlines())
        return [tuple(f.strip() for f in line.split("\t")) for line in lines if line]

    written = parse(tmp_path / "w.txt")
    assert {(lab, f) for lab, f, _ in written} == {(lab, f) for lab in st.LABELS for f in st.FEATURES}
    got = {(lab, f): float(w) for lab, f, w in written}
    assert abs(got[("favor", "bias")] - W[0, 2]) < 1e-4
    words = parse(tmp_path / "words.txt")
    assert all(len(r) == 4 and all(float(x) == float(x) for x in r[1:]) for r in words)
    assert {r[0] for r in words} <= set(vocab)
    shipped = importlib.import_module("newslab._lexicon").rows("stance_words.txt")
    assert all(len(r) == 4 and " " not in r[0] and [float(x) for x in r[1:]] for r in shipped)
    assert len(st._word_weights()) == len(shipped)


def test_persent_ceiling_tool_keeps_articles_whole_and_learns_a_planted_signal():
    """tools/persent_ceiling.py: the paragraphs of one article share a fold; a paragraph's bag
    holds its words and word pairs beside the mention's own features; the grouped cross-validation
    recovers a signal planted in the words."""
    import numpy as np
    tool = _train_tool()
    tools = Path(__file__).resolve().parents[1] / "tools"
    import sys
    sys.path.insert(0, str(tools))
    try:
        ceiling = importlib.import_module("persent_ceiling")
    finally:
        sys.path.remove(str(tools))
    ids = [f"persent:dev:{d}:p{p}" for d in range(40) for p in range(3)]
    fold = ceiling.folds(ids, 5)
    assert all(len(set(fold[i * 3:i * 3 + 3])) == 1 for i in range(40)) and len(set(fold)) > 1
    text = "Mayor Reyes opened the clinic. Voters cheered her."
    m = st.features(text, 0, 11)
    bag = ceiling._Bag(text, m)
    keys = {k for k, _, _ in bag.word_features()}
    assert {"bow:voters", "bow:cheered_her", "bow:mayor_reyes"} <= keys
    assert bag.values is m.values and keys >= {k for k, _, _ in m.word_features()}
    plain = ceiling._Bag(text, None)
    assert plain.values["bias"] == 1.0 and sum(plain.values.values()) == 1.0
    kinds = [("hailed the rescue by", "favor"), ("reported on the budget of", "neutral"),
             ("was charged with fraud said", "against")]
    texts = [f"Paper {k} Mayor Reyes{' and staff' * (i % 3)}." for i in range(30) for k, _ in kinds]
    y = np.array([st.LABELS.index(lab) for _ in range(30) for _, lab in kinds])
    bags = [ceiling._Bag(t, None) for t in texts]
    assert ceiling.cross_validated(bags, y, (np.arange(len(y)) // 3) % 3, 1e-3, min_count=2) == 1.0
    assert tool.macro_f1(y, y) == 1.0


def test_reference_to_a_group_holding_no_target_is_no_mention():
    """The seed's "their triangular military alliance" means the US, Japan and South Korea of the
    paragraph before; with only North Korea and Russia as targets it is a mention of neither, and
    the "they" of the same sentence means that group too, not "the DPRK and Russia"."""
    text = seed_text()
    out = nl.stance(pd.DataFrame({"text": [text]}), targets=countries("North Korea", "Russia"))
    q = text.find("If they were curious")
    quote_refs = out[out["reference"].notna() & (out["target_start"] >= q) & (out["target_start"] < q + 300)]
    assert quote_refs.empty, quote_refs[["target", "evidence"]].values.tolist()
    with_us = nl.stance(pd.DataFrame({"text": [text]}), targets=T3)
    at = with_us[with_us["target_start"] == text.find("their triangular")]
    assert at["target"].tolist() == ["United States"]
    assert at["evidence"].iloc[0].startswith("their triangular military alliance -> United States: The US, Japan")


def test_group_without_target_blocks_and_size_words_choose_the_group():
    t = {"Chile": ["Chile"], "Peru": ["Peru"]}
    plain = "Chile and Peru signed a fishing deal. Brazil and Argentina objected. They called it unfair."
    assert nl.stance(pd.DataFrame({"text": [plain]}), targets=t)["reference"].isna().all()
    sized = ("Chile and Peru signed a fishing deal on Monday. Brazil and Argentina objected the next day. "
             "Officials said the two countries had ignored a court ruling.")
    refs = nl.stance(pd.DataFrame({"text": [sized]}), targets=t)
    assert refs["reference"].isna().all()  # "the two countries": the nearer pair, Brazil and Argentina
    three = ("Chile, Peru and Ecuador signed a fishing deal on Monday. Brazil and Argentina objected. "
             "Lawyers said the trilateral alliance broke no rule.")
    out = nl.stance(pd.DataFrame({"text": [three]}), targets=t)
    ref = out[out["reference"].notna()]
    assert sorted(ref["target"]) == ["Chile", "Peru"]
    assert (ref["target_start"] == three.find("the trilateral alliance")).all()


def test_mention_rows_keep_each_input_column_once_with_its_dtype():
    # The rows are built as whole columns: an object column stays object, a categorical stays
    # categorical, other rows' values follow their mention, and a repeated column name is kept
    # once per input column (inserting columns one by one repeated it).
    df = pd.DataFrame({"n": [1, 2, 3], "desk": pd.Series(["wire", "metro", "world"], dtype=object),
                       "section": pd.Categorical(["world", "city", "world"]),
                       "text": ["Ottawa criticized Russia over the grain corridor on Tuesday.",
                                "The city council met late into the night.",
                                "Lima and Russia signed a fisheries accord, officials said."]})
    out = nl.stance(df, targets={"Russia": ["Russia"]})
    assert out.columns.tolist()[:4] == ["n", "desk", "section", "text"]
    assert out["n"].tolist() == [1, 3] and out["desk"].tolist() == ["wire", "world"]
    assert out["desk"].dtype == object and isinstance(out["section"].dtype, pd.CategoricalDtype)
    assert out["text"].tolist() == [df["text"][0], df["text"][2]]
    assert out.index.tolist() == [0, 1]
    dup = nl.stance(df.set_axis(["n", "n", "section", "text"], axis=1), targets={"Russia": ["Russia"]})
    assert dup.columns.tolist()[:4] == ["n", "n", "section", "text"]
    assert dup.iloc[:, 1].tolist() == ["wire", "world"]
    empty = nl.stance(df.iloc[1:2], targets={"Russia": ["Russia"]})
    assert len(empty) == 0 and list(empty.dtypes) == list(out.dtypes)


def test_an_abbreviation_dot_does_not_end_the_sentence():
    from newslab.stance_roles import analyse

    assert set(analyse("The U.S. condemned Iran on Monday.").sent) == {0}  # "U.S." then a lower-case verb
    assert set(analyse("Dr. Lena Park praised the plan.").sent) == {0}  # a title abbreviation
    assert set(analyse("George W. Bush spoke.").sent) == {0}  # an initial
    assert analyse("He met Mr. Lee. Then he left.").sent[-1] == 1  # "Lee." still ends one
    out = nl.stance(pd.DataFrame({"text": ["The U.S. condemned Iran on Monday."]}),
                    targets={"United States": ["U.S."], "Iran": ["Iran"]})
    by = dict(zip(out["target"], out["stance"]))
    assert by["Iran"] == "against"  # the patient of "condemned", which "U.S." no longer cuts off
    assert "condemned" in out.loc[out["target"] == "United States", "evidence"].iloc[0]


def test_matrix_a_quote_without_targets_still_stops_a_later_reference():
    # The middle quote names no target and none is in reach of it, so it is not analysed for its
    # own rows; its group of names must still stand between "They" and the pact's signatories.
    from newslab.stance import matrix_mentions

    pact = "Russia and China signed a sweeping defence pact on Friday."
    aside = "Brazil and Argentina have stayed out of the quarrel so far."
    regret = "They will regret the day they signed it."
    t = {"Russia": ["Russia"], "China": ["China"]}

    def rows(texts: list[str]) -> list[tuple[int, str]]:
        q = pd.DataFrame({"article_id": ["wire-1"] * len(texts), "start": [100 * i for i in range(len(texts))],
                          "speaker_name": ["Ann Lee"] * len(texts), "text": texts})
        return sorted({(int(k), str(n)) for k, n in matrix_mentions(q, t)[["quote", "target"]].values})

    assert rows([pact, regret]) == [(0, "China"), (0, "Russia"), (1, "China"), (1, "Russia")]
    assert rows([pact, aside, regret]) == [(0, "China"), (0, "Russia")]
    assert rows([aside, regret]) == []
