"""Cost of ``newslab.sentiment`` beside calling TextBlob and VADER directly, per sentence.

On the sentences of the 840 PolNeAR train articles (split with ``newslab.sentences``), times:

- ``TextBlob(t).sentiment`` + ``polarity_scores(t)`` of one ``SentimentIntensityAnalyzer`` built
  once: what a user writes by hand (the acceptance baseline: newslab may cost at most 15% more);
- the same two lexicons through their cheapest entry points (``textblob.en.sentiment(t)``, the
  function behind ``TextBlob.sentiment``, and the same VADER analyzer): the floor for two lexicons;
- ``newslab.sentiment`` on a DataFrame of the same sentences, which also normalises the text,
  runs VADER a second time over its news lexicon and builds the output table.

Analyzers are built and lexicons loaded before timing for every method. Run from the repository
root::

    .venv/bin/python benchmarks/bench_sentiment.py [--repeat N] [--limit N]
    .venv/bin/python benchmarks/bench_sentiment.py --against main [--repeat N]

With ``--against REV`` it times instead what the pipeline runs (issue 16): CPU seconds of
``sentiment`` of the sentences and of the quotes of the Wikinews sample (``../shared/corpus/wikinews``;
PolNeAR train when it is absent), each run with new analyzers (their per-word memos empty, as for a
batch of new text), this checkout beside ``REV`` in turns (``common.in_turns``), best of ``--repeat``.

Exits 0 with a message when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import WIKINEWS_GLOB, best_of, count_words, in_turns, polnear_articles, report, require_eval


def setup() -> dict[str, Any]:
    """This interpreter's ``newslab.sentiment`` and the sentence and quote tables it is timed on."""
    import importlib

    import newslab

    mod = importlib.import_module("newslab.sentiment")

    paths = sorted(glob.glob(WIKINEWS_GLOB))
    articles = newslab.load_articles(paths) if paths else polnear_articles(require_eval())
    tables = [newslab.sentences(articles), newslab.quotes(articles)]
    mod.sentiment(tables[0].iloc[:2])  # imports and lexicons outside the timing
    return {"mod": mod, "tables": tables, "articles": len(articles), "corpus": "wikinews" if paths else "polnear_train"}


def time_once(ctx: dict[str, Any]) -> dict[str, Any]:
    """One timed run over both tables with new analyzers (built before the clock starts)."""
    mod = ctx["mod"]
    mod._analyzers.cache_clear()
    mod._analyzers()
    c0 = time.process_time()
    outs = [mod.sentiment(t) for t in ctx["tables"]]
    secs = time.process_time() - c0
    digest = float(sum(o["sentiment"].sum() + o["vader"].sum() + o["polarity"].sum() for o in outs))
    return {"seconds": secs, "rows": [len(t) for t in ctx["tables"]], "articles": ctx["articles"],
            "corpus": ctx["corpus"], "checksum": round(digest, 9)}


def against(rev: str, repeat: int) -> None:
    """Print CPU seconds of ``rev`` and of this checkout, timed in turns."""
    theirs, ours = in_turns("bench_sentiment", rev, (), repeat)
    rows = ours[0]["rows"]
    print(f"sentiment of {rows[0]} sentences + {rows[1]} quotes of {ours[0]['articles']} {ours[0]['corpus']} "
          f"articles, CPU, best of {repeat} runs in turns")
    best = {}
    for name, runs in ((rev, theirs), ("this checkout", ours)):
        best[name] = min(r["seconds"] for r in runs)
        print(f"{name:<16}{best[name]:>8.3f} s   checksum {runs[0]['checksum']}")
    print(f"{best[rev] / best['this checkout']:.2f}x the throughput of {rev}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best is reported")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences (0: all)")
    ap.add_argument("--against", default="", help="git revision: time the pipeline's sentiment step beside it")
    args = ap.parse_args(argv)
    if args.against:
        against(args.against, args.repeat)
        return

    path = require_eval()
    import pandas as pd
    from textblob import TextBlob
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newslab.sentences import sentences
    from newslab.sentiment import sentiment

    sents = sentences(polnear_articles(path))
    texts = sents["text"].tolist()
    if args.limit:
        texts = texts[: args.limit]
    frame = pd.DataFrame({"text": texts})
    words = count_words(texts)
    print(f"{len(texts):,} sentences, {words:,} words, {len(set(texts)):,} distinct ({path.name})")

    vader = SentimentIntensityAnalyzer()
    _ = TextBlob("warm up").sentiment  # loads the pattern lexicon outside the timings
    sentiment(frame.iloc[:2])  # builds newslab's analyzers outside the timings

    def naive() -> int:
        return sum(TextBlob(t).sentiment is not None and bool(vader.polarity_scores(t)) for t in texts)

    def direct() -> int:
        for t in texts:
            pattern_sentiment(t)
            vader.polarity_scores(t)
        return len(texts)

    rows: list[tuple[str, float | None, int, int | None]] = []
    naive_s, n = best_of(naive, args.repeat)
    rows.append(("TextBlob(t).sentiment + VADER", naive_s, words, n))
    direct_s, n = best_of(direct, args.repeat)
    rows.append(("pattern sentiment(t) + VADER", direct_s, words, n))
    ours_s, out = best_of(lambda: sentiment(frame), args.repeat)
    rows.append(("newslab.sentiment (DataFrame)", ours_s, words, len(out)))

    report(rows, title=f"best of {args.repeat} runs, wall clock (machine shared: compare rows, not runs)")
    print(f"newslab.sentiment overhead vs TextBlob(t).sentiment + VADER: {100 * (ours_s / naive_s - 1):+.1f}% "
          f"(acceptance: at most +15%)")
    print(f"newslab.sentiment overhead vs the cheapest direct calls:      {100 * (ours_s / direct_s - 1):+.1f}%")


if __name__ == "__main__":
    main()
