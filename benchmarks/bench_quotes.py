"""Sentences + quotes speed on the 840 PolNeAR train articles, beside spaCy blank("en") + sentencizer.

The acceptance bar (issue 3): ``newslab.sentences`` followed by ``newslab.quotes`` on the same texts
at least 2x faster than spaCy's blank tokenizer + sentencizer alone, in the same run. Run from the
repository root::

    .venv/bin/python benchmarks/bench_quotes.py [--repeat N]

Exits 0 with a message when ../shared/eval is absent; spaCy is optional (``pip install -e .[bench]``).
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import (
    best_of,
    count_words,
    polnear_articles,
    report,
    require_eval,
    spacy_baseline,
    spacy_sentencizer,
)

_CPU: dict[str, float] = {}  # best CPU seconds (time.process_time) per method, beside the wall clock


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best is reported")
    args = ap.parse_args(argv)

    path = require_eval()
    from newslab.quotes import quotes
    from newslab.sentences import sentences

    articles = polnear_articles(path)
    texts = articles["text"].tolist()
    words = count_words(texts)
    print(f"{len(texts)} articles, {words:,} words, {sum(map(len, texts)):,} characters ({path.name})")
    quotes(articles.iloc[:2])  # load the lexicons and compile the patterns outside the timing

    def both() -> int:
        sentences(articles)
        return len(quotes(articles))

    rows: list[tuple[str, float | None, int, int | None]] = []
    secs_both, n = best_of(both, args.repeat, _CPU, "newslab.sentences + quotes")
    rows.append(("newslab.sentences + quotes", secs_both, words, n))
    secs, n = best_of(lambda: len(quotes(articles)), args.repeat, _CPU, "newslab.quotes alone")
    rows.append(("newslab.quotes alone", secs, words, n))
    secs, n = best_of(lambda: (sentences(articles, n_jobs=2), len(quotes(articles, n_jobs=2)))[1], args.repeat,
                      _CPU, "sentences + quotes, n_jobs=2")
    rows.append(("sentences + quotes, n_jobs=2", secs, words, n))
    secs, n = best_of(lambda: len(sentences(articles)), args.repeat, _CPU, "newslab.sentences alone")
    rows.append(("newslab.sentences alone", secs, words, n))

    nlp = spacy_sentencizer()
    secs_spacy = None
    if nlp is None:
        rows.append(("spaCy blank('en') + sentencizer", None, words, None))
    else:
        secs_spacy, n = best_of(lambda: spacy_baseline(texts, nlp), args.repeat, _CPU, "spaCy blank('en') + sentencizer")
        rows.append(("spaCy blank('en') + sentencizer", secs_spacy, words, n))

    report(rows, title=f"best of {args.repeat} runs, wall clock (machine shared: compare rows, not runs)")
    print("CPU seconds (best of the same runs): " + ", ".join(f"{k} {v:.2f}" for k, v in _CPU.items()))
    if secs_spacy:
        ratio = secs_spacy / secs_both
        verdict = "meets" if ratio >= 2 else "MISSES"
        print(f"sentences + quotes is {ratio:.1f}x spaCy blank+sentencizer ({verdict} the 2x bar)")


if __name__ == "__main__":
    main()
