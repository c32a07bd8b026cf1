"""The last phase of ``newslab analyze`` alone: peak memory and time of ``stream.summarise`` as the corpus grows.

Takes the tables of a finished run (``bench_corpus.py --keep DIR`` keeps one), copies its parts K
times with new article ids into a temporary folder (a corpus K times as large, made on the fly and
removed afterwards), and runs ``newslab.stream.summarise`` on it in a fresh process, which reports
its peak resident memory (``ru_maxrss``) and wall time. Memory flat in corpus size means the same
peak for every K::

    .venv/bin/python benchmarks/bench_corpus.py --n 5000 --keep /tmp/run5k
    .venv/bin/python benchmarks/bench_summarise.py --run /tmp/run5k/out --copies 1 4

The process imports the ``newslab`` on ``PYTHONPATH`` (as bench_corpus does), so the same script
measures two versions on their own runs' tables.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from newslab import stream
out, targets, counts = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
t0 = time.perf_counter()
s = stream.summarise(out, targets, counts)
print(json.dumps({"wall_s": round(time.perf_counter() - t0, 1), "speakers": len(s.speakers),
                  "stance_matrix": len(s.stance_matrix),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def replicate(run: Path, folder: Path, copies: int) -> dict[str, int]:
    """The tables of ``run`` copied ``copies`` times (article ids ``ID~cK``), as parts of ``folder``."""
    from newslab import stream

    counts: dict[str, int] = {}
    for table in sorted(p.name for p in (run / "tables").iterdir() if p.is_dir()):
        if table in ("speakers", "stance_matrix"):
            continue
        parts = stream.table_parts(run, table)
        for k in range(copies):
            for j, path in enumerate(parts):
                df = stream.read_part(path)
                if "article_id" in df and k:
                    df["article_id"] = df["article_id"].astype(str) + f"~c{k}"
                stream.write_part(df, folder, table, k * len(parts) + j, "parquet" if path.suffix == ".parquet"
                                  else "csv")
                counts[table] = counts.get(table, 0) + len(df)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", type=Path, required=True, help="the --out folder of a finished newslab analyze")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4])
    args = ap.parse_args()
    manifest = json.loads((args.run / "manifest.json").read_text(encoding="utf-8"))
    targets = manifest["options"]["targets"]
    for copies in args.copies:
        folder = Path(tempfile.mkdtemp(prefix="newslab-summarise-"))
        try:
            counts = replicate(args.run, folder, copies)
            env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}
            got = subprocess.run([sys.executable, "-c", _CHILD, str(folder), json.dumps(targets), json.dumps(counts)],
                                 env=env, check=True, capture_output=True, text=True)
            result = json.loads(got.stdout.strip().splitlines()[-1])
            print(json.dumps({"articles": counts.get("articles", 0), "quotes": counts.get("quotes", 0),
                              "copies": copies, **result}))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
