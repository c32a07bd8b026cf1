"""Run a row-wise pipeline step on several cores, or partition-wise on a Dask DataFrame.

Every corpus step (``sentences``, ``quotes``, ``sentiment``, ``stance``) treats its input rows
independently, so a corpus can be cut into contiguous chunks, each chunk processed anywhere, and
the results concatenated in order: the output is identical to a single-process run.

How the local path stays cheap (measured in ``benchmarks/run.py``):

- the rows are cut into many small chunks (``CHUNKS_PER_JOB`` per job) of about equal text length,
  and every process, the calling one included, claims the next chunk from one shared counter when
  it is free: no chunk waits behind a busy process while another idles, so both cores work to the end;
- with the ``fork`` start method the input frame is not pickled at all: ``n_jobs - 1`` forked workers
  inherit it; only their results travel back, through a queue the parent reads between its own
  chunks; the parent's own share (about 1/n_jobs) is never pickled;
- tiny inputs, and fast steps (timed on the first 1% of the text), run in-process, where starting
  workers would cost more than it saves;
- a chunk in which a column is all missing gets pandas' ``object`` dtype where the corpus has
  ``str``; such parts are cast before concatenation, so the result equals the one-process result.

What a bad article or a dead worker costs:

- an article on which the step raises is left out and reported (a :class:`FailedArticleWarning`
  and ``result.attrs["failed"]``: row, article id, error); the other articles go on, in one process
  or many. A chunk that raises is re-run one row at a time to find the culprit. An error that is
  not about an article (a missing column, a bad argument: the step raises on zero rows too), or one
  that every article hits, is raised as before;
- each worker sends its results through a pipe of its own, whose write end only it holds: when it
  dies (``kill -9``, the out-of-memory killer) the parent reads end-of-file, not a hang, and stops
  the run with a message naming the signal. (A shared ``multiprocessing.Queue`` hung: the parent
  held a write end itself, so a worker killed mid-message left it waiting for bytes forever.)
"""
from __future__ import annotations

import functools
import gc
import importlib
import itertools
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import wait as _wait_ready
from typing import Any, TypeVar

import numpy as np
import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])
Failure = dict[str, Any]  # one article a step failed on: row, article_id, error (+ the exception)

__all__ = ["FailedArticleWarning", "WorkerDied", "WorkerPool", "chunk_bounds", "conform", "corpus_step", "infer_meta", "resolve_jobs"]


class FailedArticleWarning(UserWarning):
    """A step raised on some articles; they were left out, listed in ``result.attrs["failed"]``."""


class WorkerDied(RuntimeError):
    """A worker process died (``kill -9``, the out-of-memory killer) before returning its rows."""

#: Below this many characters of text a step runs in-process: forking costs more than it saves.
MIN_PARALLEL_CHARS = 20_000
#: Chunks per job, handed out one at a time to whichever process is free: many small chunks keep
#: every core busy to the end (with 4 per job a process often idled for a whole chunk at the end);
#: per-chunk overhead (a slice, a call, one pickled result) is a few milliseconds.
CHUNKS_PER_JOB = 16
#: Share of the text run in-process first to time the step (see _run_local).
PROBE_SHARE = 0.01
#: A step projected to take less than this (seconds, in one process) is not parallelised.
MIN_PARALLEL_SECONDS = 1.0

# A realistic sample text for Dask meta: it yields sentences, quotes, a speaker, a title and targets,
# so the step's output column types come from real rows, not from an empty frame.
_SAMPLE_TEXT = (
    "Kremlin Spokesperson Dmitry Peskov said on Monday that Russia would \u201ccontinue to develop close "
    "relations\u201d with North Korea. \"We see no point in commenting,\" he said. The United States, "
    "Japan and South Korea condemned the deliveries, officials said.\n"
    "According to the minister, the talks failed. Critics praised China but condemned Iran."
)


def _is_dask(obj: Any) -> bool:
    return type(obj).__module__.startswith("dask")


def _raw(module: str, name: str) -> Callable[..., pd.DataFrame]:
    # Looked up by name in the worker so that only names, chunks and arguments are pickled.
    func = getattr(importlib.import_module(module), name)
    return getattr(func, "__wrapped__", func)


def call_named(module: str, name: str, *args: Any) -> Any:
    """``module.name(*args)``, the function looked up where the call runs.

    A task handed to :class:`WorkerPool` travels pickled, and a function pickles as a reference
    to its module: one defined in a script run as ``__main__`` under a profiler or ``runpy``
    (``python -m cProfile -m newslab.cli ...``) is not found there by that name; by its module's
    import name it is.

    Examples:
        >>> call_named("os.path", "join", "a", "b")
        'a/b'
    """
    return getattr(importlib.import_module(module), name)(*args)


def _call_raw(module: str, name: str, chunk: pd.DataFrame, args: tuple, kwargs: dict,
              start: int = 0) -> tuple[pd.DataFrame, list[Failure]]:
    out, failed = _isolated(_raw(module, name), chunk, args, kwargs, start)
    return out, [_portable(f) for f in failed]


def _isolated(func: Callable[..., pd.DataFrame], chunk: pd.DataFrame, args: tuple, kwargs: dict,
              start: int = 0) -> tuple[pd.DataFrame, list[Failure]]:
    """``func(chunk)``, and when it raises, the chunk again one row at a time without the rows that raise.

    Returns the result and the failures (``row`` = ``start`` + position in ``chunk``). An error the
    step also raises on zero rows is a usage error, not a bad article: it is raised.

    Examples:
        >>> def first_word(df):
        ...     return pd.DataFrame({"w": [t.split()[0] for t in df["text"]]})
        >>> out, failed = _isolated(first_word, pd.DataFrame({"text": ["Talks resume", "", "Storm hits"]}), (), {})
        >>> out["w"].tolist(), failed[0]["row"], failed[0]["error"]
        (['Talks', 'Storm'], 1, 'IndexError: list index out of range')
    """
    try:
        return func(chunk, *args, **kwargs), []
    except Exception as exc:  # noqa: BLE001 - any error of one article; usage errors re-raised below
        first = exc
    try:
        empty = func(chunk.iloc[:0], *args, **kwargs)
    except Exception:  # noqa: BLE001
        raise first from None
    parts, failed = [], []
    for k in range(len(chunk)):
        try:
            parts.append(func(chunk.iloc[k:k + 1], *args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - recorded, shown to the user, the rest goes on
            aid = chunk["article_id"].iloc[k] if "article_id" in chunk.columns else None
            failed.append({"row": start + k, "article_id": None if aid is None else str(aid),
                           "error": f"{type(exc).__name__}: {exc}", "exception": exc})
    return (_concat(parts) if parts else empty), failed


def _portable(failure: Failure) -> Failure:
    return {**failure, "exception": _picklable(failure["exception"])}


def _report(out: Any, failed: list[Failure], name: str, n_rows: int) -> Any:
    """Attach failures to the result and warn; raise when every row failed (a broken step, not bad data)."""
    if not failed:
        return out
    if len(failed) == n_rows and n_rows > 1:
        raise failed[0]["exception"]
    shown = "; ".join(f"{f['article_id'] or 'row ' + str(f['row'])} ({f['error'][:200]})" for f in failed[:3])
    more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
    warnings.warn(f"newslab.{name}: {len(failed)} of {n_rows} rows raised an error and were left out, the rest "
                  f"went on (listed in .attrs['failed']): {shown}{more}", FailedArticleWarning, stacklevel=3)
    out.attrs["failed"] = [{"step": name, **{k: v for k, v in f.items() if k != "exception"}} for f in failed]
    return out


def resolve_jobs(n_jobs: int | None) -> int:
    """``None`` or ``1`` -> 1; ``-1`` -> every core; ``n`` -> n.

    Examples:
        >>> resolve_jobs(1)
        1
        >>> resolve_jobs(-1) == (os.cpu_count() or 1)
        True
    """
    if n_jobs is None or n_jobs == 0:
        return 1
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return int(n_jobs)


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with newslab already imported; spawn where fork is absent.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _text_lengths(df: pd.DataFrame) -> np.ndarray:
    """Characters per row over its text-like columns: the work a row costs, roughly."""
    if "text" not in df.columns:
        return np.ones(len(df), dtype=np.int64)
    lengths = df["text"].astype(object).map(lambda t: len(t) if isinstance(t, str) else 0)
    return lengths.to_numpy(dtype=np.int64) + 1


def chunk_bounds(costs: np.ndarray, n_chunks: int) -> list[tuple[int, int]]:
    """Contiguous ``(start, stop)`` row ranges with about equal total cost each, in order.

    Examples:
        >>> chunk_bounds(np.array([1, 1, 1, 1]), 2)
        [(0, 2), (2, 4)]
        >>> chunk_bounds(np.array([10, 1, 1, 1, 1]), 2)
        [(0, 1), (1, 5)]
        >>> chunk_bounds(np.array([], dtype=int), 3)
        []
    """
    n = len(costs)
    if n == 0:
        return []
    n_chunks = max(1, min(n, n_chunks))
    cum = np.cumsum(costs, dtype=np.float64)
    targets = cum[-1] * np.arange(1, n_chunks) / n_chunks
    cuts = np.searchsorted(cum, targets, side="left") + 1  # first row after the cumulative target
    edges = sorted({0, n, *(int(min(max(c, 1), n - 1)) for c in cuts)})
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _harmonise(parts: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Cast a part's ``object`` column to the one dtype the other parts agree on, where it fits.

    A chunk in which a text column is all missing gets ``object`` from pandas, the rest of the
    corpus ``str``; concatenated that would be ``object``, where the one-process run (one call over
    every row) infers ``str``. Casting the odd part first gives the one-process dtype.

    Examples:
        >>> a = pd.DataFrame({"role": ["minister"]}); b = pd.DataFrame({"role": pd.Series([None], dtype=object)})
        >>> [str(p["role"].dtype) for p in _harmonise([a, b])] == [str(a["role"].dtype)] * 2
        True
    """
    if len(parts) < 2:
        return parts
    parts = list(parts)
    for col in parts[0].columns:
        kinds = {p[col].dtype for p in parts if col in p.columns}
        if len(kinds) < 2 or np.dtype(object) not in kinds:
            continue
        others = kinds - {np.dtype(object)}
        if len(others) != 1:
            continue
        target = others.pop()
        for k, p in enumerate(parts):
            if col in p.columns and p[col].dtype == object:
                try:
                    parts[k] = p.assign(**{col: p[col].astype(target)})
                except (TypeError, ValueError):  # values that do not fit: leave pandas' own result
                    pass
    return parts


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    nonempty = _harmonise([p for p in parts if len(p)]) or parts[:1]
    out = pd.concat(nonempty, ignore_index=True) if len(nonempty) > 1 else nonempty[0].reset_index(drop=True)
    out.attrs.update(parts[0].attrs if parts else {})
    return out


def _run_local(func: Callable[..., pd.DataFrame], df: pd.DataFrame, jobs: int, args: tuple,
               kwargs: dict) -> tuple[pd.DataFrame, list[Failure]]:
    costs = _text_lengths(df)
    if len(df) < 2 * jobs or costs.sum() < MIN_PARALLEL_CHARS:
        return _isolated(func, df, args, kwargs)
    # Probe: run the first ~PROBE_SHARE of the text here and time it. A step that will finish in
    # well under a second (sentence splitting does megabytes per second) is not worth starting
    # workers for; a slow one goes parallel for the rest, having lost only the probe's share.
    cum = np.cumsum(costs)
    cut = int(np.searchsorted(cum, cum[-1] * PROBE_SHARE, side="right")) + 1
    cut = min(max(cut, 1), len(df) - 2 * jobs) if len(df) > 2 * jobs else 0
    head: list[pd.DataFrame] = []
    failed: list[Failure] = []
    if cut > 0:
        t0 = time.perf_counter()
        first, failed = _isolated(func, df.iloc[:cut], args, kwargs)
        head = [first]
        projected = (time.perf_counter() - t0) * cum[-1] / max(cum[cut - 1], 1)
        if projected < MIN_PARALLEL_SECONDS:
            rest, more = _isolated(func, df.iloc[cut:], args, kwargs, cut)
            return _concat([*head, rest]), failed + more
        df, costs = df.iloc[cut:], costs[cut:]
    rest, more = _run_pool(func, df, costs, jobs, args, kwargs, cut)
    return _concat([*head, rest]), failed + more


def _share_work(func: Callable[..., pd.DataFrame], df: pd.DataFrame, bounds: list[tuple[int, int]],
                futures: list[Any], args: tuple, kwargs: dict,
                offset: int = 0) -> list[tuple[pd.DataFrame, list[Failure]]]:
    """Results of every chunk, in order; the parent takes chunks from the end no worker has started."""
    parts: list[tuple[pd.DataFrame, list[Failure]] | None] = [None] * len(bounds)
    for i in range(len(bounds) - 1, -1, -1):
        if not futures[i].cancel():  # a worker has it (and, in order, every chunk before it)
            break
        a, b = bounds[i]
        parts[i] = _isolated(func, df.iloc[a:b], args, kwargs, offset + a)
    return [p if p is not None else f.result() for p, f in zip(parts, futures)]


def _claim(counter: Any, n: int, check: Callable[[], None] | None = None) -> int | None:
    """The next unclaimed chunk index (shared by the parent and every worker), or None when all are taken.

    ``check`` runs while the lock is busy: a worker killed while holding it never releases it, and
    ``check`` raises when a worker has died, instead of waiting forever.
    """
    lock = counter.get_lock()
    while not lock.acquire(timeout=0.5):
        if check is not None:
            check()
    try:
        i = counter.value
        if i >= n:
            return None
        counter.value = i + 1
        return i
    finally:
        lock.release()


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.dumps(exc)
        return exc
    except Exception:  # noqa: BLE001 - an exception that cannot travel: keep its type name and message
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _fork_worker(func: Callable[..., pd.DataFrame], df: pd.DataFrame, bounds: list[tuple[int, int]],
                 args: tuple, kwargs: dict, counter: Any, conn: Any, offset: int) -> None:
    # Runs in a forked child: df, func and arguments are inherited, never pickled. Claims chunks from
    # the shared counter until none are left; a thread sends each result through this worker's own
    # pipe while the next chunk runs.
    outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def send() -> None:
        while (item := outbox.get()) is not None:
            conn.send(item)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        while (i := _claim(counter, len(bounds))) is not None:
            a, b = bounds[i]
            try:
                out, failed = _isolated(func, df.iloc[a:b], args, kwargs, offset + a)
            except BaseException as exc:  # noqa: BLE001 - whatever it is, the caller must see it
                outbox.put((i, None, [], _picklable(exc)))
                return
            outbox.put((i, out, [_portable(f) for f in failed], None))
    finally:
        outbox.put(None)
        sender.join()
        conn.close()


def _death(worker: Any) -> WorkerDied:
    code = worker.exitcode
    for _ in range(20):
        if code is not None:
            break
        # Another thread's multiprocessing.active_children() (or Process.start()) may have reaped the
        # dead worker the same moment: our waitpid then finds no child and reads None, while the status
        # lands in the shared Popen an instant later. Read it again rather than report "exit code None".
        worker.join(0.05)
        code = worker.exitcode
    if code is not None and code < 0:
        try:
            how = f"killed by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            how = f"killed by signal {-code}"
        if -code == signal.SIGKILL:
            how += ": the out-of-memory killer, or kill -9"
    else:
        how = f"exit code {code}"
    return WorkerDied(f"newslab: a worker process died ({how}) before returning its rows; the run was "
                        f"stopped rather than left incomplete. Run again; with n_jobs=1 (--jobs 1) every "
                        f"article runs in this process, where an error names the article.")


def _run_forked(func: Callable[..., pd.DataFrame], df: pd.DataFrame, bounds: list[tuple[int, int]], jobs: int,
                args: tuple, kwargs: dict, ctx: Any, offset: int = 0) -> tuple[list[pd.DataFrame], list[Failure]]:
    """Every chunk's result, in order: jobs - 1 forked workers and the parent pull from one counter.

    Dynamic assignment of many small chunks keeps both cores busy to the end (no chunk is queued
    behind a busy worker while another process idles); the parent's own results need no pickling,
    and it unpickles the workers' results between its chunks, so little is left for the end.
    """
    n = len(bounds)
    counter = ctx.Value("l", 0)
    parts: list[pd.DataFrame | None] = [None] * n
    failed: list[Failure] = []
    workers: dict[Any, Any] = {}  # the parent's read end of each worker's pipe -> the worker

    def check() -> None:
        for w in workers.values():
            if w.exitcode not in (None, 0):
                raise _death(w)

    def receive(timeout: float) -> int:
        got = 0
        ready: list[Any] = _wait_ready(list(workers), timeout)
        for conn in ready:
            try:
                i, out, lost, exc = conn.recv()
            except (EOFError, OSError):  # the worker is gone: done, or died (mid-message too)
                w = workers.pop(conn)
                conn.close()
                w.join(10)
                if w.exitcode != 0:
                    raise _death(w) from None
                continue
            if exc is not None:
                raise exc
            parts[i] = out
            failed.extend(lost)
            got += 1
        return got

    # Objects the parent holds stay out of the workers' garbage collections, so the workers do not
    # write to (and copy) every inherited memory page (the CPython docs' advice for fork).
    gc.freeze()
    done = 0
    procs = []
    try:
        for _ in range(jobs - 1):
            reader, writer = ctx.Pipe(duplex=False)
            w = ctx.Process(target=_fork_worker, args=(func, df, bounds, args, kwargs, counter, writer, offset),
                            daemon=True)
            w.start()
            writer.close()  # only the worker holds the write end: its death reads as end-of-file here
            workers[reader] = w
            procs.append(w)
        while (i := _claim(counter, n, check)) is not None:
            a, b = bounds[i]
            parts[i], lost = _isolated(func, df.iloc[a:b], args, kwargs, offset + a)
            failed.extend(lost)
            done += 1 + receive(0)
        while done < n:
            if not workers:
                raise RuntimeError(f"newslab: worker processes ended with {n - done} chunk(s) of rows missing")
            done += receive(0.5)
    finally:
        for w in procs:
            if w.is_alive() and done < n:  # an error ended the run early: stop the others now
                w.terminate()
            w.join()
        for conn in workers:
            conn.close()
        gc.unfreeze()
    return parts, failed  # type: ignore[return-value]


def _run_pool(func: Callable[..., pd.DataFrame], df: pd.DataFrame, costs: np.ndarray, jobs: int, args: tuple,
              kwargs: dict, offset: int = 0) -> tuple[pd.DataFrame, list[Failure]]:
    bounds = chunk_bounds(costs, jobs * CHUNKS_PER_JOB)
    ctx = _mp_context()
    if ctx.get_start_method() == "fork":
        parts, failed = _run_forked(func, df, bounds, jobs, args, kwargs, ctx, offset)
        return _concat(parts), failed
    # spawn: workers start empty, so the chunks themselves must travel; the parent works too
    mod, name = func.__module__, func.__name__
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool:
        futures = [pool.submit(_call_raw, mod, name, df.iloc[a:b], args, kwargs, offset + a) for a, b in bounds]
        results = _share_work(func, df, bounds, futures, args, kwargs, offset)
    return _concat([r[0] for r in results]), [f for r in results for f in r[1]]


def corpus_step(func: F | None = None, *, meta: Mapping[str, Any] | None = None) -> Any:
    """Give a row-wise DataFrame -> DataFrame step an ``n_jobs`` argument and Dask support.

    With a pandas DataFrame and ``n_jobs > 1`` the rows are cut into contiguous chunks of about equal
    text length and run in worker processes; the result equals the one-process result. With a Dask
    DataFrame the step runs once per partition and a Dask DataFrame comes back, whose column types
    come from running the step on a realistic sample (or from ``meta``, column -> dtype, when the
    step declares them: ``@corpus_step(meta={...})``); every partition's output is cast to them, so
    an empty partition does not turn an int column into ``object``.

    Examples:
        >>> @corpus_step
        ... def lengths(df):
        ...     return pd.DataFrame({"n": df["text"].str.len().astype("int64")})
        >>> lengths(pd.DataFrame({"text": ["ab", "c"]}), n_jobs=2)["n"].tolist()
        [2, 1]
    """
    if func is None:
        return lambda f: corpus_step(f, meta=meta)

    @functools.wraps(func)
    def wrapper(df: Any, *args: Any, n_jobs: int | None = 1, **kwargs: Any) -> Any:
        if _is_dask(df):
            return _dask_map(func, df, args, kwargs, meta)
        jobs = resolve_jobs(n_jobs)
        if not isinstance(df, pd.DataFrame):
            return func(df, *args, **kwargs)
        if jobs <= 1:
            out, failed = _isolated(func, df, args, kwargs)
        else:
            out, failed = _run_local(func, df, jobs, args, kwargs)
        return _report(out, failed, func.__name__, len(df))

    wrapper.__newslab_meta__ = meta  # type: ignore[attr-defined]
    return wrapper


# --------------------------------------------------------------------------------------------- Dask
def _sample(ddf: Any) -> pd.DataFrame:
    """Dask's non-empty fake partition, with a real news text in ``text`` so steps yield rows."""
    sample = ddf._meta_nonempty.copy()
    if "text" in sample.columns:
        sample["text"] = pd.Series([_SAMPLE_TEXT] * len(sample), index=sample.index,
                                   dtype=sample["text"].dtype if sample["text"].dtype != object else object)
    for col in ("article_id", "title", "source"):
        if col in sample.columns and sample[col].dtype != object:
            sample[col] = pd.Series([f"{col}-{i}" for i in range(len(sample))], index=sample.index,
                                    dtype=sample[col].dtype)
    return sample


def _string_like(values: pd.Series) -> bool:
    vals = [v for v in values if v is not None and not (isinstance(v, float) and np.isnan(v)) and v is not pd.NA]
    return bool(vals) and all(isinstance(v, str) for v in vals)


def infer_meta(func: Callable[..., pd.DataFrame], sample: pd.DataFrame, args: tuple = (),
               kwargs: Mapping[str, Any] | None = None, declared: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The empty output frame (column names and dtypes) of ``func`` on ``sample``.

    Object columns that hold only strings get pandas' default string dtype (what pandas itself
    gives a column of Python strings), so ``ddf.compute()`` has the types of the pandas result.

    Examples:
        >>> f = lambda df: pd.DataFrame({"a": pd.Series(["x"], dtype=object), "n": [1]})
        >>> infer_meta(f, pd.DataFrame({"text": ["t"]})).dtypes.astype(str).tolist()
        ['str', 'int64']
    """
    out = func(sample, *args, **dict(kwargs or {}))
    meta = out.iloc[:0].copy()
    str_dtype = pd.Series(["x"]).dtype  # "str" on pandas 3, object on pandas 2
    for col in meta.columns:
        if out[col].dtype == object and _string_like(out[col]) and str_dtype != object:
            meta[col] = meta[col].astype(str_dtype)
    for col, dtype in (declared or {}).items():
        if col in meta.columns:
            meta[col] = meta[col].astype(dtype)
    return meta


def conform(df: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Cast ``df``'s columns to ``meta``'s dtypes where they differ (e.g. an empty partition's objects).

    Examples:
        >>> meta = pd.DataFrame({"n": pd.Series([], dtype="int64")})
        >>> conform(pd.DataFrame({"n": pd.Series([], dtype=object)}), meta)["n"].dtype
        dtype('int64')
    """
    fixes = {}
    for col, dtype in meta.dtypes.items():
        if col in df.columns and df[col].dtype != dtype:
            try:
                fixes[col] = df[col].astype(dtype)
            except (TypeError, ValueError):  # leave it: better a dtype mismatch than lost values
                pass
    return df.assign(**fixes) if fixes else df


def _partition(part: pd.DataFrame, module: str, name: str, args: tuple, kwargs: dict,
               meta: pd.DataFrame) -> pd.DataFrame:
    # Module-level and looked up by name, so Dask pickles a reference, not the function's globals.
    out, failed = _isolated(_raw(module, name), part, args, kwargs)
    return conform(_report(out, failed, name, len(part)), meta)


def _dask_map(func: Callable[..., pd.DataFrame], ddf: Any, args: tuple, kwargs: dict,
              declared: Mapping[str, Any] | None) -> Any:
    meta = infer_meta(func, _sample(ddf), args, kwargs, declared)
    return ddf.map_partitions(_partition, func.__module__, func.__name__, args, kwargs, meta,
                              meta=meta, align_dataframes=False, enforce_metadata=False)


# ------------------------------------------------------------------------------ long-lived workers
def _pool_worker(conn: Any) -> None:
    # Runs in a worker of WorkerPool: takes (key, function, arguments) from its pipe until None or
    # end-of-file, and sends back (key, result, error). Ctrl-C is the parent's to handle: it stops
    # the workers itself, so a worker never dies half-way through sending on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            key, func, args = task
            try:
                value, exc = func(*args), None
            except BaseException as err:  # noqa: BLE001 - whatever it is, the caller must see it
                value, exc = None, _picklable(err)
            conn.send((key, value, exc))
    finally:
        conn.close()


class WorkerPool:
    """``jobs`` long-lived worker processes, each running whole tasks (a function and its arguments).

    Each worker has a pipe of its own whose worker end only it holds, so a worker that dies
    (``kill -9``, the out-of-memory killer) reads as end-of-file here: :meth:`results` raises a
    ``RuntimeError`` naming the signal instead of waiting forever (as ``corpus_step``'s workers do).
    An error a task raises is raised by :meth:`results`. Leaving the ``with`` block stops the workers.

    Examples:
        >>> with WorkerPool(2) as pool:
        ...     pool.submit("a", len, "four"); pool.submit("b", len, "six")
        ...     sorted(r for _ in range(2) for r in pool.results())
        [('a', 4), ('b', 3)]
    """

    def __init__(self, jobs: int) -> None:
        self.ctx = _mp_context()
        self.workers: dict[Any, Any] = {}  # the parent's end of each worker's pipe -> the worker
        self.free: list[Any] = []
        gc.freeze()  # inherited objects stay out of the workers' collections: fewer pages copied
        try:
            for _ in range(max(1, jobs)):
                mine, theirs = self.ctx.Pipe(duplex=True)
                w = self.ctx.Process(target=_pool_worker, args=(theirs,), daemon=True)
                w.start()
                theirs.close()  # only the worker holds its end: its death reads as end-of-file here
                self.workers[mine] = w
                self.free.append(mine)
        finally:
            gc.unfreeze()

    def __enter__(self) -> WorkerPool:  # noqa: PYI034 (typing.Self needs Python 3.11; 3.10 is supported)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(clean=exc[0] is None)

    def idle(self) -> int:
        """Workers waiting for a task."""
        return len(self.free)

    def busy(self) -> int:
        """Tasks submitted and not yet returned by :meth:`results`."""
        return len(self.workers) - len(self.free)

    def submit(self, key: Any, func: Callable[..., Any], *args: Any) -> None:
        """Hand ``func(*args)`` to an idle worker (there must be one); its result comes back under ``key``."""
        conn = self.free.pop()
        try:
            conn.send((key, func, args))
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            raise self._dead(conn) from None

    def results(self, timeout: float | None = None) -> list[tuple[Any, Any]]:
        """(key, result) of the tasks finished, waiting up to ``timeout`` seconds (None: until one is)."""
        busy = [c for c in self.workers if c not in self.free]
        out = []
        for conn in _wait_ready(busy, timeout) if busy else []:
            try:
                key, value, exc = conn.recv()
            except (EOFError, OSError):  # the worker is gone (mid-message too): never a hang
                raise self._dead(conn) from None
            self.free.append(conn)
            if exc is not None:
                raise exc
            out.append((key, value))
        return out

    def run(self, tasks: Iterable[tuple[Any, Callable[..., Any], tuple]]) -> Iterator[tuple[Any, Any]]:
        """(key, result) of every task ``(key, func, args)``, in the order they finish.

        A task is taken from ``tasks`` only when a worker is idle, so a generator of tasks is read
        while the workers work (never more than one task ahead of them).

        Examples:
            >>> with WorkerPool(2) as pool:
            ...     sorted(pool.run((w, len, (w,)) for w in ["four", "six", "seventy"]))
            [('four', 4), ('seventy', 7), ('six', 3)]
        """
        tasks = iter(tasks)
        task = next(tasks, None)
        while task is not None or self.busy():
            while task is not None and self.idle():
                key, func, args = task
                self.submit(key, func, *args)
                task = next(tasks, None)
            yield from self.results()

    def _dead(self, conn: Any) -> WorkerDied:
        w = self.workers.pop(conn)
        conn.close()
        w.join(10)
        return _death(w)

    def close(self, clean: bool = True) -> None:
        """Stop the workers: ask them to end after a clean run, terminate them after an error."""
        for conn, w in self.workers.items():
            if clean and conn in self.free:
                try:
                    conn.send(None)
                except OSError:
                    pass
            else:
                w.terminate()
        for conn, w in self.workers.items():
            w.join(10)
            if w.is_alive():
                w.kill()
                w.join()
            conn.close()
        self.workers, self.free = {}, []
