"""`newslab analyze` on N articles: wall time, time per article and peak memory of the process tree.

Makes N articles on the fly from the Wikinews CSVs in ``../shared/corpus/wikinews`` (real articles,
copied round-robin, each copy with a new id), written as CSV exports of 1,000 articles each into a
temporary folder (never committed, removed afterwards), then runs::

    python -m newslab.cli analyze CORPUS --out OUT --jobs 2 --quiet

as a subprocess and samples /proc every 0.25 s: the peak of the whole process tree (the command and
its worker processes) is reported as the sum of their PSS (proportional set size: pages forked
workers share with the parent are counted once, split between them) and as the sum of their RSS
(shared pages counted in every process: an upper bound). ``ru_maxrss`` of RUSAGE_CHILDREN is the
largest single process's peak, not the tree's.

``--kill-resume`` instead kills the run (SIGKILL to the whole process group) at a random moment,
resumes it with ``--resume``, and compares every table with a clean run on the same corpus.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_corpus.py --n 20000 100000 --jobs 2
    .venv/bin/python benchmarks/bench_corpus.py --n 5000 --kill-resume
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
PER_FILE = 1000


def make_corpus(n: int, folder: Path) -> Path:
    """``n`` copies of the Wikinews articles, new ids, as CSV files of PER_FILE articles."""
    files = sorted(WIKINEWS.glob("*.csv"))
    if not files:
        print(f"skipped: no Wikinews CSVs in {WIKINEWS}")
        raise SystemExit(0)
    src = pd.concat([pd.read_csv(f, dtype=str) for f in files], ignore_index=True)
    folder.mkdir(parents=True, exist_ok=True)
    for lo in range(0, n, PER_FILE):
        idx = [i % len(src) for i in range(lo, min(n, lo + PER_FILE))]
        part = src.iloc[idx].reset_index(drop=True)
        part.insert(0, "id", [f"copy-{i:07d}" for i in range(lo, lo + len(part))])
        part.to_csv(folder / f"export-{lo // PER_FILE:05d}.csv", index=False)
    return folder


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc/*/stat parent ids)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as fh:
                    stat = fh.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(d))
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(sum of PSS, sum of RSS) in bytes over ``pids``."""
    pss = rss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return pss, rss


def _done(out: Path) -> int:
    try:
        return json.loads((out / "tables" / "_progress.json").read_text(encoding="utf-8"))["done"]
    except (OSError, ValueError, KeyError):
        return 0


def run(corpus: Path, out: Path, jobs: int, extra: list[str] = (), kill_after: float | None = None,
        log: Path | None = None) -> dict:
    """Run the command, sampling the tree's memory; kill it after ``kill_after`` seconds if given.

    With ``log``, a line per 30 s: elapsed seconds, batches finished, the tree's PSS now and its peak.
    """
    cmd = [sys.executable, "-m", "newslab.cli", "analyze", str(corpus), "--out", str(out), "--jobs", str(jobs),
           "--quiet", *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    peak_pss = peak_rss = 0
    killed = False
    logged = 0.0
    while proc.poll() is None:
        pss, rss = _memory(_tree(proc.pid))
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        if log is not None and time.perf_counter() - logged > 30:
            logged = time.perf_counter()
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"elapsed_s": round(logged - t0), "batches_done": _done(out),
                                     "pss_mb": round(pss / 2**20), "peak_pss_mb": round(peak_pss / 2**20),
                                     "peak_rss_mb": round(peak_rss / 2**20)}) + "\n")
        if kill_after is not None and time.perf_counter() - t0 > kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            killed = True
            break
        time.sleep(0.25)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)  # of waited-for processes
    return {"returncode": proc.returncode, "killed": killed, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "batches_done": _done(out),
            "peak_tree_pss_mb": round(peak_pss / 2**20), "peak_tree_rss_mb": round(peak_rss / 2**20),
            "max_single_process_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def measure(n: int, jobs: int, keep: Path | None, limit: float | None, log: Path | None,
            extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="newslab-bench-") as tmp:
        corpus = make_corpus(n, Path(tmp) / "corpus")
        out = (keep or Path(tmp)) / f"out-{n}"
        res = run(corpus, out, jobs, extra, kill_after=limit, log=log)
        res.update(n=n, jobs=jobs, options=extra)
        if res["killed"]:  # stopped at --time-limit: what finished
            from newslab import stream
            done = res["batches_done"] * stream.BATCH_SIZE
            res.update(articles_done=done, ms_per_article=round(1000 * res["wall_s"] / max(done, 1), 2))
            return res
        m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        res.update(ms_per_article=round(1000 * res["wall_s"] / n, 2), cpu_ms_per_article=round(1000 * res["cpu_s"] / n, 2),
                   counts=m["counts"], timings=m["timings"])
        return res


def kill_resume(n: int, jobs: int, seed: int, extra: list[str], log: Path | None = None) -> dict:
    """Kill a run at a random moment, resume it, and compare every table with a clean run.

    The clean run's own figures (time per article, peak memory) are reported too, so one call at
    100,000 articles measures both the run to completion and the kill and resume.
    """
    from newslab import cli, stream

    with tempfile.TemporaryDirectory(prefix="newslab-bench-") as tmp:
        corpus = make_corpus(n, Path(tmp) / "corpus")
        clean = run(corpus, Path(tmp) / "clean", jobs, ["--no-charts", *extra], log=log)
        at = random.Random(seed).uniform(0.15, 0.85) * clean["wall_s"]
        first = run(corpus, Path(tmp) / "killed", jobs, ["--no-charts", *extra], kill_after=at, log=log)
        progress = json.loads((Path(tmp) / "killed" / "tables" / "_progress.json").read_text(encoding="utf-8"))
        resumed = run(corpus, Path(tmp) / "killed", jobs, ["--no-charts", "--resume", *extra])
        same = {}
        for name in cli.TABLES:
            a, b = stream.read_table(Path(tmp) / "clean", name), stream.read_table(Path(tmp) / "killed", name)
            try:
                pd.testing.assert_frame_equal(a, b)
                same[name] = True
            except AssertionError:
                same[name] = False
        timings = json.loads((Path(tmp) / "clean" / "manifest.json").read_text(encoding="utf-8"))["timings"]
        return {"n": n, "options": extra, "clean": {**clean, "ms_per_article": round(1000 * clean["wall_s"] / n, 2),
                                                    "cpu_ms_per_article": round(1000 * clean["cpu_s"] / n, 2),
                                                    "timings": timings},
                "killed_after_s": round(at, 1), "killed": first["killed"],
                "batches_done_when_killed": progress["done"], "resume_returncode": resumed["returncode"],
                "clean_wall_s": clean["wall_s"], "resume_wall_s": resumed["wall_s"], "tables_equal": same}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[20_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--kill-resume", action="store_true", help="kill at a random moment, resume, compare")
    ap.add_argument("--seed", type=int, default=None, help="of the kill moment (default: random)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the outputs in this folder")
    ap.add_argument("--time-limit", type=float, default=None, help="stop a run after this many seconds "
                    "and report what finished")
    ap.add_argument("--batch-size", type=int, default=None, help="passed to newslab analyze")
    ap.add_argument("--countries", nargs="+", default=None, help="stance targets (skips the counting pass)")
    ap.add_argument("--log", type=Path, default=None, help="append progress and memory every 30 s here")
    args = ap.parse_args()
    extra = ["--countries", *args.countries] if args.countries else []
    extra += ["--batch-size", str(args.batch_size)] if args.batch_size else []
    for n in args.n:
        if args.kill_resume:
            res = kill_resume(n, args.jobs, args.seed if args.seed is not None else random.randrange(10**6), extra,
                              args.log)
        else:
            res = measure(n, args.jobs, args.keep, args.time_limit, args.log, extra)
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
