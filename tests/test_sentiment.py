"""Tests for newslab.sentiment: columns, normalisation, robustness and quality on real news."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newslab as nl
from newslab.sentiment import SENTIMENT_COLUMNS, normalize_for_scoring, sentiment

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def _one(text: object, **kw: object) -> pd.Series:
    return sentiment(pd.DataFrame({"text": [text]}), **kw).iloc[0]


# ------------------------------------------------------------------------------ the cases
def test_curly_apostrophe_negation_scores_negative() -> None:
    row = _one("It isn\u2019t great.")
    assert row["sentiment_label"] == "negative"
    assert row["sentiment"] < 0
    assert row["vader"] < 0  # the VADER column is scored on normalised text too


def test_word_before_closing_curly_quote_is_read() -> None:
    row = _one("\u201cIt is a disaster,\u201d she said.")
    assert row["sentiment_label"] == "negative"
    assert row["vader"] < 0


def test_success_is_positive() -> None:
    assert _one("The talks were a success.")["sentiment_label"] == "positive"


def test_factual_news_sentence_is_neutral() -> None:
    row = _one("The committee will meet in Brussels on Tuesday to discuss the budget for next year.")
    assert row["sentiment_label"] == "neutral"
    assert row["sentiment"] == 0.0


def test_topical_words_do_not_colour_the_news_score() -> None:
    # "Supreme", "party" and "united" are names here; stock VADER reads them as praise.
    row = _one("The Supreme Court heard the party's appeal in the United States on Monday.")
    assert row["vader"] > 0.5
    assert row["sentiment_label"] == "neutral"


def test_news_lexicon_reads_words_vader_lacks() -> None:
    row = _one("The ministry faces allegations of corruption.")
    assert row["vader"] == 0.0
    assert row["sentiment_label"] == "negative"


def test_negation_survives_in_news_score() -> None:
    assert _one("The plan is not a success.")["sentiment"] < 0
    assert _one("The ceasefire did not fail.")["sentiment"] > 0


# ------------------------------------------------------------------------------ table contract
def test_stored_text_unchanged_and_rows_kept() -> None:
    texts = ["\u201cWe won\u2019t back down,\u201d he said.", "Prices rose\u2014again\u2026", "Plain text."]
    df = pd.DataFrame({"text": texts, "n": [1, 2, 3]}, index=[10, 20, 30])
    out = sentiment(df)
    assert out["text"].tolist() == texts
    assert out.index.tolist() == [10, 20, 30]
    assert out["n"].tolist() == [1, 2, 3]
    assert df.columns.tolist() == ["text", "n"]  # the input is not modified


def test_columns_and_dtypes() -> None:
    out = sentiment(pd.DataFrame({"text": ["Good news.", "Bad news."]}))
    assert out.columns.tolist() == ["text", *SENTIMENT_COLUMNS]
    for col in SENTIMENT_COLUMNS[:4]:
        assert out[col].dtype == "float64"
    assert pd.api.types.is_string_dtype(out["sentiment_label"])
    assert set(out["sentiment_label"]) <= {"positive", "neutral", "negative"}
    for col in ("polarity", "vader", "sentiment"):
        assert out[col].between(-1, 1).all()
    assert out["subjectivity"].between(0, 1).all()


@pytest.mark.parametrize("bad", [None, float("nan"), pd.NA, "", "   \n", 42])
def test_missing_or_empty_text_is_neutral_zero(bad: object) -> None:
    df = pd.DataFrame({"text": pd.Series(["Terrible.", bad], dtype=object)})
    out = sentiment(df)
    row = out.iloc[1]
    assert row["sentiment_label"] == "neutral"
    assert [row[c] for c in SENTIMENT_COLUMNS[:4]] == [0.0, 0.0, 0.0, 0.0]
    assert out.iloc[0]["sentiment_label"] == "negative"


def test_quotes_like_frame_with_other_column_name() -> None:
    quotes = pd.DataFrame({
        "article_id": ["a", "a"],
        "speaker_name": ["Jane Roe", "John Doe"],
        "quote": ["This is a shameful betrayal of voters.", "We welcome the agreement warmly."],
    })
    out = sentiment(quotes, column="quote")
    assert out["sentiment_label"].tolist() == ["negative", "positive"]
    assert out["speaker_name"].tolist() == ["Jane Roe", "John Doe"]


def test_missing_column_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="column='text'|column=<the text column>"):
        sentiment(pd.DataFrame({"quote": ["x"]}))


def test_empty_frame() -> None:
    out = sentiment(pd.DataFrame({"text": pd.Series([], dtype="str")}))
    assert len(out) == 0
    assert out.columns.tolist() == ["text", *SENTIMENT_COLUMNS]


def test_rerun_replaces_columns() -> None:
    once = sentiment(pd.DataFrame({"text": ["Good."]}))
    twice = sentiment(once)
    assert twice.columns.tolist() == once.columns.tolist()


def test_duplicates_score_identically() -> None:
    out = sentiment(pd.DataFrame({"text": ["A grim day.", "Fine.", "A grim day."]}))
    assert out.iloc[0][SENTIMENT_COLUMNS].tolist() == out.iloc[2][SENTIMENT_COLUMNS].tolist()


def test_columns_match_the_lexicons_run_directly() -> None:
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = "The minister's speech was bold, but the plan is badly flawed!"
    row = _one(text)
    blob = TextBlob(text).sentiment
    assert math.isclose(row["polarity"], blob.polarity)
    assert math.isclose(row["subjectivity"], blob.subjectivity)
    assert math.isclose(row["vader"], SentimentIntensityAnalyzer().polarity_scores(text)["compound"])


def test_public_name_is_the_function() -> None:
    assert nl.sentiment is sentiment  # even though this file imported the submodule newslab.sentiment
    assert "sentiment" in nl.__all__


def test_import_newslab_does_not_load_the_lexicons() -> None:
    import subprocess
    import sys

    code = "import sys, newslab; print(any(m.startswith(('textblob', 'vaderSentiment')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_n_jobs_gives_the_same_rows_and_scores() -> None:
    df = pd.DataFrame({"text": ["Good.", "Bad.", "Meh.", "Awful!", "Great.", "So-so."] * 3},
                      index=range(100, 118))
    one = sentiment(df)
    two = sentiment(df, n_jobs=2)
    assert two.index.tolist() == one.index.tolist()
    assert two.equals(one)


def test_long_text_is_linear_and_bounded() -> None:
    # 100,000 words with no punctuation: VADER alone is quadratic per text; windows keep it linear.
    text = " ".join(["good", "people", "bad", "weather", "and", "more"] * 16_667)
    row = _one(text)
    assert -1 <= row["sentiment"] <= 1


def test_seed_article_sentences() -> None:
    sents = nl.sentences(nl.load_articles(nl.SEED))
    out = sentiment(sents)
    assert len(out) == len(sents)
    assert out["text"].tolist() == sents["text"].tolist()
    assert out["sentiment_label"].nunique() >= 2


# ------------------------------------------------------------------------------ normalisation
def test_normalize_examples() -> None:
    assert normalize_for_scoring("It isn\u2019t") == "It isn't"
    assert normalize_for_scoring("\u201cNo\u201d \u2018yes\u2019") == "\"No\" 'yes'"
    assert normalize_for_scoring("bad\u2014and worse") == "bad and worse"
    assert normalize_for_scoring("plain ASCII stays") == "plain ASCII stays"


@given(st.text())
def test_normalize_keeps_length_and_offsets(text: str) -> None:
    out = normalize_for_scoring(text)
    assert len(out) == len(text)
    # characters that are not typographic stay where they were
    assert all(a == b or a in "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
               "\u2039\u203a\u2014\u2013\u2012\u2015\u2026\u00a0\u2009\u200a\u202f\u2007\u2002\u2003\u200b"
               "\u2028\u2029" for a, b in zip(text, out))


# ------------------------------------------------------------------------------ quality on real news
def _nyt() -> list[dict]:
    path = EVAL / "sentiment_nyt_dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found (evaluation data lives in ../shared/eval)")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    scores = []
    for c in ("positive", "neutral", "negative"):
        tp = sum(g == p == c for g, p in zip(gold, pred))
        npred, ngold = pred.count(c), gold.count(c)
        prec, rec = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / 3


def test_nyt_editorials_beat_vader_and_meet_acceptance() -> None:
    recs = _nyt()
    out = sentiment(pd.DataFrame({"text": [r["text"] for r in recs]}))
    gold = pd.Series([r["rating"] / 4 for r in recs])
    gold_labels = ["positive" if g > 0.05 else "negative" if g < -0.05 else "neutral" for g in gold]
    r_own = out["sentiment"].corr(gold)
    r_vader = out["vader"].corr(gold)
    f1 = _macro_f1(gold_labels, out["sentiment_label"].tolist())
    assert r_own > r_vader + 0.03
    assert r_own >= 0.55
    assert f1 >= 0.57


# ------------------------------------------------------------------------------ VADER equivalence
_TRICKY = [
    "VADER is VERY SMART, handsome, and FUNNY!!!", "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!", "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601",
    "At least it isn't a horrible book.", "The book was only kind of good.", "no no no bad",
    "it was the shit", "a kiss of death indeed", "never so good", "without doubt great",
    "NOT GOOD at ALL but ok???", "I am not at least happy", "very least happy", "good, good, but bad, bad",
    "The plot was good, but the characters are uncompelling and the dialog is not great.", "", "   ", "?!",
]


def _equivalence_texts(tricky: list[str]) -> list[str]:
    """Hand-made tricky texts, the seed's sentences, and the NYT dev sentences when ../shared is there."""
    texts = tricky + nl.sentences(nl.load_articles(nl.SEED))["text"].tolist()
    path = EVAL / "sentiment_nyt_dev.jsonl"
    if path.exists():  # a few thousand real news sentences when the evaluation data is there
        with open(path, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def test_stock_vader_column_is_exactly_vader() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newslab.sentiment import _analyzers

    analyzer = SentimentIntensityAnalyzer()
    _, pair = _analyzers()
    texts = _equivalence_texts(_TRICKY)
    for text in texts:
        for variant in (text, normalize_for_scoring(text)):
            assert pair.scores(variant)[0] == analyzer.polarity_scores(variant)["compound"], variant


# ------------------------------------------------------------------------------ TextBlob equivalence
_TRICKY_BLOB = _TRICKY + [
    "It was not really good, and never very bad.", "Wow (!) what a plan", "Not good ( ! ) at all :-( ...",
    "\n\nHe said: \"no\".\n\nIt's n't fine", "Mr. Smith, Dr. Lee and the U.S. team... were great!!",
    "etc. etc. e.g. the vote", "'''quoted''' and \"double\" and \u201ccurly\u201d", "<3 <3 :'( so sad",
    "A really truly awful, not remotely convincing speech.", "Prices rose 3.2% (a record) - officials said.",
    "He isn't happy; she's thrilled; they'd be glad; we'll see; you've won; I'm fine.", "x" * 3000,
]


def test_pattern_scores_are_exactly_textblobs() -> None:
    from textblob.en import sentiment as textblob_sentiment

    from newslab.sentiment import _analyzers

    pattern, _ = _analyzers()
    texts = _equivalence_texts(_TRICKY_BLOB)
    for text in texts:
        for variant in (text, normalize_for_scoring(text)):
            lib = textblob_sentiment(variant)
            assert pattern(variant) == (lib[0], lib[1], lib.assessments), variant


def test_dask_partitions_match_pandas() -> None:
    dd = pytest.importorskip("dask.dataframe")
    df = pd.DataFrame({"text": ["Good.", None, "It isn\u2019t great.", "Plain.", "A disaster."] * 4})
    got = sentiment(dd.from_pandas(df, npartitions=3)).compute()
    want = sentiment(df)
    assert got.columns.tolist() == want.columns.tolist()
    assert got["sentiment_label"].tolist() == want["sentiment_label"].tolist()
    assert got["sentiment"].tolist() == want["sentiment"].tolist()


def test_score_text_gives_the_numbers_of_the_sentiment_columns() -> None:
    # the stance step scores masked sentences through score_text / vader_scores: they must stay
    # the very numbers a sentiment() row gets
    from newslab.sentiment import normalize_for_scoring, score_text, vader_scores

    text = "The minister\u2019s plan is a disaster, critics said, but supporters called it brave."
    row = sentiment(pd.DataFrame({"text": [text]})).iloc[0]
    pol, subj, vader, own = score_text(normalize_for_scoring(text))
    assert (pol, subj, vader, own) == pytest.approx(
        (row["polarity"], row["subjectivity"], row["vader"], row["sentiment"]))
    assert vader_scores(normalize_for_scoring(text))[0] == pytest.approx(vader)
