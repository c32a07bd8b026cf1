"""Where the time of sentences + quotes goes, against the issue-3 budget (half of spaCy's time).

The acceptance bar asks ``newslab.sentences`` + ``newslab.quotes`` on the 840 PolNeAR train articles
to run in half the time of spaCy ``blank("en")`` + sentencizer on the same texts. This script times
the parts of the pipeline one by one, in CPU seconds (best of ``--repeat``), so that the budget can
be compared with what each part costs:

- the C-level scans every attribution rule needs before any rule runs: newslab.sentences (the bar
  includes it), quotes' sentence spans, the reporting-verb scan, the quotation-mark pairing and one
  regex tokenisation of the text;
- the parts whose Python work is per statement or per name, not per token: the attribution rules,
  the speaker resolver's name index, its pronoun walk, and building the table.

Run from the repository root (it reads private functions of newslab.quotes and newslab.speakers;
it is a profiling tool, not an API)::

    .venv/bin/python benchmarks/quotes_breakdown.py [--repeat N]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import polnear_articles, require_eval, spacy_baseline, spacy_sentencizer


def cpu(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import newslab
    from newslab import quote_article, quote_cues, quote_marks, quote_phrases, quote_sieves
    from newslab.sentences import sentence_spans

    # the quote step is several modules since the split (issue 11): one view of the pieces timed here
    q_mod = SimpleNamespace(_Article=quote_article._Article, _find_statements=quote_sieves._find_statements,
                            _rows_in=sys.modules["newslab.quotes"]._rows_in, sentence_spans=sentence_spans,
                            _cues=quote_cues._cues, _pair_marks=quote_marks._pair_marks, _TOKEN=quote_phrases._TOKEN)
    s_mod = sys.modules["newslab.speakers"]
    articles = polnear_articles(require_eval())
    texts = articles["text"].tolist()
    newslab.quotes(articles.iloc[:2])  # lexicons and patterns loaded outside the timing
    lex = s_mod._lex()
    r = args.repeat

    def per_article() -> dict[str, float]:
        # Each part timed on the same article right after the one it is subtracted from, so that
        # a busy machine disturbs both alike.
        pc = time.process_time
        acc = dict.fromkeys(("q_article", "find", "s_tokenise", "s_article", "resolve", "rows"), 0.0)
        for x in texts:
            t0 = pc(); q_mod._Article(x)
            t1 = pc(); _, stmts = q_mod._find_statements(x)
            t2 = pc(); s_mod._tokenise(x, lex)
            t3 = pc(); s_mod._Article(x)
            t4 = pc(); s_mod.resolve_speakers(x, sorted({st.sp for st in stmts if st.sp}))
            t5 = pc(); q_mod._rows_in(x)
            t6 = pc()
            for k, v in zip(acc, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
                acc[k] += v
        return acc

    t: dict[str, float] = {}
    nlp = spacy_sentencizer()
    spacy = cpu(lambda: spacy_baseline(texts, nlp), r) if nlp is not None else None
    t["whole"] = cpu(lambda: (newslab.sentences(articles), newslab.quotes(articles)), r)
    t["sentences"] = cpu(lambda: newslab.sentences(articles), r)
    t["spans"] = cpu(lambda: [q_mod.sentence_spans(x) for x in texts], r)
    t["cues"] = cpu(lambda: [q_mod._cues(x) for x in texts], r)
    t["marks"] = cpu(lambda: [q_mod._pair_marks(x) for x in texts], r)
    t["split"] = cpu(lambda: [q_mod._TOKEN.split(x) for x in texts], r)
    runs = [per_article() for _ in range(r)]
    for k in runs[0]:
        t[k] = min(run[k] for run in runs)
    t["quotes"] = cpu(lambda: newslab.quotes(articles), r)

    scans = t["sentences"] + t["spans"] + t["cues"] + t["marks"] + t["split"]
    rules = max(0.0, t["find"] - t["q_article"])
    index = max(0.0, t["s_article"] - t["s_tokenise"])
    walk = max(0.0, t["resolve"] - t["s_article"])
    # rows: statements + resolution + the row tuples; quotes: the rows + the DataFrame
    table = max(0.0, t["rows"] - t["find"] - t["resolve"]) + max(0.0, t["quotes"] - t["rows"])
    sparse = rules + index + walk + table

    print(f"{len(texts)} articles; CPU seconds, best of {r}")
    if spacy is not None:
        print(f"  spaCy blank('en') + sentencizer          {spacy:6.2f}")
        print(f"  budget for the 2x bar (half of it)       {spacy / 2:6.2f}")
    print(f"  newslab.sentences + quotes, today        {t['whole']:6.2f}")
    print("C-level scans, per character or token:")
    for key, label in (("sentences", "newslab.sentences"), ("spans", "quotes' sentence spans"),
                       ("cues", "reporting-verb scan"), ("marks", "quotation-mark pairing"),
                       ("split", "one regex tokenisation")):
        print(f"  {label:40s} {t[key]:6.2f}")
    print(f"  {'sum':40s} {scans:6.2f}")
    print("Python work per statement or per name (no tokenising counted):")
    print(f"  {'attribution rules':40s} {rules:6.2f}")
    print(f"  {'speaker name index':40s} {index:6.2f}")
    print(f"  {'pronoun walk and resolution':40s} {walk:6.2f}")
    print(f"  {'building the rows and the table':40s} {table:6.2f}")
    print(f"  {'sum':40s} {sparse:6.2f}")
    if os.environ.get("BREAKDOWN_RAW"):
        print("raw:", ", ".join(f"{k} {v:.2f}" for k, v in t.items()))
    print(f"Lower bound of this design with no per-token Python at all: {scans + sparse:.2f} s"
          + (f" against a budget of {spacy / 2:.2f} s" if spacy is not None else ""))


if __name__ == "__main__":
    main()
