"""CPU of the corpus steps around the per-batch ones (issue 16), this checkout beside a revision in turns.

On N copies of the Wikinews sample (``../shared/corpus/wikinews``, copied round-robin with new ids
by ``bench_corpus.make_corpus``, in a temporary folder removed afterwards), one batch as
``newslab analyze`` reads it, times in each revision:

- ``count_countries``: the target-counting pass when no ``--countries`` is given;
- ``matrix_mentions``: the stance-matrix rows of the batch's attributions (targets: the corpus's
  top 10 countries, as ``newslab analyze`` picks them);
- ``assign_speaker_ids``: the whole-corpus identities, on a fresh copy of a finished run's tables
  (their ``speaker_id`` reset to the name, so that every part is rewritten as in a first run);
- ``summarise``: the corpus-wide tables and chart inputs from the same run's tables.

The run (``newslab analyze --jobs 1`` of this checkout) is made once and read by both revisions;
the attributions and targets are computed by each revision itself, outside the timing. The
per-token memos of ``targets`` are emptied before each ``count_countries``, as in a new process.
Run from the repository root::

    .venv/bin/python benchmarks/bench_steps.py --against main [--n 1000] [--repeat 3]

Exits 0 with a message when the Wikinews sample is absent.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import in_turns

STEPS = ("count_countries", "matrix_mentions", "assign_speaker_ids", "summarise")


def setup(corpus: str, run: str) -> dict[str, Any]:
    """This interpreter's steps, the batch, its attributions and the run's targets and counts."""
    import newslab

    stream = importlib.import_module("newslab.stream")
    stance = importlib.import_module("newslab.stance")
    batch = next(stream.iter_batches([corpus], 10**9))
    targets = json.loads((Path(run) / "manifest.json").read_text(encoding="utf-8"))["options"]["targets"]
    state = stream.RunState.load(Path(run))
    return {"stream": stream, "stance": stance, "targets_mod": importlib.import_module("newslab.targets"),
            "batch": batch, "attributions": newslab.quotes(batch, convention="attributions"),
            "targets": {k: list(v) for k, v in targets.items()}, "counts": state.counts, "run": run}


def _fresh_run(run: str, stream: Any) -> str:
    """A copy of the run's tables with ``speaker_id`` set back to ``speaker_name``."""
    dst = tempfile.mkdtemp(prefix="newslab-steps-")
    shutil.copytree(run, dst, dirs_exist_ok=True)
    for p in stream.table_parts(dst, "quotes"):
        q = stream.read_part(p)
        q["speaker_id"] = q["speaker_name"]
        stream._rewrite_part(p, q)
    return dst


def time_once(ctx: dict[str, Any]) -> dict[str, Any]:
    """CPU seconds of each step, once."""
    stream, out = ctx["stream"], {}
    for memo in ("_token_cache", "_start_tokens"):
        if hasattr(ctx["targets_mod"], memo):
            getattr(ctx["targets_mod"], memo).cache_clear()
    c0 = time.process_time()
    counts = stream.count_countries(iter([ctx["batch"]]))
    out["count_countries"] = time.process_time() - c0
    c0 = time.process_time()
    rows = len(ctx["stance"].matrix_mentions(ctx["attributions"], ctx["targets"]))
    out["matrix_mentions"] = time.process_time() - c0
    fresh = _fresh_run(ctx["run"], stream)
    try:
        c0 = time.process_time()
        stream.assign_speaker_ids(fresh)
        out["assign_speaker_ids"] = time.process_time() - c0
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    c0 = time.process_time()
    summary = stream.summarise(ctx["run"], ctx["targets"], ctx["counts"])
    out["summarise"] = time.process_time() - c0
    out["check"] = [len(counts), rows, len(summary.speakers), len(summary.stance_matrix)]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, help="git revision to time beside this checkout")
    ap.add_argument("--n", type=int, default=1000, help="articles (copies of the Wikinews sample)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per revision; the best is reported")
    args = ap.parse_args(argv)
    from bench_corpus import WIKINEWS, make_corpus

    if not sorted(WIKINEWS.glob("*.csv")):
        print(f"skipped: no Wikinews CSVs in {WIKINEWS}")
        return
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, run = make_corpus(args.n, Path(tmp) / "corpus"), Path(tmp) / "run"
        subprocess.run([sys.executable, "-m", "newslab.cli", "analyze", str(corpus), "--out", str(run), "--jobs", "1",
                        "--quiet", "--no-charts"], check=True, env={**os.environ, "PYTHONPATH": str(root)})
        theirs, ours = in_turns("bench_steps", args.against, (str(corpus), str(run)), args.repeat)
    print(f"{args.n} Wikinews copies, one batch; CPU seconds, best of {args.repeat} runs in turns")
    print(f"{'step':<22}{args.against:>12}{'this checkout':>16}{'speed-up':>10}")
    for step in STEPS:
        a, b = min(r[step] for r in theirs), min(r[step] for r in ours)
        print(f"{step:<22}{a:>12.3f}{b:>16.3f}{a / b:>9.2f}x")
    print(f"check (countries, mention rows, speakers, matrix rows): {args.against} {theirs[0]['check']}, "
          f"this checkout {ours[0]['check']}")


if __name__ == "__main__":
    main()
