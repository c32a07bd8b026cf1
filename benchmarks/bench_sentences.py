"""Loading and sentence splitting speed on the 840 PolNeAR train articles, in words per second.

Compares, on the same texts: newslab.sentences, NLTK Punkt with newslab's parameters, NLTK's
untrained Punkt (``PunktSentenceTokenizer()``), spaCy ``blank("en")`` + ``sentencizer`` and pySBD
(``Segmenter(language="en", clean=False)``, timed once: it is slow). newslab must stay at least 10x
faster than pySBD here (issue 15).
Run from the repository root::

    .venv/bin/python benchmarks/bench_sentences.py [--repeat N]

Exits 0 with a message when ../shared/eval is absent; spaCy and pySBD are optional
(``pip install -e .[bench]``).
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


def pysbd_row(texts: list[str], words: int, cpu: dict[str, float], skip: bool = False
              ) -> tuple[str, float | None, int, int | None]:
    """pySBD timed once over ``texts`` (it is slow), or a skipped row when asked or not installed."""
    name = "pySBD (en, clean=False)"
    if skip:
        return (name, None, words, None)
    try:
        import pysbd  # lazily: a benchmark extra only
    except ImportError:
        print("pySBD is not installed: `pip install -e .[bench]` adds it; skipping the pySBD row")
        return (name, None, words, None)
    seg = pysbd.Segmenter(language="en", clean=False)
    secs, n = best_of(lambda: sum(len(seg.segment(t)) for t in texts), 1, cpu, name)
    return (name, secs, words, n)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best is reported")
    ap.add_argument("--no-pysbd", action="store_true", help="skip pySBD (about two minutes)")
    args = ap.parse_args(argv)

    path = require_eval()
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    import newslab
    from newslab.sentences import punkt_tokenizer, sentences

    articles = polnear_articles(path)
    texts = articles["text"].tolist()
    words = count_words(texts)
    print(f"{len(texts)} articles, {words:,} words, {sum(map(len, texts)):,} characters ({path.name})")

    rows: list[tuple[str, float | None, int, int | None]] = []
    cpu: dict[str, float] = {}  # CPU seconds: the less noisy figure when the machine is shared
    secs, n = best_of(lambda: len(sentences(articles)), args.repeat, cpu, "newslab.sentences")
    rows.append(("newslab.sentences", secs, words, n))

    try:
        secs, loaded = best_of(lambda: newslab.load_articles(path), args.repeat)
        rows.append(("newslab.load_articles (jsonl)", secs, words, len(loaded)))
        secs, n = best_of(lambda: len(sentences(newslab.load_articles(path))), args.repeat)
        rows.append(("load_articles + sentences", secs, words, n))
    except (ImportError, AttributeError) as exc:  # articles module not there yet
        print(f"loading not timed: {exc}")

    def punkt(tok: PunktSentenceTokenizer) -> int:
        return sum(len(list(tok.span_tokenize(t))) for t in texts)

    trained = punkt_tokenizer()
    secs, n = best_of(lambda: punkt(trained), args.repeat, cpu, "NLTK Punkt + newslab parameters")
    rows.append(("NLTK Punkt + newslab parameters", secs, words, n))
    untrained = PunktSentenceTokenizer()
    secs, n = best_of(lambda: punkt(untrained), args.repeat, cpu, "NLTK Punkt, untrained")
    rows.append(("NLTK Punkt, untrained", secs, words, n))

    nlp = spacy_sentencizer()
    if nlp is None:
        rows.append(("spaCy blank('en') + sentencizer", None, words, None))
    else:
        secs, n = best_of(lambda: spacy_baseline(texts, nlp), args.repeat)
        rows.append(("spaCy blank('en') + sentencizer", secs, words, n))

    rows.append(pysbd_row(texts, words, cpu, skip=args.no_pysbd))

    report(rows, title=f"best of {args.repeat} runs, wall clock (machine shared: compare rows, not runs)")
    print("CPU seconds: " + ", ".join(f"{k} {v:.3f}" for k, v in cpu.items()))
    if "pySBD (en, clean=False)" in cpu:
        ratio = cpu["pySBD (en, clean=False)"] / cpu["newslab.sentences"]
        print(f"newslab.sentences is {ratio:.0f}x faster than pySBD in CPU time (issue 15 asks at least 10x)")


if __name__ == "__main__":
    main()
