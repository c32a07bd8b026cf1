"""Sentences + quotes speed on the 840 PolNeAR train articles, beside spaCy blank("en") + sentencizer.

The acceptance bar (issue 3): ``newslab.sentences`` followed by ``newslab.quotes`` on the same texts
at least 2x faster than spaCy's blank tokenizer + sentencizer alone, in the same run. Run from the
repository root::

    .venv/bin/python benchmarks/bench_quotes.py [--repeat N]
    .venv/bin/python benchmarks/bench_quotes.py --against main [--repeat N] [--sentences]

With ``--against REV`` it times instead what the pipeline runs (issue 16): CPU milliseconds per
article of ``quotes(articles, convention="attributions")``, speakers resolved, on the Wikinews
sample (``../shared/corpus/wikinews``; PolNeAR train when it is absent), this checkout beside
``REV`` in turns (``common.in_turns``), best of ``--repeat`` each. ``--sentences`` hands each
revision's ``quotes`` the articles' sentences table (``sentences=``, split outside the timing, as the
pipeline has it from its sentences step) where it takes the parameter.

Exits 0 with a message when ../shared/eval is absent; spaCy is optional (``pip install -e .[bench]``).
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import (
    WIKINEWS_GLOB,
    best_of,
    count_words,
    in_turns,
    polnear_articles,
    report,
    require_eval,
    spacy_baseline,
    spacy_sentencizer,
)

_CPU: dict[str, float] = {}  # best CPU seconds (time.process_time) per method, beside the wall clock


def setup(handed: bool = False) -> dict[str, Any]:
    """This interpreter's ``newslab.quotes`` and the articles it is timed on, lexicons loaded; with
    ``handed``, the keyword arguments that hand it the articles' sentences table (split outside the
    timing, as ``newslab analyze`` has split them for its sentences table) where it takes one."""
    import inspect

    import newslab

    paths = sorted(glob.glob(WIKINEWS_GLOB))
    articles = newslab.load_articles(paths) if paths else polnear_articles(require_eval())
    newslab.quotes(articles.iloc[:2], convention="attributions")  # lexicons and patterns outside the timing
    takes = "sentences" in inspect.signature(newslab.quotes).parameters
    kwargs = {"sentences": newslab.sentences(articles)} if handed and takes else {}
    return {"quotes": newslab.quotes, "articles": articles, "corpus": "wikinews" if paths else "polnear_train",
            "kwargs": kwargs}


def time_once(ctx: dict[str, Any]) -> dict[str, Any]:
    """One timed run: CPU seconds of the attributions convention over every article, and its rows."""
    c0 = time.process_time()
    rows = len(ctx["quotes"](ctx["articles"], convention="attributions", **ctx["kwargs"]))
    return {"seconds": time.process_time() - c0, "rows": rows, "articles": len(ctx["articles"]),
            "corpus": ctx["corpus"], "handed": bool(ctx["kwargs"])}


def against(rev: str, repeat: int, handed: bool = False) -> None:
    """Print CPU ms per article of ``rev`` and of this checkout, timed in turns."""
    theirs, ours = in_turns("bench_quotes", rev, (handed,), repeat)
    print(f"quotes(convention='attributions') on {ours[0]['articles']} {ours[0]['corpus']} articles, "
          f"CPU, best of {repeat} runs in turns"
          + (f"; sentences table handed over: {rev} {theirs[0]['handed']}, this checkout {ours[0]['handed']}"
             if handed else ""))
    best = {}
    for name, runs in ((rev, theirs), ("this checkout", ours)):
        best[name] = 1000 * min(r["seconds"] for r in runs) / ours[0]["articles"]
        print(f"{name:<16}{best[name]:>8.2f} ms/article{runs[0]['rows']:>8} rows")
    print(f"{best[rev] / best['this checkout']:.2f}x the throughput of {rev}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best is reported")
    ap.add_argument("--against", default="", help="git revision: time the pipeline's quotes step beside it")
    ap.add_argument("--sentences", action="store_true",
                    help="with --against: hand quotes() the sentences table where it takes one (sentences=)")
    args = ap.parse_args(argv)
    if args.against:
        against(args.against, args.repeat, args.sentences)
        return

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
