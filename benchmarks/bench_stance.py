"""CPU milliseconds per target mention of ``newslab.stance``, this checkout beside another revision.

On the sentences of PolNeAR train articles (``newslab.sentences``), with the country targets the
CLI would pick (``newslab.cli.default_targets``), times ``stance(sentences, targets=...)`` and
divides its CPU time (``time.process_time``, best of ``--repeat``) by the mentions found. With
``--against REV`` (default ``main``) the same measurement runs in a temporary git worktree of
``REV`` in a subprocess, so "before" and "after" come from the same run on the same machine.
Also times one long sentence packed with targets (the issue-16 case: linear, no whole-text copy per
row) and reports the characters the stance rows carry. Run from the repository root::

    .venv/bin/python benchmarks/bench_stance.py [--limit 200] [--repeat 3] [--against main]

Exits 0 with a message when ../shared/eval is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import polnear_articles, require_eval

ROOT = Path(__file__).resolve().parents[1]


def measure(limit: int, repeat: int) -> dict[str, float]:
    """This interpreter's newslab: CPU ms per mention on real sentences, and on one long sentence."""
    from newslab.cli import default_targets
    from newslab.sentences import sentences
    from newslab.stance import stance

    articles = polnear_articles(require_eval()).iloc[:limit].reset_index(drop=True)
    sents = sentences(articles)
    targets = default_targets(articles)
    stance(sents.iloc[:50], targets=targets)  # warm the lexicons
    best, n = float("inf"), 0
    for _ in range(max(1, repeat)):
        c0 = time.process_time()
        out = stance(sents, targets=targets)
        best = min(best, time.process_time() - c0)
        n = len(out)
    import pandas as pd

    k = 5000
    long = pd.DataFrame({"text": ["Russia praised the deal and " * k]})
    c0 = time.process_time()
    lo = stance(long, targets={"Russia": ["Russia"]})
    long_s = time.process_time() - c0
    carried = int(lo["text"].str.len().sum())
    return {"mentions": n, "ms_per_mention": 1000 * best / max(1, n), "sentences": len(sents),
            "long_mentions": len(lo), "long_ms_per_mention": 1000 * long_s / max(1, len(lo)),
            "long_text_chars": len(long["text"].iloc[0]), "long_chars_carried": carried}


def other_revision(rev: str, limit: int, repeat: int) -> dict[str, float]:
    """The same measurement on ``rev``, in a temporary worktree and a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        wt = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(wt), rev], check=True,
                       capture_output=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(wt)}
            code = (f"import sys, json; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
                    f"import bench_stance as b; print(json.dumps(b.measure({limit}, {repeat})))")
            res = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True,
                                 cwd=str(wt))
            return json.loads(res.stdout.strip().splitlines()[-1])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(wt)], check=False,
                           capture_output=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="PolNeAR articles (default 200)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", default="main", help="git revision for the 'before' figure ('' to skip)")
    a = ap.parse_args(argv)
    require_eval()
    rows = [("this checkout", measure(a.limit, a.repeat))]
    if a.against:
        rows.insert(0, (a.against, other_revision(a.against, a.limit, a.repeat)))
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
