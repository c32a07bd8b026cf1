"""Run a row-wise pipeline step on several cores, or partition-wise on a Dask DataFrame.

Every corpus step (``sentences``, ``quotes``, ``sentiment``, ``stance``) treats its input rows
independently, so a corpus can be cut into contiguous chunks, each chunk processed anywhere, and
the results concatenated in order: the output is identical to a single-process run.

How the local path stays cheap (measured in ``benchmarks/run.py``):

- chunks are balanced by text length, not row count, so one long article does not leave a core idle;
- with the ``fork`` start method the input frame is not pickled at all: workers inherit it and
  receive only ``(start, stop)`` row bounds; only the (smaller) results travel back;
- ``n_jobs=N`` starts N - 1 workers and the calling process works too, taking the chunks at the far
  end of the queue that no worker has started (one fork fewer; its share is never pickled);
- tiny inputs, and fast steps (timed on the first 2% of the text), run in-process, where starting
  workers would cost more than it saves.
"""
from __future__ import annotations

import functools
import gc
import importlib
import itertools
import multiprocessing
import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import numpy as np
import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])

#: Below this many characters of text a step runs in-process: forking costs more than it saves.
MIN_PARALLEL_CHARS = 20_000
#: Chunks per worker: enough to even out uneven articles, few enough to keep per-chunk overhead low.
CHUNKS_PER_JOB = 4
#: Share of the text run in-process first to time the step (see _run_local).
PROBE_SHARE = 0.02
#: A step projected to take less than this (seconds, in one process) is not parallelised.
MIN_PARALLEL_SECONDS = 1.0

# Inputs handed to forked workers by inheritance (token -> frame); see _run_inherited.
_INHERITED: dict[int, tuple[pd.DataFrame, tuple, dict]] = {}
_TOKENS = itertools.count()

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


def _call_raw(module: str, name: str, chunk: pd.DataFrame, args: tuple, kwargs: dict) -> pd.DataFrame:
    return _raw(module, name)(chunk, *args, **kwargs)


def _run_inherited(module: str, name: str, token: int, start: int, stop: int) -> pd.DataFrame:
    # Forked workers see the parent's _INHERITED as it was at fork time: no input pickling at all.
    df, args, kwargs = _INHERITED[token]
    return _raw(module, name)(df.iloc[start:stop], *args, **kwargs)


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


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    nonempty = [p for p in parts if len(p)] or parts[:1]
    out = pd.concat(nonempty, ignore_index=True) if len(nonempty) > 1 else nonempty[0].reset_index(drop=True)
    out.attrs.update(parts[0].attrs if parts else {})
    return out


def _run_local(func: Callable[..., pd.DataFrame], df: pd.DataFrame, jobs: int, args: tuple,
               kwargs: dict) -> pd.DataFrame:
    costs = _text_lengths(df)
    if len(df) < 2 * jobs or costs.sum() < MIN_PARALLEL_CHARS:
        return func(df, *args, **kwargs)
    # Probe: run the first ~PROBE_SHARE of the text here and time it. A step that will finish in
    # well under a second (sentence splitting does megabytes per second) is not worth starting
    # workers for; a slow one goes parallel for the rest, having lost only the probe's share.
    cum = np.cumsum(costs)
    cut = int(np.searchsorted(cum, cum[-1] * PROBE_SHARE, side="right")) + 1
    cut = min(max(cut, 1), len(df) - 2 * jobs) if len(df) > 2 * jobs else 0
    head: list[pd.DataFrame] = []
    if cut > 0:
        t0 = time.perf_counter()
        head = [func(df.iloc[:cut], *args, **kwargs)]
        projected = (time.perf_counter() - t0) * cum[-1] / max(cum[cut - 1], 1)
        if projected < MIN_PARALLEL_SECONDS:
            return _concat([*head, func(df.iloc[cut:], *args, **kwargs)])
        df, costs = df.iloc[cut:], costs[cut:]
    return _concat([*head, _run_pool(func, df, costs, jobs, args, kwargs)])


def _share_work(func: Callable[..., pd.DataFrame], df: pd.DataFrame, bounds: list[tuple[int, int]],
                futures: list[Any], args: tuple, kwargs: dict) -> list[pd.DataFrame]:
    """Results of every chunk, in order; the parent takes chunks from the end no worker has started."""
    parts: list[pd.DataFrame | None] = [None] * len(bounds)
    for i in range(len(bounds) - 1, -1, -1):
        if not futures[i].cancel():  # a worker has it (and, in order, every chunk before it)
            break
        a, b = bounds[i]
        parts[i] = func(df.iloc[a:b], *args, **kwargs)
    return [p if p is not None else f.result() for p, f in zip(parts, futures)]


def _run_pool(func: Callable[..., pd.DataFrame], df: pd.DataFrame, costs: np.ndarray, jobs: int, args: tuple,
              kwargs: dict) -> pd.DataFrame:
    # jobs - 1 workers, and the parent works through the queue from its far end: one fork fewer,
    # and the parent's results need no pickling.
    bounds = chunk_bounds(costs, jobs * CHUNKS_PER_JOB)
    ctx = _mp_context()
    mod, name = func.__module__, func.__name__
    if ctx.get_start_method() == "fork":
        token = next(_TOKENS)
        _INHERITED[token] = (df, args, kwargs)
        # Objects the parent holds stay out of the workers' garbage collections, so the workers do
        # not write to (and copy) every inherited memory page (the CPython docs' advice for fork).
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool:
                futures = [pool.submit(_run_inherited, mod, name, token, a, b) for a, b in bounds]
                parts = _share_work(func, df, bounds, futures, args, kwargs)
        finally:
            gc.unfreeze()
            del _INHERITED[token]
    else:  # spawn: workers start empty, so the chunks themselves must travel
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool:
            futures = [pool.submit(_call_raw, mod, name, df.iloc[a:b], args, kwargs) for a, b in bounds]
            parts = _share_work(func, df, bounds, futures, args, kwargs)
    return _concat(parts)


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
        if jobs <= 1 or not isinstance(df, pd.DataFrame):
            return func(df, *args, **kwargs)
        return _run_local(func, df, jobs, args, kwargs)

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
    out = _raw(module, name)(part, *args, **kwargs)
    return conform(out, meta)


def _dask_map(func: Callable[..., pd.DataFrame], ddf: Any, args: tuple, kwargs: dict,
              declared: Mapping[str, Any] | None) -> Any:
    meta = infer_meta(func, _sample(ddf), args, kwargs, declared)
    return ddf.map_partitions(_partition, func.__module__, func.__name__, args, kwargs, meta,
                              meta=meta, align_dataframes=False, enforce_metadata=False)
