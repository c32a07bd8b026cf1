"""Every newslab stage on the 840 PolNeAR train articles: speed, memory, baselines, 2-job speed-up, linearity.

One command, run from the repository root (``make bench`` does the same)::

    .venv/bin/python benchmarks/run.py [--repeat N] [--jobs N] [--skip-adversarial] [--against REV]

Prints five tables (six with ``--against``):

1. per stage: seconds, words per second (corpus words / stage seconds, so stages compare), peak
   memory of the stage (resident set high-water mark while it ran, Linux ``VmHWM``), with 1 job and
   with ``--jobs`` (default 2) jobs, the speed-up and whether both results are identical;
2. ``newslab.sentences`` against spaCy ``blank("en")`` + ``sentencizer`` on the same texts;
3. ``newslab.sentiment`` against raw TextBlob + VADER on the same sentences;
4. the whole pipeline with 1 and with N jobs: the speed-up;
5. adversarial texts at 0.1, 0.25, 0.5 and 1 MB through ``sentences`` and ``quotes``: seconds per
   MB, which stays flat when the step is linear;
6. with ``--against REV``: the CPU seconds of each step of table 4's pipeline (1 job), REV beside
   this checkout, each measured in a fresh subprocess (REV from a temporary git worktree) on the
   same articles and targets, and the throughput ratio of the whole pipeline. ``--pipeline-only``
   prints only this table.

Exits 0 with a message when ../shared/eval is absent. The machine may be shared: compare rows of
one run, not runs of different days.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import best_of, count_words, polnear_articles, require_eval, spacy_baseline, spacy_sentencizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ADVERSARIAL_SIZES_MB = (0.1, 0.25, 0.5, 1.0)


# ------------------------------------------------------------------------------------------ memory
def _reset_peak() -> bool:
    """Reset this process's RSS high-water mark (Linux: write 5 to clear_refs); False if impossible."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    """Resident set high-water mark in MB (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measured(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    """(best seconds, peak RSS MB incl. worker processes, CPUs busy on average, result).

    The CPUs-busy figure (CPU seconds of this process and its workers / wall seconds) shows how
    much of the machine the stage got: 1 job on an idle machine is ~1.0, 2 jobs ~2.0; less means
    other work on the machine took the cores and the speed-up column understates newslab.
    """
    _reset_peak()
    kids_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu0, wall0 = _cpu(), time.perf_counter()
    secs, result = best_of(fn, repeat)
    busy = (_cpu() - cpu0) / max(time.perf_counter() - wall0, 1e-9)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # workers are forked from this process: their peak is reported when it exceeds ours
    peak = max(_peak_mb(), kids if kids > kids_before else 0.0)
    return secs, peak, busy, result


def _same(a: Any, b: Any) -> bool:
    import pandas as pd

    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        try:
            pd.testing.assert_frame_equal(a, b)
            return True
        except AssertionError:
            return False
    return bool(a == b)


# ------------------------------------------------------------------------------------- adversarial
def adversarial(kind: str, size: int) -> str:
    """``size`` characters of a pathological text (the same kinds as tests/test_robustness.py)."""
    units = {
        "no punctuation": "the minister spoke about the border and the talks went on ",
        "unmatched quotes": 'he " said \u201c and \u2018 so " ',
        "capitalised words": "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet ",
        "he said, she said": "he said, she said, ",
        "abbreviations": "Mr. Dr. U.S. Sen. Gov. No. St. ",
    }
    if kind == "open quote, no close":
        return "\u201c" + ("they said: it was, as ever, a long day " * (size // 40 + 1))[: size - 1]
    unit = units[kind]
    return (unit * (size // len(unit) + 1))[:size]


ADVERSARIAL_KINDS = ("no punctuation", "unmatched quotes", "capitalised words", "he said, she said",
                     "abbreviations", "open quote, no close")


def run_adversarial(steps: dict[str, Callable[..., Any]], repeat: int) -> None:
    import pandas as pd

    sizes = [int(mb * 2**20) for mb in ADVERSARIAL_SIZES_MB]
    head = "".join(f"{f'{mb:g} MB':>10}" for mb in ADVERSARIAL_SIZES_MB)
    print(f"\n5. adversarial texts: seconds per MB (flat = linear time)\n{'step / text':<38}{head}{'1MB/0.1MB':>11}")
    for name, fn in steps.items():
        for kind in ADVERSARIAL_KINDS:
            per_mb = []
            for size in sizes:
                df = pd.DataFrame({"article_id": ["x"], "text": [adversarial(kind, size)]})
                secs, _ = best_of(lambda df=df, fn=fn: fn(df), repeat)
                per_mb.append(secs / (size / 2**20))
            ratio = per_mb[-1] / per_mb[0] if per_mb[0] else float("nan")
            cells = "".join(f"{v:>10.3f}" for v in per_mb)
            print(f"{name + ' / ' + kind:<38}{cells}{ratio:>11.2f}")
            sys.stdout.flush()


# ------------------------------------------------------------------------------ against a revision
PIPELINE_STEPS = ("sentences", "quotes", "sentiment of sentences", "sentiment of quotes", "stance of sentences")


def pipeline_cpu(limit: int, repeat: int, targets: dict[str, list[str]]) -> dict[str, float]:
    """CPU seconds (``time.process_time``, best of ``repeat``) of each step of table 4's pipeline, 1 job.

    Runs on whichever ``newslab`` this interpreter imports, so a subprocess can time another revision.
    """
    from newslab.quotes import quotes
    from newslab.sentences import sentences
    from newslab.sentiment import sentiment
    from newslab.stance import stance

    articles = polnear_articles(require_eval())
    if limit:
        articles = articles.iloc[:limit].reset_index(drop=True)
    warm = articles.iloc[:3]  # lexicons and models load once per process, outside the timings
    sentiment(sentences(warm))
    stance(sentences(warm), targets={"Russia": ["Russia"]})
    quotes(warm)
    cpu: dict[str, float] = {}
    got: dict[str, Any] = {}
    runs: dict[str, Callable[[], Any]] = {
        "sentences": lambda: sentences(articles), "quotes": lambda: quotes(articles),
        "sentiment of sentences": lambda: sentiment(got["sentences"]),
        "sentiment of quotes": lambda: sentiment(got["quotes"]),
        "stance of sentences": lambda: stance(got["sentences"], targets=targets)}
    for name in PIPELINE_STEPS:
        _, got[name] = best_of(runs[name], repeat, cpu, name)
    return cpu


def pipeline_cpu_at(rev: str | None, limit: int, repeat: int, targets: dict[str, list[str]]) -> dict[str, float]:
    """:func:`pipeline_cpu` in a fresh subprocess: of revision ``rev`` (a temporary git worktree), or of
    this checkout when ``rev`` is None."""
    with tempfile.TemporaryDirectory() as tmp:
        wt = ROOT
        if rev is not None:
            wt = os.path.join(tmp, "rev")
            subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", wt, rev], check=True,
                           capture_output=True)
        try:
            code = (f"import sys, json; sys.path.insert(0, {os.path.join(ROOT, 'benchmarks')!r}); import run; "
                    f"print(json.dumps(run.pipeline_cpu({limit}, {repeat}, json.loads(sys.argv[1]))))")
            res = subprocess.run([sys.executable, "-c", code, json.dumps(targets)], check=True, capture_output=True,
                                 text=True, cwd=wt, env={**os.environ, "PYTHONPATH": wt})
            return json.loads(res.stdout.strip().splitlines()[-1])
        finally:
            if rev is not None:
                subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", wt], check=False,
                               capture_output=True)


def run_against(rev: str, limit: int, repeat: int, targets: dict[str, list[str]], words: int) -> None:
    """Table 6: the pipeline's CPU seconds per step, ``rev`` beside this checkout."""
    before = pipeline_cpu_at(rev, limit, repeat, targets)
    after = pipeline_cpu_at(None, limit, repeat, targets)
    print(f"\n6. whole pipeline (table 4's steps, 1 job), CPU seconds: {rev} beside this checkout, each in a fresh "
          f"process\n{'step':<28}{rev[:12]:>12}{'this':>10}{'ratio':>8}")
    for name in PIPELINE_STEPS:
        print(f"{name:<28}{before[name]:>12.2f}{after[name]:>10.2f}{before[name] / max(after[name], 1e-9):>8.2f}")
    b, a = sum(before.values()), sum(after.values())
    print(f"{'whole pipeline':<28}{b:>12.2f}{a:>10.2f}{b / a:>8.2f}")
    print(f"throughput: {words / b:,.0f} words per CPU second ({rev}) -> {words / a:,.0f} (this checkout): "
          f"{b / a:.2f}x")


# ------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is reported")
    ap.add_argument("--jobs", type=int, default=2, help="jobs to compare with 1 (default 2)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all 840)")
    ap.add_argument("--skip-adversarial", action="store_true", help="skip table 5")
    ap.add_argument("--against", default="", help="git revision to time the pipeline beside (table 6)")
    ap.add_argument("--pipeline-only", action="store_true", help="with --against: only table 6")
    args = ap.parse_args(argv)

    path = require_eval()
    import pandas as pd
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import newslab
    from newslab.articles import load_articles
    from newslab.cli import DEFAULT_TOP_COUNTRIES, default_targets
    from newslab.quotes import quotes
    from newslab.sentences import sentences
    from newslab.sentiment import sentiment
    from newslab.speakers import speakers
    from newslab.stance import stance

    articles = polnear_articles(path)
    if args.limit:
        articles = articles.iloc[: args.limit].reset_index(drop=True)
    texts = articles["text"].tolist()
    words = count_words(texts)
    mb = sum(len(t.encode()) for t in texts) / 2**20
    print(f"newslab {newslab.__version__}, Python {platform.python_version()}, pandas {pd.__version__}; "
          f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {platform.platform()}")
    print(f"corpus: {len(texts)} PolNeAR train articles, {words:,} words, {mb:.2f} MB ({path.name})")
    print(f"best of {args.repeat} run(s); words/s = corpus words / stage seconds\n")

    # warm every lexicon and model once, so no stage pays a one-off load the others do not
    warm = articles.iloc[:3]
    sentiment(sentences(warm))
    stance(sentences(warm), targets={"Russia": ["Russia"]})
    speakers(quotes(warm))
    try:
        targets = default_targets(articles)
        how = f"top {DEFAULT_TOP_COUNTRIES} country candidates"
    except ImportError:  # newslab.targets missing: a fixed set of countries in US political news
        targets = {"Russia": ["Russia", "Russian", "Moscow", "Kremlin"], "China": ["China", "Chinese", "Beijing"],
                   "Mexico": ["Mexico", "Mexican"], "Iran": ["Iran", "Iranian", "Tehran"],
                   "Syria": ["Syria", "Syrian", "Damascus"]}
        how = "fixed countries"
    print(f"stance targets ({how}): {', '.join(targets)}\n")
    if args.against and args.pipeline_only:
        run_against(args.against, args.limit, args.repeat, targets, words)
        return

    # 1. stages, 1 job vs N jobs
    jobs = args.jobs
    results: dict[str, dict[int, Any]] = {}
    rows = []
    stage_defs: list[tuple[str, Callable[[int], Any], bool]] = [
        ("load_articles (jsonl)", lambda j: load_articles(path), False),
        ("sentences", lambda j: sentences(articles, n_jobs=j), True),
        ("quotes (+ speaker names)", lambda j: quotes(articles, n_jobs=j), True),
        ("speakers", lambda j: speakers(results["quotes (+ speaker names)"][1]), False),
        ("target counting", lambda j: default_targets(articles), False),
        ("sentiment of sentences", lambda j: sentiment(results["sentences"][1], n_jobs=j), True),
        ("sentiment of quotes", lambda j: sentiment(results["quotes (+ speaker names)"][1], n_jobs=j), True),
        ("stance of sentences", lambda j: stance(results["sentences"][1], targets=targets, n_jobs=j), True),
    ]
    print(f"1. stages (peak = RSS high-water mark while the stage ran; CPUs = CPU-seconds / wall-seconds,\n"
          f"   the cores the stage actually got: below 1 (1 job) or {jobs} ({jobs} jobs) the machine was busy)\n"
          f"{'stage':<28}{'s 1 job':>9}{'words/s':>11}{'peak MB':>9}{'CPUs':>6}{f's {jobs} jobs':>10}"
          f"{'words/s':>11}{'CPUs':>6}{'speed-up':>9}{'same':>6}")
    total = {1: 0.0, jobs: 0.0}
    for name, run, parallel in stage_defs:
        secs1, peak1, busy1, res1 = measured(lambda run=run: run(1), args.repeat)
        results[name] = {1: res1}
        line = f"{name:<28}{secs1:>9.2f}{words / secs1:>11,.0f}{peak1:>9.0f}{busy1:>6.2f}"
        if parallel:
            secsn, _, busyn, resn = measured(lambda run=run: run(jobs), args.repeat)
            same = _same(res1, resn)
            line += (f"{secsn:>10.2f}{words / secsn:>11,.0f}{busyn:>6.2f}{secs1 / secsn:>9.2f}"
                     f"{'yes' if same else 'NO':>6}")
            total[1] += secs1
            total[jobs] += secsn
            rows.append((name, secs1, secsn))
        print(line)
        sys.stdout.flush()
    print(f"{'parallel stages, total':<28}{total[1]:>9.2f}{words / total[1]:>11,.0f}{'':>15}{total[jobs]:>10.2f}"
          f"{words / total[jobs]:>11,.0f}{'':>6}{total[1] / total[jobs]:>9.2f}")
    print(f"process peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    # 2. sentences vs spaCy
    sents = results["sentences"][1]
    print("\n2. sentence splitting against spaCy blank('en') + sentencizer (same texts)")
    nlp = spacy_sentencizer()
    s_secs = min(r[1] for r in rows if r[0] == "sentences")
    if nlp is None:
        print("spaCy not installed: pip install -e .[bench]")
    else:
        secs, n = best_of(lambda: spacy_baseline(texts, nlp), args.repeat)
        print(f"{'newslab.sentences':<40}{s_secs:>8.2f} s{words / s_secs:>12,.0f} words/s{len(sents):>9} sentences")
        print(f"{'spaCy blank + sentencizer':<40}{secs:>8.2f} s{words / secs:>12,.0f} words/s{n:>9} sentences")
        print(f"newslab / spaCy speed ratio: {secs / s_secs:.2f} (above 1: newslab is faster)")

    # 3. sentiment vs raw TextBlob + VADER on the same sentences
    print("\n3. sentiment against raw TextBlob + VADER (TextBlob(t).sentiment + polarity_scores(t), same sentences)")
    analyzer = SentimentIntensityAnalyzer()
    stexts = sents["text"].tolist()

    def raw() -> int:
        for t in stexts:
            TextBlob(t).sentiment  # noqa: B018 - the property computes the score
            analyzer.polarity_scores(t)
        return len(stexts)

    secs, _ = best_of(raw, args.repeat)
    n_secs = min(r[1] for r in rows if r[0] == "sentiment of sentences")
    print(f"{'newslab.sentiment':<40}{n_secs:>8.2f} s{words / n_secs:>12,.0f} words/s")
    print(f"{'raw TextBlob + VADER':<40}{secs:>8.2f} s{words / secs:>12,.0f} words/s")
    print(f"newslab / raw speed ratio: {secs / n_secs:.2f} (newslab costs {n_secs / secs - 1:+.0%} time)")

    # 4. whole pipeline, 1 vs N jobs
    def pipeline(j: int) -> tuple[pd.DataFrame, ...]:
        s = sentences(articles, n_jobs=j)
        q = quotes(articles, n_jobs=j)
        return s, q, sentiment(s, n_jobs=j), sentiment(q, n_jobs=j), stance(s, targets=targets, n_jobs=j)

    print(f"\n4. whole pipeline (sentences, quotes, sentiment x2, stance), 1 vs {jobs} jobs")
    one_s, _, one_busy, one = measured(lambda: pipeline(1), args.repeat)
    many_s, _, many_busy, many = measured(lambda: pipeline(jobs), args.repeat)
    same = all(_same(a, b) for a, b in zip(one, many))
    print(f"1 job: {one_s:.2f} s ({words / one_s:,.0f} words/s, {one_busy:.2f} CPUs busy); {jobs} jobs: "
          f"{many_s:.2f} s ({words / many_s:,.0f} words/s, {many_busy:.2f} CPUs busy); speed-up "
          f"{one_s / many_s:.2f}x; identical results: {'yes' if same else 'NO'}")
    # the speed-up were the cores free: CPU work per job count, each run at full speed
    cpu1, cpun = one_s * one_busy, many_s * many_busy
    print(f"CPU-seconds: {cpu1:.1f} (1 job) vs {cpun:.1f} ({jobs} jobs, incl. start-up and result transfer): "
          f"parallel overhead {cpun / cpu1 - 1:+.0%}; on {jobs} free cores the speed-up would be about "
          f"{jobs * cpu1 / cpun:.2f}x")
    try:
        load = os.getloadavg()
        print(f"load average during the run (1/5/15 min): {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
              f"on {os.cpu_count()} CPUs (other work on the machine lowers the speed-up)")
    except OSError:
        pass

    if not args.skip_adversarial:
        run_adversarial({"sentences": sentences, "quotes": quotes}, args.repeat)
    if args.against:
        run_against(args.against, args.limit, args.repeat, targets, words)
    t = time.process_time()
    print(f"\ndone (CPU time of this process: {t:.0f} s)")


if __name__ == "__main__":
    main()
