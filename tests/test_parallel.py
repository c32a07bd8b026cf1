"""n_jobs and Dask give exactly the pandas single-process results for every corpus step."""
from __future__ import annotations

import itertools
import multiprocessing
import os
import time

import numpy as np
import pandas as pd
import pytest

from newslab import _parallel
from newslab.quotes import quotes
from newslab.sentences import sentences
from newslab.sentiment import sentiment
from newslab.stance import stance

TARGETS = {"Russia": ["Russia", "Russian", "Kremlin", "Moscow"], "North Korea": ["North Korea", "DPRK", "Pyongyang"],
           "United States": ["United States", "US", "Washington"]}

# Our own news-like paragraphs (not from any evaluation set), recombined into articles of uneven length.
_PARAS = [
    ('Kremlin Spokesperson Dmitry Peskov said on Monday that Russia would "continue to develop close relations" '
     "with North Korea. He added that reports of arms deliveries were groundless."),
    '"We see no point in commenting on this," Peskov told reporters in Moscow.',
    ("The US, Japan and South Korea condemned the deliveries, officials said, and warned Pyongyang of "
     "consequences. According to the State Department, the transfers violate UN resolutions."),
    ("North Korea's foreign minister, Choe Son Hui, said the criticism was \u201cdistorted\u201d and that "
     "the DPRK would expand ties with the Russian Federation."),
    ("Analysts in Seoul were sceptical. \u201cThis is a marriage of convenience,\u201d said Lee Min-ji, a "
     "researcher at the Asan Institute. She said Washington had few options left."),
    "Prices rose 3.2% in October, the statistics office said. Economists had expected 3.0%.",
    "The talks, which began in Geneva, collapsed on Friday. Neither side commented.",
]


def corpus(n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    texts = []
    for i in range(n):
        k = int(rng.integers(1, 12 if i % 9 else 40))  # a few much longer articles, to test balancing
        texts.append("\n\n".join(_PARAS[int(j)] for j in rng.integers(0, len(_PARAS), k)))
    texts[3] = ""  # an empty article must not shift anything
    return pd.DataFrame({"article_id": [f"art-{i:03d}" for i in range(n)], "text": texts,
                         "source": ["Wire"] * n})


@pytest.fixture(scope="module")
def arts() -> pd.DataFrame:
    return corpus()


@pytest.fixture(autouse=True)
def _always_parallel(monkeypatch):
    # the test corpus is small: make sure the worker path is taken, not the in-process shortcut
    monkeypatch.setattr(_parallel, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_PARALLEL_SECONDS", 0.0)


def _steps(arts: pd.DataFrame, n_jobs: int) -> dict[str, pd.DataFrame]:
    sents = sentences(arts, n_jobs=n_jobs)
    quotes_ = quotes(arts, n_jobs=n_jobs)
    return {
        "sentences": sents,
        "quotes": quotes_,
        "sentiment": sentiment(sents, n_jobs=n_jobs),
        "quote_sentiment": sentiment(quotes_, n_jobs=n_jobs),
        "stance": stance(sents, targets=TARGETS, n_jobs=n_jobs),
    }


def test_n_jobs_gives_identical_results(arts):
    one = _steps(arts, 1)
    assert len(one["sentences"]) > 100 and len(one["quotes"]) > 10 and len(one["stance"]) > 10
    for jobs in (2, 3, -1):
        many = _steps(arts, jobs)
        for name in one:
            pd.testing.assert_frame_equal(many[name], one[name], obj=f"{name} n_jobs={jobs}")
    assert not multiprocessing.active_children()  # every worker is joined after every call


def test_spawn_start_method_gives_identical_results(arts, monkeypatch):
    monkeypatch.setattr(_parallel, "_mp_context", lambda: multiprocessing.get_context("spawn"))
    small = arts.iloc[:8]
    pd.testing.assert_frame_equal(sentences(small, n_jobs=2), sentences(small))


def test_chunks_are_contiguous_balanced_and_cover_every_row():
    costs = np.array([1000, 1, 1, 1, 1, 1, 1, 1000, 5, 5])
    bounds = _parallel.chunk_bounds(costs, 4)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(costs)
    assert all(a < b for a, b in bounds) and all(b == c for (_, b), (c, _) in itertools.pairwise(bounds))
    assert max(costs[a:b].sum() for a, b in bounds) <= 1010  # the two big rows are not in one chunk


def test_small_inputs_and_one_job_run_in_process(arts, monkeypatch):
    monkeypatch.setattr(_parallel, "MIN_PARALLEL_CHARS", 10**9)

    def no_pool(*a, **k):
        raise AssertionError("workers were started for a tiny input")

    monkeypatch.setattr(_parallel, "_run_pool", no_pool)
    pd.testing.assert_frame_equal(sentences(arts, n_jobs=2), sentences(arts))
    pd.testing.assert_frame_equal(sentences(arts.iloc[:1], n_jobs=4), sentences(arts.iloc[:1]))


def test_fast_steps_stay_in_process_after_the_probe(arts, monkeypatch):
    monkeypatch.setattr(_parallel, "MIN_PARALLEL_SECONDS", 10.0**9)  # every step counts as fast

    def no_pool(*a, **k):
        raise AssertionError("workers were started for a fast step")

    monkeypatch.setattr(_parallel, "_run_pool", no_pool)
    # the probe's rows and the rest are joined seamlessly: same table as one call
    pd.testing.assert_frame_equal(sentences(arts, n_jobs=2), sentences(arts))
    pd.testing.assert_frame_equal(quotes(arts, n_jobs=2), quotes(arts))


def test_parent_takes_unstarted_chunks_from_the_end_and_keeps_order():
    class Fut:
        def __init__(self, started, value):
            self.started, self.value = started, value

        def cancel(self):
            return not self.started

        def result(self):
            return self.value

    df = pd.DataFrame({"text": list("abcdef")})
    bounds = [(0, 2), (2, 4), (4, 6)]
    futures = [Fut(True, (df.iloc[0:2], [])), Fut(False, None), Fut(False, None)]  # chunks 2 and 3 not started
    parts = _parallel._share_work(lambda d: d, df, bounds, futures, (), {})
    assert [p["text"].tolist() for p, _ in parts] == [["a", "b"], ["c", "d"], ["e", "f"]]


def test_empty_frame_with_jobs(arts):
    empty = arts.iloc[:0]
    pd.testing.assert_frame_equal(sentences(empty, n_jobs=2), sentences(empty))


def test_every_chunk_is_claimed_once_across_processes():
    ctx = _parallel._mp_context()
    counter = ctx.Value("l", 0)
    claimed = [_parallel._claim(counter, 5) for _ in range(7)]
    assert claimed == [0, 1, 2, 3, 4, None, None]


def _roles(df: pd.DataFrame) -> pd.DataFrame:
    # like a step whose optional text column is all missing in some chunks: pandas gives that chunk
    # object dtype, the whole corpus str
    return pd.DataFrame({"role": [("spokesman" if "Peskov" in t else None) for t in df["text"]]})


roles = _parallel.corpus_step(_roles)


def test_a_chunk_with_an_all_missing_column_does_not_change_the_dtype(arts):
    one = roles(arts)
    assert one["role"].dtype != object and one["role"].isna().any()
    for jobs in (2, 3):
        pd.testing.assert_frame_equal(roles(arts, n_jobs=jobs), one)


_PROBED: set[str] = set()


def _dies_in_workers(df: pd.DataFrame, parent: int = 0, marker: str = "") -> pd.DataFrame:
    if os.getpid() != parent:
        open(marker, "w").close()
        os._exit(3)  # a worker killed mid-run (out of memory, signal): the caller must not hang
    time.sleep(0.02)  # the probe: 1% of the text in 0.02 s or more projects 2 s, so workers start
    if marker in _PROBED:
        # The parent's share waits until a worker has claimed a chunk and died, however slowly the
        # workers start on a busy machine: without the wait the parent could take every chunk
        # itself and the test would depend on timing. (The cap only turns a hang into a failure.)
        deadline = time.monotonic() + 600
        while not os.path.exists(marker) and time.monotonic() < deadline:
            time.sleep(0.01)
    _PROBED.add(marker)
    return df[["article_id"]]


def test_a_dead_worker_raises_instead_of_hanging(arts, tmp_path):
    dies = _parallel.corpus_step(_dies_in_workers)
    with pytest.raises(RuntimeError, match="worker process died"):
        dies(arts, n_jobs=2, parent=os.getpid(), marker=str(tmp_path / "died"))
    assert not multiprocessing.active_children()


def _fragile(df: pd.DataFrame) -> pd.DataFrame:
    # a step with a bug that one kind of article triggers (here: a text with a NUL character)
    if any("\x00" in t for t in df["text"]):
        raise ValueError("cannot handle NUL")
    return df[["article_id"]].assign(n=df["text"].str.len())


fragile = _parallel.corpus_step(_fragile)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_article_is_skipped_and_reported_the_rest_go_on(arts, jobs):
    bad = arts.copy()
    bad.loc[5, "text"] = "The council met.\x00"
    bad.loc[30, "text"] = "\x00"
    with pytest.warns(_parallel.FailedArticleWarning, match="2 of 40 rows .*art-005"):
        out = fragile(bad, n_jobs=jobs)
    expected = _fragile(bad.drop(index=[5, 30]))
    pd.testing.assert_frame_equal(out.reset_index(drop=True), expected.reset_index(drop=True))
    assert [(f["row"], f["article_id"], f["error"]) for f in out.attrs["failed"]] == [
        (5, "art-005", "ValueError: cannot handle NUL"), (30, "art-030", "ValueError: cannot handle NUL")]
    assert not multiprocessing.active_children()


def test_an_error_every_article_hits_or_a_usage_error_is_raised(arts):
    with pytest.raises(ValueError, match="cannot handle NUL"):
        fragile(arts.assign(text="\x00"), n_jobs=2)
    with pytest.raises(KeyError, match="no column 'body'"):
        sentiment(arts, column="body", n_jobs=2)
    with pytest.raises(KeyError, match="no column 'body'"):
        sentiment(arts, column="body")


_KILL_SCRIPT = """
import os, random, signal, sys, threading, time
import multiprocessing as mp
import pandas as pd
from newslab import _parallel
from newslab.sentiment import sentiment
sys.path.insert(0, {tests!r})
from test_parallel import corpus
_parallel.MIN_PARALLEL_CHARS, _parallel.MIN_PARALLEL_SECONDS = 0, 0.0
sents = pd.DataFrame({{"article_id": [f"s{{i}}" for i in range(4000)],
                       "text": [f"The minister said talks number {{i}} were a great success." for i in range(4000)]}})
mode = sys.argv[1]
if mode == "lock":  # a worker killed while it holds the shared chunk counter's lock
    real = _parallel._claim
    def claim(counter, n, check=None):
        if mp.parent_process() is not None:
            counter.get_lock().acquire()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(counter, n, *([check] if check else []))
    _parallel._claim = claim
outcomes = []
for k in range(int(sys.argv[2])):
    def killer():  # kill -9 of the worker at a random moment of the run
        time.sleep(random.uniform(0.0, 0.4))
        for child in mp.active_children():
            os.kill(child.pid, signal.SIGKILL)
    if mode == "random":
        threading.Thread(target=killer, daemon=True).start()
    try:
        out = sentiment(sents, n_jobs=2)
        assert len(out) == len(sents)
        outcomes.append("complete")
    except RuntimeError as exc:
        assert "worker process died" in str(exc) and "signal 9" in str(exc), exc
        outcomes.append("stopped")
print(" ".join(outcomes))
"""


@pytest.mark.parametrize("mode,runs", [("random", 6), ("lock", 1)])
def test_kill_9_of_a_worker_ends_the_run_never_hangs(mode, runs, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "kill.py"
    script.write_text(_KILL_SCRIPT.format(tests=str(Path(__file__).parent)), encoding="utf-8")
    # the failure mode is a hang: a process timeout (generous, the machine may be busy), not a timing assertion
    run = subprocess.run([sys.executable, str(script), mode, str(runs)], capture_output=True, text=True,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    outcomes = run.stdout.split()
    assert len(outcomes) == runs and set(outcomes) <= {"complete", "stopped"}
    if mode == "lock":
        assert outcomes == ["stopped"]


def test_worker_errors_reach_the_caller():
    bad = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "text": ["x. y."] * 4})
    with pytest.raises(Exception):  # noqa: B017 - whatever the step raises, it must not be swallowed
        stance(bad, targets=None, n_jobs=2)


# ------------------------------------------------------------------------------------------------ Dask
@pytest.fixture(scope="module")
def client():
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None, silence_logs=40)
    cl = distributed.Client(cluster)
    yield cl
    cl.close()
    cluster.close()


def _same(ddf, expected: pd.DataFrame, name: str) -> None:
    got = ddf.compute().reset_index(drop=True)
    # the declared types (meta) are the types that come back, and the types pandas gives
    assert dict(ddf.dtypes.astype(str)) == dict(expected.dtypes.astype(str)), name
    pd.testing.assert_frame_equal(got, expected, obj=name)


def test_dask_local_cluster_equals_pandas(arts, client):
    import dask.dataframe as dd

    assert len(client.scheduler_info()["workers"]) == 2
    expected = _steps(arts, 1)
    ddf = dd.from_pandas(arts, npartitions=4)
    sents = sentences(ddf)
    assert isinstance(sents, dd.DataFrame)
    _same(sents, expected["sentences"], "sentences")
    _same(quotes(ddf), expected["quotes"], "quotes")
    _same(sentiment(sents), expected["sentiment"], "sentiment")
    _same(sentiment(quotes(ddf)), expected["quote_sentiment"], "quote sentiment")
    _same(stance(sents, targets=TARGETS), expected["stance"], "stance")


def test_dask_empty_partitions_keep_declared_types(arts, client):
    import dask.dataframe as dd

    # partitions of empty texts only: every step yields no rows there, yet the types must hold
    texts = arts.assign(text=[t if i >= 20 else "" for i, t in enumerate(arts["text"])])
    ddf = dd.from_pandas(texts, npartitions=4)
    _same(sentences(ddf), sentences(texts), "sentences")
    _same(quotes(ddf), quotes(texts), "quotes")


# ------------------------------------------------------------------ long-lived workers (WorkerPool)
_POOL_KILL_SCRIPT = """
import os, random, signal, sys, threading, time
import multiprocessing as mp
from newslab._parallel import WorkerPool, WorkerDied
outcomes = []
for k in range(int(sys.argv[1])):
    def killer():  # kill -9 of a worker at a random moment: between tasks, mid-task, mid-message
        time.sleep(random.uniform(0.0, 0.3))
        for child in mp.active_children()[:1]:
            os.kill(child.pid, signal.SIGKILL)
    threading.Thread(target=killer, daemon=True).start()
    try:
        got = []
        with WorkerPool(2) as pool:
            todo = [("x" * 200_000, n) for n in range(40)]  # big tasks and results: messages span many writes
            while todo or pool.busy():
                while todo and pool.idle():
                    text, n = todo.pop()
                    pool.submit(n, str.upper, text)
                got += pool.results()
        assert sorted(n for n, _ in got) == list(range(40))
        outcomes.append("complete")
    except WorkerDied as exc:
        assert "worker process died" in str(exc) and "signal 9" in str(exc), exc
        outcomes.append("stopped")
    assert not mp.active_children()
print(" ".join(outcomes))
"""


def test_kill_9_of_a_pool_worker_ends_the_run_never_hangs(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "pool_kill.py"
    script.write_text(_POOL_KILL_SCRIPT, encoding="utf-8")
    # the failure mode is a hang: a process timeout (generous, the machine may be busy), not a timing assertion
    run = subprocess.run([sys.executable, str(script), "6"], capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    outcomes = run.stdout.split()
    assert len(outcomes) == 6 and set(outcomes) <= {"complete", "stopped"}


def _raise_on(n: int) -> int:
    if n == 3:
        raise ValueError("task 3 cannot be done")
    return n * n


def test_a_pool_task_error_reaches_the_caller_and_stops_the_workers():
    procs = []
    with pytest.raises(ValueError, match="task 3 cannot be done"), _parallel.WorkerPool(2) as pool:
        procs += pool.workers.values()
        got = []
        todo = list(range(6))
        while todo or pool.busy():
            while todo and pool.idle():
                n = todo.pop(0)
                pool.submit(n, _raise_on, n)
            got += pool.results()
    assert len(procs) == 2 and not any(p.is_alive() for p in procs)  # (the Dask fixture's workers may live on)
    with _parallel.WorkerPool(2) as pool:  # and a clean pool returns every result under its key
        procs = list(pool.workers.values())
        for n in (4, 5):
            pool.submit(n, _raise_on, n)
        got = pool.results() + pool.results()
    assert sorted(got) == [(4, 16), (5, 25)] and not any(p.is_alive() for p in procs)
