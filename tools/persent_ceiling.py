#!/usr/bin/env python3
"""How far can a linear model go on PerSenT when it is fitted on PerSenT itself? A ceiling, not a model.

    .venv/bin/python tools/persent_ceiling.py [--folds 5] [--l2-words 3e-4 1e-3 3e-3]

Issue 13 asks persent_dev macro-F1 >= 0.50 of ``newslab.stance``, whose weights are fitted on
NewsMTSC train and never see PerSenT. This script asks what the same kind of model reaches when it
is fitted *in-domain*: document-grouped K-fold cross-validation on ../shared/eval/
stance_persent_dev.jsonl (the paragraphs of one article stay in one fold), with the class-balanced
logistic regression of ``tools/train_stance.py`` (plain numpy, L-BFGS), over three feature sets:

- ``newslab``: newslab's own stance features of the mention (``newslab.stance.features``: roles,
  tone, context words), the model the package ships, refitted on PerSenT;
- ``bow``: the words and word pairs of the whole paragraph (lower-cased, seen in >= 2 paragraphs);
- ``both``: the two together.

Beside them, the shipped model on the same records (``newslab.stance``). Nothing is written: the
fitted weights are thrown away, and no text or label leaves ../shared/eval. Exits 0 with a message
when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import importlib
import itertools
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_stance as ts  # the fitter (tools/ is not a package)

st = importlib.import_module("newslab.stance")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class _Bag:
    """A paragraph's bag of words in the shape ``train_stance.Data`` reads (``values``,
    ``word_features()``), with the dense features of ``mention`` (or only the bias)."""

    def __init__(self, text: str, mention: object | None) -> None:
        words = _WORD.findall(text.lower())
        keys = {f"bow:{w}" for w in words} | {f"bow:{a}_{b}" for a, b in itertools.pairwise(words)}
        self.bow = [(k, 1.0, -1) for k in sorted(keys)]
        self.mention = mention
        self.values = mention.values if mention is not None else {f: float(f == "bias") for f in st.FEATURES}

    def word_features(self) -> list[tuple[str, float, int]]:
        own = self.mention.word_features() if self.mention is not None else []
        return own + self.bow


def folds(ids: list[str], k: int) -> np.ndarray:
    """Fold of each record, by its document (``persent:dev:DOC:pN``), so no article is split."""
    return np.array([zlib.crc32(i.split(":")[2].encode()) % k for i in ids])


def cross_validated(ms: list, y: np.ndarray, fold: np.ndarray, l2_words: float, min_count: int) -> float:
    """Macro-F1 of the out-of-fold predictions of all records together."""
    a = argparse.Namespace(l2=3e-4, l2_words=l2_words, min_count=min_count, iters=100)
    pred = np.empty_like(y)
    for f in sorted(set(fold)):
        tr, te = np.where(fold != f)[0], np.where(fold == f)[0]
        W, vocab = ts.train([ms[i] for i in tr], y[tr], a)
        pred[te] = ts.Data([ms[i] for i in te], vocab).logits(W).argmax(1)
    return ts.macro_f1(y, pred)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2-words", type=float, nargs="+", default=[1e-3, 1e-2, 1e-1])
    a = ap.parse_args()
    if not (ts.EVAL / "stance_persent_dev.jsonl").exists():
        print("../shared/eval/stance_persent_dev.jsonl is absent: nothing to measure")
        return
    recs = ts.load("persent_dev")
    y = np.array([st.LABELS.index(r["label"]) for r in recs])
    fold = folds([r["id"] for r in recs], a.folds)
    import pandas as pd

    import newslab

    shipped = newslab.stance(pd.DataFrame(recs)[["text", "target_start", "target_end"]])["stance"]
    print(f"{len(recs)} paragraphs, {len({r['id'].split(':')[2] for r in recs})} articles, "
          f"labels {dict(Counter(r['label'] for r in recs))}")
    print(f"shipped newslab.stance (fitted on NewsMTSC train): macro-F1 "
          f"{ts.macro_f1(y, np.array([st.LABELS.index(x) for x in shipped])):.3f}")
    mentions = ts.feats(recs)
    sets = {"newslab": mentions,
            "bow": [_Bag(r["text"], None) for r in recs],
            "both": [_Bag(r["text"], m) for r, m in zip(recs, mentions)]}
    for name, ms in sets.items():
        for l2 in a.l2_words:
            f1 = cross_validated(ms, y, fold, l2, min_count=2)
            print(f"fitted on PerSenT, {a.folds}-fold by article, features {name:8s} l2_words {l2:g}: macro-F1 {f1:.3f}")


if __name__ == "__main__":
    main()
