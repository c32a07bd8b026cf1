#!/usr/bin/env python3
"""Fit newslab's stance weights on NewsMTSC train; write stance_weights.txt and stance_words.txt.

    .venv/bin/python tools/train_stance.py            # fit, report, write
    .venv/bin/python tools/train_stance.py --dry-run  # fit and report only

Reads ../shared/eval/stance_newsmtsc_train.jsonl (never copied into the repository), computes
newslab.stance.features() for every (sentence, target) pair, and fits a class-balanced multinomial
logistic regression with L2 (plain numpy) over the dense features plus the context words near the
mention (``newslab.stance.context_words``; words seen at least ``--min-count`` times). Prints
macro-F1 on train and on the dev sets for checking (dev is never used for fitting). Stored: the
3 x len(FEATURES) weights, and three weights per context word (no text).
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

st = importlib.import_module("newslab.stance")  # the module (newslab.stance is the function)

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "newslab" / "data" / "stance_weights.txt"
OUT_WORDS = ROOT / "newslab" / "data" / "stance_words.txt"


def load(name: str) -> list[dict]:
    with open(EVAL / f"stance_{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def feats(recs: list[dict]) -> list:
    return [st.features(r["text"], r["target_start"], r["target_end"]) for r in recs]


class Data:
    """Dense features ``D`` (n x len(FEATURES)) and the context words as a sparse (row, col, value)
    list, so a fit costs O(non-zeros) per step, not O(n x vocabulary)."""

    def __init__(self, ms: list, vocab: dict[str, int]) -> None:
        self.n, self.v = len(ms), len(vocab)
        self.D = np.array([[m.values[f] for f in st.FEATURES] for m in ms], dtype=np.float64)
        rows, cols, vals = [], [], []
        for i, m in enumerate(ms):
            if m.context:
                scale = 1.0 / math.sqrt(len(m.context))
                for w, _ in m.context:
                    j = vocab.get(w)
                    if j is not None:
                        rows.append(i)
                        cols.append(j)
                        vals.append(scale)
        self.rows, self.cols, self.vals = np.array(rows, dtype=int), np.array(cols, dtype=int), np.array(vals)

    def logits(self, W: np.ndarray) -> np.ndarray:
        d = self.D.shape[1]
        Z = self.D @ W[:d]
        contrib = self.vals[:, None] * W[d:][self.cols]
        for c in range(W.shape[1]):
            Z[:, c] += np.bincount(self.rows, weights=contrib[:, c], minlength=self.n)
        return Z

    def grad(self, R: np.ndarray) -> np.ndarray:
        Gw = np.zeros((self.v, R.shape[1]))
        for c in range(R.shape[1]):
            Gw[:, c] = np.bincount(self.cols, weights=self.vals * R[self.rows, c], minlength=self.v)
        return np.vstack([self.D.T @ R, Gw])


def fit(X: Data, y: np.ndarray, reg: np.ndarray, iters: int = 3000, lr: float = 1.0) -> np.ndarray:
    n = X.n
    k = len(st.LABELS)
    Y = np.eye(k)[y]
    cw = n / (k * np.bincount(y, minlength=k))  # balanced: macro-F1 weighs every class alike
    sw = cw[y][:, None]
    W = np.zeros((len(reg), k))
    for _ in range(iters):
        Z = X.logits(W)
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = X.grad((P - Y) * sw) / n + reg[:, None] * W
        W -= lr * G
    return W - W.mean(axis=1, keepdims=True)


def macro_f1(y: np.ndarray, p: np.ndarray) -> float:
    fs = []
    for c in range(len(st.LABELS)):
        tp = np.sum((y == c) & (p == c))
        P = tp / max(1, np.sum(p == c))
        R = tp / max(1, np.sum(y == c))
        fs.append(2 * P * R / (P + R) if P + R else 0.0)
    return float(np.mean(fs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=1e-3, help="L2 on the dense features")
    ap.add_argument("--l2-words", type=float, default=1e-5, help="L2 on the context-word weights")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args()
    train = load("newsmtsc_train")
    ms = feats(train)
    counts = Counter(w for m in ms for w in {w for w, _ in m.context})
    vocab = {w: j for j, w in enumerate(sorted(w for w, c in counts.items() if c >= a.min_count))}
    Xtr = Data(ms, vocab)
    ytr = np.array([st.LABELS.index(r["label"]) for r in train])
    reg = np.r_[0.0, np.full(len(st.FEATURES) - 1, a.l2), np.full(len(vocab), a.l2_words)]
    W = fit(Xtr, ytr, reg)
    print("vocabulary", len(vocab), "train macro-F1", round(macro_f1(ytr, Xtr.logits(W).argmax(1)), 3))
    for name in ("newsmtsc_rw_dev", "newsmtsc_mt_dev", "persent_dev"):
        if (EVAL / f"stance_{name}.jsonl").exists():
            recs = load(name)
            X = Data(feats(recs), vocab)
            y = np.array([st.LABELS.index(r["label"]) for r in recs])
            print(name, "macro-F1", round(macro_f1(y, X.logits(W).argmax(1)), 3))
    for j, f in enumerate(st.FEATURES):
        print(f"{f:14s}", " ".join(f"{W[j, c]:+.3f}" for c in range(len(st.LABELS))))
    if a.dry_run:
        return
    lines = ["# Stance weights: label<TAB>feature<TAB>weight (multinomial logistic regression).",
             "# Generated by tools/train_stance.py from NewsMTSC train (../shared/eval); do not edit by hand.",
             f"# l2={a.l2} l2_words={a.l2_words} min_count={a.min_count}"]
    for c, lab in enumerate(st.LABELS):
        for j, f in enumerate(st.FEATURES):
            lines.append(f"{lab}\t{f}\t{W[j, c]:.4f}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = ["# Context words near a target mention and their learned weights toward",
             "# against / neutral / favor (word<TAB>against<TAB>neutral<TAB>favor).",
             "# Generated by tools/train_stance.py from NewsMTSC train word counts; do not edit by hand."]
    off = len(st.FEATURES)
    for w, j in vocab.items():
        row = W[off + j]
        if np.abs(row).max() >= 0.02:  # words the model barely uses are left out
            words.append(f"{w}\t" + "\t".join(f"{v:.3f}" for v in row))
    OUT_WORDS.write_text("\n".join(words) + "\n", encoding="utf-8")
    print("wrote", OUT, "and", OUT_WORDS, len(words) - 3, "words")


if __name__ == "__main__":
    main()
