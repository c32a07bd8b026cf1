"""Where the CPU time of ``newslab.stance`` goes, per target mention, part by part.

On the sentences of PolNeAR train articles with the CLI's default country targets (the corpus of
``bench_stance.py``), each part of ``stance(sentences, targets=...)`` is timed on its own, in CPU
milliseconds per mention (best of ``--repeat``), in the order the step runs them:

- ``text column to Python``: the sentences' text column as Python strings;
- ``mention scan``: one alternation of every alias over all texts joined (``_mentions_by_row``);
- ``analyse``: one token pass over each text that mentions a target (``stance_roles.analyse``);
- ``references``: "they", "its", "the alliance" pointing back to a target;
- ``features``: each mention's roles, tone window, context words and sentence sums;
- ``decide``: the model's probabilities and the evidence string;
- ``whole step``: ``stance()`` itself; what the parts above do not cover is the table's assembly.

Run from the repository root (it calls private functions of newslab.stance; a profiling tool, not
an API)::

    .venv/bin/python benchmarks/stance_breakdown.py [--limit 200] [--repeat 5]

Exits 0 with a message when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import best_of, polnear_articles, require_eval


def best(fn: Callable[[], Any], repeat: int) -> float:
    """Least CPU seconds of ``repeat`` calls of ``fn`` (``common.best_of``'s CPU figure)."""
    cpu: dict[str, float] = {}
    best_of(fn, repeat, cpu, "part")
    return cpu["part"]


def stance_parts(limit: int) -> tuple[dict[str, int], list[tuple[str, Callable[[], Any]]]]:
    """Sizes (sentences, rows with a target, mentions, named mentions) and each part of the stance
    step as a call, in the order the step runs them, on the first ``limit`` PolNeAR articles (also
    read by ``stance_instructions.py``)."""
    from newslab.cli import default_targets
    from newslab.sentences import sentences

    st = importlib.import_module("newslab.stance")
    articles = polnear_articles(require_eval()).iloc[:limit].reset_index(drop=True)
    sents = sentences(articles)
    targets = default_targets(articles)
    n = len(st.stance(sents, targets=targets))  # also warms the lexicons and the word cache
    texts = sents["text"].tolist()
    compiled = st._Compiled(targets)
    by_row = st._mentions_by_row(texts, compiled)
    docs = {k: st.analyse(texts[k]) for k in by_row}
    mentions = [(docs[k], s, e) for k in sorted(by_row) for _, s, e in by_row[k]]
    found = [st.features(*m) for m in mentions]
    parts = [
        ("text column to Python", lambda: sents["text"].tolist()),
        ("mention scan", lambda: st._mentions_by_row(texts, compiled)),
        ("analyse", lambda: [st.analyse(texts[k]) for k in by_row]),
        ("references", lambda: [st.references(docs[k], by_row[k]) for k in by_row]),
        ("features", lambda: [st.features(*m) for m in mentions]),
        ("decide", lambda: [st._decide(f) for f in found]),
        ("whole step", lambda: st.stance(sents, targets=targets)),
    ]
    return {"sentences": len(sents), "rows": len(by_row), "mentions": n, "named": len(mentions)}, parts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="PolNeAR articles (default 200)")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    size, parts = stance_parts(a.limit)
    n = size["mentions"]
    print(f"{size['sentences']:,} sentences, {size['rows']:,} with a target, {n:,} mentions "
          f"({size['named']:,} named)\n")
    print(f"{'part':<24}{'ms/mention':>12}")
    total = 0.0
    for name, fn in parts:
        ms = 1000 * best(fn, a.repeat) / max(1, n)
        if name == "whole step":
            print(f"{'(sum of the parts)':<24}{total:>12.4f}")
        else:
            total += ms
        print(f"{name:<24}{ms:>12.4f}")


if __name__ == "__main__":
    main()
