"""Run a row-wise pipeline step on several cores, or partition-wise on a Dask DataFrame.

Every corpus step (``sentences``, ``quotes``, ``sentiment``, ``stance``) treats its input rows
independently, so a corpus can be cut into contiguous chunks, each chunk processed anywhere, and
the results concatenated in order: the output is identical to a single-process run.
"""
from __future__ import annotations

import functools
import importlib
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])


def _is_dask(obj: Any) -> bool:
    return type(obj).__module__.startswith("dask")


def _call_raw(module: str, name: str, chunk: pd.DataFrame, args: tuple, kwargs: dict) -> pd.DataFrame:
    # Looked up by name in the worker so that only the chunk and the arguments are pickled.
    func = getattr(importlib.import_module(module), name).__wrapped__
    return func(chunk, *args, **kwargs)


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


def corpus_step(func: F) -> F:
    """Give a row-wise DataFrame -> DataFrame step an ``n_jobs`` argument and Dask support.

    With a pandas DataFrame and ``n_jobs > 1`` the rows are cut into contiguous chunks and run in
    worker processes; with a Dask DataFrame the step runs once per partition and a Dask DataFrame
    comes back (column types taken from running the step on the partition's sample).
    """

    @functools.wraps(func)
    def wrapper(df: Any, *args: Any, n_jobs: int | None = 1, **kwargs: Any) -> Any:
        if _is_dask(df):
            return _dask_map(func, df, args, kwargs)
        jobs = resolve_jobs(n_jobs)
        if jobs <= 1 or not isinstance(df, pd.DataFrame) or len(df) < 2 * jobs:
            return func(df, *args, **kwargs)
        n_chunks = min(len(df), jobs * 4)  # a few chunks per worker evens out long articles
        bounds = [round(i * len(df) / n_chunks) for i in range(n_chunks + 1)]
        chunks = [df.iloc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context()) as pool:
            parts = list(pool.map(_call_raw, [func.__module__] * len(chunks), [func.__name__] * len(chunks),
                                  chunks, [args] * len(chunks), [kwargs] * len(chunks)))
        out = pd.concat(parts, ignore_index=True)
        out.attrs.update(parts[0].attrs if parts else {})
        return out

    return wrapper  # type: ignore[return-value]


def _dask_map(func: Callable[..., pd.DataFrame], ddf: Any, args: tuple, kwargs: dict) -> Any:
    sample = ddf._meta_nonempty
    meta = func(sample, *args, **kwargs).iloc[:0]
    return ddf.map_partitions(func, *args, meta=meta, **kwargs)
