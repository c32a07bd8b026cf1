#!/usr/bin/env python3
"""Fit newslab's stance weights on NewsMTSC train; write stance_weights.txt and stance_words.txt.

    .venv/bin/python tools/train_stance.py            # fit, report, write
    .venv/bin/python tools/train_stance.py --dry-run  # fit and report only
    .venv/bin/python tools/train_stance.py --dry-run --cv 5 --l2-words 3e-4  # tune on train

Reads ../shared/eval/stance_newsmtsc_train.jsonl (never copied into the repository), computes
newslab.stance.features() for every (sentence, target) pair, and fits a class-balanced multinomial
logistic regression with L2 (plain numpy, L-BFGS) over the dense features plus the word features of
the mention (``_Mention.word_features``: the context words near it, "not:"-keyed when negated, and
the tokens right next to it, "p1:" / "n1:"; keys seen at least ``--min-count`` times). Prints
macro-F1 on train (``--cv K``: K-fold cross-validated, sentences kept whole, for tuning) and on the
dev sets for checking (dev is never used for fitting). Stored: the 3 x len(FEATURES) weights, and
three weights per word-feature key (no text).
"""
from __future__ import annotations

import argparse
import importlib
import json
import zlib
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
    """Dense features ``D`` (n x len(FEATURES)) and the word features (``_Mention.word_features``:
    context words and adjacent tokens) as a sparse (row, col, value) list, so a fit costs
    O(non-zeros) per step, not O(n x vocabulary)."""

    def __init__(self, ms: list, vocab: dict[str, int]) -> None:
        self.n, self.v = len(ms), len(vocab)
        self.D = np.array([[m.values[f] for f in st.FEATURES] for m in ms], dtype=np.float64)
        rows, cols, vals = [], [], []
        for i, m in enumerate(ms):
            for key, x, _ in m.word_features():
                j = vocab.get(key)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
                    vals.append(x)
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


def _loss_grad(X: Data, y: np.ndarray, sw: np.ndarray, reg: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray]:
    """Class-weighted cross-entropy + L2 and its gradient, at the flat weights ``w``."""
    k = len(st.LABELS)
    W = w.reshape(len(reg), k)
    Z = X.logits(W)
    Z -= Z.max(axis=1, keepdims=True)
    P = np.exp(Z)
    s = P.sum(axis=1, keepdims=True)
    P /= s
    loss = -np.sum(sw * (Z[np.arange(X.n), y] - np.log(s[:, 0]))) / X.n + 0.5 * np.sum(reg[:, None] * W * W)
    G = X.grad((P - np.eye(k)[y]) * sw[:, None]) / X.n + reg[:, None] * W
    return float(loss), G.ravel()


def _direction(g: np.ndarray, S: list, Ys: list) -> np.ndarray:
    """L-BFGS two-loop recursion: the quasi-Newton step from the last pairs of (step, gradient change)."""
    q, alphas = g.copy(), []
    for s_, y_ in zip(reversed(S), reversed(Ys)):
        a = (s_ @ q) / (y_ @ s_)
        alphas.append(a)
        q -= a * y_
    if S:
        q *= (S[-1] @ Ys[-1]) / (Ys[-1] @ Ys[-1])
    for (s_, y_), a in zip(zip(S, Ys), reversed(alphas)):
        q += s_ * (a - (y_ @ q) / (y_ @ s_))
    return -q


def fit(X: Data, y: np.ndarray, reg: np.ndarray, iters: int = 100, memory: int = 10) -> np.ndarray:
    """Class-balanced multinomial logistic regression with L2, by L-BFGS with a backtracking line
    search (plain numpy); ``iters`` bounds the steps (the L2 of the words, tuned by ``--cv``, does
    the rest of the regularising)."""
    k = len(st.LABELS)
    cw = X.n / (k * np.bincount(y, minlength=k))  # balanced: macro-F1 weighs every class alike
    sw = cw[y]
    w = np.zeros(len(reg) * k)
    f, g = _loss_grad(X, y, sw, reg, w)
    S: list = []
    Ys: list = []
    for _ in range(iters):
        d = _direction(g, S, Ys)
        if g @ d >= 0:
            d, S, Ys = -g, [], []
        t = 1.0 if S else 1.0 / max(1.0, float(np.abs(g).sum()))
        while True:
            w2 = w + t * d
            f2, g2 = _loss_grad(X, y, sw, reg, w2)
            if f2 <= f + 1e-4 * t * (g @ d) or t < 1e-10:
                break
            t *= 0.5
        s_, y_ = w2 - w, g2 - g
        if s_ @ y_ > 1e-10:
            S, Ys = (S + [s_])[-memory:], (Ys + [y_])[-memory:]
        done = abs(f - f2) < 1e-7 * max(1.0, abs(f))
        w, f, g = w2, f2, g2
        if done:
            break
    W = w.reshape(len(reg), k)
    return W - W.mean(axis=1, keepdims=True)


def macro_f1(y: np.ndarray, p: np.ndarray) -> float:
    fs = []
    for c in range(len(st.LABELS)):
        tp = np.sum((y == c) & (p == c))
        P = tp / max(1, np.sum(p == c))
        R = tp / max(1, np.sum(y == c))
        fs.append(2 * P * R / (P + R) if P + R else 0.0)
    return float(np.mean(fs))


def vocabulary(ms: list, min_count: int) -> dict[str, int]:
    """Word-feature keys seen in at least ``min_count`` examples -> column."""
    counts = Counter(k for m in ms for k in {k for k, _, _ in m.word_features()})
    return {w: j for j, w in enumerate(sorted(w for w, c in counts.items() if c >= min_count))}


def train(ms: list, y: np.ndarray, a: argparse.Namespace) -> tuple[np.ndarray, dict[str, int]]:
    vocab = vocabulary(ms, a.min_count)
    reg = np.r_[0.0, np.full(len(st.FEATURES) - 1, a.l2), np.full(len(vocab), a.l2_words)]
    return fit(Data(ms, vocab), y, reg, a.iters), vocab


def cross_validate(ms: list, y: np.ndarray, texts: list[str], a: argparse.Namespace) -> list[float]:
    """Macro-F1 of each of ``a.cv`` folds of train; the rows of one sentence (several targets) stay
    in one fold, so no fold is scored on a sentence it was fitted on."""
    fold = np.array([zlib.crc32(t.encode("utf-8")) % a.cv for t in texts])
    out = []
    for f in range(a.cv):
        fit_rows, test_rows = np.where(fold != f)[0], np.where(fold == f)[0]
        W, vocab = train([ms[i] for i in fit_rows], y[fit_rows], a)
        out.append(macro_f1(y[test_rows], Data([ms[i] for i in test_rows], vocab).logits(W).argmax(1)))
    return out


def write_tables(W: np.ndarray, vocab: dict[str, int], a: argparse.Namespace, out: Path, out_words: Path) -> None:
    """The weights as the package reads them (``newslab.stance._weights`` / ``_word_weights``)."""
    lines = ["# Stance weights: label<TAB>feature<TAB>weight (multinomial logistic regression).",
             "# Generated by tools/train_stance.py from NewsMTSC train (../shared/eval); do not edit by hand.",
             f"# l2={a.l2} l2_words={a.l2_words} min_count={a.min_count} iters={a.iters} (L-BFGS)"]
    for c, lab in enumerate(st.LABELS):
        for j, f in enumerate(st.FEATURES):
            lines.append(f"{lab}\t{f}\t{W[j, c]:.4f}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = ["# Word features of a target mention and their learned weights toward against / neutral / favor",
             "# (key<TAB>against<TAB>neutral<TAB>favor). Keys: a context word near the mention; not:word, one",
             "# in a negator's scope; p1:/p2:/n1:/n2:token, the token 1 or 2 before / after the mention.",
             "# Generated by tools/train_stance.py from NewsMTSC train word counts; do not edit by hand."]
    off = len(st.FEATURES)
    for w, j in vocab.items():
        row = W[off + j]
        # words the model barely uses are left out, and "#" (which starts a comment in a data file)
        if np.abs(row).max() >= 0.02 and "#" not in w:
            words.append(f"{w}\t" + "\t".join(f"{v:.3f}" for v in row))
    out_words.write_text("\n".join(words) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=3e-4, help="L2 on the dense features")
    ap.add_argument("--l2-words", type=float, default=3e-4, help="L2 on the word-feature weights")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--iters", type=int, default=100, help="L-BFGS steps at most")
    ap.add_argument("--cv", type=int, default=0, help="also report K-fold cross-validated macro-F1 on train")
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args()
    recs = load("newsmtsc_train")
    ms = feats(recs)
    ytr = np.array([st.LABELS.index(r["label"]) for r in recs])
    if a.cv:
        scores = cross_validate(ms, ytr, [r["text"] for r in recs], a)
        print(f"train {a.cv}-fold CV macro-F1 {np.mean(scores):.4f}", " ".join(f"{x:.3f}" for x in scores))
    W, vocab = train(ms, ytr, a)
    print("vocabulary", len(vocab), "train macro-F1", round(macro_f1(ytr, Data(ms, vocab).logits(W).argmax(1)), 3))
    for name in ("newsmtsc_rw_dev", "newsmtsc_mt_dev", "persent_dev"):
        if (EVAL / f"stance_{name}.jsonl").exists():
            dev = load(name)
            X = Data(feats(dev), vocab)
            y = np.array([st.LABELS.index(r["label"]) for r in dev])
            print(name, "macro-F1", round(macro_f1(y, X.logits(W).argmax(1)), 3))
    for j, f in enumerate(st.FEATURES):
        print(f"{f:14s}", " ".join(f"{W[j, c]:+.3f}" for c in range(len(st.LABELS))))
    if a.dry_run:
        return
    write_tables(W, vocab, a, OUT, OUT_WORDS)
    print("wrote", OUT, "and", OUT_WORDS)


if __name__ == "__main__":
    main()
