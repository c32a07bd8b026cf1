"""Tests for newslab.quotes: the seed's attributions, each quote shape, bad input, and PolNeAR quality."""
from __future__ import annotations

import importlib
import importlib.util
import json
import math
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslab
from newslab.quotes import COLUMNS, quotes, quotes_in
from newslab.sentences import sentence_spans

quotes_mod = importlib.import_module("newslab.quotes")

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SPAN_COLS = [("start", "end", "text"), ("speaker_start", "speaker_end", "speaker"), ("cue_start", "cue_end", "cue")]


def run(text: str) -> pd.DataFrame:
    """The attribution relations of ``text``: the sieves' own output (PolNeAR's convention)."""
    return quotes(pd.DataFrame({"article_id": ["t"], "text": [text]}), convention="attributions")


def rows(text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(type, speaker, cue, text) of every statement in ``text``."""
    q = run(text)
    return [(r.type, _s(r.speaker), _s(r.cue), r.text) for r in q.itertuples()]


def _s(v: object) -> str | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else str(v)


def assert_offsets(articles: pd.DataFrame, q: pd.DataFrame) -> None:
    texts = dict(zip(articles["article_id"], articles["text"]))
    for r in q.to_dict("records"):
        text = texts[r["article_id"]]
        for s, e, col in SPAN_COLS:
            if r[s] is pd.NA or r[s] is None:
                assert r[e] is pd.NA or r[e] is None
                continue
            assert text[int(r[s]):int(r[e])] == r[col], (col, r)


# ----------------------------------------------------------------------------- the seed
@pytest.fixture(scope="module")
def seed() -> tuple[str, pd.DataFrame]:
    arts = newslab.load_articles(newslab.SEED)
    return str(arts.loc[0, "text"]), quotes(arts, convention="attributions")


# paragraph begins, which sentence of it (None: any), type, cue contains, speaker mention, speaker_name
SEED_TABLE = [
    ("On Saturday, October 28", 1, "indirect", "emphasized", "North Korea", "North Korea"),
    ("Choe Son Hui, the North Korean", None, "mixed", "said", "Choe Son Hui, the North Korean Foreign Minister",
     "Choe Son Hui"),
    ("\u201cIt is the steadfast will", None, "direct", "said", "Choe", "Choe Son Hui"),
    ("\u201cIt is the steadfast will", None, "mixed", "adding", "Choe", "Choe Son Hui"),
    ("The US, Japan and South Korea", None, "indirect", "said", "The US, Japan and South Korea",
     "The US, Japan and South Korea"),
    ("Russia and North Korea continue", None, "indirect", "say", "Russia and North Korea", "Russia and North Korea"),
    ("\u201cIf they were curious", None, "direct", "said", "Choe", "Choe Son Hui"),
    ("Just two days ago, Kremlin Spokesperson", None, "indirect", "said", "Kremlin Spokesperson Dmitry Peskov",
     "Dmitry Peskov"),
    ("\u201cThere are many such reports", None, "direct", "said", "he", "Dmitry Peskov"),
    ("He added:", None, "direct", "added", "He", "Dmitry Peskov"),
    ("When asked about weapons deliveries", None, "direct", "said", "Peskov", "Dmitry Peskov"),
]


def _find(text: str, q: pd.DataFrame, begins: str, nth: int | None, typ: str, cue: str) -> list[dict]:
    p0 = text.index(begins)
    p1 = text.find("\n", p0)
    p1 = len(text) if p1 < 0 else p1
    lo = p0
    if nth is not None:  # the nth sentence of the paragraph
        spans = [(s, e) for s, e, _ in sentence_spans(text) if p0 <= s < p1]
        lo, p1 = spans[nth]
    return [r for r in q.to_dict("records")
            if lo <= r["start"] < p1 and r["type"] == typ and cue in str(r["cue"])]


@pytest.mark.parametrize("begins,nth,typ,cue,mention,name", SEED_TABLE)
def test_seed_attribution_mention_and_cue(seed, begins, nth, typ, cue, mention, name):
    text, q = seed
    found = _find(text, q, begins, nth, typ, cue)
    assert found, f"no {typ} statement with cue {cue!r} in the paragraph {begins!r}"
    assert mention in [r["speaker"] for r in found]


@pytest.mark.parametrize("begins,nth,typ,cue,mention,name", SEED_TABLE)
def test_seed_attribution_speaker_name(seed, begins, nth, typ, cue, mention, name):
    # depends on newslab.speakers.resolve_speakers as well as on quotes
    text, q = seed
    found = _find(text, q, begins, nth, typ, cue)
    assert name in [r["speaker_name"] for r in found]


def test_seed_direct_quotes_include_their_marks(seed):
    _, q = seed
    for r in q[q["type"] == "direct"].to_dict("records"):
        assert r["text"][0] in "\u201c\"\u2018" and r["text"][-1] in "\u201d\"\u2019,.", r["text"]


def test_seed_scare_quotes_and_title_are_not_statements(seed):
    _, q = seed
    bare = {t.strip(" .,\u2018\u2019\u201c\u201d\"'") for t in q["text"]}
    for word in ("several", "threat", "in all areas", "distorted"):
        assert word not in bare
    # and no statement is made of a short single-quoted phrase at all
    assert not any(t.startswith("\u2018") and len(t.split()) < 4 for t in q["text"])


def test_seed_mismatched_marks_do_not_swallow_the_article(seed):
    text, q = seed
    # "a “powerful strategic element’." opens with a double and closes with a single mark
    assert (q["end"] - q["start"]).max() < 600
    start = text.index("\u201cpowerful")
    assert not any(r["start"] == start and r["end"] > text.index("\n", start) for r in q.to_dict("records"))


def test_seed_offsets_contract_and_order(seed):
    _, q = seed
    arts = newslab.load_articles(newslab.SEED)
    assert_offsets(arts, q)
    assert list(q.columns[:len(COLUMNS)]) == COLUMNS
    assert q["quote_id"].tolist() == list(range(len(q)))
    assert q["start"].is_monotonic_increasing
    for c in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "sentence_id", "quote_id"):
        assert str(q[c].dtype) == "Int64", c
    assert set(q["type"]) <= {"direct", "indirect", "mixed"}


# ----------------------------------------------------------------------------- direct quotes
def test_direct_after_and_before_attribution_straight_and_curly():
    assert rows('"We will not back down," Mayor Ann Lee said on Monday.') == [
        ("direct", "Mayor Ann Lee", "said", '"We will not back down,"')]
    assert rows("\u201cThe vote is final,\u201d said Tom Ruiz, a spokesman for the council.") == [
        ("direct", "Tom Ruiz, a spokesman for the council", "said", "\u201cThe vote is final,\u201d")]
    assert rows("The minister said, \u201cWe expect growth next year.\u201d") == [
        ("direct", "The minister", "said", "\u201cWe expect growth next year.\u201d")]


def test_direct_after_colon_and_multi_sentence():
    text = "Officials gathered.\nShe added: \u201cThe budget is tight. We will cut costs. Nobody will be fired.\u201d"
    assert rows(text) == [("direct", "She", "added",
                           "\u201cThe budget is tight. We will cut costs. Nobody will be fired.\u201d")]


def test_quote_continues_across_paragraphs():
    text = ("\u201cWe have waited for years,\u201d said Maria Costa, the union leader. \u201cThe workers deserve better.\n"
            "\u201cThis contract is the first step,\u201d she added.\nThe talks resume on Friday.")
    q = run(text)
    long = [r for r in q.to_dict("records") if "first step" in r["text"]]
    assert long and "\u201cThe workers deserve better." in long[0]["text"] or any(
        "workers deserve better.\n\u201cThis contract" in t for t in q["text"])
    assert "The talks resume" not in "".join(q["text"])


def test_split_quote_keeps_its_speaker():
    text = "\u201cThe plan is dead,\u201d Senator Ruth Hale said. \u201cWe will write a new one.\u201d"
    q = run(text)
    assert set(q["speaker"]) == {"Senator Ruth Hale"}
    covered = "".join(text[int(s):int(e)] for s, e in zip(q["start"], q["end"]))
    assert "We will write a new one." in covered and "The plan is dead" in covered


@pytest.mark.parametrize("text, pieces", [
    # '"A," X said. "B."': the second half follows in a new sentence
    ("\u201cThe plan is dead,\u201d Senator Ruth Hale said. \u201cWe will write a new one.\u201d",
     ["\u201cThe plan is dead,\u201d", "\u201cWe will write a new one.\u201d"]),
    # '"A," said X, "B."': inverted attribution, the second half in the same sentence
    ('"Prices will rise," said Tom Reyes, an economist at the bank, "and wages will not keep up."',
     ['"Prices will rise,"', '"and wages will not keep up."']),
    # '"A," X said, "B."'
    ('"We tried," the coach said, "but the other team was simply better tonight."',
     ['"We tried,"', '"but the other team was simply better tonight."']),
])
def test_split_quote_content_spans_leave_out_the_attribution(text, pieces):
    q = run(text)
    assert len(q) == 1
    r = q.iloc[0]
    spans = r["content_spans"]
    assert [text[s:e] for s, e in spans] == pieces
    assert spans[0][0] == r["start"] and spans[-1][1] == r["end"]  # the row still runs mark to mark
    between = text[spans[0][1]:spans[1][0]]
    assert r["cue"] in between and r["speaker"] in between


def test_content_spans_of_an_ordinary_statement_is_its_span():
    text = "\u201cIt works,\u201d she said. The mayor added that taxes would fall."
    q = run(text)
    assert len(q) == 2
    assert [list(x) for x in q["content_spans"]] == [[(0, 11)], [(int(q["start"][1]), int(q["end"][1]))]]
    assert text[0:11] == "\u201cIt works,\u201d"


def test_floating_quote_takes_the_previous_speaker():
    text = ("The governor defended the budget on Tuesday.\n"
            "\u201cWe made hard choices,\u201d Governor Li Wei told reporters.\n"
            "\u201cEvery department will feel it, and I take responsibility for that.\u201d\n"
            "Lawmakers vote next week.")
    q = run(text)
    floating = q[q["text"].str.contains("Every department")]
    assert len(floating) == 1
    assert floating.iloc[0]["speaker"] == "Governor Li Wei"
    assert floating.iloc[0]["type"] == "direct"


def test_floating_quote_takes_the_previous_cue_too():
    text = ("\u201cWe made hard choices,\u201d Governor Li Wei told reporters.\n"
            "\u201cEvery department will feel it, and I take responsibility for that.\u201d")
    q = run(text)
    floating = q[q["text"].str.contains("Every department")].iloc[0]
    assert floating["cue"] == "told"
    assert text[int(floating["cue_start"]):int(floating["cue_end"])] == "told"
    assert text.index("told") == floating["cue_start"]  # the cue where it stands, not a copy


@pytest.mark.parametrize("text, rows", [
    # a whole utterance ('!', '?', '.') before the attribution: the next quotation is a new one,
    # however short, with the same speaker and cue
    ('"I love cats!" insists Burton. "I absolutely do."',
     [("Burton", "insists", '"I love cats!"'), ("Burton", "insists", '"I absolutely do."')]),
    ('"Is this it?" asked Jane Doe. "Is this really all we get?"',
     [("Jane Doe", "asked", '"Is this it?"'), ("Jane Doe", "asked", '"Is this really all we get?"')]),
])
def test_a_whole_utterance_and_the_next_quotation_are_two_statements(text, rows):
    q = run(text)
    assert [(r["speaker"], r["cue"], text[r["start"]:r["end"]]) for r in q.to_dict("records")] == rows
    assert list(q["type"]) == ["direct", "direct"]


def test_a_short_quotation_floats_only_right_after_a_direct_quote():
    # three words after an indirect statement, or a paragraph later, stay unattributed
    q = run('Burton said he loved cats. "I absolutely do."')
    assert not q["text"].str.contains("absolutely").any()
    q = run('"I love cats!" insists Burton.\n\n"I absolutely do."')
    assert not q["text"].str.contains("absolutely").any()


def test_confidence_is_the_measured_share_of_the_rule():
    text = ("The governor defended the budget on Tuesday.\n"
            "\u201cWe made hard choices,\u201d Governor Li Wei told reporters.\n"
            "\u201cEvery department will feel it, and I take responsibility for that.\u201d\n"
            "Lawmakers vote next week.")
    q = run(text)
    attributed = q.loc[q["text"].str.contains("hard choices"), "confidence"].item()
    floating = q.loc[q["text"].str.contains("Every department"), "confidence"].item()
    # a quotation with its cue beside it is right far more often than a floating one (PolNeAR train)
    assert 0 < floating < 0.7 < attributed < 1
    assert q.loc[q["text"].str.contains("Every department"), "rule"].item() == "floating"
    table = quotes_mod._confidence()
    rules = {(r, t) for r in ("said_after_quote", "said_that", "appositive_subject", "adding_that")
             for t in ("direct", "indirect", "mixed")} | {("floating", "direct")}
    assert rules <= table.keys() and all(0 < v < 1 for v in table.values())
    # every rule the table names is a sieve of newslab.quote_sieves (or the floating pass)
    from newslab import quote_sieves
    names = {s.__name__ for s in quote_sieves.SIEVES} | {s.__name__ for s, _ in quote_sieves.ARTICLE_SIEVES}
    assert {r for r, _ in table} <= names | {"floating", "said_first"}


def test_scare_quotes_and_titles_are_not_statements():
    text = ("The closure posed a \u2018threat\u2019 to jobs. She re-read \"One Hundred Years of Solitude\" "
            "over the summer. The so-called \u201creform\u201d passed anyway.")
    assert rows(text) == []
    # inside an attribution the scare quote is part of the content, never a statement of its own
    got = rows("Critics called the deal a \u2018threat\u2019 to jobs.")
    assert [r[3] for r in got] == ["the deal a \u2018threat\u2019 to jobs"]


def test_unbalanced_marks_stay_inside_their_paragraph():
    text = ("He called it a \u201cdisaster and left.\n" + "The next paragraph is plain narration. " * 20 + "\n"
            "\u201cIt works,\u201d she said.")
    q = run(text)
    assert all("plain narration" not in t for t in q["text"])
    assert ("direct", "she", "said", "\u201cIt works,\u201d") in [(r.type, r.speaker, r.cue, r.text) for r in q.itertuples()]


# ----------------------------------------------------------------------------- indirect and mixed
@pytest.mark.parametrize("text,expected", [
    ("The mayor said that the bridge would reopen in May.",
     ("indirect", "The mayor", "said", "that the bridge would reopen in May")),
    ("Police said the suspect fled on foot.", ("indirect", "Police", "said", "the suspect fled on foot")),
    ("The bridge will reopen in May, the mayor said.", ("indirect", "the mayor", "said", "The bridge will reopen in May")),
    ("Ms. Okafor told reporters the deal was close.", ("indirect", "Ms. Okafor", "told", "the deal was close")),
    ("According to the ministry, 40 people were injured.",
     ("indirect", "the ministry", "According to", "40 people were injured")),
    ("Forty people were injured, according to local officials.",
     ("indirect", "local officials", "according to", "Forty people were injured")),
    ("The company noted that sales fell by 3 percent.",
     ("indirect", "The company", "noted", "that sales fell by 3 percent")),
    ("Analysts warned that prices could rise further.",
     ("indirect", "Analysts", "warned", "that prices could rise further")),
    ("The minister insisted the tax was fair.", ("indirect", "The minister", "insisted", "the tax was fair")),
    ("The spokeswoman denied that any data had been lost.",
     ("indirect", "The spokeswoman", "denied", "that any data had been lost")),
    ("Unnamed sources said the talks had collapsed.",
     ("indirect", "Unnamed sources", "said", "the talks had collapsed")),
])
def test_indirect_speech(text, expected):
    assert expected in rows(text)


def test_mixed_indirect_with_a_quoted_fragment():
    got = rows("The senator said the bill was \u201ca betrayal of working families\u201d and vowed to fight it.")
    assert got[0][:3] == ("mixed", "The senator", "said")
    assert "\u201ca betrayal of working families\u201d" in got[0][3]


def test_participle_cue_keeps_the_speaker():
    got = rows("The coach said the team played well, adding that the injuries were a concern.")
    assert ("indirect", "The coach", "adding", "that the injuries were a concern") in got


def test_passive_subject_is_not_a_speaker():
    assert not [r for r in rows("He was asked about the accusations by reporters.") if r[1] == "He"]


def test_quoted_words_of_the_speaker_are_not_reparsed():
    # the "said" inside the quotation is the speaker's, not a new attribution
    got = rows("\u201cMy father said we should never give up,\u201d Ana Silva said.")
    assert got == [("direct", "Ana Silva", "said", "\u201cMy father said we should never give up,\u201d")]


# ----------------------------------------------------------------------------- bad input
def test_missing_empty_and_odd_texts_give_no_rows_and_no_crash():
    arts = pd.DataFrame({"article_id": ["a", "b", "c", "d", "e"],
                         "text": [float("nan"), "", None, "\u201c\u201d\u2018\u2019\"'\u00ab\u00bb", "  \n\n "]})
    q = quotes(arts)
    assert list(q.columns) == COLUMNS
    assert len(q) == 0
    assert quotes(arts.iloc[:0]).columns.tolist() == COLUMNS


def test_one_bad_article_does_not_hide_the_others():
    arts = pd.DataFrame({"article_id": ["bad", "good"],
                         "text": ["\u201c" * 50 + "said" * 3, "\u201cYes,\u201d she said."]})
    q = quotes(arts)
    assert q[q["article_id"] == "good"]["text"].tolist() == ["\u201cYes,\u201d"]


def test_same_result_with_worker_processes():
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(6)],
                         "text": ["\u201cWe will win,\u201d Ann Lee said. The mayor added that taxes would fall."] * 6})
    pd.testing.assert_frame_equal(quotes(arts), quotes(arts, n_jobs=2))


# ----------------------------------------------------------------------------- properties
_ALPHABET = st.sampled_from(list("\u201c\u201d\u2018\u2019\"'\u00ab\u00bb\n .,:;!?-\u2014") +
                            ["said", "says", "told", "added", "according to", "He", "she", "They", "Ann Lee",
                             "the minister", "that", "and", "Mr.", "U.S.", "don\u2019t", "it's", "win", "tax"])
_TEXTS = st.lists(_ALPHABET, max_size=80).map(lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_random_quote_soup_offsets_hold_and_results_repeat(text):
    arts = pd.DataFrame({"article_id": ["x"], "text": [text]})
    q1 = quotes(arts)
    assert_offsets(arts, q1)
    assert ((q1["start"] >= 0) & (q1["end"] <= len(text)) & (q1["start"] <= q1["end"])).all()
    pd.testing.assert_frame_equal(q1, quotes(arts))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_unicode_text(text):
    arts = pd.DataFrame({"article_id": ["x"], "text": [text]})
    assert_offsets(arts, quotes(arts))


# ----------------------------------------------------------------------------- adversarial, linear time
@pytest.mark.parametrize("text", [
    "\u201c" * 100_000,
    "\u201d \u2018 \" ' \u00ab " * 20_000,
    "word " * 200_000,
    "Capital " * 50_000 + "said that it works.",
    "he said, she said, " * 20_000,
    ("\u201cA,\u201d he said. " * 5_000) + "\u201c" * 1000,
])
def test_adversarial_inputs_return(text):
    q = run(text)
    assert isinstance(q, pd.DataFrame)
    assert_offsets(pd.DataFrame({"article_id": ["t"], "text": [text]}), q.head(50))


def test_quotes_in_is_the_per_text_core():
    assert [r["type"] for r in quotes_in("\u201cOK,\u201d he said.")] == ["direct"]
    assert quotes_in(float("nan")) == []  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- real news (PolNeAR dev)
def _score_module():
    path = EVAL / "score.py"
    if not (path.exists() and (EVAL / "quotes_polnear_dev.jsonl").exists()):
        pytest.skip("../shared/eval is absent")
    spec = importlib.util.spec_from_file_location("newslab_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_polnear_dev_quality_meets_the_issue_bar():
    score = _score_module()
    with open(EVAL / "quotes_polnear_dev.jsonl", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    # the scorer calls nl.quotes(...): hand it the function itself (importing the newslab.quotes
    # submodule above rebinds the package attribute ``newslab.quotes`` to the module)
    pred, _ = score.predict_quotes(SimpleNamespace(quotes=quotes), recs, "polnear_dev")
    at = score.quote_metrics(recs, pred, 0.3)
    exact = score.exact_spans(recs, pred)
    assert at["F1"] >= 70, at
    assert at["speaker_acc"] >= 85, at
    assert exact["source"]["F1"] >= 60, exact
    assert exact["content"]["F1"] >= 45, exact


def test_british_style_single_marks_next_to_a_cue_are_speech():
    assert rows("\u2018We will win,\u2019 she said.") == [("direct", "she", "said", "\u2018We will win,\u2019")]
    got = rows("\u2018It is over,\u2019 said Jane Doe, a spokeswoman. \u2018We lost.\u2019")
    assert got == [("direct", "Jane Doe, a spokeswoman", "said",
                    "\u2018It is over,\u2019 said Jane Doe, a spokeswoman. \u2018We lost.\u2019")]
    # a short single-quoted phrase away from any cue is still a scare quote
    assert rows("Several \u2018experts\u2019 disagree with the plan.") == []


def test_single_marks_article_has_mixed_quotes_too():
    # British style: where single marks are the quotation marks, a quoted fragment makes it mixed
    assert rows("Mr Sunak said the plan was \u2018on track\u2019. \u2018We will deliver,\u2019 he said.")[0][0] == "mixed"
    assert rows("The plan was 'on track', Mr Sunak said.")[0][0] == "mixed"
    # beside double quotation marks, single marks stay scare quotes
    assert rows("Mr Sunak said the plan was 'on track'. \"We will deliver,\" he said.")[0][0] == "indirect"


def test_a_name_before_a_verb_is_its_subject_not_an_inversion():
    # only plain speech verbs invert ('"...," said X'), never after an auxiliary
    text = ("The chancellor, Jeremy Hunt, has defended his autumn statement, insisting it would help. "
            "The Liberal Democrat leader, Sir Ed Davey, called the statement \"a betrayal of pensioners\".")
    q = run(text)
    assert q[["speaker", "speaker_name", "cue"]].values.tolist() == [
        ["The chancellor, Jeremy Hunt", "Jeremy Hunt", "defended"],
        ["The chancellor, Jeremy Hunt", "Jeremy Hunt", "insisting"],
        ["The Liberal Democrat leader, Sir Ed Davey", "Ed Davey", "called"]]
    assert q["speaker_role"].tolist() == ["chancellor", "chancellor", "Liberal Democrat leader"]
    assert rows('"We will win," said the chancellor, Jeremy Hunt.')[0][1] == "the chancellor, Jeremy Hunt"
    # "write to X" names an addressee, not what was written
    assert rows("He said he would write to the prime minister.") == [
        ("indirect", "He", "said", "he would write to the prime minister")]


def test_a_dateline_is_not_a_speaker_but_transcript_labels_are():
    text = ("Sitharaman says funds released\n\nNEW DELHI: Finance minister Nirmala Sitharaman on Tuesday "
            "said the Centre had released all pending dues to the states.")
    assert "NEW DELHI" not in run(text)["speaker"].tolist()
    transcript = run("TRUMP: We will win big, believe me.\nCLINTON: No, you will not.")
    assert transcript["speaker"].tolist() == ["TRUMP", "CLINTON"]


def test_content_ends_where_the_narration_goes_on():
    got = rows('Dr Chalmers said the government "won\'t be distracted", but he refused to rule anything out.')
    assert got[0] == ("mixed", "Dr Chalmers", "said", 'the government "won\'t be distracted"')
    # "adding to inflation" is not "adding that ..."
    q = run("The governor warned that high housing costs were adding to inflation.")
    assert q["cue"].tolist() == ["warned"]


def test_a_quantity_after_the_cue_is_content_not_an_adverbial():
    assert rows("Officials in Kyiv said at least 12 people were killed.") == [
        ("indirect", "Officials in Kyiv", "said", "at least 12 people were killed")]
    assert rows("Police said over 100 people were hurt.")[0][3] == "over 100 people were hurt"
    assert rows("She said over the weekend that she would run.")[0][3] == "that she would run"


def test_anonymity_and_no_comment_are_not_statements():
    assert rows('"We need more time," said one diplomat, who asked not to be named.') == [
        ("direct", "one diplomat", "said", '"We need more time,"')]
    assert rows('"We need more time," a diplomat said, asking not to be named.') == [
        ("direct", "a diplomat", "said", '"We need more time,"')]
    assert rows("The White House did not respond to a request for comment.") == []
    assert rows("Acme did not immediately reply to emails seeking comment.") == []
    # a real answer is still a statement
    assert rows("He responded that the claims were false.") == [
        ("indirect", "He", "responded", "that the claims were false")]


def test_said_before_a_possessive_role_and_the_name():
    # "said Labour's shadow chancellor, Rachel Reeves": the possessive does not end the speaker
    q = run("\u2018This is a disgrace,\u2019 said Labour\u2019s shadow chancellor, Rachel Reeves.")
    assert q[["type", "speaker", "speaker_name", "speaker_role"]].values.tolist() == [
        ["direct", "Labour\u2019s shadow chancellor, Rachel Reeves", "Rachel Reeves", "shadow chancellor"]]
    q = run('"It was a mistake," said Obama\'s former spokesman, Josh Earnest.')
    assert q["speaker_name"].tolist() == ["Josh Earnest"]


def test_guillemets():
    assert rows("\u00abNous gagnerons,\u00bb the president said.") == [
        ("direct", "the president", "said", "\u00abNous gagnerons,\u00bb")]


def test_quotation_signed_with_a_dash():
    text = "Readers wrote in.\n\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n"
    assert rows(text) == [("direct", "Sonya Herridge", "\u2015", "\u201cHe represents our greatest shame.\u201d")]


def test_headline_speaker_colon():
    assert rows("Carson: Clinton Is Not Fit to Serve\nThe candidate spoke in Iowa.") == [
        ("indirect", "Carson", ":", "Clinton Is Not Fit to Serve")]


@pytest.mark.parametrize("text,expected", [
    ("The company, in a statement, said it would appeal the ruling.",
     [("indirect", "The company", "said", "it would appeal the ruling")]),
    ("Police said three people were arrested, adding that more arrests were likely.",
     [("indirect", "Police", "said", "three people were arrested"),
      ("indirect", "Police", "adding", "that more arrests were likely")]),
    ("The minister said: \u201cThere will be no compromise.\u201d He also said that talks would continue.",
     [("direct", "The minister", "said", "\u201cThere will be no compromise.\u201d"),
      ("indirect", "He", "said", "that talks would continue")]),
    ("Speaking to reporters, a senior official said the decision would be reviewed.",
     [("indirect", "a senior official", "said", "the decision would be reviewed")]),
])
def test_news_wire_shapes(text, expected):
    assert rows(text) == expected


def test_asked_questions_and_headline_verbs():
    got = rows("Asked whether she would run again, Clinton said she had not decided.")
    assert ("indirect", None, "Asked", "whether she would run again") in got
    assert ("indirect", "Clinton", "said", "she had not decided") in got
    assert rows("Trump Says He Will Win Iowa\nThe candidate spoke on Monday.") == [
        ("indirect", "Trump", "Says", "He Will Win Iowa")]
    assert rows("\u201cBut why?\u201d reporter Jackie Nespral asked him.") == [
        ("direct", "reporter Jackie Nespral", "asked", "\u201cBut why?\u201d")]


def test_name_colon_quotation_inside_a_paragraph():
    text = ("The timing does not surprise Republican pollster Daron Shaw: \u201cHistorically, lesser-known "
            "candidates get a boost.\u201d Shaw and Anderson agreed.")
    got = rows(text)
    assert ("direct", "Daron Shaw", ":", "\u201cHistorically, lesser-known candidates get a boost.\u201d") in got


def test_missing_text_column_is_a_clear_error():
    with pytest.raises(ValueError, match="needs a 'text' column"):
        quotes(pd.DataFrame({"article_id": ["a"], "body": ["He said so."]}))


def test_seed_four_statements_each_for_choe_and_peskov(seed):
    # with newslab.speakers.resolve_speakers filling speaker_name
    _, q = seed
    counts = q["speaker_name"].value_counts()
    assert counts.get("Choe Son Hui") == 4
    assert counts.get("Dmitry Peskov") == 4


def test_cues_inside_a_quotation_are_the_speakers_words():
    assert rows("\u2018We said we would win this seat and we did,\u2019 the candidate said.") == [
        ("direct", "the candidate", "said", "\u2018We said we would win this seat and we did,\u2019")]


# ----------------------------------------------------------------------------- direct quotation cases
# Each case: a short text and its direct quotations as (speaker as written, cue as written, content
# with quote marks, spaces, punctuation and dashes stripped from both ends), compared as a sorted list.
_CASE_STRIP = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e` .,;:!?()[]-\u2013\u2014\u2015"


def direct_cases(text: str) -> list[tuple[str, str, str]]:
    return sorted((r["speaker"], r["cue"], text[r["start"]:r["end"]].strip(_CASE_STRIP))
                  for r in quotes_in(text) if r["type"] == "direct")


@pytest.mark.parametrize("text,expected", [
    # an adverbial of the cue after an inverted speaker is not part of the mention
    ('"The count is not over," said Ann Okoro in a statement.', [("Ann Okoro", "said", "The count is not over")]),
    ('"We have nothing to hide," said Ravi Menon on Tuesday.', [("Ravi Menon", "said", "We have nothing to hide")]),
    ('"She taught me everything," said Carla Diaz of her late mentor.',
     [("Carla Diaz", "said", "She taught me everything")]),
    ('"The gates stay shut," said Ivan Petrov outside the court.', [("Ivan Petrov", "said", "The gates stay shut")]),
    ('"No comment," said Ann Lee, a nurse, on Monday.', [("Ann Lee, a nurse", "said", "No comment")]),
    # ... but an affiliation or a relative clause is
    ('"Growth is slowing," said Ana Ruiz, head of research at Facebook.',
     [("Ana Ruiz, head of research at Facebook", "said", "Growth is slowing")]),
    ('"It was close," said Tom Hale, a pollster who left the campaign in October.',
     [("Tom Hale, a pollster who left the campaign in October", "said", "It was close")]),
    ('"Rates will rise," reports Business Today.', [("Business Today", "reports", "Rates will rise")]),
    # a speaker that opens in lower case: a plain noun, or a role before the name
    ('"Two men were arrested," said police.', [("police", "said", "Two men were arrested")]),
    ('"Where are the buses?" asked opposition leader Kemi Adeyemi.',
     [("opposition leader Kemi Adeyemi", "asked", "Where are the buses")]),
    ('"We are ready," said coach Ange Moretti. "The players know what is at stake."',
     [("coach Ange Moretti", "said", 'We are ready," said coach Ange Moretti. "The players know what is at stake')]),
    # an appositive role without a determiner, with a plural possessive, and a web address
    ('"The wards are full," said Grace Otieno, chair of the nurses\' union.',
     [("Grace Otieno, chair of the nurses' union", "said", "The wards are full")]),
    ('"We were first," said Ana Ruiz, editor of Riverside.com.',
     [("Ana Ruiz, editor of Riverside.com", "said", "We were first")]),
    ('"Masks still work," says Dr. Ian Jones, an epidemiologist at McGill University.',
     [("Dr. Ian Jones, an epidemiologist at McGill University", "says", "Masks still work")]),
    ('"Housing is the issue," says Sarah Nguyen, a councillor in Surrey, B.C.',
     [("Sarah Nguyen, a councillor in Surrey, B.C.", "says", "Housing is the issue")]),
    ('"We were wrong," Luis Ortega, 61, told AFP in an interview.', [("Luis Ortega, 61", "told", "We were wrong")]),
    ('"The vote was fair," said Dan Moyo, executive director of Vote Watch, reports the Daily Star.',
     [("Dan Moyo, executive director of Vote Watch", "said", "The vote was fair")]),
    # a whole quotation before "according to" is direct speech; so is a split one around it
    ('\u201cThe fire is contained,\u201d according to Fire Chief Dan Moore.',
     [("Fire Chief Dan Moore", "according to", "The fire is contained")]),
    ('"The plan is dead," according to one minister, who asked not to be named.',
     [("one minister", "according to", "The plan is dead")]),
    ('"The plan," according to one minister, "is dead."',
     [("one minister", "according to", 'The plan," according to one minister, "is dead')]),
    ('According to the council, the "temporary" closure will last a year.', []),
    # cues that count only beside a quotation
    ('"See you all in Perth," the singer posted on Instagram.', [("the singer", "posted", "See you all in Perth")]),
    ('As farmer Bill Cole puts it: "No rain, no crop."', [("farmer Bill Cole", "puts it", "No rain, no crop")]),
    ('The airline posted a loss of $3 million. As he put it, the year was hard.', []),
    # a role before the name of a transcript-style colon quotation
    ('Opposition leader Pierre Lavoie: "Axe the tax."', [("Opposition leader Pierre Lavoie", ":", "Axe the tax")]),
    # a quotation that goes on with a sentence begun before the attribution is not direct speech
    ('The trains, he said, "will run on time from Monday."', []),
    # manner verbs beside a quotation, inverted or not; an addressee up to a colon
    ('"It is what it is," shrugged the coach.', [("the coach", "shrugged", "It is what it is")]),
    ('"Not again," sighed Mrs Brown.', [("Mrs Brown", "sighed", "Not again")]),
    ('"Get vaccinated," urged Dr. Tam on Friday.', [("Dr. Tam", "urged", "Get vaccinated")]),
    ('The coach smiled and left.', []),
    ('Police Commissioner Karen Webb told 2GB radio: "We will not tolerate this."',
     [("Police Commissioner Karen Webb", "told", "We will not tolerate this")]),
    ('Kenyatta told the rally: "We will not be divided."', [("Kenyatta", "told", "We will not be divided")]),
    # speakers: "the two leaders"; a place or a matter after an inverted name is no part of it
    ('"We stand together," the two leaders said in a joint statement.',
     [("the two leaders", "said", "We stand together")]),
    ('"We have won," said Mr. Ruto in Nairobi.', [("Mr. Ruto", "said", "We have won")]),
    ('"The harvest failed," said a farmer in Kano.', [("a farmer in Kano", "said", "The harvest failed")]),
    ('"It was the right call," said Smith of the decision.', [("Smith", "said", "It was the right call")]),
    ('"We won," said Jane Doe of the University of Lagos.', [("Jane Doe of the University of Lagos", "said", "We won")]),
    ('"This is huge for us," said Tui Ngata, 28, of Rotorua.', [("Tui Ngata, 28, of Rotorua", "said", "This is huge for us")]),
    # British single marks: a plural possessive inside, a double quotation nested inside
    ("'The players' families are devastated,' he said.", [("he", "said", "The players' families are devastated")]),
    ("Smith said: 'It's our fans' day.'", [("Smith", "said", "It's our fans' day")]),
    ("'I told him, \"No way,\"' she recalled.", [("she", "recalled", 'I told him, "No way')]),
    # an inverted cue opening a transcript-style line
    ('The crowd cheered.\nSays Smith: "We never gave up."', [("Smith", "Says", "We never gave up")]),
    # nouns in -ly are no adverbs; a lower-case phrase with "for the" is one speaker
    ('"We are heartbroken," the family said in a statement.', [("the family", "said", "We are heartbroken")]),
    ('"He will not run," a close ally said.', [("a close ally", "said", "He will not run")]),
    ('"We will appeal," she said quietly.', [("she", "said", "We will appeal")]),
    ('"We want justice," lawyers for the victims said.', [("lawyers for the victims", "said", "We want justice")]),
    # surnames with a particle; an inverted common noun after a capitalised modifier
    ('"Egypt is safe," said President Abdel Fattah al-Sisi.', [("President Abdel Fattah al-Sisi", "said", "Egypt is safe")]),
    ('"It is a frenzy," said one Labour source on the committee.',
     [("one Labour source on the committee", "said", "It is a frenzy")]),
    ('"We will win," said a Liberal insider on Monday.', [("a Liberal insider", "said", "We will win")]),
    # a short quotation that goes on with its sentence is a title or a phrase: no second half, no floating quote
    ('"We will win," she said. "Never give up" is her motto.', [("she", "said", "We will win")]),
    ('"We will win," he said. "Hamilton," the musical, opens next week.', [("he", "said", "We will win")]),
    # a headline quotation in single marks
    ("Boris: \u2018I will not resign\u2019\nThe Prime Minister spoke on Monday.", [("Boris", ":", "I will not resign")]),
    ("\u2018The Beatles\u2019 music changed my life,\u2019 he said.", [("he", "said", "The Beatles\u2019 music changed my life")]),
    # "'n'" is no quotation mark; "A." is an initial
    ("'It's rock 'n' roll,' he said.", [("he", "said", "It's rock 'n' roll")]),
    ('"Growth will slow," Prof. A. Roy said.', [("Prof. A. Roy", "said", "Growth will slow")]),
    ('The statement read: "We mourn the loss of a great leader."',
     [("The statement", "read", "We mourn the loss of a great leader")]),
    ('She read a statement to reporters. He read the novel "War and Peace" twice.', []),
    ('The mayor spoke. (\u201cWe will win,\u201d she said.)', [("she", "said", "We will win")]),
    # dash signatures with a role before the name or an appositive after it
    ('"We want peace." \u2014 protester Jane Doe', [("protester Jane Doe", "\u2014", "We want peace")]),
    ('"Never again." \u2014 Elie Wiesel, Holocaust survivor', [("Elie Wiesel, Holocaust survivor", "\u2014", "Never again")]),
    ('"We won." \u2014 and then the crowd', []),
    # present-tense inverted cues of features ('..., concedes Jones')
    ('"It was a mistake," concedes Jones, now 70.', [("Jones", "concedes", "It was a mistake")]),
    ('"Prices will fall," predicts economist Sara Lee.', [("economist Sara Lee", "predicts", "Prices will fall")]),
    ('"Rubbish," counters Smith. The answers to the survey were mixed.', [("Smith", "counters", "Rubbish")]),
    ('"Is this it?" he wondered aloud.', [("he", "wondered", "Is this it")]),
    ('Said one official, "We are worried."', [("one official", "Said", "We are worried")]),
    ('The mood was grim. Says Smith: "We never gave up."', [("Smith", "Says", "We never gave up")]),
    ('"We will win," the 34-year-old from Cork told RTE.', [("the 34-year-old from Cork", "told", "We will win")]),
    ('"Stay home," said Dr. Bonnie Henry, B.C.\'s provincial health officer.',
     [("Dr. Bonnie Henry, B.C.'s provincial health officer", "said", "Stay home")]),
    ('"We do not comment on leaks," a No 10 spokesman said.', [("a No 10 spokesman", "said", "We do not comment on leaks")]),
    # an inverted appositive ends at its relative clause; "now a consultant" is one; "Del." a title
    ('"It was a deal," said Pat Moore, a law professor at Leeds University who has worked on such cases.',
     [("Pat Moore, a law professor at Leeds University", "said", "It was a deal")]),
    ('"I call it the trip," said Murphy, now a consultant in the private sector.',
     [("Murphy, now a consultant in the private sector", "said", "I call it the trip")]),
    ('"This is a waste," said Del. Stacey Pratt.', [("Del. Stacey Pratt", "said", "This is a waste")]),
    ('"They would not," Rep. Jim Jones (R-Ohio), a panel member, said.',
     [("Rep. Jim Jones (R-Ohio), a panel member", "said", "They would not")]),
    # a dash signature ends before the line's full stop, not before an abbreviation's
    ('"We want peace." \u2015 Carla Sanchez.', [("Carla Sanchez", "\u2015", "We want peace")]),
    ('"We want peace." \u2015 Martin Luther King Jr.', [("Martin Luther King Jr.", "\u2015", "We want peace")]),
    # adverbs after an inverted speaker; a time adverb before a verb is no adverbial of the cue
    ('"We are ready," said Smith quietly.', [("Smith", "said", "We are ready")]),
    ('"We won," said Smith later that day.', [("Smith", "said", "We won")]),
    ('"We are ready," said a newly elected councillor.', [("a newly elected councillor", "said", "We are ready")]),
    ('"It is a hoax," said one source speaking to Fox News.', [("one source", "said", "It is a hoax")]),
    ('"We won," says Jorge Llamas, 31, of Tujunga, Calif.', [("Jorge Llamas, 31, of Tujunga, Calif.", "says", "We won")]),
    # the subject of a participle clause comes after a leading adverbial
    ('On Monday, union members walked out, saying: "We have had enough."', [("union members", "saying", "We have had enough")]),
    # a title after the cue is no second half of a split quote
    ('"We need order," Pence said on CNN\'s "State of the Union."', [("Pence", "said", "We need order")]),
    # a relative clause describing the speaker is no statement, and the next quotation is the second half
    (('"These are strange days," said Peter Moss, a lawyer for the Sierra Club, who has been challenging '
      'the coal industry for years. "I am skeptical."'),
     [("Peter Moss, a lawyer for the Sierra Club", "said",
       ('These are strange days," said Peter Moss, a lawyer for the Sierra Club, who has been challenging '
        'the coal industry for years. "I am skeptical'))]),
    # an adverbial clause or an unattributed question inside the attribution: the next quotation is the second half
    (('"Cruz is not my pick," Graham, a former senator, told CBS News on Tuesday, when ten states voted. '
      '"But we may have to back him."'),
     [("Graham, a former senator", "told", ('Cruz is not my pick," Graham, a former senator, told CBS News on Tuesday, '
                                            'when ten states voted. "But we may have to back him'))]),
    ('"It was very nice," the tycoon told Reuters when asked if he had met her. "She was charming."',
     [("the tycoon", "told", 'It was very nice," the tycoon told Reuters when asked if he had met her. "She was charming')]),
    ('"We will win," he went on, as the crowd cheered. The meeting went on for hours.', [("he", "went on", "We will win")]),
    # "continued" with a quotation; "9/11" in a role; a party parenthesis before the cue
    ('The families spoke.\n\nShe continued, "For us, all we ask is a hearing."', [("She", "continued", "For us, all we ask is a hearing")]),
    ('"We will win," continued Smith.', [("Smith", "continued", "We will win")]),
    ('"They are wrong," said 9/11 widow Terry Strand.', [("9/11 widow Terry Strand", "said", "They are wrong")]),
    ('"Subpoenas are not optional," panel Chairman Rep. Jason Chase (R-Utah) said after the witness failed to appear.',
     [("panel Chairman Rep. Jason Chase (R-Utah)", "said", "Subpoenas are not optional")]),
    # a closing curly mark typed for the opening one at a paragraph start
    ('Readers wrote in.\n\n\u201dHe represents our shame.\u201d \u2015 Sonya Herr',
     [("Sonya Herr", "\u2015", "He represents our shame")]),
    # a colon ending the cue's paragraph, the quotation in the next one
    ('He spoke about the city.\n\nHe said:\n\n"You walk down the street, you get shot."\n\nCritics disagreed.',
     [("He", "said", "You walk down the street, you get shot")]),
    # inverted "read the statement"; "As X, a role, put it:"; a relative clause after an inverted speaker
    ('"We took notes," read the statement, which was attributed to Miller. "It shone through."',
     [("the statement", "read", 'We took notes," read the statement, which was attributed to Miller. "It shone through')]),
    ('As John Corr, the No. 2 in the leadership, put it: "This person will not be confirmed."',
     [("John Corr, the No. 2 in the leadership", "put it", "This person will not be confirmed")]),
    ('"We have seen a growing discourse," said a Mexican official who was not authorized to speak.',
     [("a Mexican official", "said", "We have seen a growing discourse")]),
    # no content after the cue's adverbials, a lower-case speaker with a party, "said about"
    ('"They would be wrong," Mike Briggs, a spokesman, said in an interview Sunday in Santa Monica, Calif.',
     [("Mike Briggs, a spokesman", "said", "They would be wrong")]),
    ('"He is struggling," said former governor Howard Dean (D), a Clinton supporter.',
     [("former governor Howard Dean (D), a Clinton supporter", "said", "He is struggling")]),
    ('"Get your house ready," Paris, who used to work on Capitol Hill, said about the activity.',
     [("Paris", "said", "Get your house ready")]),
    # particles of the cue, a participle after it, a manner verb
    ('"Nooooo!" the crowd cried out, booing.', [("the crowd", "cried out", "Nooooo")]),
    ('"Mexico!" the audience screamed back. Under pressure, Washington backed out.',
     [("the audience", "screamed back", "Mexico")]),
    ('"Is he profiling?" reacted Trump. Trump reacted angrily to the news.', [("Trump", "reacted", "Is he profiling")]),
    # low-high German marks and high-high Swedish marks
    ('\u201eWe are ready\u201c, said the minister.', [("the minister", "said", "We are ready")]),
    ('He said: \u201dWe are ready.\u201d', [("He", "said", "We are ready")]),
    # a determiner standing alone as the speaker at a sentence start
    ('Another tweeted, "She thinks she is above the rules."', [("Another", "tweeted", "She thinks she is above the rules")]),
    ('Both said: "We are tired."', [("Both", "said", "We are tired")]),
    # "according to" with an appositive, after or before the quotation
    ('"The fire is out," according to Dan Moore, the fire chief.', [("Dan Moore, the fire chief", "according to", "The fire is out")]),
    ('According to Dan Moore, the fire chief, "the fire is out."', [("Dan Moore, the fire chief", "According to", "the fire is out")]),
])
def test_direct_quotation_cases(text, expected):
    assert direct_cases(text) == sorted(expected)


def test_according_to_before_a_clause_keeps_its_source_short():
    assert rows("According to the report, the economy grew.") == [
        ("indirect", "the report", "According to", "the economy grew")]


def test_passive_participle_is_no_cue():
    assert rows("The bill, signed by the governor on Monday, takes effect in May.") == []
    assert rows("Trump responded by saying the plan was dead.") == [
        ("indirect", "Trump", "responded", "by saying the plan was dead")]


def test_time_adverb_before_a_verb_is_no_inverted_speaker():
    got = rows("Smith, the mayor, said officials later found the boy.")
    assert ("indirect", "Smith, the mayor", "said", "officials later found the boy") in got


def statements(text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker, cue, content) of every statement in ``text``, offsets checked."""
    arts = pd.DataFrame({"article_id": ["t"], "text": [text]})
    q = quotes(arts, convention="attributions")
    assert_offsets(arts, q)
    return [(_s(r.speaker), _s(r.cue), r.text) for r in q.itertuples()]


# a stance or a possibility inside what was said is part of the content, not a statement of its own
@pytest.mark.parametrize("text, expected", [
    ("The premier says the province supports the pipeline.",
     [("The premier", "says", "the province supports the pipeline")]),
    ("The mayor said the council opposed the new tower on the waterfront.",
     [("The mayor", "said", "the council opposed the new tower on the waterfront")]),
    ("The spokesperson said the government welcomed the ruling.",
     [("The spokesperson", "said", "the government welcomed the ruling")]),
    ("The minister says Wellington will not approve a new gas field.",
     [("The minister", "says", "Wellington will not approve a new gas field")]),
    ("The chief executive said the bank would never endorse loans to coal projects.",
     [("The chief executive", "said", "the bank would never endorse loans to coal projects")]),
    # a coordinated stance verb stays in the reported clause
    ("Ms Okafor said her party backed the reform but opposed the timetable.",
     [("Ms Okafor", "said", "her party backed the reform but opposed the timetable")]),
    ("The head of the opposition Greens, Tom Berg, said his party supported the treaty but opposed new bases.",
     [("The head of the opposition Greens, Tom Berg", "said", "his party supported the treaty but opposed new bases")]),
])
def test_a_stance_inside_reported_speech_is_no_statement(text, expected):
    assert statements(text) == expected


def test_a_speaker_who_also_takes_a_stance_keeps_both_statements():
    got = statements("Smith praised the plan and said it would create jobs.")
    assert ("Smith", "said", "it would create jobs") in got
    assert ("Smith", "praised", "the plan") in got


# the addressee of a tell-like verb is no part of the content; a part of a group is a speaker
@pytest.mark.parametrize("text, expected", [
    ("The chief executive told staff the bank would acknowledge its failings.",
     [("The chief executive", "told", "the bank would acknowledge its failings")]),
    ("Mr Patel told shareholders the firm would seek new investors.",
     [("Mr Patel", "told", "the firm would seek new investors")]),
    ("The coach told players the club would support them.",
     [("The coach", "told", "the club would support them")]),
    ("The principal told parents that the school would reopen on Monday.",
     [("The principal", "told", "that the school would reopen on Monday")]),
    ("Mr Ndlovu told parliament the country would not tolerate corruption.",
     [("Mr Ndlovu", "told", "the country would not tolerate corruption")]),
    ("Several of those arrested told police they had been paid to protest.",
     [("Several of those arrested", "told", "they had been paid to protest")]),
    ("The chief executive told staff on Monday that the bank would cut jobs.",
     [("The chief executive", "told", "that the bank would cut jobs")]),
    ("The manager told workers last week the plant would close.",
     [("The manager", "told", "the plant would close")]),
    ("Lawmaker urges retaliation on Russia", [("Lawmaker", "urges", "retaliation on Russia")]),
    ("One of us told the manager the machine was broken.",
     [("One of us", "told", "the machine was broken")]),
    ("One of them said it could be approved as early as next week.",
     [("One of them", "said", "it could be approved as early as next week")]),
    ('"It could be approved next week," said one of them.',
     [("one of them", "said", '"It could be approved next week,"')]),
    ("Some of them said they had not been paid for months.",
     [("Some of them", "said", "they had not been paid for months")]),
    ("A majority of those polled said the fare increase was unfair.",
     [("A majority of those polled", "said", "the fare increase was unfair")]),
])
def test_addressees_and_parts_of_groups(text, expected):
    assert statements(text) == expected


# a possessive role and the name in apposition before the cue are its subject, not a post-posed content
@pytest.mark.parametrize("text, expected", [
    ("Labour's transport spokesperson, Ciara Nolan, said the plan lacked ambition.",
     [("Labour's transport spokesperson, Ciara Nolan", "said", "the plan lacked ambition")]),
    ("The Australian Nursing Federation's secretary, Dr Ruth Kemp, said the ward needed proper funding.",
     [("The Australian Nursing Federation's secretary, Dr Ruth Kemp", "said", "the ward needed proper funding")]),
    ("Nigeria's central bank governor, Ade Bello, said inflation remained stubborn.",
     [("Nigeria's central bank governor, Ade Bello", "said", "inflation remained stubborn")]),
    ("The Greens' justice spokesperson, Mark Hale, said the law went too far.",
     [("The Greens' justice spokesperson, Mark Hale", "said", "the law went too far")]),
    ("A senior Israeli official, speaking on condition of anonymity, said the strikes would continue.",
     [("A senior Israeli official", "said", "the strikes would continue")]),
    ("Two European diplomats, speaking on condition of anonymity, said the summit could be postponed.",
     [("Two European diplomats", "said", "the summit could be postponed")]),
    ('"Our son went in alive and came out in a coffin," the family said.',
     [("the family", "said", '"Our son went in alive and came out in a coffin,"')]),
    ("The strikes will continue, a senior official said, speaking on condition of anonymity.",
     [("a senior official", "said", "The strikes will continue")]),
    # a real inversion after a clause stays one
    ("The plan lacks ambition, said Ciara Nolan.", [("Ciara Nolan", "said", "The plan lacks ambition")]),
])
def test_possessive_role_appositive_subjects(text, expected):
    assert statements(text) == expected


# a relative clause inside the subject: a restrictive one belongs to the speaker mention, a
# non-restrictive one is a statement of its own only up to the comma before the main cue
@pytest.mark.parametrize("text, expected", [
    ("Three senators who voted against the bill said it would be expensive.",
     [("Three senators who voted against the bill", "said", "it would be expensive")]),
    ("In a statement on Monday, the family of a man who died in police custody in Durban said they wanted answers.",
     [("the family of a man who died in police custody in Durban", "said", "they wanted answers")]),
    ("Farmers who lost crops in the floods said compensation was slow.",
     [("Farmers who lost crops in the floods", "said", "compensation was slow")]),
    ("People who know him say he is ambitious.", [("People who know him", "say", "he is ambitious")]),
    ('"We need answers," the family of a woman who died in custody said.',
     [("the family of a woman who died in custody", "said", '"We need answers,"')]),
    ("A man who was injured in the blast told reporters he heard two explosions.",
     [("A man who was injured in the blast", "told", "he heard two explosions")]),
    ("An official who attended the talks, speaking on condition of anonymity, said progress was slow.",
     [("An official who attended the talks", "said", "progress was slow")]),
    ("A 2019 study that appeared in a medical journal found that the drug was safe.",
     [("A 2019 study that appeared in a medical journal", "found", "that the drug was safe")]),
    # "that" after a verb or before a subject opens a complement clause, not a relative one
    ("The mayor told the crowd that she expected the vote to pass.",
     [("The mayor", "told", "that she expected the vote to pass")]),
    ("The senator, who voted against the bill, said it would be expensive.",
     [("who", "voted against", "the bill"), ("The senator", "said", "it would be expensive")]),
    # an anonymous source's request is no statement
    ("A nurse at one of the hospitals, who asked that her name not be used, said staff were worried.",
     [("A nurse at one of the hospitals", "said", "staff were worried")]),
    ("A police officer, who asked that his identity be withheld, said the suspect fled on foot.",
     [("A police officer", "said", "the suspect fled on foot")]),
    ("But one Labour MP, who did not wish to be named, said the vote was lost.",
     [("one Labour MP", "said", "the vote was lost")]),
    ("A senior aide, who did not want to be identified, said the minister would resign.",
     [("A senior aide", "said", "the minister would resign")]),
])
def test_relative_clauses_in_the_subject(text, expected):
    assert statements(text) == expected


# --- sentences handed over: the sentences table of the same articles stands for the splitter ---------
_HANDED = [
    ("h1", ("The council voted 7-2 on Tuesday. Mayor Ines Duarte said the new tram line would open in May.\n"
            "\u201cWe owe this city a faster commute,\u201d she told reporters. Dr. Alan Moss, a transit "
            "planner at the U.S. Dept. of Transportation, said costs had doubled since 2019.")),
    ("h2", ("Shares of Halvard Corp. fell 4% after the company warned on profits. \"Demand has softened,\" "
            "Chief Executive Priya Nair said in a statement. Analysts expect a rebound, according to a note "
            "from Kestrel Partners.")),
    ("h3", ("LAGOS: Officials said the bridge would reopen next week.\n\nThe minister, Bola Ade, added that "
            "repairs cost more than planned. \u201cIt was unavoidable.\u201d")),
]


def _handed_articles() -> pd.DataFrame:
    return pd.DataFrame({"article_id": [a for a, _ in _HANDED], "text": [t for _, t in _HANDED]})


@pytest.mark.parametrize("convention", ["attributions", "quotes"])
def test_sentences_handed_over_give_the_same_table(convention: str) -> None:
    arts = _handed_articles()
    alone = quotes(arts, convention=convention)
    assert len(alone) >= 5
    handed = quotes(arts, convention=convention, sentences=newslab.sentences(arts))
    pd.testing.assert_frame_equal(handed, alone)


def test_sentences_handed_over_replace_the_splitter(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _handed_articles()
    sents = newslab.sentences(arts)
    expected = quotes(arts, convention="attributions")
    changed = arts.copy()  # one text changed since its sentences were split
    changed.loc[1, "text"] = changed.loc[1, "text"].replace("Demand", "Orders")
    expected_changed = quotes(changed, convention="attributions")
    calls: list[str] = []
    real = importlib.import_module("newslab.quote_article").sentence_spans

    def counting(text: str) -> list[tuple[int, int, int]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr("newslab.quote_article.sentence_spans", counting)
    got = quotes(arts, convention="attributions", sentences=sents)
    pd.testing.assert_frame_equal(got, expected)
    assert calls == []  # every article's sentences came from the table
    # an article the table does not hold, and one whose text changed since, are split as usual
    got = quotes(changed, convention="attributions", sentences=sents[sents.article_id != "h3"])
    pd.testing.assert_frame_equal(got, expected_changed)
    assert calls == [changed.loc[1, "text"], changed.loc[2, "text"]]


def test_sentences_handed_over_need_the_sentences_columns() -> None:
    arts = _handed_articles()
    with pytest.raises(ValueError, match="sentences table"):
        quotes(arts, sentences=newslab.sentences(arts).drop(columns=["paragraph_id"]))


def test_sentences_handed_over_on_real_news() -> None:
    """Real articles of two newsrooms' styles (read from ../shared/eval, never copied): the same tables."""
    paths = [EVAL / "quotes_ggt_dev.jsonl", EVAL / "quotes_polnear_dev.jsonl"]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared/eval is absent")
    ids, texts = [], []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= 25:
                    break
                rec = json.loads(line)
                ids.append(f"{path.stem}:{rec.get('id', i)}")
                texts.append(rec.get("text") or "")
    arts = pd.DataFrame({"article_id": ids, "text": texts})
    sents = newslab.sentences(arts)
    for convention in ("attributions", "quotes"):
        pd.testing.assert_frame_equal(quotes(arts, convention=convention, sentences=sents),
                                      quotes(arts, convention=convention))
