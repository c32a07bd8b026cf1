"""Shared helpers for the per-stage benchmark scripts in ``benchmarks/``.

Every stage script (``bench_sentences.py``, ``bench_quotes.py``, ...) does the same few things:
find the evaluation data in ``../shared/eval`` (and exit quietly when it is absent), load the 840
PolNeAR train articles, time a callable side by side with a baseline, and print words per second.
This module holds exactly those pieces, so the scripts stay short and their numbers comparable.

Stable interface (other stage scripts import it)::

    from common import EVAL_DIR, require_eval, polnear_articles, count_words, best_of
    from common import spacy_sentencizer, spacy_baseline, report

Run a script from the repository root, e.g. ``.venv/bin/python benchmarks/bench_sentences.py``;
the scripts put ``benchmarks/`` on ``sys.path`` themselves (``sys.path.insert(0, dirname(__file__))``).
The machine is shared and timings are noisy: compare rows of one run, not runs of different days.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

#: ``../shared/eval`` next to the repository (the same place the tests look).
EVAL_DIR: Path = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

#: The corpus every stage is timed on: 840 real news articles, field ``text``.
POLNEAR_TRAIN = "quotes_polnear_train.jsonl"


def require_eval(name: str = POLNEAR_TRAIN) -> Path:
    """Path of ``../shared/eval/<name>``; print why and exit 0 (a skip, not a failure) if absent."""
    path = EVAL_DIR / name
    if not path.exists():
        print(f"skipped: {path} not found (the benchmarks need ../shared/eval next to the repository)")
        raise SystemExit(0)
    return path


def polnear_articles(path: Path | None = None) -> pd.DataFrame:
    """The PolNeAR train texts as an articles DataFrame (``article_id``, ``text``).

    Read directly from the JSONL (not through ``newslab.load_articles``) so that loading is not
    part of any stage's timing; time ``newslab.load_articles`` separately when you want it.
    """
    path = path or require_eval()
    ids, texts = [], []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                rec = json.loads(line)
                ids.append(str(rec.get("id", i)))
                texts.append(rec.get("text") or "")
    return pd.DataFrame({"article_id": ids, "text": texts})


def count_words(texts: Iterable[str]) -> int:
    """Whitespace-separated words in ``texts``: the unit of every words/second figure."""
    return sum(len(t.split()) for t in texts)


def best_of(fn: Callable[[], Any], repeat: int = 3, cpu: dict[str, float] | None = None,
            name: str = "") -> tuple[float, Any]:
    """Run ``fn()`` ``repeat`` times; return (best wall-clock seconds, result of the last run).

    With ``cpu``, also keep the best CPU seconds (``time.process_time``) under ``cpu[name]``: on a
    shared machine CPU time is the less noisy figure (with n_jobs > 1 it counts only this process).
    """
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        if cpu is not None:
            cpu[name] = min(cpu.get(name, float("inf")), time.process_time() - c0)
    return best, result


def spacy_sentencizer() -> Any | None:
    """``spacy.blank("en")`` + ``sentencizer``, or ``None`` (with a message) when spaCy is missing."""
    try:
        import spacy  # lazily: spaCy is only a benchmark extra
    except ImportError:
        print("spaCy is not installed: `pip install -e .[bench]` adds it; skipping the spaCy column")
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_baseline(texts: Sequence[str], nlp: Any | None = None) -> int | None:
    """Sentences found by spaCy blank+sentencizer over ``texts`` (``nlp.pipe``); ``None`` if no spaCy.

    Pass ``nlp`` from :func:`spacy_sentencizer` when timing, so model construction is not timed.
    """
    nlp = nlp if nlp is not None else spacy_sentencizer()
    if nlp is None:
        return None
    return sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts))


def report(rows: Sequence[tuple[str, float | None, int, int | None]], title: str = "") -> None:
    """Print a table: one row per (name, seconds or None for skipped, words, n output rows or None).

    The last column is the speed relative to the first timed row.
    """
    if title:
        print(title)
    base = next((w / s for _, s, w, _ in rows if s), None)
    print(f"{'method':<34}{'seconds':>9}{'words/s':>12}{'rows':>9}{'x first':>9}")
    for name, secs, words, n in rows:
        if not secs:
            print(f"{name:<34}{'skipped':>9}")
            continue
        wps = words / secs
        rel = f"{wps / base:.2f}" if base else ""
        print(f"{name:<34}{secs:>9.3f}{wps:>12,.0f}{'' if n is None else n:>9}{rel:>9}")
    sys.stdout.flush()


#: The Wikinews sample (``../shared/corpus/wikinews/*.csv``): the corpus the issue-16 profiles use.
WIKINEWS_GLOB = str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikinews" / "*.csv")

_SERVE = ("import sys, json; sys.path.insert(0, {bench!r}); import {module} as b; ctx = b.setup(*{args!r}); "
          "print('ready', flush=True)\nfor _ in sys.stdin: print(json.dumps(b.time_once(ctx)), flush=True)")


def in_turns(module: str, rev: str, args: Sequence[Any], repeat: int) -> tuple[list[dict], list[dict]]:
    """(runs of ``rev``, runs of this checkout) of a benchmark module's ``setup(*args)`` /
    ``time_once(ctx)`` pair, in turns: ``rev`` runs in a temporary git worktree, in a subprocess
    that times one run each time it is asked, between this checkout's runs, so that a change of the
    machine's load during the benchmark touches both alike. ``time_once`` returns a JSON-able dict."""
    import importlib
    import os
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        wt = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", str(wt), rev], check=True,
                       capture_output=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(wt)}
            code = _SERVE.format(bench=str(root / "benchmarks"), module=module, args=tuple(args))
            with subprocess.Popen([sys.executable, "-c", code], env=env, cwd=str(wt), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True) as proc:
                assert proc.stdin is not None and proc.stdout is not None
                while proc.stdout.readline().strip() != "ready":  # (lines the old revision prints first)
                    if proc.poll() is not None:
                        raise RuntimeError(f"the benchmark of {rev} failed to start")
                bench = importlib.import_module(module)
                ctx = bench.setup(*args)
                theirs, ours = [], []
                for _ in range(max(1, repeat)):
                    proc.stdin.write("run\n")
                    proc.stdin.flush()
                    theirs.append(json.loads(proc.stdout.readline()))
                    ours.append(bench.time_once(ctx))
                proc.stdin.close()
            return theirs, ours
        finally:
            subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(wt)], check=False,
                           capture_output=True)
