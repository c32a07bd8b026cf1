"""Score predicted quotes against your own gold annotations, with the project's evaluation metric.

Researchers annotate a sample of their corpus (the quotes columns: ``article_id``, ``start``,
``end``, ``speaker_start``, ``speaker_end``, ``cue_start``, ``cue_end``, ``type``, optionally
``speaker_name``) and need to know whether to trust the tool on it. ``evaluate`` computes exactly
the figures of ``../shared/eval/score.py`` (the metric of the Gender Gap Tracker and the PolNeAR
papers):

- **P / R / F1 at a coverage threshold**: within an article, each gold quote in turn takes the
  unused prediction that covers the largest share of it, if that share is above ``threshold``
  (0.3 by default); matched predictions are true positives, unmatched predictions false positives.
- **speaker_acc**: over found quotes with a gold speaker span, the share whose predicted speaker
  mention overlaps the gold one.
- **name_acc**: over found quotes with a gold ``speaker_name`` (or ``speaker_resolved``), the share
  whose predicted ``speaker_name`` is the same name (case, punctuation and "the"/"a"/"an" ignored).
- **exact-span F1** of content (``start``/``end``), source (speaker) and cue, both sides trimmed of
  quote marks, punctuation and spaces; spans counted as multisets per article.
- **recall by type** of gold quote, and every missed and spurious quote for inspection.

Which articles count: those of ``articles`` when given (so predictions in an article with no gold
quote are false positives), else the articles that have gold quotes.

Examples:
    >>> gold = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [20], "type": ["direct"]})
    >>> evaluate(gold.assign(end=10), gold).scores["F1"]
    100.0
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["STRIP", "Evaluation", "evaluate"]

#: Characters trimmed off both ends of a span before exact matching (the scorer's set).
STRIP = " \t\r\n\"'\u201c\u201d\u2018\u2019.,;:!?\u2014\u2013-()[]"
_SPANS = (("content", "start", "end", "text"), ("source", "speaker_start", "speaker_end", "speaker"),
          ("cue", "cue_start", "cue_end", "cue"))


def _int(v: Any) -> int | None:
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v)


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _cover(g: tuple[int, int], p: tuple[int, int]) -> float:
    inter = max(0, min(g[1], p[1]) - max(g[0], p[0]))
    return inter / (g[1] - g[0]) if g[1] > g[0] else 0.0


def _norm_name(s: Any) -> str:
    if not isinstance(s, str):
        return ""
    toks = [t for t in re.sub(r"[^\w\s]", " ", s.casefold()).split() if t not in {"the", "a", "an"}]
    return " ".join(toks)


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1)}


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in STRIP:
        s += 1
    while e > s and text[e - 1] in STRIP:
        e -= 1
    return s, e


def _trim_piece(piece: str, s: int, e: int) -> tuple[int, int]:
    """Trim using the span's own text (``text[s:e] == piece``) when the article is not at hand."""
    body = piece.lstrip(STRIP)
    s2 = s + len(piece) - len(body)
    return (s2, s2 + len(body.rstrip(STRIP))) if body else (s2, s2)


def _records(df: pd.DataFrame, name_cols: tuple[str, ...]) -> dict[Any, list[dict[str, Any]]]:
    """Rows of a quotes table as plain dicts, grouped by article in table order."""
    missing = [c for c in ("article_id", "start", "end") if c not in df.columns]
    if missing:
        raise ValueError(f"evaluate() needs quotes tables with columns article_id, start, end (and speaker_start, "
                         f"speaker_end, cue_start, cue_end, type for the other figures); missing {missing}")
    name_col = next((c for c in name_cols if c in df.columns), None)
    out: dict[Any, list[dict[str, Any]]] = {}
    cols = {c: (df[c].tolist() if c in df.columns else [None] * len(df))
            for c in ("article_id", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "type",
                      "text", "speaker", "cue")}
    names = df[name_col].tolist() if name_col else [None] * len(df)
    for k in range(len(df)):
        rec = {c: cols[c][k] for c in cols}
        for c in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
            rec[c] = _int(rec[c])
        rec["type"] = _str(rec["type"])
        rec["name"] = _str(names[k])
        rec["row"] = df.index[k]
        out.setdefault(rec["article_id"], []).append(rec)
    return out


@dataclass
class Evaluation:
    """What ``evaluate`` returns.

    Attributes:
        summary: one row per figure (``metric``, ``value``), values in percent as the scorer prints.
        scores: the same figures as nested dicts, keyed like ``score.py``'s JSON
            (``P``, ``R``, ``F1``, ``tp``, ``fp``, ``fn``, ``speaker_acc``, ``name_acc``,
            ``recall_by_type``, ``exact`` -> content / source / cue -> P / R / F1).
        cases: one row per gold quote (``status`` found or missed) and per unmatched prediction
            (``status`` spurious), with both spans, the coverage, and whether speaker and name agree.
    """

    summary: pd.DataFrame
    scores: dict[str, Any]
    cases: pd.DataFrame = field(repr=False)

    @property
    def missed(self) -> pd.DataFrame:
        """Gold quotes no prediction covered."""
        return self.cases[self.cases["status"] == "missed"].reset_index(drop=True)

    @property
    def spurious(self) -> pd.DataFrame:
        """Predictions that matched no gold quote."""
        return self.cases[self.cases["status"] == "spurious"].reset_index(drop=True)

    def __repr__(self) -> str:
        return "Evaluation\n" + self.summary.to_string(index=False)

    def _repr_html_(self) -> str:  # notebooks show the summary table
        return self.summary.to_html(index=False)


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame | None = None,
             threshold: float = 0.3) -> Evaluation:
    """Score ``predicted`` quotes against ``gold`` quotes of the same articles.

    Args:
        predicted: a quotes table, as ``newslab.quotes`` returns.
        gold: your annotations with the same columns (``article_id``, ``start``, ``end``,
            ``speaker_start``, ``speaker_end``, ``cue_start``, ``cue_end``, ``type``, optional
            ``speaker_name``). Rows within an article are matched in table order.
        articles: the articles (``article_id``, ``text``). Needed for exact trimming of spans; without
            it the span text columns (``text``, ``speaker``, ``cue``, which equal the article text at
            the offsets) are trimmed instead, and spans with no text are compared untrimmed.
        threshold: share of a gold quote a prediction must cover (strictly more than) to find it.

    Returns:
        An ``Evaluation`` with ``.summary`` (a DataFrame of figures), ``.scores`` (the same as
        dicts), ``.cases`` (found, missed and spurious quotes), ``.missed`` and ``.spurious``.

    Examples:
        >>> text = "“We will win,” Ann Lee said. Critics disagreed."
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
        >>> gold = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [14], "speaker_start": [15],
        ...                      "speaker_end": [22], "cue_start": [23], "cue_end": [27], "type": ["direct"],
        ...                      "speaker_name": ["Ann Lee"]})
        >>> pred = gold.assign(start=1, end=12)
        >>> ev = evaluate(pred, gold, arts)
        >>> ev.scores["F1"], ev.scores["speaker_acc"], ev.scores["name_acc"], ev.scores["exact"]["content"]["F1"]
        (100.0, 100.0, 100.0, 100.0)
        >>> evaluate(pred.assign(start=10), gold, arts).scores["R"]  # covers 2/14 of the quote: missed
        0.0
    """
    if not isinstance(predicted, pd.DataFrame) or not isinstance(gold, pd.DataFrame):
        raise TypeError("evaluate(predicted, gold) takes two quotes DataFrames")
    preds = _records(predicted, ("speaker_name",))
    golds = _records(gold, ("speaker_name", "speaker_resolved"))
    texts, ids = _texts_and_ids(articles, golds)
    tally = _Tally()
    for aid in ids:
        gs, ps = golds.get(aid, []), preds.get(aid, [])
        used = _match_article(aid, gs, ps, threshold, tally)
        for i, p in enumerate(ps):
            if i not in used:
                tally.fp += 1
                tally.cases.append(_case(aid, "spurious", None, p, None))
        tally.count_exact(texts.get(aid), gs, ps)
    scores = tally.scores(threshold)
    cases = pd.DataFrame(tally.cases, columns=_CASE_COLUMNS)
    return Evaluation(summary=_summary(scores), scores=scores, cases=cases)


def _texts_and_ids(articles: pd.DataFrame | None, golds: dict[Any, list[dict[str, Any]]]
                   ) -> tuple[dict[Any, str], list[Any]]:
    """The article texts by id, and the ids to score: every article given and every one with a gold
    quote (gold quotes always count), or the gold articles alone when no articles are given."""
    if articles is None:
        return {}, list(golds)
    if not {"article_id", "text"} <= set(articles.columns):
        raise ValueError("evaluate(articles=...) needs the columns article_id and text")
    texts = {a: t for a, t in zip(articles["article_id"], articles["text"]) if isinstance(t, str)}
    return texts, list(dict.fromkeys([*articles["article_id"], *golds]))


@dataclass
class _Tally:
    """Running counts of one evaluation: matches, per-type recall, speaker and name agreement,
    exact-span counts (tp, predicted, gold per part) and the case rows."""

    tp: int = 0
    fp: int = 0
    type_counts: dict[str, list[int]] = field(default_factory=dict)  # type -> [found, gold]
    spk: list[int] = field(default_factory=lambda: [0, 0])
    nam: list[int] = field(default_factory=lambda: [0, 0])
    cases: list[dict[str, Any]] = field(default_factory=list)
    exact: dict[str, list[int]] = field(default_factory=lambda: {part: [0, 0, 0] for part, *_ in _SPANS})

    def judge(self, row: dict[str, Any], g: dict[str, Any], p: dict[str, Any]) -> None:
        """Count a found quote's speaker (spans overlap) and name (equal once normalised) in ``row``."""
        if g["speaker_start"] is not None:
            ok = p["speaker_start"] is not None and p["speaker_end"] is not None and _cover(
                (g["speaker_start"], g["speaker_end"]), (p["speaker_start"], p["speaker_end"])) > 0
            self.spk[0] += ok
            self.spk[1] += 1
            row["speaker_ok"] = ok
        if g["name"]:
            ok = _norm_name(p["name"]) == _norm_name(g["name"])
            self.nam[0] += ok
            self.nam[1] += 1
            row["name_ok"] = ok

    def count_exact(self, text: str | None, gs: list[dict[str, Any]], ps: list[dict[str, Any]]) -> None:
        """Count one article's spans that equal a gold span once trimmed, part by part."""
        for part, s, e, piece in _SPANS:
            gc = Counter(_trimmed(text, q, s, e, piece) for q in gs if q[s] is not None)
            pc = Counter(_trimmed(text, q, s, e, piece) for q in ps if q[s] is not None)
            self.exact[part][0] += sum((gc & pc).values())
            self.exact[part][1] += sum(pc.values())
            self.exact[part][2] += sum(gc.values())

    def scores(self, threshold: float) -> dict[str, Any]:
        """The figures of ``Evaluation.scores``."""
        tp, fp = self.tp, self.fp
        fn = sum(b for _, b in self.type_counts.values()) - tp
        scores: dict[str, Any] = {"thr": threshold, **_prf(tp, tp + fp, tp + fn), "tp": tp, "fp": fp, "fn": fn}
        if self.spk[1]:
            scores["speaker_acc"] = round(100 * self.spk[0] / self.spk[1], 1)
        if self.nam[1]:
            scores["name_acc"] = round(100 * self.nam[0] / self.nam[1], 1)
        scores["recall_by_type"] = {k: round(100 * a / b, 1) for k, (a, b) in sorted(self.type_counts.items())}
        scores["exact"] = {part: _prf(*v) for part, v in self.exact.items()}
        return scores


def _best_match(g: dict[str, Any], ps: list[dict[str, Any]], used: set[int], threshold: float
                ) -> tuple[float, int | None]:
    """The unused prediction covering most of gold quote ``g`` (more than ``threshold``), and its cover."""
    best, bi = threshold, None
    if g["start"] is None or g["end"] is None:
        return best, bi
    for i, cand in enumerate(ps):
        if i not in used and cand["start"] is not None and cand["end"] is not None:
            c = _cover((g["start"], g["end"]), (cand["start"], cand["end"]))
            if c > best:
                best, bi = c, i
    return best, bi


def _match_article(aid: Any, gs: list[dict[str, Any]], ps: list[dict[str, Any]], threshold: float,
                   tally: _Tally) -> set[int]:
    """Match one article's gold quotes, in table order, to its predictions; the predictions used."""
    used: set[int] = set()
    for g in gs:
        best, bi = _best_match(g, ps, used, threshold)
        p: dict[str, Any] | None = ps[bi] if bi is not None else None
        t = tally.type_counts.setdefault(g["type"] or "?", [0, 0])
        t[1] += 1
        row = _case(aid, "missed" if p is None else "found", g, p, best if p is not None else None)
        if p is not None:
            used.add(bi)  # type: ignore[arg-type]
            tally.tp += 1
            t[0] += 1
            tally.judge(row, g, p)
        tally.cases.append(row)
    return used


def _summary(scores: dict[str, Any]) -> pd.DataFrame:
    """``Evaluation.summary``: one row per figure (metric, value as float)."""
    summary = [("P", scores["P"]), ("R", scores["R"]), ("F1", scores["F1"]),
               ("tp", scores["tp"]), ("fp", scores["fp"]), ("fn", scores["fn"])]
    summary += [(k, scores[k]) for k in ("speaker_acc", "name_acc") if k in scores]
    summary += [(f"recall_{k}", v) for k, v in scores["recall_by_type"].items()]
    summary += [(f"exact_{part}_{m}", scores["exact"][part][m]) for part in scores["exact"] for m in ("P", "R", "F1")]
    summary_df = pd.DataFrame(summary, columns=["metric", "value"])
    summary_df["value"] = summary_df["value"].astype("float64")
    return summary_df


_CASE_COLUMNS = ["article_id", "status", "type", "gold_start", "gold_end", "gold_text", "pred_start", "pred_end",
                 "pred_text", "coverage", "gold_speaker", "pred_speaker", "speaker_ok", "gold_name", "pred_name",
                 "name_ok", "gold_row", "pred_row"]


def _case(aid: Any, status: str, g: dict | None, p: dict | None, coverage: float | None) -> dict[str, Any]:
    g = g or {}
    p = p or {}
    return {"article_id": aid, "status": status, "type": g.get("type") or p.get("type"),
            "gold_start": g.get("start"), "gold_end": g.get("end"), "gold_text": _str(g.get("text")),
            "pred_start": p.get("start"), "pred_end": p.get("end"), "pred_text": _str(p.get("text")),
            "coverage": coverage, "gold_speaker": _str(g.get("speaker")), "pred_speaker": _str(p.get("speaker")),
            "speaker_ok": None, "gold_name": g.get("name"), "pred_name": p.get("name"), "name_ok": None,
            "gold_row": g.get("row"), "pred_row": p.get("row")}


def _trimmed(text: str | None, q: dict[str, Any], s: str, e: str, piece: str) -> tuple[int, int]:
    a, b = q[s], q[e] if q[e] is not None else q[s]
    if text is not None:
        return _trim(text, a, b)
    own = q.get(piece)
    if isinstance(own, str) and len(own) == b - a:
        return _trim_piece(own, a, b)
    return a, b
