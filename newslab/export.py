"""Export tables to CSV and Parquet without losing anything, and read them back.

Parquet keeps types and list columns (``authors``, ``roles``...) natively; cells Arrow cannot store
as typed columns (dicts with varying keys, lists of mixed types) are stored as JSON text and the
Parquet file remembers which columns to decode, so :func:`read_parquet` gives back the same table.

CSV has no types, so list and dict cells are written as JSON, and text cells a spreadsheet would
execute as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return, as OWASP
lists for CSV injection) get a leading single quote, in every column that holds text (object,
string, categorical, Arrow) and in the header row, whose names may come from an input's field names.
Quotes are arbitrary text that journalists open in Excel; a quote that begins "=HYPERLINK(...)" must
stay text. The same quote, Excel's own mark for "this is text", keeps a text cell that a reader
would turn into something else: an id such as ``007`` (a number), ``True`` (a boolean) and the empty
string (a missing value, which is written as an empty cell). :func:`read_csv` undoes all of it.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["read_csv", "read_parquet", "to_csv", "to_parquet"]

# OWASP "CSV Injection": cells starting with these are interpreted as formulas by spreadsheets.
_FORMULA_START = frozenset("=+-@\t\r")
_META_KEY = b"newslab"
_NUMBER_START = frozenset("0123456789. iInNtTfF")  # what a number, inf, nan, true or false starts with


def _is_nested(value: Any) -> bool:
    return isinstance(value, (list, tuple, dict, np.ndarray))


def _plain(value: Any) -> Any:
    """A JSON-able Python value: numpy arrays and scalars become lists and numbers."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _json(value: Any) -> Any:
    if _is_nested(value):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def _nested_columns(df: pd.DataFrame) -> list[str]:
    """Object columns holding at least one list, tuple, dict or array cell."""
    out = []
    for name in df.columns:
        col = df[name]
        if col.dtype == object and any(_is_nested(v) for v in col):
            out.append(name)
    return out


def _guarded(rest: str) -> bool:
    """Text (after its leading quotes) that needs a ``'`` in CSV: a formula start, or text a CSV
    reader would not give back as this string (empty: missing; "007", "1e5", "True": typed)."""
    if not rest or rest[0] in _FORMULA_START:
        return True
    if rest[0] not in _NUMBER_START or len(rest) > 40:
        return False
    if rest.strip().lower() in ("true", "false"):
        return True
    try:
        float(rest)
    except ValueError:
        return False
    return True


def neutralise(value: Any) -> Any:
    """Prefix a text cell a spreadsheet would execute, or a reader would retype, with ``'``.

    Reversible (see :func:`restore`): a cell that already starts with quotes followed by such text
    gets one more quote, so that reading back removes exactly one and returns the original text.

    Examples:
        >>> neutralise("=SUM(A1:A9)"), neutralise("-5 degrees"), neutralise("He said")
        ("'=SUM(A1:A9)", "'-5 degrees", 'He said')
        >>> neutralise("'=x"), neutralise(42), neutralise("007"), neutralise(""), neutralise("'")
        ("''=x", 42, "'007", "'", "''")
    """
    if isinstance(value, str) and _guarded(value.lstrip("'")):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo :func:`neutralise`.

    Examples:
        >>> restore("'=SUM(A1:A9)"), restore("''=x"), restore("'quoted'"), restore("'007"), restore("'")
        ('=SUM(A1:A9)', "'=x", "'quoted'", '007', '')
    """
    if isinstance(value, str) and value.startswith("'") and _guarded(value.lstrip("'")):
        return value[1:]
    return value


def _holds_text(col: pd.Series) -> bool:
    """Columns whose cells may be str: object, pandas string, categorical, Arrow string/large_string."""
    dtype = col.dtype
    if dtype == object or isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype)):
        return True
    return isinstance(dtype, pd.ArrowDtype) and any(k in str(dtype) for k in ("string", "utf8", "dictionary"))


def to_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as UTF-8 CSV: lists and dicts as JSON, formula-like text neutralised.

    Args:
        df: any table (the index is not written).
        path: the file to write.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, os
        >>> df = pd.DataFrame({"text": ["=1+1", "fine"], "roles": [["Minister"], []]})
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = to_csv(df, os.path.join(d, "t.csv"))
        ...     print(open(p, encoding="utf-8").read().strip())
        ...     read_csv(p).equals(df)
        text,roles
        '=1+1,"[""Minister""]"
        fine,[]
        True
    """
    path = Path(path)
    out = df.copy()
    for name in out.columns:
        col = out[name]
        if _holds_text(col):
            out[name] = col.astype(object).map(lambda v: neutralise(_json(v)))
    # header names come from input field names too (a CSV export's "=cmd|..." column)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    # CRLF (RFC 4180) makes the csv writer quote cells holding a bare CR, which "\n" would not.
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n")
    return path


def _maybe_json_column(values: Sequence[Any]) -> list[Any] | None:
    """Decode a column whose every non-missing cell is a JSON list or object; else None."""
    decoded: list[Any] = []
    seen = False
    for v in values:
        if isinstance(v, str):
            s = v.lstrip()
            if not s or s[0] not in "[{":
                return None
            try:
                obj = json.loads(v)
            except ValueError:
                return None
            if not isinstance(obj, (list, dict)):
                return None
            decoded.append(obj)
            seen = True
        elif v is None or (isinstance(v, float) and np.isnan(v)):
            decoded.append(None)
        else:
            return None
    return decoded if seen else None


def read_csv(path: str | Path, json_columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Read a CSV written by :func:`to_csv`: JSON lists back to lists, neutralised text restored.

    Args:
        path: the CSV file.
        json_columns: columns to decode as JSON; by default every column whose non-empty cells
            are all JSON lists or objects.

    Returns:
        The table. Empty cells are missing values; strings such as "NA" stay strings.

    Examples:
        >>> import tempfile, os
        >>> df = pd.DataFrame({"speaker": ["-Ann", "Bo"], "n": [1, 2], "roles": [["a", "b"], ["c"]]})
        >>> with tempfile.TemporaryDirectory() as d:
        ...     back = read_csv(to_csv(df, os.path.join(d, "t.csv")))
        >>> back["speaker"].tolist(), back["roles"].tolist(), str(back["n"].dtype)
        (['-Ann', 'Bo'], [['a', 'b'], ['c']], 'int64')
    """
    df = pd.read_csv(path, keep_default_na=False, na_values=[""], encoding="utf-8")
    df.columns = [restore(c) for c in df.columns]
    wanted = None if json_columns is None else set(json_columns)
    for name in df.columns:
        col = df[name]
        if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            values = [restore(v) if isinstance(v, str) else v for v in col.astype(object)]
            decoded = None
            if wanted is None or name in wanted:
                decoded = _maybe_json_column(values)
            if decoded is not None:
                df[name] = pd.Series(decoded, index=df.index, dtype=object)
            else:
                df[name] = pd.Series(values, index=df.index, dtype=col.dtype)
    return df


def to_parquet(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as Parquet, keeping types and list columns (needs ``pyarrow``).

    Args:
        df: any table; list columns are stored as Arrow lists, cells Arrow cannot type (dicts,
            mixed lists) as JSON text that :func:`read_parquet` decodes.
        path: the file to write.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, os
        >>> df = pd.DataFrame({"speaker_name": ["Dmitry Peskov"], "roles": [["Kremlin Spokesperson"]],
        ...                    "n_quotes": [3], "extra": [{"k": 1}]})
        >>> with tempfile.TemporaryDirectory() as d:
        ...     back = read_parquet(to_parquet(df, os.path.join(d, "t.parquet")))
        >>> pd.testing.assert_frame_equal(back, df)
        >>> back["roles"][0], back["extra"][0]
        (['Kremlin Spokesperson'], {'k': 1})
    """
    pa, pq = _arrow()
    path = Path(path)
    out = df.copy()
    json_cols = []
    list_cols = []
    for name in _nested_columns(out):
        col = out[name].map(lambda v: _plain(v) if _is_nested(v) else v)
        try:  # a typed Arrow list column when the cells allow it
            arr = pa.array(col.tolist(), from_pandas=True)
            if not (pa.types.is_list(arr.type) or pa.types.is_large_list(arr.type)) or _has_struct(arr.type):
                raise TypeError("not a plain list column")
            out[name] = col
            list_cols.append(name)
        except (TypeError, ValueError, pa.ArrowException):
            out[name] = col.map(_json)
            json_cols.append(name)
    table = pa.Table.from_pandas(out)  # a RangeIndex is kept as metadata, any other index as columns
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = json.dumps({"json_columns": json_cols, "list_columns": list_cols}).encode()
    pq.write_table(table.replace_schema_metadata(meta), path)
    return path


def _has_struct(t: Any) -> bool:
    pa, _ = _arrow()
    while pa.types.is_list(t) or pa.types.is_large_list(t):
        t = t.value_type
    return bool(pa.types.is_struct(t) or pa.types.is_map(t))


def read_parquet(path: str | Path) -> pd.DataFrame:
    """Read a Parquet file written by :func:`to_parquet`: the same table, list cells as lists.

    Examples:
        >>> import tempfile, os
        >>> df = pd.DataFrame({"article_id": ["a", "b"], "authors": [["Ann Lee"], []]})
        >>> with tempfile.TemporaryDirectory() as d:
        ...     read_parquet(to_parquet(df, os.path.join(d, "a.parquet")))["authors"].tolist()
        [['Ann Lee'], []]
    """
    _, pq = _arrow()
    table = pq.read_table(path)
    info = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
    df = table.to_pandas()
    for name in info.get("list_columns", []):
        df[name] = pd.Series(table.column(name).to_pylist(), index=df.index, dtype=object)
    for name in info.get("json_columns", []):
        df[name] = pd.Series([json.loads(v) if isinstance(v, str) else v for v in df[name]],
                             index=df.index, dtype=object)
    return df


def _arrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Parquet export needs pyarrow: pip install 'newslab[parquet]' "
                          "(or use to_csv / --format csv)") from exc
    return pa, pq
