"""newslab.evaluate: the scorer's metric on users' own gold quotes, checked against the scorer itself."""
from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.evaluate import Evaluation, evaluate

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
COLS = ["article_id", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "type"]

TEXT = ("“We will not back down,” Governor Maria Lopez said on Monday. She added that the budget was balanced. "
        "Critics said the plan would fail.")


def _span(sub: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _row(aid, content, speaker, cue, typ, name=None, text=TEXT):
    s, e = _span(content, text)
    ss, se = _span(speaker, text)
    cs, ce = _span(cue, text)
    return {"article_id": aid, "start": s, "end": e, "text": content, "speaker": speaker, "speaker_start": ss,
            "speaker_end": se, "cue": cue, "cue_start": cs, "cue_end": ce, "type": typ, "speaker_name": name}


@pytest.fixture
def gold():
    return pd.DataFrame([
        _row("a", "“We will not back down,”", "Governor Maria Lopez", "said", "direct", "Maria Lopez"),
        _row("a", "that the budget was balanced", "She", "added", "indirect", "Maria Lopez"),
        _row("a", "the plan would fail", "Critics", "said", "indirect"),
    ])


def test_perfect_prediction_scores_100(gold):
    ev = evaluate(gold, gold, pd.DataFrame({"article_id": ["a"], "text": [TEXT]}))
    assert isinstance(ev, Evaluation)
    s = ev.scores
    assert (s["P"], s["R"], s["F1"], s["tp"], s["fp"], s["fn"]) == (100.0, 100.0, 100.0, 3, 0, 0)
    assert s["speaker_acc"] == 100.0 and s["name_acc"] == 100.0
    assert all(v["F1"] == 100.0 for v in s["exact"].values())
    assert s["recall_by_type"] == {"direct": 100.0, "indirect": 100.0}
    assert set(ev.cases["status"]) == {"found"}
    assert ev.summary.set_index("metric").loc["F1", "value"] == 100.0


def test_coverage_threshold_is_strict():
    gold = pd.DataFrame({"article_id": ["a"], "start": [10], "end": [20], "type": ["direct"]})
    at = lambda n: evaluate(pd.DataFrame({"article_id": ["a"], "start": [10], "end": [10 + n]}), gold)
    assert at(3).scores["tp"] == 0  # exactly 30% is not more than 30%
    assert at(4).scores["tp"] == 1
    assert evaluate(pd.DataFrame({"article_id": ["a"], "start": [10], "end": [19]}), gold,
                    threshold=0.8).scores["tp"] == 1


def test_missed_and_spurious_are_listed(gold):
    pred = gold.copy()
    g = gold.iloc[2]
    pred.loc[2, "end"] = g["start"] + 1
    ev = evaluate(pred, gold)
    assert ev.scores["tp"] == 2 and ev.scores["fp"] == 1 and ev.scores["fn"] == 1
    assert ev.missed["gold_text"].tolist() == ["the plan would fail"]
    assert ev.spurious["pred_start"].tolist() == [g["start"]]
    assert ev.scores["recall_by_type"]["indirect"] == 50.0


def test_one_prediction_finds_one_gold_quote_greedily():
    text = "x" * 100
    gold = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 50], "end": [50, 100], "type": ["direct", "direct"]})
    # One prediction covering both quotes: it can only be used once (by the first gold quote).
    pred = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [100]})
    ev = evaluate(pred, gold, pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert (ev.scores["tp"], ev.scores["fp"], ev.scores["fn"]) == (1, 0, 1)
    # The best-covering unused prediction wins, not the first one.
    pred = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 0], "end": [20, 50]})
    ev = evaluate(pred, gold)
    assert ev.cases.iloc[0]["pred_end"] == 50 and ev.cases.iloc[0]["coverage"] == 1.0


def test_speaker_and_name_accuracy(gold):
    pred = gold.copy()
    pred.loc[1, ["speaker_start", "speaker_end"]] = [0, 3]  # wrong mention
    pred.loc[0, "speaker_name"] = "the maria lopez"  # same name once normalised
    pred.loc[1, "speaker_name"] = "Lopez"
    ev = evaluate(pred, gold)
    assert ev.scores["speaker_acc"] == round(100 * 2 / 3, 1)
    assert ev.scores["name_acc"] == 50.0  # only two gold quotes carry a name
    found = ev.cases.set_index("gold_start")
    assert not found.loc[gold.loc[1, "start"], "speaker_ok"]
    assert found.loc[gold.loc[0, "start"], "name_ok"]


def test_exact_spans_are_trimmed_with_or_without_the_article(gold):
    pred = gold.copy()
    s, e = _span("We will not back down")  # no quote marks, no comma: equal after trimming
    pred.loc[0, ["start", "end", "text"]] = [s, e, "We will not back down"]
    pred.loc[2, ["cue_start", "cue_end", "cue"]] = [pred.loc[2, "cue_start"], pred.loc[2, "cue_end"] + 4, "said the"]
    with_text = evaluate(pred, gold, pd.DataFrame({"article_id": ["a"], "text": [TEXT]})).scores["exact"]
    without = evaluate(pred, gold).scores["exact"]
    assert with_text == without
    assert with_text["content"]["F1"] == 100.0
    assert with_text["cue"]["P"] == round(100 * 2 / 3, 1)


def test_articles_without_gold_count_their_predictions_as_spurious(gold):
    other = _row("b", "the plan would fail", "Critics", "said", "indirect")
    pred = pd.concat([gold, pd.DataFrame([other])], ignore_index=True)
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": [TEXT, TEXT]})
    assert evaluate(pred, gold, arts).scores["fp"] == 1
    assert evaluate(pred, gold).scores["fp"] == 0  # without articles only gold articles are scored


def test_missing_columns_and_empty_tables():
    with pytest.raises(ValueError, match="article_id, start, end"):
        evaluate(pd.DataFrame({"start": [0]}), pd.DataFrame({"article_id": ["a"], "start": [0], "end": [1]}))
    empty = pd.DataFrame(columns=COLS)
    ev = evaluate(empty, empty)
    assert ev.scores["F1"] == 0.0 and len(ev.cases) == 0 and "speaker_acc" not in ev.scores
    assert "F1" in repr(ev)


def test_missing_values_in_predictions_do_not_crash(gold):
    pred = gold.astype({"speaker_start": "Int64", "speaker_end": "Int64"})
    pred.loc[0, ["speaker_start", "speaker_end"]] = pd.NA
    pred["start"] = pred["start"].astype("float64")
    pred.loc[1, "start"] = float("nan")
    ev = evaluate(pred, gold)
    assert ev.scores["tp"] == 2 and ev.scores["speaker_acc"] == 50.0


# ------------------------------------------------------------------ agreement with ../shared/eval/score.py
def _scorer():
    path = EVAL / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval is not available")
    spec = importlib.util.spec_from_file_location("newslab_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _dev(n: int = 40):
    path = EVAL / "quotes_polnear_dev.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR dev set is not available")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(n), f)]


def _gold_frame(recs):
    rows = [{"article_id": r["id"], **{c: q.get(c) for c in COLS[1:]}, "speaker_resolved": q.get("speaker_resolved")}
            for r in recs for q in r["quotes"]]
    return pd.DataFrame(rows, columns=[*COLS, "speaker_resolved"])


def _as_scorer_predictions(mod, pred: pd.DataFrame):
    by = {}
    for row in pred.to_dict("records"):
        by.setdefault(row["article_id"], []).append({
            "start": mod.as_int(row["start"]), "end": mod.as_int(row["end"]), "type": row.get("type"),
            "speaker": row.get("speaker"), "speaker_name": row.get("speaker_name"),
            "speaker_start": mod.as_int(row.get("speaker_start")), "speaker_end": mod.as_int(row.get("speaker_end")),
            "cue": row.get("cue"), "cue_start": mod.as_int(row.get("cue_start")),
            "cue_end": mod.as_int(row.get("cue_end"))})
    return by


def _agree(mod, recs, pred: pd.DataFrame):
    arts = pd.DataFrame({"article_id": [r["id"] for r in recs], "text": [r["text"] for r in recs]})
    gold = _gold_frame(recs)
    by = _as_scorer_predictions(mod, pred)
    for thr in (0.3, 0.8):
        ours = evaluate(pred, gold, arts, threshold=thr).scores
        theirs = mod.quote_metrics(recs, by, thr)
        assert {k: v for k, v in ours.items() if k != "exact"} == theirs
        assert ours["exact"] == mod.exact_spans(recs, by)


def _perturbed(recs, seed: int = 7) -> pd.DataFrame:
    """Predictions made from the gold: shifted, shrunk, dropped, doubled and invented quotes."""
    rng = random.Random(seed)
    rows = []
    for r in recs:
        n = len(r["text"])
        for q in r["quotes"]:
            if rng.random() < 0.15:
                continue
            d = lambda k: rng.randint(-k, k)
            s = max(0, min(n - 1, q["start"] + d(15)))
            e = max(s + 1, min(n, q["end"] + d(15) - (q["end"] - q["start"]) // rng.choice([1, 2, 3, 100])))
            row = {"article_id": r["id"], "start": s, "end": e, "type": q.get("type"),
                   "speaker_start": None, "speaker_end": None, "cue_start": None, "cue_end": None,
                   "speaker_name": None}
            if q.get("speaker_start") is not None and rng.random() < 0.85:
                row["speaker_start"] = max(0, q["speaker_start"] + d(3))
                row["speaker_end"] = max(row["speaker_start"] + 1, q["speaker_end"] + d(3))
            if q.get("cue_start") is not None and rng.random() < 0.9:
                row["cue_start"], row["cue_end"] = q["cue_start"], q["cue_end"] + rng.choice([0, 0, 1, 5])
            rows.append(row)
            if rng.random() < 0.1:
                rows.append(dict(row, start=min(n - 1, row["start"] + 3)))
        for _ in range(rng.randint(0, 3)):
            s = rng.randrange(max(1, n - 50))
            rows.append({"article_id": r["id"], "start": s, "end": s + rng.randint(1, 50), "type": "direct"})
    pred = pd.DataFrame(rows)
    for c in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
        pred[c] = pred[c].astype("Int64")
    return pred


def test_agrees_with_the_scorer_on_perturbed_gold():
    mod = _scorer()
    recs = _dev()
    _agree(mod, recs, _perturbed(recs))


def test_agrees_with_the_scorer_on_names():
    mod = _scorer()
    recs = [dict(r, quotes=[dict(q, speaker_resolved=q.get("speaker")) for q in r["quotes"]]) for r in _dev(15)]
    pred = _perturbed(recs, seed=3)
    spk = {(r["id"], q["start"]): q.get("speaker") for r in recs for q in r["quotes"]}
    rng = random.Random(5)
    pred["speaker_name"] = [spk.get((a, s)) if rng.random() < 0.7 else "Somebody Else"
                            for a, s in zip(pred["article_id"], pred["start"])]
    ours = evaluate(pred, _gold_frame(recs), pd.DataFrame({"article_id": [r["id"] for r in recs],
                                                          "text": [r["text"] for r in recs]})).scores
    theirs = mod.quote_metrics(recs, _as_scorer_predictions(mod, pred), 0.3)
    assert "name_acc" in ours and ours["name_acc"] == theirs["name_acc"]
    assert {k: v for k, v in ours.items() if k != "exact"} == theirs


def test_agrees_with_the_scorer_on_newslab_quotes():
    mod = _scorer()
    recs = _dev(20)
    arts = pd.DataFrame({"article_id": [r["id"] for r in recs], "text": [r["text"] for r in recs]})
    _agree(mod, recs, newslab.quotes(arts))
