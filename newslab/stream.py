"""Streaming ``newslab analyze``: read, process and write a corpus batch by batch, and resume.

A corpus of any size runs in memory bounded by one batch: the inputs are read lazily (file by file,
large JSON Lines and CSV files a chunk of records at a time), each batch of articles goes through every
corpus step, and each table is written as it goes, one file per batch::

    OUT/tables/sentences/part-00000.parquet
    OUT/tables/sentences/part-00001.parquet
    ...

Corpus-wide tables (``speakers``, ``stance_matrix``) and the report's charts are built afterwards
from the written tables, one part at a time, reading only the columns they need. After every batch
``OUT/tables/_progress.json`` records the finished batches (written atomically, after the batch's
files), so ``--resume`` continues an interrupted run where it stopped and gives the same tables as
an uninterrupted one. :func:`read_table` reads a written table back as one DataFrame.
"""
from __future__ import annotations

import csv
import heapq
import io
import itertools
import json
import math
import os
import re
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import articles as _arts

__all__ = ["BATCH_SIZE", "BATCH_TABLES", "RunState", "Summary", "assign_speaker_ids", "iter_batches",
           "process_batch", "read_table", "run", "start", "summarise", "table_parts", "write_part"]

#: Articles per batch: enough that starting worker processes per step costs little, few enough
#: that one batch's tables (about 70 KB per article) stay small.
BATCH_SIZE = 1000
#: JSON Lines and CSV files larger than this are read a chunk of records at a time instead of whole.
JSONL_CHUNK_BYTES = 8 * 2**20
#: The per-batch tables, in the order they are written.
BATCH_TABLES = ("articles", "sentences", "quotes", "sentence_sentiment", "quote_sentiment", "stance")
#: The per-batch rows the stance matrix is summed from (``newslab.stance.matrix_mentions`` of the
#: batch's attributions), written beside the tables; ``summarise`` reads them part by part.
MENTIONS = "_matrix_mentions"
#: What a row of a table counts, shown under its heading in the report.
NOTES = {
    "quotes": 'Quotations of speech, each its own row (newslab.quotes, convention="quotes").',
    "speakers": "One row per speaker identity (speaker_id) over the whole corpus, counting its quotations.",
    "stance_matrix": ('Every attribution, attitudes such as "criticized" included (convention="attributions", as '
                      "in notebook 04): the mean stance of each speaker toward each target."),
}
#: The quotes columns ``newslab.speakers`` (and its gender evidence) reads.
SPEAKER_INPUT = ("article_id", "type", "text", "speaker_name", "speaker_role", "speaker_id", "speaker",
                 "speaker_start")
#: Sentences drawn in the lexicon scatter at most (an even sample of a larger corpus).
SCATTER_MAX = 20_000
_PROGRESS = "_progress.json"
_PART = re.compile(r"part-(\d{5,})\.(parquet|csv)$")


# ------------------------------------------------------------------------------------------ reading
def _files(paths: Sequence[str], state: Any) -> Iterator[tuple[Path, Path | None, bool]]:
    """(file, base for its id, named explicitly) for every input file, in load_articles' order."""
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for file in _arts._walk(path, state):
                yield file, path, False
        elif path.exists():
            yield path, None, True
        elif _arts._GLOB_MAGIC.search(raw):
            matches = sorted(Path(p) for p in _arts._glob.glob(os.path.expanduser(raw), recursive=True))
            if not matches:
                raise FileNotFoundError(f"No files match the pattern {raw!r}")
            files = [p for p in matches if p.is_file()]
            for d in (p for p in matches if p.is_dir()):
                files.extend(_arts._walk(d, state))
            root = _arts._glob_root(raw)
            for file in sorted(dict.fromkeys(files)):
                yield file, root, False
        else:
            raise FileNotFoundError(2, "No such file or folder", raw)


def _jsonl_chunks(path: Path, file_id: str, state: Any, lines: int) -> Iterator[pd.DataFrame]:
    """The records of a large JSON Lines file, ``lines`` lines at a time, read lazily.

    Each chunk goes through load_articles' own parser; line numbers (ids ``<file>:<line>`` and
    skip records) are shifted to the file's, so the articles equal those of a whole-file load.
    """
    with open(path, "rb") as fh:
        first = 0
        while True:
            chunk = [line for _, line in zip(range(lines), fh)]
            if not chunk:
                return
            data = b"".join(chunk)
            if first == 0 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            text, enc = _arts._decode(data, state.encoding)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            n_skips = len(state.skipped)
            try:
                frame, numbers = _arts._parse_json(text, True, path, state)
            except _arts._Skip as reason:  # e.g. a chunk of nothing but bad lines
                state.skip(path, str(reason), line=first + 1)
                frame, numbers = pd.DataFrame(), []
            for s in state.skipped[n_skips:]:
                if "line" in s:
                    s["line"] += first
            if len(frame):
                yield _arts._records_frame(frame, state, file_id, path, enc, [n + first for n in numbers])
            first += len(chunk)


def _csv_chunks(path: Path, file_id: str, state: Any, rows: int) -> Iterator[pd.DataFrame]:
    """The records of a large CSV/TSV file, ``rows`` records at a time, read lazily.

    Python's csv reader cuts the file into records (quoted cells may hold line breaks); each chunk
    is written back with the header and goes through load_articles' own CSV parser, with record
    numbers (ids ``<file>:<n>``) continued across chunks, so the articles equal a whole-file load.
    """
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if len(head) == 1 << 16:  # decode whole lines only, so a character is never cut in two
        head = head.rsplit(b"\n", 1)[0]
    try:
        _, enc = _arts._decode(head, state.encoding)
    except _arts._Skip as reason:
        state.skip(path, str(reason))
        return
    first = 0
    with open(path, encoding=enc, newline="") as fh:
        reader = csv.reader(fh, delimiter=sep)
        try:
            header = next(reader, None)
            while header is not None:
                chunk = list(itertools.islice(reader, rows))
                if not chunk:
                    return
                buf = io.StringIO()
                writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
                writer.writerow(header)
                writer.writerows(chunk)
                n_skips = len(state.skipped)
                try:
                    frame, numbers = _arts._parse_csv(_arts._clean(buf.getvalue()), sep, state.fields, path, state)
                    for s in state.skipped[n_skips:]:  # lines of the chunk -> lines of the file
                        if "line" in s:
                            s["line"] += first
                    yield _arts._records_frame(frame, state, file_id, path, enc, [n + first for n in numbers])
                except _arts._Skip as reason:
                    state.skip(path, f"records {first + 1}-{first + len(chunk)}: {reason}")
                first += len(chunk)
        except (csv.Error, UnicodeDecodeError) as err:  # the rest of the file cannot be read as CSV
            state.skip(path, f"unreadable CSV after record {first}: {err}", record=first + 1)


class _UniqueIds:
    """Makes article ids unique across batches the way load_articles does within one table."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.count: dict[str, int] = {}

    def fix(self, df: pd.DataFrame) -> list[dict[str, str]]:
        ids = df["article_id"].tolist()
        renamed = []
        for i, orig in enumerate(ids):
            if orig in self.seen:
                k = self.count.get(orig, 1)
                while f"{orig}~{k + 1}" in self.seen or f"{orig}~{k + 1}" in ids:
                    k += 1
                k += 1
                self.count[orig] = k
                ids[i] = f"{orig}~{k}"
                renamed.append({"article_id": ids[i], "original": orig})
            self.seen.add(ids[i])
        if renamed:
            df["article_id"] = pd.Series(ids, index=df.index, dtype="str")
        return renamed


def _finish(frames: list[pd.DataFrame], ids: _UniqueIds) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    out = pd.concat(frames, ignore_index=True, sort=False) if frames else _arts._empty()
    out = _arts._order_columns(out)
    out["date"] = _arts._as_datetime_column(out["date"])
    out.attrs["duplicate_ids"] = ids.fix(out)
    return out


def iter_batches(paths: Sequence[str], size: int = BATCH_SIZE,
                 fields: Mapping[str, str] | None = None) -> Iterator[pd.DataFrame]:
    """The articles of ``paths`` (files, folders, globs), ``size`` at a time, read lazily.

    Each batch is what ``load_articles`` gives for those articles (same ids, columns and values),
    with ``attrs["skipped"]`` holding the inputs skipped since the previous batch (and
    ``attrs["ignored"]`` the documentation files passed over); ``fields`` as in
    ``load_articles``. Only the batch
    being built is in memory (a JSON Lines or CSV file over ``JSONL_CHUNK_BYTES`` is read in chunks).

    Examples:
        >>> import newslab
        >>> [len(b) for b in iter_batches([str(newslab.SEED)])]
        [1]
    """
    state = _arts._State(fields=dict(fields or {}), encoding=None, layout=True)
    ids = _UniqueIds()
    pending: list[pd.DataFrame] = []

    def ready(final: bool) -> Iterator[pd.DataFrame]:
        nonlocal pending
        state.flush()
        pending += [f for f in state.frames if len(f)]
        state.frames = []
        while sum(map(len, pending)) >= size or (final and (pending or state.skipped or state.ignored)):
            whole = pd.concat(pending, ignore_index=True, sort=False) if len(pending) > 1 else \
                (pending[0] if pending else _arts._empty())
            head, rest = whole.iloc[:size], whole.iloc[size:]
            pending = [rest.reset_index(drop=True)] if len(rest) else []
            batch = _finish([head], ids)
            batch.attrs["skipped"], state.skipped = state.skipped, []
            batch.attrs["ignored"], state.ignored = state.ignored, []
            yield batch

    for path, base, explicit in _files(paths, state):
        suffix = path.suffix.lower()
        if suffix in _arts._JSONL_EXT | _arts._CSV_EXT and _size(path) > JSONL_CHUNK_BYTES:
            chunks = _jsonl_chunks if suffix in _arts._JSONL_EXT else _csv_chunks
            for frame in chunks(path, _arts._file_id(path, base), state, size):
                state.add(frame)
                yield from ready(False)
            continue
        _arts._load_file(path, state, base=base, explicit=explicit)
        if state.frames or len(state.rows) >= size:
            yield from ready(False)
    yield from ready(True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# ------------------------------------------------------------------------------------------ writing
def _atomic_write(path: Path, write: Callable[[Path], Any]) -> None:
    """Write through a temporary name and rename: a killed run never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_part(df: pd.DataFrame, out: Path, name: str, index: int, fmt: str) -> Path:
    """Write one batch of table ``name`` as ``out/tables/name/part-NNNNN.(parquet|csv)``.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     write_part(pd.DataFrame({"a": [1]}), Path(d), "t", 3, "csv").name
        'part-00003.csv'
    """
    from . import export

    folder = Path(out) / "tables" / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{index:05d}.{fmt}"
    _atomic_write(path, lambda p: export.to_parquet(df, p) if fmt == "parquet" else export.to_csv(df, p))
    return path


def table_parts(out: str | Path, name: str) -> list[Path]:
    """The part files of table ``name`` under ``out/tables/``, in batch order.

    Examples:
        >>> table_parts("/no/such/run", "quotes")
        []
    """
    folder = Path(out) / "tables" / name
    if not folder.is_dir():
        return []
    parts = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _PART.fullmatch(p.name))]
    return [p for _, p in sorted(parts)]


def read_part(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """One part file, all columns or only ``columns`` (those present).

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = write_part(pd.DataFrame({"a": [1], "b": ["x"]}), Path(d), "t", 0, "parquet")
        ...     read_part(p, ["b", "zz"]).columns.tolist()
        ['b']
    """
    from . import export

    if path.suffix == ".parquet" and columns is not None:
        import pyarrow.parquet as pq

        present = set(pq.read_schema(path).names)
        return pq.read_table(path, columns=[c for c in columns if c in present]).to_pandas()
    df = export.read_parquet(path) if path.suffix == ".parquet" else export.read_csv(path)
    return df if columns is None else df[[c for c in columns if c in df.columns]]


def read_table(out: str | Path, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A table written by ``newslab analyze`` (all its parts) as one DataFrame.

    Args:
        out: the ``--out`` folder of the run.
        name: ``articles``, ``sentences``, ``quotes``, ``speakers``, ``sentence_sentiment``,
            ``quote_sentiment``, ``stance`` or ``stance_matrix``.
        columns: read only these columns.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     for i in range(2):
        ...         _ = write_part(pd.DataFrame({"n": [i]}), Path(d), "t", i, "parquet")
        ...     read_table(d, "t")["n"].tolist()
        [0, 1]
    """
    parts = table_parts(out, name)
    if not parts:
        raise FileNotFoundError(f"no table {name!r} under {Path(out) / 'tables'}; run `newslab analyze` first")
    frames = [read_part(p, columns) for p in parts]
    nonempty = [f for f in frames if len(f)] or frames[:1]
    out = pd.concat(nonempty, ignore_index=True, sort=False) if len(nonempty) > 1 else nonempty[0]
    if name == "articles" and columns is None and len(nonempty) > 1:  # batches differ in optional columns
        out = _arts._order_columns(out)
    if len(nonempty) > 1:  # a part read back as str (NaN for missing) joined to one of object (None)
        for c in out.columns:
            if out[c].dtype == object and out[c].isna().any():
                out[c] = out[c].where(out[c].notna(), None)
    return out


# ---------------------------------------------------------------------------------------- identities
def assign_speaker_ids(out: str | Path) -> int:
    """Give every written quote the ``speaker_id`` of one whole-corpus ``speaker_ids`` call.

    Each batch's quotes got ids joined within the batch; a person spelled "Adaeze Okonkwo" in one
    batch and "Mayor Okonkwo" in another is one identity of the corpus. Three reading passes, one
    part at a time: the quotes' ``article_id``, ``speaker_name`` and ``speaker_role`` (the evidence,
    held once per spelling and once per article for a bare surname), the text of the few articles
    whose bare surnames it decides, then each quotes part, rewritten (atomically) when an id
    changed. Idempotent: a resumed run that redoes it gives the same tables. Returns the parts
    rewritten.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     for i, (aid, name) in enumerate([("a", "Adaeze Okonkwo"), ("b", "Adaeze N. Okonkwo")]):
        ...         _ = write_part(pd.DataFrame({"article_id": [aid], "text": ["..."]}), Path(d), "articles", i, "csv")
        ...         q = pd.DataFrame({"article_id": [aid], "speaker_name": [name], "speaker_id": [name]})
        ...         _ = write_part(q, Path(d), "quotes", i, "csv")
        ...     assign_speaker_ids(d), read_table(d, "quotes")["speaker_id"].tolist()
        (1, ['Adaeze Okonkwo', 'Adaeze Okonkwo'])
    """
    from .identity import SpeakerIdentities

    q_parts = table_parts(out, "quotes")
    tally = SpeakerIdentities()
    for p in q_parts:
        tally.add(read_part(p, ["article_id", "speaker_name", "speaker_role"]))
    needed = tally.texts_needed()
    for p in table_parts(out, "articles") if needed else []:
        if read_part(p, ["article_id"])["article_id"].isin(needed).any():
            arts = read_part(p, ["article_id", "text"])
            tally.add_texts(arts[arts["article_id"].isin(needed)])
    rewritten = 0
    for p in q_parts:
        quotes = read_part(p)
        ids = pd.Series(tally.ids(quotes), index=quotes.index, dtype=object)
        old = quotes["speaker_id"] if "speaker_id" in quotes.columns else None
        if old is not None and (old.isna() == ids.isna()).all() and (old[ids.notna()] == ids[ids.notna()]).all():
            continue
        quotes["speaker_id"] = ids
        _rewrite_part(p, quotes)
        rewritten += 1
    return rewritten


def _rewrite_part(path: Path, df: pd.DataFrame) -> None:
    """Replace a written part (same name and format), through a temporary name."""
    from . import export

    _atomic_write(path, lambda p: export.to_parquet(df, p) if path.suffix == ".parquet" else export.to_csv(df, p))


# ------------------------------------------------------------------------------------------ targets
def count_countries(batches: Iterator[pd.DataFrame]) -> Counter[str]:
    """Mentions of each gazetteer country over every batch (``targets.candidates``' counts).

    Country mentions are counted row by row, so the sums over batches equal one count over the
    corpus; ``top_countries`` ranks them as ``cli.default_targets`` does.

    Examples:
        >>> df = pd.DataFrame({"text": ["Russia and Moscow.", "The DPRK and Russia."]})
        >>> sorted(count_countries(iter([df.iloc[:1], df.iloc[1:]])).items())
        [('North Korea', (1, 1)), ('Russia', (3, 2))]
    """
    from .targets import country_counts

    total: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for batch in batches:
        if not len(batch):
            continue
        # the countries' counts alone: no table of every other candidate of the batch
        for country, (n, r) in country_counts(batch["text"].tolist()).items():
            total[country] += n
            rows[country] += r
    return Counter({c: (total[c], rows[c]) for c in total})  # type: ignore[misc]


def top_countries(counts: Mapping[str, tuple[int, int]], top: int) -> dict[str, list[str]]:
    """The ``top`` countries by mentions (then rows mentioning them, then name), with their aliases.

    Examples:
        >>> list(top_countries({"Russia": (3, 2), "North Korea": (3, 3), "Chile": (1, 1)}, 2))
        ['North Korea', 'Russia']
    """
    from .targets import countries

    names = sorted(counts, key=lambda c: (-counts[c][0], -counts[c][1], c))[:top]
    return {str(k): list(v) for k, v in countries(*names).items()} if names else {}


# ---------------------------------------------------------------------------------------- one batch
def process_batch(batch: pd.DataFrame, targets: Mapping[str, Sequence[str]], jobs: int = 1,
                  client: Any = None, timings: dict[str, float] | None = None,
                  failed: list[dict[str, Any]] | None = None) -> dict[str, pd.DataFrame]:
    """The per-batch tables (``BATCH_TABLES``, then the stance matrix's ``MENTIONS``) of one batch of articles.

    With a Dask ``client`` the steps run partition-wise on its cluster (the same functions, through
    their Dask path); otherwise on ``jobs`` local processes. Both give the same tables. A step that
    raises on an article leaves that article out of its table (``FailedArticleWarning``); given a
    list as ``failed``, each such article is appended to it (see :func:`_step_failures`).

    Examples:
        >>> import newslab
        >>> t = process_batch(newslab.load_articles(newslab.SEED), {"Russia": ["Russia"]})
        >>> list(t) == [*BATCH_TABLES, MENTIONS], len(t["quotes"]) > 0
        (True, True)
    """
    from .conventions import to_quotations
    from .identity import speaker_ids
    from .quotes import quotes as find_quotes
    from .sentences import sentences as split_sentences
    from .sentiment import sentiment as score_sentiment
    from .stance import stance as score_stance

    timings = {} if timings is None else timings
    failed = [] if failed is None else failed
    tgt = {k: list(v) for k, v in targets.items()} or {"_": ["_"]}
    if client is not None:
        return _process_dask(batch, tgt, bool(targets), client, timings, failed)

    def step(table: str, fn: Callable[..., pd.DataFrame], df: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
        out = _timed(timings, fn.__name__, fn, df, n_jobs=jobs, **kwargs)
        failed.extend(_step_failures(table, fn.__name__, out))
        return out

    sents = step("sentences", split_sentences, batch)
    # every attribution (the stance matrix reads attitudes: "criticized ..."); the quotes table is
    # its "quotes" convention, derived as newslab.quotes(batch) derives it; the rules read the
    # sentences just split instead of splitting every text again
    attributions = step("quotes", find_quotes, batch, convention="attributions", sentences=sents)
    quotes = _timed(timings, "quotes", to_quotations, attributions, _texts(batch))
    s_sent = step("sentence_sentiment", score_sentiment, sents)
    q_sent = step("quote_sentiment", score_sentiment, quotes)
    # identities are joined within the batch (speaker_ids reads its articles' texts for surnames);
    # run() joins them over the whole corpus at the end (assign_speaker_ids)
    quotes = _timed(timings, "speakers", speaker_ids, quotes, batch)
    # no targets: an empty stance table that still has every column
    st = step("stance", score_stance, sents if targets else sents.iloc[:0], targets=tgt)
    return {**dict(zip(BATCH_TABLES, (batch, sents, quotes, s_sent, q_sent, st))),
            MENTIONS: _timed(timings, "stance_matrix", _mentions, attributions, tgt, bool(targets))}


def _texts(batch: pd.DataFrame) -> dict[Any, Any]:
    """article_id -> text, as ``newslab.quotes`` hands them to its convention passes."""
    return dict(zip(batch["article_id"].tolist(), batch["text"].tolist())) if "text" in batch else {}


def _mentions(attributions: pd.DataFrame, tgt: dict[str, list[str]], has_targets: bool) -> pd.DataFrame:
    """The batch's stance-matrix rows: ``matrix_mentions`` of its attributions (none without targets)."""
    from .stance import matrix_mentions

    return matrix_mentions(attributions if has_targets else attributions.iloc[:0], tgt)


def _step_failures(table: str, step: str, out: pd.DataFrame) -> list[dict[str, Any]]:
    """The articles ``step`` left out of ``table`` (its ``attrs["failed"]``): step, table, article id,
    row of the step's input and the error. Entries of other steps, which pandas may carry along in
    ``attrs`` from the step's input, are not this step's.

    Examples:
        >>> out = pd.DataFrame({"n": [1]})
        >>> out.attrs["failed"] = [{"step": "quotes", "row": 3, "article_id": "a3", "error": "ValueError: x"}]
        >>> _step_failures("quotes", "quotes", out)
        [{'table': 'quotes', 'step': 'quotes', 'row': 3, 'article_id': 'a3', 'error': 'ValueError: x'}]
        >>> _step_failures("quote_sentiment", "sentiment", out)
        []
    """
    return [{"table": table, **f} for f in out.attrs.get("failed", []) if f.get("step") == step]


def _process_dask(batch: pd.DataFrame, tgt: dict[str, list[str]], has_targets: bool, client: Any,
                  timings: dict[str, float], failed: list[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    import dask
    import dask.dataframe as dd

    from .quotes import quotes as find_quotes
    from .sentences import sentences as split_sentences
    from .sentiment import sentiment as score_sentiment
    from .stance import stance as score_stance

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    ddf = dd.from_pandas(batch, npartitions=max(1, min(len(batch), 4 * workers)), sort=False)
    sents = split_sentences(ddf)
    attributions = find_quotes(ddf, convention="attributions")
    lazy = [sents, attributions, score_sentiment(sents)]
    if has_targets:
        lazy.append(score_stance(sents, targets=tgt))
    # partition by partition: each partition's attrs["failed"] names the articles its step left out
    # (a concatenation keeps attrs only when every partition has the same)
    # (unoptimised graphs: the steps the tables share, such as sentences, run once)
    delayed = [d.to_delayed(optimize_graph=False) for d in lazy]
    pieces = _timed(timings, "dask", lambda: dask.compute(*delayed, scheduler=client))
    done = []
    for table, step, parts in zip(("sentences", "quotes", "sentence_sentiment", "stance"),
                                  ("sentences", "quotes", "sentiment", "stance"), pieces):
        failed.extend(f for part in parts for f in _step_failures(table, step, part))
        done.append(pd.concat([p for p in parts if len(p)] or list(parts[:1]), ignore_index=True))
    from .conventions import to_quotations
    from .identity import speaker_ids

    sents, attributions, s_sent = done[:3]
    quotes = to_quotations(attributions, _texts(batch))
    # the quotes exist only after the convention passes (here): their sentiment is a second round
    with dask.config.set({"dataframe.convert-string": False}):  # keep the quotes' own column types
        q_ddf = dd.from_pandas(quotes, npartitions=max(1, min(len(quotes), 4 * workers)), sort=False)
    q_sent = _timed(timings, "dask", lambda: dask.compute(score_sentiment(q_ddf), scheduler=client))[0]
    q_sent = q_sent.reset_index(drop=True)
    failed.extend(_step_failures("quote_sentiment", "sentiment", q_sent))
    st = done[3] if has_targets else score_stance(sents.iloc[:0], targets=tgt)  # no targets: every column, no row
    return {**dict(zip(BATCH_TABLES, [batch, sents, speaker_ids(quotes, batch), s_sent, q_sent, st])),
            MENTIONS: _mentions(attributions, tgt, has_targets)}


def _timed_iter(timings: dict[str, float], name: str, items: Iterator[Any]) -> Iterator[Any]:
    """``items``, adding the time spent producing each to ``timings[name]``."""
    while True:
        try:
            item = _timed(timings, name, next, items)
        except StopIteration:
            return
        yield item


def _timed(timings: dict[str, float], name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    import time

    t0 = time.perf_counter()
    try:
        return fn(*args, **kwargs)
    finally:
        timings[name] = round(timings.get(name, 0.0) + time.perf_counter() - t0, 4)


# ------------------------------------------------------------------------------ corpus-wide tables
@dataclass
class ChartTally:
    """What the report's charts need, gathered one part at a time (memory per speaker, not per row)."""

    dated: Counter[tuple[Any, Any]] = field(default_factory=Counter)   # (speaker, week start) -> quotes
    undated: int = 0
    busiest: tuple[int, int, str, int] = (0, 0, "", -1)                # (quotes, -order, article id, part)
    order: int = 0
    scatter: list[pd.DataFrame] = field(default_factory=list)
    seen_sentences: int = 0

    def add(self, part: int, arts: pd.DataFrame, quotes: pd.DataFrame, sent_sentiment: pd.DataFrame,
            step: int) -> None:
        # counted by identity, as the speakers table (one M speakers everywhere)
        col = "speaker_id" if "speaker_id" in quotes.columns else "speaker_name"
        names = quotes[col].astype(object).where(quotes[col].notna(), None).tolist() \
            if col in quotes.columns else [None] * len(quotes)
        dates = dict(zip(arts["article_id"], arts["date"])) if "date" in arts.columns else {}
        when = pd.to_datetime(pd.Series([dates.get(a) for a in quotes.get("article_id", [])], dtype=object),
                              errors="coerce")
        weeks = when.dt.to_period("W").dt.start_time
        for name, week in zip(names, weeks):
            if pd.isna(week):
                self.undated += 1
            else:
                self.dated[(name, week)] += 1
        if "article_id" in quotes.columns and len(quotes):
            for aid, k in quotes["article_id"].value_counts(sort=False).items():
                self.order += 1
                self.busiest = max(self.busiest, (int(k), -self.order, str(aid), part))
        if len(sent_sentiment):
            idx = range(self.seen_sentences, self.seen_sentences + len(sent_sentiment))
            keep = [i - self.seen_sentences for i in idx if i % step == 0]
            cols = [c for c in ("polarity", "vader", "sentiment_label") if c in sent_sentiment.columns]
            self.scatter.append(sent_sentiment.iloc[keep][cols])
            self.seen_sentences += len(sent_sentiment)

    def timeline_rows(self, top: int = 8) -> pd.DataFrame:
        """Quote rows (speaker, week) of the ``top`` speakers, plus the undated rows, for ``plots.timeline``."""
        size: Counter[Any] = Counter()
        for (name, _), k in self.dated.items():
            size[name] += k
        label = {n: "(no speaker)" if n is None else str(n) for n in size}
        groups = set(sorted(size, key=lambda g: (-size[g], label[g]))[:top])
        names, weeks = [], []
        for (name, week), k in self.dated.items():
            if name in groups:
                names += [name] * k
                weeks += [week] * k
        names += [None] * self.undated
        weeks += [pd.NaT] * self.undated
        return pd.DataFrame({"quote_id": range(len(names)), "speaker_name": pd.Series(names, dtype=object),
                             "speaker_id": pd.Series(names, dtype=object),
                             "date": pd.to_datetime(pd.Series(weeks, dtype=object))})


@dataclass
class Summary:
    """The corpus-wide outputs of a streamed run, built from its written tables."""

    speakers: pd.DataFrame
    stance_matrix: pd.DataFrame
    charts: dict[str, Any]
    heads: dict[str, pd.DataFrame]
    #: every row of the articles the report shows with their quotes marked (``report.pick_articles``)
    views: dict[str, pd.DataFrame] = field(default_factory=dict)


def summarise(out: str | Path, targets: Mapping[str, Sequence[str]], counts: Mapping[str, int],
              head_rows: int = 50) -> Summary:
    """``speakers``, ``stance_matrix``, the charts' inputs and each table's head, from the written parts.

    Reads one batch's parts at a time and only the columns each aggregate needs.

    Examples:
        >>> import tempfile, newslab
        >>> with tempfile.TemporaryDirectory() as d:
        ...     t = process_batch(newslab.load_articles(newslab.SEED), {"Russia": ["Russia"]})
        ...     for name, df in t.items():
        ...         _ = write_part(df, Path(d), name, 0, "parquet")
        ...     s = summarise(d, {"Russia": ["Russia"]}, {k: len(v) for k, v in t.items()})
        >>> s.speakers.equals(newslab.speakers(t["quotes"], t["articles"])), s.heads["quotes"].attrs["n_rows"] > 0
        (True, True)

    The speakers table is ``newslab.speakers`` of every quote and its article (``SpeakerTally``), the
    stance matrix ``newslab.stance_matrix`` of every attribution (``matrix_from_mentions``), both
    summed part by part: memory holds a row per speaker, not per quote.
    """
    from .report import LONG_ARTICLE
    from .speakers import SpeakerTally

    charts = ChartTally()
    speakers = SpeakerTally()
    picks = _Picks(LONG_ARTICLE)
    step = max(1, math.ceil(counts.get("sentence_sentiment", 0) / SCATTER_MAX))
    parts = {name: table_parts(out, name) for name in BATCH_TABLES}
    for i, q_path in enumerate(parts["quotes"]):
        quotes = read_part(q_path, SPEAKER_INPUT)
        arts = read_part(parts["articles"][i], ["article_id", "date", "text"])
        speakers.add(quotes, arts)
        picks.add(i, arts, quotes)
        sent = read_part(parts["sentence_sentiment"][i], ["polarity", "vader", "sentiment_label"])
        charts.add(i, arts, quotes, sent, step)
        del quotes, arts, sent
    tables = {"speakers": speakers.table(), "stance_matrix": _matrix(out)}
    views = _views(parts, picks.chosen())
    heads = {}
    for name in (*BATCH_TABLES[:3], "speakers", *BATCH_TABLES[3:], "stance_matrix"):
        if name in tables:
            head = tables[name].head(head_rows)
        else:
            got: list[pd.DataFrame] = []
            for p in parts[name]:
                got.append(read_part(p))
                if sum(map(len, got)) >= head_rows:
                    break
            nonempty = [g for g in got if len(g)] or got[:1]
            head = (pd.concat(nonempty, ignore_index=True, sort=False) if len(nonempty) > 1
                    else nonempty[0] if nonempty else pd.DataFrame()).head(head_rows)
        head.attrs["n_rows"] = int(counts.get(name, len(tables.get(name, head))))
        if name in NOTES:
            head.attrs["note"] = NOTES[name]
        heads[name] = head
    return Summary(tables["speakers"], tables["stance_matrix"], _chart_inputs(out, parts, charts, tables), heads,
                   views)


class _Picks:
    """The articles ``report.pick_articles`` shows, found one part at a time (a few ids in memory):
    the seed article, then the articles quoted most, news-length ones before longer ones."""

    def __init__(self, long: int, n: int = 3) -> None:
        self.long, self.n = long, n
        self.seed: list[tuple[str, int]] = []
        self.first: list[tuple[str, int]] = []
        self.ranked: list[tuple[bool, int, str, int]] = []  # (long, -quotes, id, part), best first

    def add(self, part: int, arts: pd.DataFrame, quotes: pd.DataFrame) -> None:
        ids = [str(a) for a in arts["article_id"]] if "article_id" in arts else []
        self.seed += [(a, part) for a in ids if a.endswith("north-korea-russia-ties") or a == "seed_article"]
        del self.seed[self.n:]
        self.first += [(a, part) for a in ids[:self.n]]
        del self.first[self.n:]
        lengths = arts["text"].astype(str).str.len().tolist() if "text" in arts else [0] * len(ids)
        long = {a for a, k in zip(ids, lengths) if k > self.long}
        counts = Counter(str(a) for a in quotes["article_id"]) if "article_id" in quotes else Counter()
        mine = [(a in long, -k, a, part) for a, k in counts.items()]
        self.ranked = heapq.nsmallest(2 * self.n, self.ranked + mine)  # n seeds at most come out

    def chosen(self) -> dict[str, int]:
        """Article id -> its part, for the articles chosen, in the report's order."""
        if not self.ranked:
            return dict((self.seed or self.first)[:self.n])
        seed = {a for a, _ in self.seed}
        return dict((self.seed + [(a, p) for _, _, a, p in self.ranked if a not in seed])[:self.n])


def _matrix(out: str | Path) -> pd.DataFrame:
    """``newslab.stance_matrix`` of every attribution, summed from the batches' mention rows part by part.

    A speaker's stance on a target is read from the mentions an act governs when there are any,
    in whichever batch they are: ``matrix_from_mentions`` keeps both sums per (speaker, target).
    """
    from .stance import matrix_from_mentions

    return matrix_from_mentions(read_part(p) for p in table_parts(out, MENTIONS))


def _views(parts: Mapping[str, list[Path]], chosen: Mapping[str, int]) -> dict[str, pd.DataFrame]:
    """The rows of the articles ``report.pick_articles`` chooses (id -> part), read back from their parts."""
    got: dict[str, list[pd.DataFrame]] = {"articles": [], "quotes": [], "stance": []}
    for part in sorted(set(chosen.values())):
        for name, frames in got.items():
            df = read_part(parts[name][part])
            if "article_id" in df:
                frames.append(df[df["article_id"].astype(str).isin(list(chosen))])
    return {k: pd.concat(v, ignore_index=True, sort=False) for k, v in got.items() if v}


def _chart_inputs(out: str | Path, parts: Mapping[str, list[Path]], tally: ChartTally,
                  tables: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The frames ``cli.draw_charts`` draws from (see ``cli.chart_inputs`` for the in-memory twin)."""
    _, _, arc_id, part = tally.busiest
    arc: dict[str, Any] = {"arc_id": None, "arc_sentences": None, "arc_quotes": None, "arc_articles": None}
    if part < 0 and parts["articles"]:  # no quotes anywhere: the first article
        first = read_part(parts["articles"][0], ["article_id", "title"])
        if len(first):
            arc_id, part = str(first["article_id"].iloc[0]), 0
    if part >= 0:
        def one(name: str) -> pd.DataFrame:
            df = read_part(parts[name][part])
            return df[df["article_id"].astype(str) == arc_id].reset_index(drop=True)
        arc = {"arc_id": arc_id, "arc_sentences": one("sentence_sentiment"), "arc_quotes": one("quotes"),
               "arc_articles": one("articles")[["article_id", "title"]]}
    scatter = [s for s in tally.scatter if len(s)]
    return {**arc,
            "speaker_counts": tables["speakers"],
            "scatter": pd.concat(scatter, ignore_index=True) if scatter else pd.DataFrame(),
            "stance_matrix": tables["stance_matrix"],
            "timeline": tally.timeline_rows()}


# -------------------------------------------------------------------------------------- the run
@dataclass
class RunState:
    """What ``_progress.json`` holds: the run's identity, its targets and every finished batch."""

    key: dict[str, Any]
    targets: dict[str, list[str]] | None = None
    done: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    #: documentation files beside the corpus (README, LICENSE, ...), not read as articles
    ignored: list[dict[str, Any]] = field(default_factory=list)
    #: articles a step raised on and left out of its table: batch, table, step, article id, error
    failed: list[dict[str, Any]] = field(default_factory=list)
    duplicate_ids: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    resumed_at: int | None = None

    def save(self, out: Path) -> None:
        path = Path(out) / "tables" / _PROGRESS
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in self.__dict__.items()}
        _atomic_write(path, lambda p: p.write_text(json.dumps(data, ensure_ascii=False, default=str),
                                                   encoding="utf-8"))

    @classmethod
    def load(cls, out: Path) -> RunState | None:
        path = Path(out) / "tables" / _PROGRESS
        if not path.is_file():
            return None
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def _clear(out: Path, keep_below: int = 0) -> None:
    """Remove part files of batch ``keep_below`` and later (all by default) and stray temporaries."""
    tables = Path(out) / "tables"
    if not tables.is_dir():
        return
    for folder in tables.iterdir():
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            m = _PART.fullmatch(p.name)
            if (m and int(m.group(1)) >= keep_below) or p.name.endswith(".tmp"):
                p.unlink()


def start(out: Path, key: dict[str, Any], resume: bool) -> RunState:
    """The state to run from: the saved one with ``resume`` (same inputs and options), else a fresh one.

    Raises:
        ValueError: ``resume`` but the saved run had other inputs or options.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     s = start(Path(d), {"inputs": ["a"]}, resume=True); s.done = 2; s.save(Path(d))
        ...     start(Path(d), {"inputs": ["a"]}, resume=True).done, start(Path(d), {"inputs": ["a"]}, False).done
        (2, 0)
    """
    saved = RunState.load(out) if resume else None
    if saved is not None and saved.key != key:
        diff = sorted(k for k in set(key) | set(saved.key) if key.get(k) != saved.key.get(k))
        raise ValueError(f"--resume: {out} holds a run with other {', '.join(diff)}; rerun without "
                         f"--resume to start again, or with the same inputs and options")
    if saved is None:
        _clear(out)
        state = RunState(key=key)
        state.save(out)
        return state
    _clear(out, keep_below=saved.done)  # a batch half written when the run stopped is redone
    saved.resumed_at = saved.done
    return saved


@dataclass
class _Batch:
    """One batch read by :func:`run`: its articles to process and what the reading recorded about it."""

    index: int
    kept: pd.DataFrame
    n: int                                  # articles read, the too long ones included
    skipped: list[dict[str, Any]]
    ignored: list[dict[str, Any]]
    duplicate_ids: int
    #: results of its pieces (one, or ``jobs`` for the last batch of a batch-parallel run)
    pieces: list[dict[str, Any] | None] = field(default_factory=list)


def _read(paths: Sequence[str], state: RunState, batch_size: int, max_chars: int,
          fields: Mapping[str, str] | None) -> Iterator[_Batch]:
    """The batches not yet finished in ``state``, articles over ``max_chars`` set aside as skips."""
    from .cli import drop_long_articles

    for i, batch in enumerate(_timed_iter(state.timings, "load_articles", iter_batches(paths, batch_size, fields))):
        if i < state.done:
            continue
        kept, too_long = drop_long_articles(batch, max_chars)
        yield _Batch(i, kept, len(batch), [dict(s) for s in batch.attrs.get("skipped", [])] + too_long,
                     [dict(s) for s in batch.attrs.get("ignored", [])], len(batch.attrs.get("duplicate_ids", [])))


def _batch_job(batch: pd.DataFrame, targets: dict[str, list[str]], out: Path, index: int, fmt: str,
               write: bool = True, jobs: int = 1, client: Any = None) -> dict[str, Any]:
    """The tables of one batch (or piece of one), written as part ``index`` when ``write``.

    Returns the rows of each table (``counts``), the articles a step failed on, the steps' timings,
    and the tables themselves when not written (a piece, joined to its batch by the caller).
    """
    timings: dict[str, float] = {}
    failed: list[dict[str, Any]] = []
    tables = process_batch(batch, targets, jobs=jobs, client=client, timings=timings, failed=failed)
    if write:
        for name, df in tables.items():
            _timed(timings, "write_tables", write_part, df, out, name, index, fmt)
    return {"counts": {name: len(df) for name, df in tables.items()}, "failed": failed, "timings": timings,
            "tables": None if write else {k: v for k, v in tables.items() if k != "articles"}}


def _batch_in_worker(*args: Any) -> dict[str, Any]:
    """``_batch_job`` in a worker process: its warnings travel back with the result, to be shown there."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        done = _batch_job(*args)
    done["warnings"] = [(str(w.message), w.category) for w in caught]
    return done


def _pieces(batch: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    """``batch`` cut into ``n`` contiguous pieces of about equal text (fewer for a tiny batch).

    Examples:
        >>> [len(p) for p in _pieces(pd.DataFrame({"text": ["a" * 50, "b", "c", "d"]}), 2)]
        [1, 3]
    """
    from ._parallel import _text_lengths, chunk_bounds

    bounds = chunk_bounds(_text_lengths(batch), n) or [(0, 0)]
    return [batch.iloc[a:b] for a, b in bounds]


#: The table whose rows a step's ``failed`` row numbers count, per table a step fills.
_ROWS_OF = {"sentences": "articles", "quotes": "articles", "sentence_sentiment": "sentences",
            "quote_sentiment": "quotes", "stance": "sentences"}


def _join_pieces(batch: _Batch, out: Path, fmt: str) -> dict[str, Any]:
    """The pieces of a batch cut for several workers, joined and written as one part (its jobs=1 tables).

    Row numbers of failed articles are shifted to the whole batch's (the rows of the step's input
    in the pieces before).
    """
    from ._parallel import _concat

    pieces = [p for p in batch.pieces if p is not None]
    timings: dict[str, float] = {}
    failed = []
    offset: Counter[str] = Counter()  # rows of each table in the pieces before
    for p in pieces:
        for f in p["failed"]:
            base = offset[_ROWS_OF.get(f.get("table", ""), "articles")]
            failed.append({**f, "row": f["row"] + base} if isinstance(f.get("row"), int) else dict(f))
        for name in ("articles", "sentences", "quotes"):
            offset[name] += p["counts"][name]
    for p in pieces:
        for name, t in p["timings"].items():
            timings[name] = timings.get(name, 0.0) + t
    tables = {"articles": batch.kept}
    for name in pieces[0]["tables"]:
        tables[name] = _concat([p["tables"][name] for p in pieces])
    for name, df in tables.items():
        _timed(timings, "write_tables", write_part, df, out, name, batch.index, fmt)
    return {"counts": {n: len(df) for n, df in tables.items()}, "failed": failed, "timings": timings}


def _run_batches(batches: Iterator[_Batch], jobs: int, targets: dict[str, list[str]], out: Path, fmt: str,
                 finish: Callable[[_Batch, dict[str, Any]], None], meanwhile: Callable[[], Any] | None = None) -> None:
    """Every batch on ``jobs`` long-lived worker processes, each running the whole pipeline of a batch.

    This process reads the batches (two ahead) and hands each to a free worker, which writes the
    batch's tables itself and returns its counts; batches are finished (``finish``: progress saved)
    in order, a batch done early waiting for those before it (at most ``jobs + 1`` in flight, so
    memory stays flat). The last batch is cut into ``jobs`` pieces when a worker would otherwise
    idle at the end (another worker is midway through a batch, or there is only this one); their
    tables come back here and are joined and written as the batch's part. Batches that all start
    together (two batches, two workers) run whole: cutting them would only cost the tables' trip.
    """
    from ._parallel import WorkerDied, WorkerPool

    ahead: deque[_Batch] = deque()
    units: deque[tuple[_Batch, int, pd.DataFrame]] = deque()
    pending: dict[int, _Batch] = {}
    running: dict[tuple[int, int], int] = {}  # task -> the round of results it was started in
    rounds = 0
    exhausted = False

    def read_ahead() -> None:
        nonlocal exhausted
        while not exhausted and len(ahead) < 2:
            b = next(batches, None)
            exhausted = b is None
            if b is not None:
                ahead.append(b)

    def queue_next() -> None:
        b = ahead.popleft()
        last = exhausted and not ahead
        # cut the last batch unless every busy worker started with it, at the same moment
        cut = last and len(b.kept) > 1 and (not running or min(running.values()) < rounds)
        parts = _pieces(b.kept, jobs) if cut else [b.kept]
        b.pieces = [None] * len(parts)
        pending[b.index] = b
        units.extend((b, k, p) for k, p in enumerate(parts))

    try:
        with WorkerPool(jobs) as pool:
            read_ahead()
            while True:
                while pool.idle() and (units or (ahead and len(pending) <= jobs)):
                    if not units:
                        queue_next()
                    b, k, piece = units.popleft()
                    whole = len(b.pieces) == 1
                    pool.submit((b.index, k), _batch_in_worker, piece, targets, out, b.index, fmt, whole)
                    running[(b.index, k)] = rounds
                    if whole:  # the worker writes its articles too: nothing of it is needed here
                        b.kept = b.kept.iloc[:0]
                read_ahead()  # while the workers work
                if not pool.busy():
                    break
                if meanwhile is not None:
                    meanwhile()
                    meanwhile = None
                rounds += 1
                for (i, k), done in pool.results():
                    del running[(i, k)]
                    for message, category in done.pop("warnings"):
                        warnings.warn(message, category, stacklevel=2)
                    pending[i].pieces[k] = done
                while pending and None not in pending[min(pending)].pieces:  # the next batch in order is done
                    b = pending.pop(min(pending))
                    finish(b, b.pieces[0] if len(b.pieces) == 1 else _join_pieces(b, out, fmt))  # type: ignore[arg-type]
    except WorkerDied as exc:
        raise WorkerDied(f"{exc} The batches finished before it are saved: run again with --resume to go on "
                         f"from there.") from None


def run(paths: Sequence[str], out: Path, state: RunState, *, fmt: str, targets: Callable[[], dict[str, list[str]]],
        jobs: int = 1, batch_size: int = BATCH_SIZE, max_chars: int = 0, client: Any = None,
        on_batch: Callable[[int, int], None] | None = None, fields: Mapping[str, str] | None = None,
        meanwhile: Callable[[], Any] | None = None) -> RunState:
    """Process every batch not yet finished in ``state``, writing its tables and then the progress.

    Args:
        paths: the input files, folders and globs.
        out: the output folder (tables go under ``out/tables``).
        state: from :func:`start`.
        fmt: ``parquet`` or ``csv``.
        targets: called once, when the state has no targets yet, to choose them.
        jobs: local worker processes, each running every step of a whole batch (1: all in this process).
        batch_size: articles per batch.
        max_chars: longer articles are skipped (0: no limit).
        client: a Dask client to run the steps on instead of local processes.
        on_batch: called with (batch index, articles in it) after each batch is saved.
        fields: ``{input field: standard column}`` as in ``load_articles``.
        meanwhile: called once in this process while the workers of a batch-parallel run are busy
            (the command line imports its chart library there, off the critical path).

    Returns:
        The final state (also in ``out/tables/_progress.json``).

    Examples:
        >>> import tempfile, newslab
        >>> with tempfile.TemporaryDirectory() as d:
        ...     s = run([str(newslab.SEED)], Path(d), start(Path(d), {}, False), fmt="csv",
        ...             targets=lambda: {"Russia": ["Russia"]})
        ...     s.done, s.counts["articles"], [p.name for p in table_parts(d, "quotes")]
        (1, 1, ['part-00000.csv'])
    """
    from ._parallel import resolve_jobs

    if state.targets is None:
        state.targets = targets()
        state.save(out)
    counts = Counter(state.counts)

    def finish(batch: _Batch, done: dict[str, Any]) -> None:
        for name, k in done["counts"].items():
            counts[name] += k
        for name, t in done["timings"].items():
            state.timings[name] = round(state.timings.get(name, 0.0) + t, 4)
        state.skipped += batch.skipped
        state.ignored += batch.ignored
        state.failed += [{"batch": batch.index, **f} for f in done["failed"]]  # saved with the batch: a resume keeps them
        state.duplicate_ids += batch.duplicate_ids
        state.counts, state.done = dict(counts), batch.index + 1
        state.save(out)
        if on_batch is not None:
            on_batch(batch.index, batch.n)

    batches = _read(paths, state, batch_size, max_chars, fields)
    if resolve_jobs(jobs) > 1 and client is None:
        _run_batches(batches, resolve_jobs(jobs), state.targets, out, fmt, finish, meanwhile)
    else:
        for b in batches:
            finish(b, _batch_job(b.kept, state.targets, out, b.index, fmt, client=client))
    if state.done == 0:  # no input at all: one empty batch, so every table exists with its columns
        if not state.skipped:  # as load_articles: nothing read and nothing skipped is worth a word
            warnings.warn(f"load_articles found no article in {_arts._describe(list(paths))}: nothing of a readable "
                          f"type (read are {', '.join(sorted(_arts._KNOWN_EXT))}); check the path",
                          _arts.EmptyInputWarning, stacklevel=2)
        for name, df in process_batch(_arts._empty(), state.targets, jobs=1).items():
            write_part(df, out, name, 0, fmt)
            counts[name] += 0
        state.counts, state.done = {k: 0 for k in BATCH_TABLES}, 1
        state.save(out)
    # one identity per person over the whole corpus, not per batch (redone on --resume: idempotent)
    _timed(state.timings, "speaker_ids", assign_speaker_ids, out)
    return state


def countries_pass(paths: Sequence[str], batch_size: int, max_chars: int, top: int,
                   fields: Mapping[str, str] | None = None, jobs: int = 1) -> dict[str, list[str]]:
    """Stance targets when none are given: the ``top`` countries of the corpus, in one reading pass.

    With ``jobs`` > 1 the batches are counted in that many worker processes while this one reads
    the next (the counts are sums, so the order they come back in does not matter).

    Examples:
        >>> import newslab
        >>> list(countries_pass([str(newslab.SEED)], 1000, 0, 2))
        ['North Korea', 'Russia']
    """
    from ._parallel import WorkerPool, resolve_jobs
    from .cli import drop_long_articles

    batches = (drop_long_articles(b, max_chars)[0] for b in iter_batches(paths, batch_size, fields))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if resolve_jobs(jobs) <= 1:
            return top_countries(count_countries(batches), top)
        total: dict[str, tuple[int, int]] = {}
        with WorkerPool(resolve_jobs(jobs)) as pool:  # the next batch is read while the workers count
            for _, found in pool.run((None, _count_batch, (b,)) for b in batches):
                for country, (n, rows) in found.items():
                    was = total.get(country, (0, 0))
                    total[country] = (was[0] + n, was[1] + rows)
        return top_countries(total, top)


def _count_batch(batch: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """``count_countries`` of one batch, in a worker (its warnings are the reading pass's: not shown)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dict(count_countries(iter([batch])))
