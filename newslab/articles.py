"""Load news articles from files, folders, globs, DataFrames or records into one articles table.

``load_articles`` is the entry point of every newslab pipeline. It returns one row per article with
the columns of the table contract (``article_id``, ``title``, ``date``, ``source``, ``url``,
``authors``, ``text``) followed by every other column the input had. The ``text`` column is what
all offsets of later steps point into, so it is decoded and line-normalised here, once, and never
rewritten afterwards.

Bad inputs never take a corpus down: each one is skipped with a :class:`SkippedInputWarning` and
listed in ``articles.attrs["skipped"]``.
"""
from __future__ import annotations

import glob as _glob
import hashlib
import io
import json
import math
import os
import re
import stat
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime as _datetime
from pathlib import Path
from typing import Any, Literal, Union

import pandas as pd

from . import _lexicon

__all__ = ["MAX_FILE_BYTES", "OUTPUT_MARKER", "STANDARD_COLUMNS", "DuplicateIdWarning", "EmptyInputWarning",
           "SkippedInputWarning", "load_articles", "mark_output_folder"]

#: The articles columns of the table contract, in output order.
STANDARD_COLUMNS = ("article_id", "title", "date", "source", "url", "authors", "text")
# Columns load_articles adds itself; they come right after the standard ones.
_META_COLUMNS = ("date_raw", "date_origin", "path", "encoding")

PathLike = Union[str, "os.PathLike[str]"]  # a runtime alias: X | Y cannot hold a string forward reference
Source = Union[PathLike, pd.DataFrame, Mapping[str, Any], Iterable[Any]]  # noqa: UP007

# File types, by lower-cased suffix. In a folder or glob only these are read; a file named
# explicitly with another suffix (``notes.md``, ``story``) is read as plain text.
_TEXT_EXT = frozenset({".txt", ".text"})
_JSONL_EXT = frozenset({".jsonl", ".ndjson"})
_JSON_EXT = frozenset({".json"})
_CSV_EXT = frozenset({".csv", ".tsv"})
_PARQUET_EXT = frozenset({".parquet", ".pq"})
_HTML_EXT = frozenset({".html", ".htm", ".xhtml"})
# htmldate reads the page's markup only: never a year from a sentence of the body (see _read_html)
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_KNOWN_EXT = _TEXT_EXT | _JSONL_EXT | _JSON_EXT | _CSV_EXT | _PARQUET_EXT | _HTML_EXT
# Documentation beside a corpus (``data/wikinews/ATTRIBUTION.md``, a ``README.txt``, ``LICENSE``),
# recognised by its name: never an article, and not a bad input either, so a folder or glob passes
# over it without a warning and lists it in ``attrs["ignored"]``.
_DOC_NAMES = frozenset({"readme", "attribution", "license", "licence", "copying", "notice", "authors", "changelog",
                        "citation", "contributing"})
_DOC_EXT = frozenset({"", ".md", ".markdown", ".rst", ".txt", ".text"})
DOC_FILE_REASON = "documentation file (README, LICENSE, ATTRIBUTION, ... by its name), not an article"

# Keys under which JSON exports nest their list of articles (NewsAPI: "articles"; NYT: response.docs).
_LIST_KEYS = ("articles", "data", "items", "results", "records", "documents", "docs", "entries",
              "stories", "posts", "news", "response")

# Magic numbers of binary files people drop into corpus folders by mistake.
_MAGIC = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "zip archive (or docx/xlsx/epub)"), (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"), (b"\xd0\xcf\x11\xe0", "MS Office file"), (b"\x7fELF", "executable"),
    (b"PAR1", "Parquet file"), (b"7z\xbc\xaf", "7z archive"), (b"Rar!", "RAR archive"),
    (b"SQLite format 3", "SQLite database"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
)
# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"), (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")

# The seed's layout: "| 5 December 2023, Tuesday |", a title line, the body, "  • Wions".
# Every pattern is matched against one line with bounded repeats: linear on any input.
_DATE_LINE = re.compile(r"[ \t]*\|[ \t]*([^|\n]{1,100}?)[ \t]*\|[ \t]*")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d\d(?!\d)")
_SOURCE_LINE = re.compile(r"[ \t]*[\u2022\u00b7\u25aa\u25cf\u2023\u2219][ \t]*(\S[^\n]{0,99}?)[ \t]*")
_MAX_TITLE = 300  # a longer "title line" is the first paragraph of a layout without a title
_MAX_SOURCE_WORDS = 8
_MAX_BAD_LINES = 100  # bad JSONL lines listed one by one per file; the rest are counted
#: Files larger than this are skipped with a message (a link to /dev/zero, a disk image, a dump):
#: a text file is read whole into memory. Pass ``max_bytes=`` to load_articles to change it.
MAX_FILE_BYTES = 1 << 30
#: A file of this name marks a folder as newslab's own output (``newslab analyze --out``): such a
#: folder is not read as input, so an output folder inside the corpus is not re-read next run.
OUTPUT_MARKER = ".newslab-output"
_CSV_BAD_LINE = re.compile(r"Skipping line (\d+): ([^\n]{0,200})")

_GLOB_MAGIC = re.compile(r"[*?\[]")
_EPOCH_DIGITS = re.compile(r"\d{10}(?:\d{3})?")
_BYLINE_PREFIX = re.compile(r"(?i)^\s*(?:written\s+)?by[:\s]+")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||\n|&|\band\b)\s*")
_NESTED_META = ("meta", "metadata")  # dict columns whose fields fill missing metadata
_DICT_NAME_KEYS = ("name", "main", "title", "original", "text", "value", "url", "href", "id")


class SkippedInputWarning(UserWarning):
    """Some inputs were skipped; the details are in ``articles.attrs["skipped"]``."""


class EmptyInputWarning(UserWarning):
    """The input held no article at all (an empty folder, a glob of folders without articles)."""


class DateWarning(UserWarning):
    """Some articles have a date that could not be read; their ``date`` is left empty (NaT)."""


class DuplicateIdWarning(UserWarning):
    """Duplicate article ids were made unique; the renames are in ``attrs["duplicate_ids"]``."""


class _Skip(Exception):
    """An input that cannot be read as articles; the message is the reason users see."""


@dataclass
class _State:
    """Options and results of one load_articles call (no module-level state)."""

    fields: Mapping[str, str]
    encoding: str | None
    layout: bool
    max_bytes: int = MAX_FILE_BYTES
    frames: list[pd.DataFrame] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # pending one-article files
    skipped: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)  # documentation files, passed over quietly

    def skip(self, path: Any, reason: str, **where: Any) -> None:
        self.skipped.append({"path": str(path), **where, "reason": reason})

    def flush(self) -> None:
        # Single-article files are standardised together: one DataFrame per folder, not per file.
        if self.rows:
            self.frames.append(_standardise(pd.DataFrame(self.rows), self.fields, None))
            self.rows = []

    def add(self, frame: pd.DataFrame) -> None:
        self.flush()
        if len(frame):
            self.frames.append(frame)


def load_articles(
    source: Source,
    *,
    fields: Mapping[str, str] | None = None,
    encoding: str | None = None,
    layout: bool = True,
    duplicates: Literal["suffix", "raise"] = "suffix",
    max_bytes: int = MAX_FILE_BYTES,
) -> pd.DataFrame:
    """Load news articles into a DataFrame, one row per article.

    ``source`` may be a file, a folder (read recursively, hidden files and folders ignored), a glob
    pattern (``"corpus/**/*.jsonl"``), a list of those, a DataFrame, a dict or a list of dicts.

    Formats, by file suffix:

    - ``.txt`` / ``.text``: one article per file, ``text`` = the whole file. The layout
      ``| 5 December 2023, Tuesday |`` / title line / body / ``  • Outlet`` is recognised when the
      first non-blank line is such a pipe-framed date (it must contain a year): then ``date``,
      ``title`` and ``source`` are filled and ``text`` is the body lines exactly as in the file,
      without surrounding blank lines. Any other file is kept whole.
    - ``.jsonl`` / ``.ndjson`` (one object per line), ``.json`` (a list of objects; an object with
      the list under a key such as ``articles``, ``data``, ``items``; or one object), ``.csv`` /
      ``.tsv``, ``.parquet`` (needs ``pip install "newslab[parquet]"``): one article per record.
      Common field names of news exports are mapped onto the standard columns (``maintext``,
      ``body``, ``content`` -> ``text``; ``headline`` -> ``title``; ``publishedAt``,
      ``date_publish`` -> ``date``; ``source_domain``, ``outlet`` -> ``source``; ...; the full list
      is ``newslab/data/article_fields.txt``). A nested object such as NewsAPI's
      ``{"source": {"name": "BBC News"}}`` gives its name; metadata missing at the top level is
      taken from a ``meta``/``metadata`` object when there is one. Every other field is kept as a
      column (nested objects stay as dicts).
    - ``.html`` / ``.htm``: main text and metadata extracted by trafilatura
      (``pip install "newslab[html]"``, imported only when an HTML file is met).

    Files of other types inside a folder or glob (``.md``, images, ...) are skipped and reported;
    a file named explicitly with another suffix is read as plain text. Documentation beside a
    corpus, recognised by its name (``README``, ``LICENSE``/``LICENCE``, ``ATTRIBUTION``,
    ``COPYING``, ``NOTICE``, ``AUTHORS``, ``CHANGELOG``, ``CITATION``, ``CONTRIBUTING``, with no
    suffix or ``.md``, ``.markdown``, ``.rst``, ``.txt``, ``.text``), is not an article: a folder
    or glob passes over it without a warning and lists it in ``attrs["ignored"]``.

    Columns: ``article_id``, ``title``, ``date``, ``source``, ``url``, ``authors``, ``text``, then
    ``date_raw`` (the date as written, when the input had one), ``path`` and ``encoding`` (for
    file inputs), then every other input column. ``date`` is tz-naive ``datetime64`` (converted
    to UTC when the input named a time zone), NaT when missing or unparseable; ``authors`` is a
    list of str (``[]`` when unknown); ``title``/``source``/``url`` are str or missing; ``text``
    is always a Python str (object dtype, for speed), missing text becoming ``""``.

    ``article_id`` is stable across runs:

    - a one-article file: its path relative to the folder (or glob root) given, POSIX, without
      suffix (``2023/wion-korea``); a file named directly: its stem;
    - a record of a JSONL/JSON/CSV/Parquet file: its id field (``id``, ``uuid``, ``guid``, ...)
      when present, else ``<file id>:<n>`` with n the 1-based line number (JSONL) or record
      number (JSON, CSV, Parquet);
    - a DataFrame or dict row without an id column: the first 12 hex digits of the SHA-1 of its
      text (after line-ending normalisation).

    Duplicate ids get ``~2``, ``~3``, ... appended (in input order) with a
    :class:`DuplicateIdWarning`; ``attrs["duplicate_ids"]`` lists ``{"article_id", "original"}``.
    Pass ``duplicates="raise"`` to get a ``ValueError`` instead.

    Text is decoded as UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM, else cp1252 (unless
    ``encoding`` is given); the ``encoding`` column says which. A BOM is dropped and ``"\\r\\n"``
    and ``"\\r"`` become ``"\\n"`` before anything else, so later offsets hold; nothing else in
    the text is changed.

    Empty, whitespace-only, binary (PDF, images, archives: magic numbers or NUL bytes) or
    undecodable files, malformed JSON lines, files without a text field and unsupported file types
    are skipped with a :class:`SkippedInputWarning` and listed in ``attrs["skipped"]`` as
    ``{"path", "reason"}`` (plus ``"line"`` for a bad JSONL line); the rest loads. A single bad
    file gives an empty table with the standard columns.

    Args:
        source: what to load (see above).
        fields: extra ``{input field: standard column}`` mappings; they win over the built-in
            names. E.g. ``{"story_body": "text", "kicker": "title"}``.
        encoding: force this text encoding for text-based files instead of guessing.
        layout: recognise the dated ``.txt`` layout (set ``False`` to keep every file whole).
        duplicates: ``"suffix"`` (default) makes duplicate ids unique; ``"raise"`` raises.
        max_bytes: files larger than this are skipped with a message (default 1 GiB).

    Returns:
        The articles DataFrame (RangeIndex), with ``attrs["skipped"]``, ``attrs["ignored"]`` and
        ``attrs["duplicate_ids"]``.

    Raises:
        FileNotFoundError: a path does not exist or a glob matches nothing (the message names it).
        ValueError: a DataFrame or list of dicts has no text column (the message names the accepted
            names), an unknown standard column in ``fields``, or duplicate ids with ``"raise"``.
        ImportError: an HTML or Parquet file is met and its optional extra is not installed.
        TypeError: ``source`` is of an unsupported type.

    Examples:
        >>> import newslab as nl
        >>> arts = nl.load_articles(nl.SEED)
        >>> arts.loc[0, "title"]
        'North Korea defends ties with Russia, says US criticism ‘distorted’'
        >>> str(arts.loc[0, "date"].date()), arts.loc[0, "source"], arts.loc[0, "text"][:11]
        ('2023-12-05', 'Wions', 'On Saturday')
        >>> recs = [{"headline": "Storm hits coast", "maintext": "A storm hit.", "publishedAt": "2024-03-02T08:30:00Z",
        ...          "outlet": "Daily Planet", "byline": "By Jane Doe and John Roe", "section": "Weather"}]
        >>> row = nl.load_articles(recs).iloc[0]
        >>> row["title"], str(row["date"]), row["authors"], row["section"]
        ('Storm hits coast', '2024-03-02 08:30:00', ['Jane Doe', 'John Roe'], 'Weather')
        >>> row["article_id"]  # no id field: a content hash
        'a4114bc55345'
    """
    if duplicates not in ("suffix", "raise"):
        raise ValueError(f"duplicates must be 'suffix' or 'raise', not {duplicates!r}")
    fields = dict(fields or {})
    bad = {k: v for k, v in fields.items() if v not in STANDARD_COLUMNS}
    if bad:
        raise ValueError(f"fields maps onto unknown columns {bad}; the columns are {', '.join(STANDARD_COLUMNS)}")
    state = _State(fields=fields, encoding=encoding, layout=layout, max_bytes=max_bytes)
    _load_any(source, state, top=True)
    state.flush()

    frames = [f for f in state.frames if len(f)]
    out = pd.concat(frames, ignore_index=True, sort=False) if frames else _empty()
    out = _order_columns(out)
    out["date"] = _as_datetime_column(out["date"])
    _warn_unread_dates(out)
    renamed = _make_unique(out, duplicates)
    if state.skipped:
        shown = "; ".join(f"{s['path']}{_where(s)} ({s['reason']})" for s in state.skipped[:5])
        more = f"; and {len(state.skipped) - 5} more" if len(state.skipped) > 5 else ""
        warnings.warn(f"load_articles skipped {len(state.skipped)} input(s), see .attrs['skipped']: {shown}{more}",
                      SkippedInputWarning, stacklevel=2)
    elif not len(out):
        warnings.warn(f"load_articles found no article in {_describe(source)}: nothing of a readable type "
                      f"(read are {', '.join(sorted(_KNOWN_EXT))}); check the path", EmptyInputWarning, stacklevel=2)
    out.attrs["skipped"] = state.skipped
    out.attrs["ignored"] = state.ignored
    out.attrs["duplicate_ids"] = renamed
    return out


def _where(skip: Mapping[str, Any]) -> str:
    return f" line {skip['line']}" if "line" in skip else f" record {skip['record']}" if "record" in skip else ""


def _describe(source: Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return repr(os.fspath(source))
    if isinstance(source, pd.DataFrame):
        return "the DataFrame (no rows)"
    return f"the {type(source).__name__} given"


def mark_output_folder(folder: PathLike) -> Path:
    """Mark ``folder`` as newslab output, so that ``load_articles`` never reads it as input.

    ``newslab analyze --out`` calls it: with ``--out`` inside the corpus folder, the next run would
    otherwise read its own ``articles.csv`` and ``quotes.csv`` back as articles.

    Examples:
        >>> import tempfile, warnings
        >>> with tempfile.TemporaryDirectory() as d, warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     _ = (Path(d) / "story.txt").write_text("The council met on Monday.", encoding="utf-8")
        ...     out = mark_output_folder(Path(d) / "results")
        ...     _ = (out / "articles.csv").write_text("id,text\\n1,An old output row.\\n", encoding="utf-8")
        ...     arts = load_articles(d)
        >>> list(arts["article_id"]), arts.attrs["skipped"][0]["reason"][:28]
        (['story'], 'newslab output folder, not r')
    """
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    marker = path / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text("Written by newslab: load_articles does not read this folder as input.\n",
                          encoding="utf-8")
    return path


def _is_output_folder(folder: Path, files: Sequence[str]) -> bool:
    """A folder newslab wrote: it holds the marker, or the manifest.json of ``newslab analyze``."""
    if OUTPUT_MARKER in files:
        return True
    if "manifest.json" in files and "report.html" in files:
        try:
            head = (folder / "manifest.json").read_text(encoding="utf-8", errors="replace")[:200]
        except OSError:
            return False
        return '"newslab": "analyze"' in head
    return False


# ----------------------------------------------------------------------------------------- sources
def _load_any(source: Any, state: _State, top: bool = False) -> None:
    if isinstance(source, pd.DataFrame):
        state.add(_standardise(source, state.fields, None, strict=True))
    elif isinstance(source, Mapping):
        state.add(_standardise(_records(state, [dict(source)]), state.fields, None, strict=True))
    elif isinstance(source, (str, os.PathLike)):
        _load_path(source, state)
    elif isinstance(source, (bytes, bytearray)):
        raise TypeError("load_articles takes paths, DataFrames or dicts, not bytes; decode or save them first")
    elif top and isinstance(source, Iterable):
        items = list(source)
        i = 0
        while i < len(items):
            if isinstance(items[i], Mapping):  # a run of dicts is one table of records
                j = i
                while j < len(items) and isinstance(items[j], Mapping):
                    j += 1
                state.add(_standardise(_records(state, [dict(r) for r in items[i:j]], i), state.fields, None,
                                       strict=True))
                i = j
            else:
                _load_any(items[i], state)
                i += 1
    else:
        raise TypeError(
            "load_articles takes a path, a folder, a glob, a DataFrame, a dict or a list of those, "
            f"not {type(source).__name__}")


def _records(state: _State, records: list[dict[str, Any]], first: int = 0) -> pd.DataFrame:
    """Dicts given in Python as one frame, those without text skipped and reported by position."""
    frame = pd.DataFrame(records)
    if _resolve(list(frame.columns), state.fields).get("text") is None:
        return frame  # _standardise raises the "no text column" error
    numbers = list(range(first + 1, first + len(records) + 1))
    return _drop_textless(frame, state, "<records>", numbers, "record")[0]


def _load_path(source: PathLike, state: _State) -> None:
    raw = os.fspath(source)
    path = Path(raw).expanduser()
    if path.is_dir():
        for file in _walk(path, state):
            _load_file(file, state, base=path, explicit=False)
    elif path.exists():
        _load_file(path, state, base=None, explicit=True)
    elif _GLOB_MAGIC.search(raw):
        # glob skips hidden names itself, like _walk does
        matches = sorted(Path(p) for p in _glob.glob(os.path.expanduser(raw), recursive=True))
        files = [p for p in matches if p.is_file()]
        for d in (p for p in matches if p.is_dir()):
            files.extend(_walk(d, state))  # "corpus/*" reaches into sub-folders like a folder would
        files = sorted(dict.fromkeys(files))  # "**" matches a file and its folders: read it once
        if not matches:
            raise FileNotFoundError(f"No files match the pattern {raw!r}")
        root = _glob_root(raw)
        for file in files:
            _load_file(file, state, base=root, explicit=False)
    else:
        raise FileNotFoundError(2, "No such file or folder", raw)


def _walk(folder: Path, state: _State) -> list[Path]:
    """Files under ``folder``, sorted, skipping hidden files and folders (.git, .ipynb_checkpoints)."""
    out: list[Path] = []

    def unreadable(err: OSError) -> None:
        state.skip(err.filename, f"unreadable folder: {err.strerror or err}")

    # os.walk does not follow symlinked folders, so a link loop cannot recurse forever
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        if _is_output_folder(Path(dirpath), filenames):
            state.skip(dirpath, "newslab output folder, not read as input (it holds newslab's own tables)")
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath, f) for f in filenames if not f.startswith("."))
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def _glob_root(pattern: str) -> Path:
    parts = Path(os.path.expanduser(pattern)).parts
    fixed = []
    for p in parts:
        if _GLOB_MAGIC.search(p):
            break
        fixed.append(p)
    return Path(*fixed) if fixed else Path(".")


def _file_id(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.relative_to(base).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


# ------------------------------------------------------------------------------------------- files
def _is_documentation(path: Path) -> bool:
    """Is ``path`` a README, LICENSE, ATTRIBUTION, ... file, by its name (any case)?

    Examples:
        >>> _is_documentation(Path("data/wikinews/ATTRIBUTION.md")), _is_documentation(Path("corpus/readme.txt"))
        (True, True)
        >>> _is_documentation(Path("corpus/LICENSE")), _is_documentation(Path("corpus/license-fees.txt"))
        (True, False)
        >>> _is_documentation(Path("export/README.csv"))  # data, whatever its name
        False
    """
    return path.stem.lower() in _DOC_NAMES and path.suffix.lower() in _DOC_EXT


def _load_file(path: Path, state: _State, base: Path | None, explicit: bool) -> None:
    suffix = path.suffix.lower()
    if not explicit and _is_documentation(path):
        state.ignored.append({"path": str(path), "reason": DOC_FILE_REASON})
        return
    if not explicit and suffix not in _KNOWN_EXT:
        state.skip(path, f"unsupported file type {suffix or '(no suffix)'!r}; "
                         f"read are {', '.join(sorted(_KNOWN_EXT))}")
        return
    file_id = _file_id(path, base)
    before, n_frames = len(state.skipped), len(state.frames) + (1 if state.rows else 0)
    try:
        _check_regular(path, state.max_bytes)
        if suffix in _PARQUET_EXT:
            state.add(_records_frame(_read_parquet(path), state, file_id, path, None, None))
        elif suffix in _HTML_EXT:
            state.rows.append(_read_html(path, file_id, state))
        elif suffix in _JSONL_EXT | _JSON_EXT | _CSV_EXT:
            text, enc = _read_text(path, state.encoding, state.max_bytes)
            if suffix in _CSV_EXT:
                frame, numbers = _parse_csv(text, "\t" if suffix == ".tsv" else ",", state.fields, path, state)
            else:
                frame, numbers = _parse_json(text, suffix in _JSONL_EXT, path, state)
            state.add(_records_frame(frame, state, file_id, path, enc, numbers))
        else:
            text, enc = _read_text(path, state.encoding, state.max_bytes)
            state.rows.append(_parse_txt(text, file_id, path, enc, state.layout))
    except _Skip as reason:
        state.skip(path, str(reason))
    except OSError as err:
        state.skip(path, f"unreadable: {err.strerror or err}")
    _note_kept(state, before, n_frames)


def _note_kept(state: _State, before: int, n_frames: int) -> None:
    """Say in each skipped line's reason how many articles of its file were kept: one bad line
    must not read as a lost file."""
    lines = [s for s in state.skipped[before:] if "line" in s or "record" in s]
    if not lines:
        return
    kept = sum(len(f) for f in state.frames[n_frames:]) if len(state.frames) > n_frames else 0
    unit = "line" if "line" in lines[0] else "record"
    note = f"; the rest of the file was read: {_n_articles(kept)} kept, {len(lines)} {unit}{'s' * (len(lines) > 1)} skipped"
    for s in lines:
        s["reason"] += note


def _n_articles(n: int) -> str:
    return f"{n} article{'' if n == 1 else 's'}"


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def _check_regular(path: Path, max_bytes: int) -> None:
    """Only regular files are read: a FIFO would block forever, /dev/urandom never ends, /dev/zero
    fills memory. Follows symlinks, so a link is judged by what it points to."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        link = f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""
        raise _Skip(f"not a regular file: {kind}{link}; only regular files are read")
    if info.st_size > max_bytes:
        raise _Skip(_too_big(info.st_size, max_bytes))


def _too_big(size: int, max_bytes: int) -> str:
    return (f"file too large: {size / 2**20:,.0f} MB, above the {max_bytes / 2**20:,.0f} MB cap; split it, or "
            f"raise the cap with load_articles(..., max_bytes=...)")


def _read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    with open(path, "rb") as fh:  # bounded: a file that grows (or lies about its size) stops at the cap
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Skip(_too_big(len(data), max_bytes))
    if not data:
        raise _Skip("empty file")
    return data


def _read_text(path: Path, encoding: str | None, max_bytes: int = MAX_FILE_BYTES) -> tuple[str, str]:
    text, enc = _decode(_read_bytes(path, max_bytes), encoding)
    if not text.strip():
        raise _Skip("whitespace-only file")
    return text, enc


def _binary_kind(data: bytes) -> str | None:
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in data:  # text files never hold NUL bytes (UTF-16/32 are recognised by their BOM first)
        return "NUL bytes"
    return None


def _decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes to text with ``\\n`` line endings; ``(text, encoding used)``.

    Examples:
        >>> _decode(b"\\xef\\xbb\\xbfOne\\r\\ntwo\\rthree")
        ('One\\ntwo\\nthree', 'utf-8-sig')
        >>> _decode("caf\\u00e9 \\u2019".encode("cp1252"))
        ('café ’', 'cp1252')
    """
    if encoding is not None:
        wide = encoding.lower().replace("_", "").replace("-", "").startswith(("utf16", "utf32"))
        kind = None if wide else _binary_kind(data)  # a forced encoding must not turn a PNG into text
        if kind:
            raise _Skip(f"binary file ({kind})")
        try:
            return _clean(data.decode(encoding)), encoding
        except (UnicodeDecodeError, LookupError) as err:
            raise _Skip(f"undecodable as {encoding}: {err}") from None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data[len(bom):].decode(codec)), name
            except UnicodeDecodeError as err:
                raise _Skip(f"undecodable: invalid {name} ({err.reason} at byte {err.start + len(bom)})") from None
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        return guessed
    kind = _binary_kind(data)
    if kind:
        raise _Skip(f"binary file ({kind})")
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as err:
        first = err
    # UTF-8 text with a corrupt byte would decode "successfully" as cp1252 into mojibake: refuse it.
    if _VALID_NON_ASCII.search(data.decode("utf-8", "replace")):
        if first.reason == "unexpected end of data":
            raise _Skip(f"undecodable: truncated UTF-8 (the file ends inside a character at byte {first.start})")
        raise _Skip(f"undecodable: invalid UTF-8 byte 0x{data[first.start]:02x} at offset {first.start} "
                    "in an otherwise UTF-8 file")
    try:
        return _clean(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError as err:
        raise _Skip(f"undecodable: neither UTF-8 nor cp1252 (byte 0x{data[err.start]:02x} "
                    f"at offset {err.start}); pass encoding=...") from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark, told by its NUL bytes: Latin-script text in
    UTF-16-LE has a NUL at (almost) every odd offset and none at even ones (BE: the reverse).

    Examples:
        >>> _utf16_without_bom("The vote was 52 to 48.".encode("utf-16-le"))
        ('The vote was 52 to 48.', 'utf-16-le')
        >>> _utf16_without_bom(b"%PDF-1.7 \\x00\\x01") is None
        True
    """
    head = data[:4096]
    if len(data) % 2 or len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    n = len(odd)
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # most characters of news text are ASCII: their high byte is NUL, their low byte never is
        if zeros.count(0) >= 0.6 * n and other.count(0) <= 0.02 * n:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if _mostly_text(text):
                return _clean(text), codec
    return None


def _mostly_text(text: str) -> bool:
    sample = text[:2000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t") or 0xD800 <= ord(ch) <= 0xDFFF)
    return bad <= 0.01 * len(sample)


def _clean(text: str) -> str:
    """Drop a leading BOM and normalise line endings: the only changes newslab makes to text."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _parse_txt(text: str, file_id: str, path: Path, enc: str, layout: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": file_id, "title": None, "date": None, "source": None, "text": text,
                           "path": str(path), "encoding": enc}
    if layout:
        parsed = _parse_layout(text)
        if parsed is not None:
            row.update(parsed, date_origin="date line")
            if not row["text"]:
                raise _Skip("no body paragraphs after the date and title lines")
    return row


def _parse_layout(text: str) -> dict[str, Any] | None:
    """Title, date, source and body of the dated layout, or None when ``text`` is not in it.

    Examples:
        >>> _parse_layout("| 5 December 2023, Tuesday |\\n\\nTitle\\n\\nBody one.\\n\\nBody two.\\n\\n  \\u2022 Wions")
        {'date': '5 December 2023, Tuesday', 'title': 'Title', 'source': 'Wions', 'text': 'Body one.\\n\\nBody two.'}
        >>> _parse_layout("| Name | Votes |\\n| Smith | 120 |") is None  # a table, not a date line
        True
    """
    start = len(text) - len(text.lstrip())  # skip leading blank lines
    start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    first = text[start:] if end < 0 else text[start:end]
    m = _DATE_LINE.fullmatch(first) if len(first) <= 120 else None
    if m is None or not _YEAR.search(m.group(1)) or end < 0:
        return None
    lines = text[end + 1:].split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return None
    if lines[nonblank[0]].lstrip().startswith("|"):  # a table whose first cell is a date, not a layout
        return None
    title: str | None = lines[nonblank[0]].strip()
    body_from = nonblank[0] + 1
    if len(lines[nonblank[0]]) > _MAX_TITLE:  # no title line: the body starts right after the date
        title, body_from = None, nonblank[0]
    source = None
    body_to = len(lines)
    last = nonblank[-1]
    if last >= body_from:
        s = _SOURCE_LINE.fullmatch(lines[last])
        if s and len(s.group(1).split()) <= _MAX_SOURCE_WORDS:
            source, body_to = s.group(1), last
    body = [i for i in nonblank if body_from <= i < body_to]
    text_out = "\n".join(lines[body[0]:body[-1] + 1]) if body else ""
    return {"date": m.group(1), "title": title, "source": source, "text": text_out}


def _read_html(path: Path, file_id: str, state: _State) -> dict[str, Any]:
    trafilatura = _import_extra("trafilatura", "html", f"Reading HTML files ({path})")
    data = _read_bytes(path, state.max_bytes)
    enc: str | None
    try:
        content: str | bytes
        content, enc = _decode(data, state.encoding)
    except _Skip:
        if _binary_kind(data):
            raise
        content, enc = data, None  # let trafilatura sniff a declared charset (e.g. Shift_JIS)
    try:
        # extensive_search=False: the date comes from the page's markup (meta tags, <time>, JSON-LD,
        # URL) only; htmldate's default also guesses from body text ("In 2012, ..." -> 2012-01-01).
        doc = trafilatura.bare_extraction(content, with_metadata=True, include_comments=False,
                                          date_extraction_params=_HTML_DATE_PARAMS)
    except Exception as err:  # noqa: BLE001 (one broken page must not stop a corpus)
        raise _Skip(f"HTML extraction failed: {type(err).__name__}: {err}") from None
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)  # Document (2.x) or dict (1.x)
    text = _clean(meta.get("text") or "")
    title = (meta.get("title") or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:  # trafilatura repeats the headline
        text = text.split("\n", 1)[1] if "\n" in text else ""
    if not text.strip():
        raise _Skip("no article text found in the HTML")
    return {"article_id": file_id, "title": title, "date": meta.get("date"), "date_origin": "html markup",
            "source": meta.get("sitename") or meta.get("hostname"), "url": meta.get("url"),
            "authors": [a.strip() for a in (meta.get("author") or "").split(";") if a.strip()],
            "text": text, "path": str(path), "encoding": enc, "description": meta.get("description")}


def _import_extra(module: str, extra: str, what: str) -> Any:
    """Import an optional dependency, or raise an ImportError that says the exact fix.

    A module that is installed but fails to import (trafilatura under lxml 5.2+ without
    ``lxml_html_clean``) is reported with its own reason, not as missing.

    Examples:
        >>> _import_extra("no_such_module_xyz", "html", "Reading HTML files")
        Traceback (most recent call last):
        ...
        ImportError: Reading HTML files needs no_such_module_xyz, which is not installed: pip install "newslab[html]"
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as err:
        if err.name == module or getattr(err, "name", None) is None and module in str(err):
            raise ImportError(f'{what} needs {module}, which is not installed: pip install "newslab[{extra}]"') \
                from err
        raise ImportError(f"{what} needs {module}, which is installed but failed to import: {err} "
                          f'(try: pip install --upgrade "newslab[{extra}]")') from err


def _read_parquet(path: Path) -> pd.DataFrame:
    _import_extra("pyarrow", "parquet", f"Reading Parquet files ({path})")  # pandas needs it for Parquet
    if path.stat().st_size == 0:
        raise _Skip("empty file")
    try:
        return pd.read_parquet(path)
    except Exception as err:  # noqa: BLE001 (pyarrow raises many types for a corrupt file)
        raise _Skip(f"unreadable Parquet: {err}") from None


def _parse_csv(text: str, sep: str, fields: Mapping[str, str], path: Path,
               state: _State) -> tuple[pd.DataFrame, list[int]]:
    """The records of a CSV file and their record numbers; a malformed row (too many fields) is
    skipped and reported with its line, the rest of the file loads."""
    try:
        header = pd.read_csv(io.StringIO(text), sep=sep, nrows=0).columns
        # Read ids as strings so "00123" stays "00123" (stable ids), everything else as pandas infers.
        cols = _resolve(list(header), fields)
        dtype: dict[Any, Any] = {cols["article_id"]: str} if "article_id" in cols else {}
        if "text" in cols:
            dtype[cols["text"]] = object  # Python str: see _standardise
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=dtype or None, on_bad_lines="warn")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise _Skip(f"unreadable CSV: {str(err).strip()}") from None
    bad: list[int] = []
    for w in caught:
        if not issubclass(w.category, pd.errors.ParserWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        for m in _CSV_BAD_LINE.finditer(str(w.message)):
            bad.append(int(m.group(1)))
            state.skip(path, f"malformed CSV row: {m.group(2).strip()}", line=int(m.group(1)))
    # pandas counts the header as line 1 and a quoted multi-line field as one line: record = line - 1
    skipped = {n - 1 for n in bad}
    numbers = [n for n in range(1, len(frame) + len(skipped) + 1) if n not in skipped][: len(frame)]
    return frame, numbers


def _parse_json(text: str, lines: bool, path: Path, state: _State) -> tuple[pd.DataFrame, list[int]]:
    if lines:
        records, numbers, bad = [], [], []
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                bad.append((n, f"invalid JSON: {err.msg} (column {err.colno})"))
                continue
            if not isinstance(obj, dict):
                bad.append((n, f"not a JSON object but {type(obj).__name__}"))
                continue
            records.append(obj)
            numbers.append(n)
        if records or not _whole_json(text):
            if not records:  # e.g. a CSV saved as .jsonl: one entry, not one per line
                raise _Skip(f"no valid JSON lines ({len(bad)} bad; line {bad[0][0]}: {bad[0][1]})")
            for n, reason in bad[:_MAX_BAD_LINES]:
                state.skip(path, reason, line=n)
            if len(bad) > _MAX_BAD_LINES:  # keep attrs small: pandas copies them on every operation
                state.skip(path, f"and {len(bad) - _MAX_BAD_LINES} more bad lines", line=bad[_MAX_BAD_LINES][0])
            return pd.DataFrame(records, dtype=object), numbers
        # not JSONL after all: a pretty-printed JSON document in a .jsonl file
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and not lines:  # JSON Lines saved as .json
            return _parse_json(text, True, path, state)
        raise _Skip(f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    items = _json_records(obj)
    records, numbers, n_bad = [], [], 0
    for n, item in enumerate(items, 1):
        if isinstance(item, dict):
            records.append(item)
        elif isinstance(item, str):
            records.append({"text": item})
        else:
            state.skip(path, f"record {n} is not a JSON object but {type(item).__name__}", record=n)
            n_bad += 1
            continue
        numbers.append(n)
    if not records and not n_bad:
        raise _Skip("no records in the JSON file")
    return pd.DataFrame(records, dtype=object), numbers


def _whole_json(text: str) -> bool:
    head = text.lstrip()[:1]
    if head not in ("[", "{"):
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _json_records(obj: Any) -> list[Any]:
    """The list of article records in a JSON document (see load_articles)."""
    if isinstance(obj, list):
        return obj
    if not isinstance(obj, dict):
        raise _Skip(f"JSON holds a {type(obj).__name__}, not articles")
    for container in (obj, *(v for v in obj.values() if isinstance(v, dict))):  # NYT: {"response": {"docs": []}}
        for key in _LIST_KEYS:
            if isinstance(container.get(key), list):
                return container[key]
    lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if len(lists) == 1:
        return lists[0]
    return [obj]


def _records_frame(frame: pd.DataFrame, state: _State, file_id: str, path: Path, enc: str | None,
                   numbers: list[int] | None) -> pd.DataFrame:
    if numbers is None:
        numbers = list(range(1, len(frame) + 1))
    frame = frame.rename(columns=_free_names(frame.columns, ("path", "encoding")))
    frame, numbers = _drop_textless(frame, state, path, numbers, "line" if path.suffix.lower() in _JSONL_EXT
                                    else "record")
    frame = frame.assign(path=str(path), encoding=enc)
    try:
        return _standardise(frame, state.fields, [f"{file_id}:{n}" for n in numbers])
    except _Skip:
        if len(frame) == 0:
            raise _Skip("no records") from None
        raise


def _free_names(columns: Sequence[Any], taken: Sequence[str]) -> dict[Any, str]:
    """Renames that move input fields off the columns load_articles fills itself, without collisions.

    Examples:
        >>> _free_names(["path", "path_input", "text"], ("path", "encoding"))
        {'path': 'path_input_2'}
    """
    names = set(columns)
    out: dict[Any, str] = {}
    for c in taken:
        if c in names:
            new, k = f"{c}_input", 1
            while new in names:
                k += 1
                new = f"{c}_input_{k}"
            names.add(new)
            out[c] = new
    return out


def _drop_textless(frame: pd.DataFrame, state: _State, path: Any, numbers: list[int],
                   unit: str) -> tuple[pd.DataFrame, list[int]]:
    """Records without text (field absent, null, empty or blank) are skipped and reported: an
    empty article would silently count in every table."""
    col = _resolve(list(frame.columns), state.fields).get("text")
    if col is None or not len(frame):
        return frame, numbers
    values = frame[col].tolist()
    empty = [i for i, v in enumerate(values) if _missing(v) or (isinstance(v, str) and not v.strip())]
    if not empty:
        return frame, numbers
    for i in empty:
        v = values[i]
        why = "no text (the text field is missing or null)" if _missing(v) else "no text (the text field is empty)"
        state.skip(path, f"{why}, field {col!r}", **{unit: numbers[i]})
    keep = sorted(set(range(len(frame))) - set(empty))
    return frame.iloc[keep].reset_index(drop=True), [numbers[i] for i in keep]


# ----------------------------------------------------------------------------------- standardising
def _norm(name: str) -> str:
    return re.sub(r"[\s_\-.:]", "", name).lower()


def _aliases() -> list[tuple[str, str]]:
    return [(_norm(row[0]), row[1]) for row in _lexicon.rows("article_fields.txt") if len(row) >= 2]


def _text_names() -> list[str]:
    return [row[0] for row in _lexicon.rows("article_fields.txt") if len(row) >= 2 and row[1] == "text"]


def _resolve(columns: Sequence[Any], fields: Mapping[str, str]) -> dict[str, Any]:
    """Map each standard column to the input column that fills it (user ``fields`` first).

    Examples:
        >>> _resolve(["maintext", "Headline", "publishedAt", "title_rss"], {})
        {'text': 'maintext', 'title': 'Headline', 'date': 'publishedAt'}
    """
    chosen: dict[str, Any] = {}
    used: set[Any] = set()
    for inp, std in fields.items():
        if inp in columns and std not in chosen:
            chosen[std] = inp
            used.add(inp)
    by_norm: dict[str, list[Any]] = {}
    for c in columns:
        if isinstance(c, str) and c not in used:
            by_norm.setdefault(_norm(c), []).append(c)
    for alias, std in _aliases():
        if std in chosen or alias not in by_norm:
            continue
        cands = [c for c in by_norm[alias] if c not in used]
        if cands:
            pick = std if std in cands else cands[0]
            chosen[std] = pick
            used.add(pick)
    return chosen


def _standardise(frame: pd.DataFrame, fields: Mapping[str, str], fallback_ids: Sequence[str] | None,
                 strict: bool = False) -> pd.DataFrame:
    """Raw records -> the articles columns (+ ``date_raw``) + every other input column."""
    frame = frame.reset_index(drop=True)
    cols = _resolve(list(frame.columns), fields)
    if "text" not in cols:
        msg = ("no text column: expected one of " + ", ".join(_text_names())
               + " (or map yours with fields={'your_column': 'text'}); got " + ", ".join(map(str, frame.columns)))
        if strict:
            raise ValueError(msg)
        raise _Skip(msg)
    n = len(frame)
    src = {std: frame[c] for std, c in cols.items()}
    _lift_nested_meta(frame, fields, src)
    out: dict[str, Any] = {}
    text = [_text_value(v) for v in src["text"].tolist()]
    if "article_id" in src:
        ids = [_id_value(v) for v in src["article_id"].tolist()]
    else:
        ids = [None] * n
    for i, v in enumerate(ids):
        if v is None:
            ids[i] = fallback_ids[i] if fallback_ids is not None else _content_hash(text[i])
    # str columns take pandas' default string dtype ("str" in pandas 3, object before)
    out["article_id"] = pd.Series(ids, index=frame.index, dtype="str")
    for name in ("title", "source", "url"):
        vals = [_str_value(v) for v in src[name].tolist()] if name in src else [None] * n
        out[name] = pd.Series(vals, index=frame.index, dtype="str")
    raw_dates = src["date"] if "date" in src else pd.Series([None] * n, index=frame.index, dtype=object)
    out["date"] = _parse_dates(raw_dates)
    if "date" in src or "date_origin" in frame.columns:  # like date_raw: only when some input has a date
        out["date_origin"] = _date_origin(frame, cols, "date" in src, out["date"])
    authors = [_authors(v) for v in src["authors"].tolist()] if "authors" in src else [[] for _ in range(n)]
    out["authors"] = pd.Series(authors, index=frame.index, dtype=object)
    # text stays Python str objects: every later step iterates it, and an Arrow-backed column would
    # convert each article twice (in and out), ~30 us per article, for nothing.
    out["text"] = pd.Series(text, index=frame.index, dtype=object)
    if "date" in src and not pd.api.types.is_datetime64_any_dtype(raw_dates) and raw_dates.notna().any():
        out["date_raw"] = raw_dates
    mapped = set(cols.values())
    for c in frame.columns:
        if c in mapped or c == "date_origin":
            continue
        name = c
        while name in out:  # e.g. fields={"story": "text"} while a "text" column also exists
            name = f"{name}_input"
        out[name] = frame[c].infer_objects()  # records were read as objects: give extras real dtypes
    return pd.DataFrame(out).reset_index(drop=True)


def _date_origin(frame: pd.DataFrame, cols: Mapping[str, str], has_date: bool, dates: pd.Series) -> pd.Series:
    """Where each article's date came from ("input field 'publishedAt'", "date line", "html markup"), None if none.

    Examples:
        >>> f = pd.DataFrame({"text": ["a", "b"], "published": ["2024-01-02", None]})
        >>> _date_origin(f, {"date": "published"}, True, _parse_dates(f["published"])).tolist()
        ["input field 'published'", None]
    """
    if "date_origin" in frame.columns:  # single-article files say it themselves
        origin = frame["date_origin"].astype(object)
    elif has_date:
        label = f"input field {cols['date']!r}" if "date" in cols else "nested meta field"
        origin = pd.Series(label, index=frame.index, dtype=object)
    else:
        origin = pd.Series(None, index=frame.index, dtype=object)
    return origin.where(dates.notna().to_numpy(), None)


def _warn_unread_dates(out: pd.DataFrame) -> None:
    """Warn about dates given but unreadable, and HTML pages whose markup has no date."""
    no_date = out["date"].isna()
    raw = out["date_raw"] if "date_raw" in out else pd.Series(None, index=out.index, dtype=object)
    unreadable = no_date & raw.notna() & (raw.astype(str).str.strip() != "")
    html = out["path"].astype(str).str.lower().str.endswith(tuple(_HTML_EXT)) if "path" in out else no_date & False
    undated = no_date & html & ~unreadable
    msgs = []
    if unreadable.any():
        eg = out.loc[unreadable].iloc[0]
        msgs.append(f"{int(unreadable.sum())} article(s) have a date that could not be read "
                    f"(e.g. {str(eg['date_raw'])!r} in {eg['article_id']!r})")
    if undated.any():
        msgs.append(f"{int(undated.sum())} HTML page(s) have no date in their markup "
                    f"(e.g. {out.loc[undated, 'article_id'].iloc[0]!r}); newslab does not guess one from the text")
    if msgs:
        warnings.warn("; ".join(msgs) + "; their date is left empty (NaT)", DateWarning, stacklevel=3)


def _lift_nested_meta(frame: pd.DataFrame, fields: Mapping[str, str], src: dict[str, pd.Series]) -> None:
    """Fill metadata columns missing at the top level from a ``meta``/``metadata`` dict column.

    Corpora on dataset hubs often nest ``{"text": ..., "meta": {"title": ..., "date": ...}}``.
    The dict column itself is kept as an ordinary column.
    """
    missing = [c for c in ("title", "date", "source", "url", "authors") if c not in src]
    if not missing or not len(frame):
        return
    for col in frame.columns:
        if not (isinstance(col, str) and _norm(col) in _NESTED_META):
            continue
        values = frame[col].tolist()
        if not any(isinstance(v, Mapping) for v in values):
            continue
        sub = pd.DataFrame([dict(v) if isinstance(v, Mapping) else {} for v in values], index=frame.index)
        for std, sub_col in _resolve(list(sub.columns), fields).items():
            if std in missing:
                src[std] = sub[sub_col]
        return


def _missing(v: Any) -> bool:
    if v is None or v is pd.NaT or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def _text_value(v: Any) -> str:
    if _missing(v):
        return ""
    return _clean(v if isinstance(v, str) else str(v))


def _str_value(v: Any) -> str | None:
    """A title/source/url cell as a stripped str or None; dicts give their name (NewsAPI source)."""
    if _missing(v):
        return None
    if isinstance(v, Mapping):
        for key in _DICT_NAME_KEYS:
            got = _str_value(v.get(key))
            if got:
                return got
        return None
    if isinstance(v, (list, tuple)) or type(v).__name__ == "ndarray":
        for item in v:
            got = _str_value(item)
            if got:
                return got
        return None
    s = (v if isinstance(v, str) else str(v)).strip()
    return s or None


def _id_value(v: Any) -> str | None:
    if isinstance(v, float) and not math.isnan(v) and v.is_integer():
        return str(int(v))  # CSV/Parquet ids with gaps come back as floats: 12.0 -> "12"
    return _str_value(v)


def _content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _authors(v: Any) -> list[str]:
    """Authors as a list of names from a list, a JSON list string, a byline or a dict.

    Examples:
        >>> _authors("By Jane Doe, John Roe and Ann Lee")
        ['Jane Doe', 'John Roe', 'Ann Lee']
        >>> _authors("Doe, Jane")  # "Last, First" stays one name
        ['Doe, Jane']
        >>> _authors('["A. Smith", "B. Jones"]'), _authors([{"name": "C. Wu"}]), _authors(None)
        (['A. Smith', 'B. Jones'], ['C. Wu'], [])
    """
    if _missing(v):
        return []
    names: list[str] = []
    if isinstance(v, str):
        s = v.strip()
        if s.startswith("[") and s.endswith("]"):
            try:
                parsed = json.loads(s)
            except json.JSONDecodeError:
                parsed = None
            if isinstance(parsed, list):
                return _authors(parsed)
        s = _BYLINE_PREFIX.sub("", s)
        for part in _AUTHOR_SEPARATORS.split(s):
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
                names.extend(pieces)
            elif part.strip(" ,"):
                names.append(part.strip(" ,"))
    elif isinstance(v, Mapping):  # {"name": ...}; NYT: {"original": "By A and B"}
        got = _str_value(v)
        names = _authors(got) if got else []
    elif isinstance(v, (list, tuple)) or type(v).__name__ == "ndarray":
        for item in v:
            got = _str_value(item)
            if got:
                names.append(_BYLINE_PREFIX.sub("", got).strip())
    else:
        names = [str(v)]
    return list(dict.fromkeys(n for n in names if n))


def _from_epoch(values: pd.Series) -> pd.Series:
    """Unix timestamps in s, ms, us or ns (by magnitude) -> naive UTC datetimes."""
    nums = pd.to_numeric(values, errors="coerce").astype("float64")
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    mag = nums.abs()
    for lo, hi, unit in ((0, 1e11, "s"), (1e11, 1e14, "ms"), (1e14, 1e17, "us"), (1e17, 1e20, "ns")):
        sel = nums.notna() & (mag >= lo) & (mag < hi)
        if sel.any():
            got = pd.to_datetime(nums[sel], unit=unit, utc=True, errors="coerce")
            out[sel] = got.dt.tz_localize(None).astype("datetime64[us]")
    return out


def _parse_dates(raw: pd.Series) -> pd.Series:
    """Any date column -> tz-naive ``datetime64[us]`` (UTC when a zone was given), NaT if unknown.

    Examples:
        >>> _parse_dates(pd.Series(["2023-12-05T10:00:00+02:00", "5 December 2023, Tuesday", "soon", None,
        ...                         1701770400])).tolist()
        [Timestamp('2023-12-05 08:00:00'), Timestamp('2023-12-05 00:00:00'), NaT, NaT, Timestamp('2023-12-05 10:00:00')]
    """
    if isinstance(raw.dtype, pd.DatetimeTZDtype):
        return raw.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
    if pd.api.types.is_datetime64_dtype(raw):
        return raw.astype("datetime64[us]")
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return _from_epoch(raw)
    vals: list[Any] = [pd.NaT] * len(raw)
    strings: dict[int, str] = {}
    numbers: dict[int, float] = {}
    for i, v in enumerate(raw.tolist()):
        if isinstance(v, str):
            if v.strip():
                strings[i] = v.strip()
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and not _missing(v):
            numbers[i] = float(v)
        elif isinstance(v, (_datetime, _date, pd.Timestamp)) and not _missing(v):
            ts = pd.Timestamp(v)
            vals[i] = ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts
    if numbers:
        for i, ts in zip(numbers, _from_epoch(pd.Series(list(numbers.values()))).tolist()):
            vals[i] = ts
    if strings:
        uniq = pd.Series(list(dict.fromkeys(strings.values())), dtype=object)
        parsed = pd.Series(pd.NaT, index=uniq.index, dtype="datetime64[us]")
        epoch = uniq.str.fullmatch(_EPOCH_DIGITS.pattern).astype(bool)
        if epoch.any():
            parsed[epoch] = _from_epoch(uniq[epoch].astype("int64"))
        rest = ~epoch
        if rest.any():
            with warnings.catch_warnings():  # dateutil warns on zone names it ignores ("EST")
                warnings.simplefilter("ignore")
                fast = pd.to_datetime(uniq[rest], utc=True, errors="coerce", format="ISO8601")
                slow = fast.isna()
                if slow.any():
                    fast[slow] = pd.to_datetime(uniq[rest][slow], utc=True, errors="coerce", format="mixed")
            parsed[rest] = fast.dt.tz_localize(None).astype("datetime64[us]")
        lookup = dict(zip(uniq.tolist(), parsed.tolist()))
        for i, s in strings.items():
            vals[i] = lookup[s]
    return pd.Series(vals, index=raw.index, dtype="datetime64[us]")


def _as_datetime_column(col: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_dtype(col):
        return col.astype("datetime64[us]")
    return pd.to_datetime(col, errors="coerce").astype("datetime64[us]")


# ----------------------------------------------------------------------------------------- output
def _empty() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": pd.Series([], dtype="str"), "title": pd.Series([], dtype="str"),
        "date": pd.Series([], dtype="datetime64[us]"), "source": pd.Series([], dtype="str"),
        "url": pd.Series([], dtype="str"), "authors": pd.Series([], dtype=object),
        "text": pd.Series([], dtype=object)})


def _order_columns(df: pd.DataFrame) -> pd.DataFrame:
    first = list(STANDARD_COLUMNS) + [c for c in _META_COLUMNS if c in df.columns]
    if "encoding" in df.columns and df["encoding"].isna().all():
        first.remove("encoding")
        df = df.drop(columns="encoding")
    return df[first + [c for c in df.columns if c not in first]]


def _make_unique(df: pd.DataFrame, duplicates: str) -> list[dict[str, str]]:
    ids = df["article_id"].tolist()
    dup = pd.Series(ids).duplicated()
    if not dup.any():
        return []
    if duplicates == "raise":
        examples = sorted({ids[i] for i in dup[dup].index})[:5]
        raise ValueError(f"{int(dup.sum())} duplicate article ids, e.g. {examples}; "
                         "give unique ids or use duplicates='suffix'")
    taken = set(ids)
    count: dict[str, int] = {}
    renamed = []
    for i in dup[dup].index:
        orig = ids[i]
        k = count.get(orig, 1)
        while True:
            k += 1
            new = f"{orig}~{k}"
            if new not in taken:
                break
        count[orig] = k
        taken.add(new)
        ids[i] = new
        renamed.append({"article_id": new, "original": orig})
    df["article_id"] = pd.Series(ids, index=df.index, dtype="str")
    shown = ", ".join(f"{r['original']!r} -> {r['article_id']!r}" for r in renamed[:5])
    warnings.warn(f"{len(renamed)} duplicate article id(s) made unique: {shown}"
                  f"{' ...' if len(renamed) > 5 else ''} (see .attrs['duplicate_ids'])",
                  DuplicateIdWarning, stacklevel=3)
    return renamed
