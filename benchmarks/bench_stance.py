"""CPU milliseconds per target mention of ``newslab.stance``, this checkout beside another revision.

On the sentences of PolNeAR train articles (``newslab.sentences``), with the country targets the
CLI would pick (``newslab.cli.default_targets``), times ``stance(sentences, targets=...)`` and
divides its CPU time (``time.process_time``, best of ``--repeat``) by the mentions found. With
``--against REV`` (default ``main``) the same measurement runs in a temporary git worktree of
``REV`` in a subprocess, in turns with this checkout's (one run of each, ``--repeat`` times, best
kept), so "before" and "after" come from the same minutes on the same machine.
Also times one long sentence packed with targets (the issue-16 case: linear, no whole-text copy per
row) and reports the characters the stance rows carry. Run from the repository root::

    .venv/bin/python benchmarks/bench_stance.py [--limit 200] [--repeat 3] [--against main]

Exits 0 with a message when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import in_turns, polnear_articles, require_eval


def setup(limit: int) -> dict[str, Any]:
    """This interpreter's newslab and the inputs: PolNeAR sentences, default targets, one long sentence."""
    import pandas as pd

    from newslab.cli import default_targets
    from newslab.sentences import sentences
    from newslab.stance import stance

    articles = polnear_articles(require_eval()).iloc[:limit].reset_index(drop=True)
    sents = sentences(articles)
    targets = default_targets(articles)
    stance(sents.iloc[:50], targets=targets)  # warm the lexicons
    long = pd.DataFrame({"text": ["Russia praised the deal and " * 5000]})
    return {"stance": stance, "sents": sents, "targets": targets, "long": long}


def time_once(ctx: dict[str, Any]) -> dict[str, float]:
    """One timed run: CPU seconds of stance on the sentences and on the long sentence, and what they gave."""
    stance = ctx["stance"]
    c0 = time.process_time()
    out = stance(ctx["sents"], targets=ctx["targets"])
    real = time.process_time() - c0
    c0 = time.process_time()
    lo = stance(ctx["long"], targets={"Russia": ["Russia"]})
    long_s = time.process_time() - c0
    return {"mentions": len(out), "seconds": real, "sentences": len(ctx["sents"]), "long_mentions": len(lo),
            "long_seconds": long_s, "long_text_chars": len(ctx["long"]["text"].iloc[0]),
            "long_chars_carried": int(lo["text"].str.len().sum())}


def summarise(runs: list[dict[str, float]]) -> dict[str, float]:
    """The best (least CPU) of several runs, per mention."""
    best = dict(runs[0])
    best["ms_per_mention"] = 1000 * min(r["seconds"] for r in runs) / max(1, best["mentions"])
    best["long_ms_per_mention"] = 1000 * min(r["long_seconds"] for r in runs) / max(1, best["long_mentions"])
    return best


def measure(limit: int, repeat: int) -> dict[str, float]:
    """This interpreter's newslab: CPU ms per mention on real sentences, and on one long sentence."""
    ctx = setup(limit)
    return summarise([time_once(ctx) for _ in range(max(1, repeat))])


def side_by_side(rev: str, limit: int, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """(``rev``, this checkout), timed in turns (``common.in_turns``): a change of the machine's load
    during the benchmark touches both alike."""
    theirs, ours = in_turns("bench_stance", rev, (limit,), repeat)
    return summarise(theirs), summarise(ours)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="PolNeAR articles (default 200)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", default="main", help="git revision for the 'before' figure ('' to skip)")
    a = ap.parse_args(argv)
    require_eval()
    if a.against:
        before, after = side_by_side(a.against, a.limit, a.repeat)
        rows = [(a.against, before), ("this checkout", after)]
    else:
        rows = [("this checkout", measure(a.limit, a.repeat))]
    print(f"{'revision':<16}{'mentions':>9}{'ms/mention':>12}{'long: mentions':>16}{'ms/mention':>12}"
          f"{'chars carried':>15}")
    for name, r in rows:
        print(f"{name:<16}{r['mentions']:>9}{r['ms_per_mention']:>12.3f}{r['long_mentions']:>16}"
              f"{r['long_ms_per_mention']:>12.3f}{r['long_chars_carried']:>15,}")
    if len(rows) == 2:
        print(f"\nper mention, real sentences: {rows[0][1]['ms_per_mention'] / rows[1][1]['ms_per_mention']:.1f}x "
              f"cheaper; long sentence of {rows[1][1]['long_text_chars']:,} characters: "
              f"{rows[0][1]['long_ms_per_mention'] / rows[1][1]['long_ms_per_mention']:.1f}x")


if __name__ == "__main__":
    main()
