"""The ``newslab`` command line: ``newslab analyze PATH... --out DIR``.

One command turns a corpus into the research tables, the charts, a self-contained ``report.html``
and a ``manifest.json`` that records what went in, what was skipped and why, and what produced it.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import sys
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .stream import _timed

#: Libraries whose versions the manifest records (results depend on their lexicons and rules).
VERSIONED = ("newslab", "nltk", "textblob", "vaderSentiment", "pandas", "numpy", "pyarrow", "matplotlib")
#: How many country candidates become stance targets when neither --targets nor --countries is given.
DEFAULT_TOP_COUNTRIES = 5
#: Longest article analysed by default (characters): 100 times a long feature story.
MAX_CHARS = 5_000_000
#: Articles per batch of ``newslab analyze`` (see newslab.stream).
BATCH_SIZE = 1000

_EPILOG = """\
outputs (in --out DIR):
  tables/NAME/part-NNNNN.parquet          each table, one file per batch of articles (.csv with
                                          --format csv); read one back whole with
                                          newslab.stream.read_table(DIR, NAME) or pandas/pyarrow
    articles, sentences, quotes, speakers   the tables of the newslab table contract
    sentence_sentiment, quote_sentiment     sentences / quotes with polarity, subjectivity, vader,
                                            sentiment, sentiment_label
    stance                                  one row per (sentence, target mention) with its stance
    stance_matrix                           one row per (speaker, target): mean stance of their
                                            attributions (every attribution, attitudes such as
                                            "criticized" too: newslab.quotes(convention="attributions"))
  charts/*.png                            quotes per speaker, sentiment arc, lexicon scatter,
                                          stance heatmap, timeline
  report.html                             every chart and the head of every table in one file
                                          (no external resources: open it offline or e-mail it)
  manifest.json                           inputs, options, library versions, row counts,
                                          skipped inputs with the reason, articles a step
                                          failed on with the error ("failed"), timings
  notebooks/*.html                        with --notebooks: the project notebooks, executed

targets for stance:
  --targets FILE.json   {"Russia": ["Russia", "Russian", "Moscow", "Kremlin"], ...}
  --countries NAME...   countries with newslab's alias lists (newslab.targets.countries)
  neither               the {top} countries mentioned most in the corpus (newslab.targets.candidates;
                        a first pass over the corpus counts them)

long corpora:
  the corpus is read, processed and written {batch} articles at a time (--batch-size), so memory
  does not grow with it; speakers, stance_matrix, the charts and the report are built from the
  written tables. A progress bar runs on stderr (not with --quiet). After each batch
  tables/_progress.json records it: if a run is interrupted, the same command with --resume
  continues where it stopped and gives the same tables. --jobs N runs N worker processes, each
  taking a whole batch through every step while this one reads ahead and saves progress in order
  (identical results to --jobs 1); --scheduler runs the steps on a Dask cluster. Articles over --max-chars are left
  out and listed in manifest.json. An article on which a step raises is left out of that step's
  table, the rest go on; manifest.json lists it under "failed" (batch, table, step, article id,
  error), and a resumed run keeps the list.

examples:
  newslab analyze data/ --out out/
  newslab analyze corpus/*.txt exports/site.jsonl --out results --format csv --jobs 2
  newslab analyze exports/ --out big/ --jobs 2 --resume       # after an interruption
  newslab analyze exports/ --out big/ --scheduler tcp://10.0.0.5:8786
  newslab analyze data/ --out out/ --countries Russia "North Korea" --quiet
  newslab analyze export.csv --out out/ --field story_body=text --field headline_en=title

exit status: 0 done, 1 error or no readable article, 2 bad command line (e.g. a missing path).
""".replace("{top}", str(DEFAULT_TOP_COUNTRIES)).replace("{batch}", f"{BATCH_SIZE:,}")


def _default_format() -> str:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return "csv"
    return "parquet"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newslab`` command (``newslab --help``).

    Examples:
        >>> build_parser().parse_args(["analyze", "data", "--out", "o", "--jobs", "2"]).jobs
        2
    """
    parser = argparse.ArgumentParser(
        prog="newslab",
        description="Turn news articles into research tables: sentences, quotes, speakers, sentiment "
                    "and stance, with charts and a one-file HTML report. Works offline.",
        epilog="Run `newslab analyze --help` for the outputs and every option.",
    )
    parser.add_argument("--version", action="version", version=f"newslab {_version('newslab')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    an = sub.add_parser(
        "analyze", help="analyse articles and write tables, charts, report.html and manifest.json",
        description="Load articles (text, JSONL, CSV or saved HTML files, folders of them, or globs), "
                    "find sentences, quotes, speakers, sentiment and stance, and write every table, "
                    "the charts, report.html and manifest.json into --out.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    an.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    an.add_argument("--out", "-o", required=True, type=Path, metavar="DIR",
                    help="output folder (created if needed; existing files are overwritten)")
    an.add_argument("--format", choices=("parquet", "csv"), default=None,
                    help="table file format (default: parquet when pyarrow is installed, else csv; "
                         f"here: {_default_format()}). CSV writes lists as JSON and defuses formulas")
    tg = an.add_mutually_exclusive_group()
    tg.add_argument("--targets", type=Path, metavar="FILE.json",
                    help='stance targets as JSON: {"name": ["alias", ...], ...}')
    tg.add_argument("--countries", nargs="+", metavar="NAME",
                    help='stance targets: these countries with their aliases, e.g. Russia "North Korea"')
    an.add_argument("--field", action="append", default=[], metavar="INPUT=COLUMN",
                    help="read the input field INPUT as the standard column COLUMN (repeatable), e.g. "
                         "--field story_body=text --field pub_time=date; the columns are "
                         "article_id, title, date, source, url, authors, text")
    an.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                    help="worker processes, each running every step of a batch (-1: every core; "
                         "default 1: all in this process)")
    an.add_argument("--notebooks", action="store_true",
                    help="also execute the project's notebooks/ into DIR/notebooks/*.html")
    an.add_argument("--notebook-dir", type=Path, metavar="DIR", default=None,
                    help="where the notebooks are (default: the project's notebooks/ folder)")
    an.add_argument("--max-chars", type=int, default=MAX_CHARS, metavar="N",
                    help=f"leave out (and list in manifest.json) articles longer than N characters: a "
                         f"multi-megabyte 'article' is a dump, not news, and would dominate the run "
                         f"(default {MAX_CHARS:,}; 0: no limit)")
    an.add_argument("--batch-size", type=int, default=None, metavar="N",
                    help="articles read, processed and written at a time (default "
                         f"{BATCH_SIZE:,}); memory grows with N, not with the corpus")
    an.add_argument("--resume", action="store_true",
                    help="continue an interrupted run in --out where it stopped (same paths and options)")
    an.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="run the steps on a Dask cluster: a scheduler address (tcp://host:8786), or "
                         "'local' for a LocalCluster of --jobs workers (needs newslab[dask])")
    an.add_argument("--no-charts", action="store_true", help="skip the PNG charts (faster on huge corpora)")
    an.add_argument("--quiet", "-q", action="store_true",
                    help="print nothing but errors (no progress bar, no summary)")
    an.add_argument("--traceback", action="store_true", help="on an error, print the full Python traceback")
    return parser


def parse_fields(items: Sequence[str]) -> dict[str, str]:
    """``--field`` values -> the ``fields=`` mapping of :func:`newslab.load_articles`.

    Examples:
        >>> parse_fields(["story_body=text", "pub_time = date"])
        {'story_body': 'text', 'pub_time': 'date'}
        >>> parse_fields(["story_body=body"])
        Traceback (most recent call last):
        ...
        ValueError: --field story_body=body: 'body' is not a column of the articles table (article_id, title, date, source, url, authors, text)
    """
    from .articles import STANDARD_COLUMNS

    fields: dict[str, str] = {}
    for item in items:
        name, sep, column = (part.strip() for part in item.partition("="))
        if not sep or not name or not column:
            raise ValueError(f"--field wants INPUT=COLUMN (e.g. story_body=text), got {item!r}")
        if column not in STANDARD_COLUMNS:
            raise ValueError(f"--field {item}: {column!r} is not a column of the articles table "
                             f"({', '.join(STANDARD_COLUMNS)})")
        fields[name] = column
    return fields


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        if dist == "newslab":
            from . import __version__
            return __version__
        return None


def versions() -> dict[str, str | None]:
    """Versions of newslab, the libraries its results depend on, and Python.

    Examples:
        >>> v = versions()
        >>> sorted(k for k in ("newslab", "pandas", "python") if v[k])
        ['newslab', 'pandas', 'python']
    """
    out: dict[str, str | None] = {name: _version(name) for name in VERSIONED}
    out["python"] = platform.python_version()
    return out


def missing_paths(paths: Sequence[str]) -> list[str]:
    """The command-line paths that name no existing file or folder and match no glob.

    Examples:
        >>> missing_paths(["/", "/no/such/file.txt", "/no/such/*.txt"])
        ['/no/such/file.txt', '/no/such/*.txt']
    """
    out = []
    for p in paths:
        if Path(p).exists():
            continue
        if glob.has_magic(p) and glob.glob(p, recursive=True):
            continue
        out.append(p)
    return out


def _expand(paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        out.extend(sorted(glob.glob(p, recursive=True)) if not Path(p).exists() and glob.has_magic(p) else [p])
    return out


def load_targets(path: Path) -> dict[str, list[str]]:
    """Read ``{"name": ["alias", ...]}`` (a bare string alias is allowed) from a JSON file.

    Raises:
        ValueError: with what was expected, when the file is not such a mapping.

    Examples:
        >>> import json, tempfile
        >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        ...     json.dump({"Russia": ["Russia", "Kremlin"], "NATO": "NATO"}, f)
        >>> load_targets(Path(f.name))
        {'Russia': ['Russia', 'Kremlin'], 'NATO': ['NATO']}
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read targets file {path}: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise ValueError(f'{path}: expected a JSON object {{"name": ["alias", ...]}}, got {type(data).__name__}')
    out: dict[str, list[str]] = {}
    for name, aliases in data.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ValueError(f"{path}: aliases of {name!r} must be a list of non-empty strings")
        out[str(name)] = aliases or [str(name)]
    return out


def default_targets(articles: pd.DataFrame, top: int = DEFAULT_TOP_COUNTRIES) -> dict[str, list[str]]:
    """The ``top`` countries mentioned most in ``articles``, as stance targets (name -> aliases).

    Examples:
        >>> import newslab
        >>> list(default_targets(newslab.load_articles(newslab.SEED), top=2))
        ['North Korea', 'Russia']
    """
    from . import targets as tg

    found = tg.candidates(articles, top=500)  # entities ranked by mentions; countries are flagged
    names = list(dict.fromkeys(str(c) for c in found["country"].dropna()))[:top]
    if not names:
        return {}
    out = tg.countries(*names)
    return {str(k): list(v) for k, v in out.items()}


def drop_long_articles(articles: pd.DataFrame, max_chars: int) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Split off articles longer than ``max_chars`` (0: keep all); the dropped ones as skip records.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["short", "x" * 50]})
        >>> kept, dropped = drop_long_articles(arts, 10)
        >>> kept["article_id"].tolist(), dropped[0]["article_id"], dropped[0]["reason"][:31]
        (['a'], 'b', 'article too long: 50 characters')
    """
    if not max_chars or not len(articles):
        return articles, []
    lengths = articles["text"].map(lambda t: len(t) if isinstance(t, str) else 0)
    long = lengths > max_chars
    if not long.any():
        return articles, []
    dropped = [{"path": str(row.get("path") or row["article_id"]), "article_id": str(row["article_id"]),
                "reason": f"article too long: {n:,} characters > --max-chars {max_chars:,} "
                          f"(raise --max-chars, or 0 for no limit, to analyse it)"}
               for (_, row), n in zip(articles[long].iterrows(), lengths[long])]
    kept = articles[~long].reset_index(drop=True)
    kept.attrs = dict(articles.attrs)
    return kept, dropped


def _n(k: int, noun: str) -> str:
    return f"{k:,} {noun}{'' if k == 1 else 's'}"


def _notebook_dir() -> Path:
    """The project's ``notebooks/`` folder: next to the package in a checkout, else in the cwd."""
    here = Path(__file__).resolve().parent.parent / "notebooks"
    return here if here.is_dir() else Path("notebooks")


class _Progress:
    """A tqdm bar on stderr for long corpora; silent for short ones and with --quiet."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.bar = None
        if enabled:
            from tqdm.auto import tqdm
            self.bar = tqdm(total=total, unit="article", desc="analyze", file=sys.stderr, dynamic_ncols=True)

    def stage(self, name: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(name, refresh=True)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _dask_client(scheduler: str, jobs: int) -> Any:
    """A Dask client: of the scheduler at ``scheduler``, or of a LocalCluster of ``jobs`` workers."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError("--scheduler needs Dask: pip install 'newslab[dask]'") from exc
    if scheduler == "local":
        from ._parallel import resolve_jobs

        cluster = LocalCluster(n_workers=resolve_jobs(jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    return Client(scheduler)


def _close_client(client: Any) -> None:
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def analyze_tables(articles: pd.DataFrame, targets: Mapping[str, Sequence[str]], jobs: int = 1,
                   timings: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """Every table of ``newslab analyze`` for an articles table held in memory.

    ``newslab analyze`` itself streams (see :mod:`newslab.stream`): the same steps batch by batch.

    Args:
        articles: ``newslab.load_articles(...)``.
        targets: stance targets, name -> aliases.
        jobs: worker processes per step (``n_jobs``).
        timings: a dict that receives seconds per step.

    Returns:
        ``articles``, ``sentences``, ``quotes``, ``speakers``, ``sentence_sentiment``,
        ``quote_sentiment``, ``stance``, ``stance_matrix``.

    Examples:
        >>> import newslab
        >>> t = analyze_tables(newslab.load_articles(newslab.SEED), {"Russia": ["Russia"]})
        >>> sorted(t)[:4], len(t["articles"])
        (['articles', 'quote_sentiment', 'quotes', 'sentence_sentiment'], 1)
    """
    from .speakers import speakers as resolve_speakers
    from .stance import matrix_from_mentions
    from .stream import MENTIONS, process_batch

    timings = {} if timings is None else timings
    tgt = {k: list(v) for k, v in targets.items()}
    tables = process_batch(articles, tgt, jobs=jobs, timings=timings)
    tables["speakers"] = _timed(timings, "speakers", lambda: resolve_speakers(tables["quotes"], articles))
    # the matrix reads every attribution (convention="attributions"), as notebook 04 does
    tables["stance_matrix"] = _timed(timings, "stance_matrix", matrix_from_mentions, [tables[MENTIONS]])
    return {k: tables[k] for k in TABLES}


#: The tables of ``newslab analyze``, in the order of the report.
TABLES = ("articles", "sentences", "quotes", "speakers", "sentence_sentiment", "quote_sentiment", "stance",
          "stance_matrix")


def chart_inputs(tables: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """What :func:`draw_charts` draws, from whole tables in memory (``newslab.stream.summarise``
    gathers the same from written tables).

    Examples:
        >>> import newslab
        >>> sorted(chart_inputs(analyze_tables(newslab.load_articles(newslab.SEED), {})))[:3]
        ['arc_articles', 'arc_id', 'arc_quotes']
    """
    arts, q = tables["articles"], tables["quotes"]
    # the sentiment arc of the article with most quotes: the most telling one in a corpus
    if len(q):
        arc_id = q["article_id"].value_counts().index[0]
    else:
        arc_id = arts["article_id"].iloc[0] if len(arts) else None
    return {"arc_id": arc_id, "arc_sentences": tables["sentence_sentiment"], "arc_quotes": q, "arc_articles": arts,
            "speaker_counts": q, "scatter": tables["sentence_sentiment"], "stance_matrix": tables["stance_matrix"],
            "timeline": q, "timeline_articles": arts}


#: The report's charts, in its order.
CHARTS = ("quotes_per_speaker", "sentiment_arc", "lexicon_scatter", "stance_heatmap", "timeline")
#: The order several processes take them in: the slowest first, so that none is left alone at the end.
_SLOWEST_FIRST = ("stance_heatmap", "lexicon_scatter", "quotes_per_speaker", "timeline", "sentiment_arc")


def _draw(c: Mapping[str, Any], name: str) -> tuple[str, bytes | None, str | None]:
    """(name, PNG bytes, None) of one chart of :data:`CHARTS`, or (name, None, why it failed)."""
    import matplotlib

    matplotlib.use("Agg")  # files only: never open a window, works without a display
    from . import plots
    from .report import figure_png

    makers: dict[str, Callable[[], Any]] = {
        "quotes_per_speaker": lambda: plots.quotes_per_speaker(c["speaker_counts"]),
        "sentiment_arc": lambda: plots.sentiment_arc(c["arc_sentences"], c["arc_quotes"], article_id=c["arc_id"],
                                                    articles=c["arc_articles"]),
        "lexicon_scatter": lambda: plots.lexicon_scatter(c["scatter"]),
        "stance_heatmap": lambda: plots.stance_heatmap(c["stance_matrix"]),
        "timeline": lambda: plots.timeline(c["timeline"], articles=c.get("timeline_articles"),
                                           by="speaker_id" if "speaker_id" in c["timeline"] else "speaker_name"),
    }
    try:
        ax = makers[name]()
        png = figure_png(ax)
        plots.close(ax)
        return name, png, None
    except Exception as exc:  # noqa: BLE001 - one chart must not cost the whole report
        return name, None, f"{type(exc).__name__}: {exc}"


def draw_charts(inputs: Mapping[str, Any], jobs: int = 1) -> tuple[dict[str, bytes], dict[str, str]]:
    """PNG bytes of every chart (via ``newslab.plots``), and the charts that failed with why.

    Args:
        inputs: :func:`chart_inputs` of whole tables, or ``newslab.stream.summarise(...).charts``.
        jobs: processes drawing the charts at once (matplotlib draws a figure in one thread; the
            same PNGs either way).

    Examples:
        >>> import newslab
        >>> t = analyze_tables(newslab.load_articles(newslab.SEED), {})
        >>> pngs, failed = draw_charts(chart_inputs(t))
        >>> sorted(pngs)[0], pngs["quotes_per_speaker"][:4], failed
        ('lexicon_scatter', b'\\x89PNG', {})
    """
    from ._parallel import WorkerPool, call_named, resolve_jobs

    jobs = min(resolve_jobs(jobs), len(CHARTS))
    if jobs <= 1:
        drawn = [_draw(inputs, name) for name in CHARTS]
    else:
        # by name: this module may be running as __main__ (python -m, a profiler)
        with WorkerPool(jobs) as pool:
            drawn = [r for _, r in pool.run((name, call_named, ("newslab.cli", "_draw", dict(inputs), name))
                                            for name in _SLOWEST_FIRST)]
    got = {name: (png, why) for name, png, why in drawn}
    charts = {name: got[name][0] for name in CHARTS if got[name][0] is not None}
    failed = {name: got[name][1] for name in CHARTS if got[name][0] is None}
    return charts, failed  # type: ignore[return-value]


def _write_table(df: pd.DataFrame, path: Path, fmt: str) -> Path:
    from . import export

    return export.to_parquet(df, path) if fmt == "parquet" else export.to_csv(df, path)


def _usage_error(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line (besides paths and targets), or None."""
    if args.jobs == 0 or args.jobs < -1:
        return "--jobs must be a positive number of processes, or -1 for every core"
    if (args.format or _default_format()) == "parquet" and _default_format() != "parquet":
        return "--format parquet needs pyarrow: pip install 'newslab[parquet]'"
    if args.batch_size is not None and args.batch_size < 1:
        return "--batch-size must be a positive number of articles"
    return None


def _targets_spec(args: argparse.Namespace) -> tuple[dict[str, list[str]] | None, str]:
    """The stance targets the command line gives (None: count them in the corpus), and from where."""
    if args.countries:
        from .targets import countries
        return {str(k): list(v) for k, v in countries(*args.countries).items()}, "--countries"
    if args.targets:
        return load_targets(args.targets), "--targets"
    return None, f"top {DEFAULT_TOP_COUNTRIES} country candidates in the corpus"


def _start(args: argparse.Namespace, inputs: list[str], fmt: str, target_map: dict[str, list[str]] | None,
           target_how: str) -> Any:
    """The run state in ``args.out``: fresh, or the saved one with --resume (ValueError if it differs)."""
    from . import stream

    key = {"inputs": [str(Path(p).resolve()) for p in inputs], "format": fmt,
           "batch_size": args.batch_size or BATCH_SIZE, "max_chars": args.max_chars,
           "targets": target_map if target_map is not None else target_how,
           "fields": parse_fields(args.field)}
    return stream.start(args.out, key, args.resume)


def _stream(args: argparse.Namespace, inputs: list[str], fmt: str, target_map: dict[str, list[str]] | None,
            state: Any, say: Callable[..., None], fields: dict[str, str]) -> tuple[Any, list[str]]:
    """Run (or resume) the batches into ``args.out``; the final run state and the warnings seen."""
    from . import stream

    batch_size = args.batch_size or BATCH_SIZE
    if state.resumed_at:
        say(f"newslab: resuming after {_n(state.resumed_at, 'finished batch')} of {batch_size:,} articles")

    def choose_targets() -> dict[str, list[str]]:
        if target_map is not None:
            return target_map
        say("newslab: counting the countries the corpus mentions (the default stance targets)")
        return _timed(state.timings, "targets", stream.countries_pass, inputs, batch_size, args.max_chars,
                      DEFAULT_TOP_COUNTRIES, fields, 1 if args.scheduler else args.jobs)

    bar = _Progress(None, not args.quiet)
    client = _dask_client(args.scheduler, args.jobs) if args.scheduler else None
    with warnings.catch_warnings(record=True) as caught:  # skips are reported once, below and in the manifest
        warnings.simplefilter("always")
        try:
            state = stream.run(inputs, args.out, state, fmt=fmt, targets=choose_targets, jobs=args.jobs,
                               batch_size=batch_size, max_chars=args.max_chars, client=client,
                               on_batch=lambda i, n: bar.update(n), fields=fields,
                               meanwhile=None if args.no_charts else _import_charts)
        finally:
            bar.close()
            if client is not None:
                _close_client(client)
    from ._parallel import FailedArticleWarning

    # failed articles are listed one by one below and in the manifest, not as one warning per batch
    other = list(dict.fromkeys(str(w.message) for w in caught if "skip" not in str(w.message).lower()
                               and "duplicate article id" not in str(w.message)
                               and not issubclass(w.category, FailedArticleWarning)))
    if state.duplicate_ids:
        other.append(f"{state.duplicate_ids} duplicate article id(s) made unique with ~2, ~3, ...")
    for s in state.skipped:
        say(f"newslab: skipped {s.get('path')}: {s.get('reason')}")
    if state.ignored:  # one quiet line: documentation beside a corpus is expected, not a fault
        say(f"newslab: not read as articles: {_n(len(state.ignored), 'documentation file')} "
            f"({', '.join(Path(s['path']).name for s in state.ignored[:5])}{', ...' if len(state.ignored) > 5 else ''})")
    for f in state.failed:
        say(f"newslab: {f.get('step')} failed on article {f.get('article_id')} (left out of {f.get('table')}): "
            f"{f.get('error')}")
    for msg in other:
        say(f"newslab: warning: {msg}")
    return state, other


def _import_charts() -> None:
    """Import matplotlib and the plots (a second of CPU), so that the chart processes inherit them."""
    import matplotlib

    matplotlib.use("Agg")
    from . import plots, report  # noqa: F401


def _charts(out: Path, inputs: Mapping[str, Any], files: dict[str, str],
            say: Callable[..., None], jobs: int = 1) -> tuple[dict[str, bytes], dict[str, str]]:
    charts, failed = draw_charts(inputs, jobs)
    (out / "charts").mkdir(exist_ok=True)
    for name, png in charts.items():
        (out / "charts" / f"{name}.png").write_bytes(png)
        files[f"chart:{name}"] = f"charts/{name}.png"
    for name, why in failed.items():
        say(f"newslab: warning: chart {name} not drawn: {why}")
    return charts, failed


def _notebooks(args: argparse.Namespace, inputs: list[str], timings: dict[str, float]) -> tuple[list[str], str]:
    """Execute the notebooks into ``out/notebooks``: the HTML files written and the error, if any."""
    if not args.notebooks:
        return [], ""
    from .notebooks import NotebookError, run_notebooks
    nb_dir = args.notebook_dir or _notebook_dir()
    # the notebooks read the corpus from their `corpus` parameter: point them at this one
    # (absolute paths: the notebooks run in their own folder)
    corpus = [str(Path(p).resolve()) for p in inputs]
    params = {"corpus": corpus[0] if len(corpus) == 1 else corpus}
    try:
        done = _timed(timings, "notebooks", run_notebooks, nb_dir, args.out / "notebooks", params)
        return [f"notebooks/{Path(p).name}" for p in done], ""
    except NotebookError as exc:  # the tables are written already; say which notebook failed
        print(f"newslab: error: a notebook failed (HTML written up to the failing cell):\n{exc}", file=sys.stderr)
        return [], str(exc)


def analyze(args: argparse.Namespace) -> int:
    """Run ``newslab analyze`` for parsed arguments; the exit status (see :func:`main`).

    Examples:
        >>> import tempfile, newslab
        >>> with tempfile.TemporaryDirectory() as d:
        ...     analyze(build_parser().parse_args(["analyze", str(newslab.SEED), "--out", d, "-q", "--no-charts"]))
        0
    """
    from . import stream

    started = datetime.now(timezone.utc)
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    gone = missing_paths(args.paths)
    if gone:
        for p in gone:
            print(f"newslab: error: no such file or folder: {p}", file=sys.stderr)
        print("newslab: nothing was written; check the paths (globs must match at least one file)",
              file=sys.stderr)
        return 2
    try:
        problem = _usage_error(args)
        if problem:
            raise ValueError(problem)
        fmt = args.format or _default_format()
        target_map, target_how = _targets_spec(args)
        fields = parse_fields(args.field)
        inputs = _expand(args.paths)
        out: Path = args.out
        from .articles import mark_output_folder

        mark_output_folder(out)  # so that a later run over a folder holding `out` does not read it back
        state = _start(args, inputs, fmt, target_map, target_how)
    except ValueError as exc:
        print(f"newslab: error: {exc}", file=sys.stderr)
        return 2
    state, other = _stream(args, inputs, fmt, target_map, state, say, fields)
    timings, target_map, skipped = state.timings, state.targets or {}, state.skipped
    n_articles = state.counts.get("articles", 0)
    say(f"newslab: {_n(n_articles, 'article')} from {_n(len(inputs), 'path')}; stance targets: "
        f"{', '.join(target_map) or '(none)'}")

    summary = _timed(timings, "summarise", stream.summarise, out, target_map, state.counts)
    counts = dict(state.counts)
    for name in ("speakers", "stance_matrix"):
        df = getattr(summary, name)
        _timed(timings, "write_tables", stream.write_part, df, out, name, 0, fmt)
        counts[name] = len(df)
    counts = {name: counts.get(name, 0) for name in TABLES}
    files: dict[str, str] = {name: f"tables/{name}/" for name in TABLES}
    charts, failed = ({}, {}) if args.no_charts else _timed(timings, "charts", _charts, out, summary.charts, files, say,
                                                                  args.jobs)
    notebooks, notebook_error = _notebooks(args, inputs, timings)

    manifest: dict[str, Any] = {
        "newslab": "analyze",
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": ["newslab", *sys.argv[1:]] if sys.argv and "newslab" in Path(sys.argv[0]).name else None,
        "inputs": [str(Path(p)) for p in inputs],
        "options": {"out": str(out), "format": fmt, "jobs": args.jobs, "fields": fields, "targets_from": target_how,
                    "targets": target_map, "notebooks": bool(args.notebooks), "charts": not args.no_charts,
                    "batch_size": args.batch_size or BATCH_SIZE, "scheduler": args.scheduler,
                    "resumed_after_batches": state.resumed_at,
                    # what a row counts: quotations of speech; the stance matrix reads every attribution
                    "conventions": {"quotes": "quotes", "stance_matrix": "attributions"}},
        "versions": versions(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "counts": counts,
        "batches": state.done,
        "skipped": skipped,
        "ignored": state.ignored,
        "failed": state.failed,
        "warnings": other,
        "files": files,
        "charts_failed": failed,
        "notebooks": notebooks,
        "notebook_error": notebook_error,
        "timings": timings,
    }
    from .report import build_report

    _timed(timings, "report", lambda: build_report(out / "report.html", summary.heads, charts, manifest,
                                                   title=f"newslab report: {_n(n_articles, 'article')}",
                                                   views=summary.views))
    files["report"] = "report.html"
    files["manifest"] = "manifest.json"
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n",
                                       encoding="utf-8")
    if not n_articles:
        print(f"newslab: no readable article in {', '.join(args.paths)} "
              f"({len(skipped)} skipped; see {out / 'manifest.json'})", file=sys.stderr)
        return 1
    if notebook_error:
        return 1
    if not args.quiet:
        summary_line = ", ".join(f"{v:,} {k}" for k, v in counts.items() if k != "articles")
        print(f"newslab: {_n(n_articles, 'article')} -> {summary_line}")
        if skipped:
            print(f"newslab: {len(skipped)} input(s) skipped, listed in manifest.json")
        if state.failed:
            n_failed = len({f.get("article_id") for f in state.failed})
            print(f"newslab: a step failed on {_n(n_failed, 'article')}, left out of that step's table "
                  f"({len(state.failed)} in all), listed in manifest.json under \"failed\"")
        print(f"newslab: wrote {len(files)} files to {out.resolve()} (open {(out / 'report.html').resolve()})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newslab`` console script; returns the exit status.

    Examples:
        >>> import tempfile, newslab
        >>> with tempfile.TemporaryDirectory() as d:
        ...     main(["analyze", str(newslab.SEED), "--out", d, "--quiet", "--no-charts"])
        0
        >>> main(["analyze", "/no/such/folder", "--out", "/tmp/x", "--quiet"])
        2
    """
    args = build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return analyze(args)
    except KeyboardInterrupt:
        print("newslab: interrupted", file=sys.stderr)
        return 130
    except ImportError as exc:  # a missing extra: its message holds the exact pip command
        print(f"newslab: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a clear one-line error; the traceback on request
        if getattr(args, "traceback", False):
            traceback.print_exc()
        print(f"newslab: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if not getattr(args, "traceback", False):
            print("newslab: run again with --traceback for the details, and report it if it looks like a bug",
                  file=sys.stderr)
        return 1
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
