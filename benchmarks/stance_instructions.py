"""Machine instructions per target mention of each part of ``newslab.stance``, under callgrind.

CPU time on the shared 2-core machine moved by up to 2x between runs of the same code at load 5-10
(``bench_stance.py`` times both revisions in turns for that reason); the instructions a run executes
do not depend on the load. This script runs the parts of ``stance_breakdown.py`` once each under
``valgrind --tool=callgrind`` (each part called through ``operator.call``, before and after which
callgrind writes a dump: one dump per part) and prints million instructions per mention, for this
checkout and, with ``--against REV``, for REV in a temporary git worktree (the two valgrind runs
side by side). Instructions are not time (cache misses and branches are not counted), but a
change that removes work shows in them run after run. Slow: valgrind runs Python about 50x slower
(10-20 minutes at load 10). Run from the repository root::

    .venv/bin/python benchmarks/stance_instructions.py [--limit 200] [--against main]

Exits 0 with a message when ../shared/eval or valgrind is absent.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import require_eval

#: The parts, in the order the step runs them (names as in stance_breakdown.py).
PARTS = ("mention scan", "analyse", "references", "features", "decide", "whole step")


def child(limit: int) -> None:
    """Inside valgrind: the inputs, a warm-up call, then each part once through ``operator.call``."""
    import operator

    from stance_breakdown import stance_parts

    size, parts = stance_parts(limit)
    print(f"mentions {size['mentions']}", flush=True)
    for name, fn in parts:
        if name in PARTS:
            operator.call(fn)


def count(root: Path, limit: int, out: Path) -> tuple[int, list[float]]:
    """(mentions, instructions of each part) of the newslab in ``root``, from one valgrind run."""
    out.mkdir(parents=True, exist_ok=True)
    cmd = ["valgrind", "--tool=callgrind", "--dump-before=_operator_call", "--dump-after=_operator_call",
           f"--callgrind-out-file={out / 'cg.out'}", sys.executable, os.path.abspath(__file__), "--child",
           "--limit", str(limit)]
    res = subprocess.run(cmd, env={**os.environ, "PYTHONPATH": str(root)}, cwd=str(root), capture_output=True,
                         text=True, check=True)
    mentions = int(re.search(r"mentions (\d+)", res.stdout).group(1))  # type: ignore[union-attr]
    return mentions, part_totals(out)


def part_totals(out: Path) -> list[float]:
    """Instructions of each part, from the dumps callgrind wrote in ``out``: before part 1 (the
    setup), part 1, between parts 1 and 2, part 2, ...: the parts are the even dumps."""
    def total(path: Path) -> float:
        text = path.read_text(encoding="utf-8", errors="replace")
        return float(re.search(r"^(?:summary|totals):\s+(\d+)", text, re.MULTILINE).group(1))  # type: ignore[union-attr]

    dumps = sorted(out.glob("cg.out.*"), key=lambda p: int(p.name.rsplit(".", 1)[1].split("-")[0]))
    return [total(p) for p in dumps[1:2 * len(PARTS):2]]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="PolNeAR articles (default 200)")
    ap.add_argument("--against", default="", help="a git revision to count beside this checkout")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    require_eval()
    if a.child:
        child(a.limit)
        return
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed")
        return
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        roots = [("this checkout", root)]
        if a.against:
            wt = Path(tmp) / "rev"
            subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", str(wt), a.against], check=True,
                           capture_output=True)
            roots.insert(0, (a.against, wt))
        try:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(roots)) as pool:  # the valgrind runs side by side
                results = list(pool.map(lambda r: count(r[1], a.limit, Path(tmp) / f"cg{id(r)}"), roots))
        finally:
            if a.against:
                subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(Path(tmp) / "rev")],
                               check=False, capture_output=True)
    print(f"M instructions per mention ({results[-1][0]:,} mentions)\n")
    print(f"{'part':<16}" + "".join(f"{name[:16]:>18}" for name, _ in roots))
    for i, part in enumerate(PARTS):
        print(f"{part:<16}" + "".join(f"{parts[i] / n / 1e6:>18.3f}" for n, parts in results))


if __name__ == "__main__":
    main()
