"""A self-contained HTML report: tables and charts in one file a researcher can open or send.

Charts are embedded as base64 PNG data URIs and the style sheet is inline, so the file needs no
network and no companion folder; a Content-Security-Policy forbids any external load. Every piece of
corpus text is HTML-escaped: articles are untrusted input and may contain ``<script>``.
"""
from __future__ import annotations

import base64
import html
import io
import json
import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["build_report", "figure_png", "pick_articles"]

#: Rows of each table shown at once; more (up to ``max_rows``) fold into a details element.
SHOWN_ROWS = 8
#: Articles longer than this (characters) are shown only when no shorter article has quotes.
LONG_ARTICLE = 10_000
#: Columns whose cells average more characters than this are text columns (wide, wrapped at words).
TEXT_CHARS = 40

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1200px;
color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#666;font-size:.9em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0} tr:nth-child(even) td{background:#fafafa}
.tw{overflow-x:auto;max-width:100%} td{overflow-wrap:break-word;word-break:normal;hyphens:manual}
td.txt{min-width:18em;max-width:36em} td.word{min-width:7em;max-width:18em}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
details.more>summary{cursor:pointer;color:#1c5d99;font-size:.85em;margin:.2em 0}
details.article{border:1px solid #e3e3e3;padding:.3em .8em;margin:.6em 0}
details.article>summary{cursor:pointer;font-weight:600} details.article .nlv h3{display:none}
.charts{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0;flex:1 1 540px;border:1px solid #eee;padding:.5em}
figure img{max-width:100%;height:auto;display:block}
figcaption{color:#555;font-size:.9em;margin-top:.3em}
.note{color:#666;font-size:.85em} .bad{color:#a00}
details{margin:.5em 0} pre{background:#f6f6f6;padding:.6em;overflow:auto;font-size:.8em}
"""

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def figure_png(fig_or_ax: Any, dpi: int = 110) -> bytes:
    """PNG bytes of a matplotlib Figure or Axes.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> figure_png(ax)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
        >>> plt.close(fig)
    """
    fig = fig_or_ax if hasattr(fig_or_ax, "savefig") else fig_or_ax.figure
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    return buf.getvalue()


def _cell(value: Any, max_chars: int) -> tuple[str, bool]:
    """Escaped cell text and whether it is a number (right-aligned)."""
    if isinstance(value, (list, tuple)):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    elif value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "", False
    elif isinstance(value, float):
        return f"{value:.3f}", True
    else:
        text = str(value)
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "\u2026"
    return html.escape(text), numeric


def _rows(df: pd.DataFrame) -> int:
    """Rows of the whole table: ``attrs["n_rows"]`` when ``df`` is only its head (a streamed run)."""
    return int(df.attrs.get("n_rows", len(df)))


def _column_classes(df: pd.DataFrame, max_chars: int) -> list[str]:
    """``txt`` for columns of long text, ``word`` for short words (names, cues), "" otherwise."""
    classes = []
    for col in df.columns:
        cells = [_cell(v, max_chars)[0] for v in df[col].head(50)]
        lengths = [len(c) for c in cells if c]
        mean = sum(lengths) / len(lengths) if lengths else 0
        numeric = all(_cell(v, max_chars)[1] for v in df[col].head(50) if _cell(v, max_chars)[0] != "")
        classes.append("txt" if mean > TEXT_CHARS else "" if numeric or mean < 6 else "word")
    return classes


def _table_html(df: pd.DataFrame, max_rows: int, max_chars: int, shown: int = SHOWN_ROWS) -> str:
    """The head of ``df``: ``shown`` rows, then up to ``max_rows`` in a folded details element."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    classes = _column_classes(df.head(max_rows), max_chars)
    rows = []
    for row in df.head(max_rows).itertuples(index=False, name=None):
        cells = []
        for value, cls in zip(row, classes):
            text, numeric = _cell(value, max_chars)
            cls = "num" if numeric else cls
            cells.append(f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")

    def table(body: list[str]) -> str:
        return (f'<div class="tw"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
                "</table></div>")

    out = table(rows[:shown])
    if len(rows) > shown:
        out += (f'<details class="more"><summary>Show {len(rows) - shown} more rows</summary>'
                f"{table(rows[shown:])}</details>")
    note = ""
    total = _rows(df)
    if total > min(max_rows, len(df)):
        note = (f'<p class="note">First {min(max_rows, len(df))} of {total:,} rows; the full table is in the '
                f"exported file.</p>")
    if not total:
        note = '<p class="note">No rows.</p>'
    return out + note


def pick_articles(tables: Mapping[str, pd.DataFrame], n: int = 3) -> list[str]:
    """Which articles the report shows with their quotes marked: the seed article, then those quoted most.

    Articles over ``LONG_ARTICLE`` characters come after all shorter ones (their length from
    ``text``, or from ``n_chars`` when the table holds no text, as in a streamed run).

    Examples:
        >>> t = {"articles": pd.DataFrame({"article_id": ["a", "b", "c"]}),
        ...      "quotes": pd.DataFrame({"article_id": ["b", "c", "c"]})}
        >>> pick_articles(t, n=2)
        ['c', 'b']
    """
    arts = tables.get("articles")
    if arts is None or not len(arts) or "article_id" not in arts:
        return []
    ids = [str(a) for a in arts["article_id"]]
    seed = [a for a in ids if a.endswith("north-korea-russia-ties") or a == "seed_article"]
    quotes = tables.get("quotes")
    if quotes is None or not len(quotes):
        return (seed or ids)[:n]
    counts = quotes["article_id"].astype(str).value_counts()
    # news-length articles first: a 50,000-character transcript would bury the rest of the report
    lengths = arts["text"].astype(str).str.len() if "text" in arts else arts.get("n_chars")
    long = set(arts.loc[lengths > LONG_ARTICLE, "article_id"].astype(str)) if lengths is not None else set()
    ranked = sorted(counts.index, key=lambda a: (a in long, -counts[a], a))
    return (seed + [a for a in ranked if a not in seed])[:n]


def _views_html(tables: Mapping[str, pd.DataFrame], n: int) -> str:
    """The chosen articles rendered by :mod:`newslab.viewer`, the first one open."""
    from .viewer import render

    arts, quotes = tables.get("articles"), tables.get("quotes")
    if arts is None or "text" not in arts or quotes is None:
        return ""
    chosen = pick_articles(tables, n)
    if not chosen:
        return ""
    stance = tables.get("stance")
    if stance is not None and "quote_id" not in stance:
        stance = None  # sentence-level stance: not about quotes
    parts = ['<h2 id="articles-marked">Articles with their quotes marked</h2>',
             (f'<p class="note">{len(chosen)} article(s): the bundled seed article when present, then those '
              "with the most quotes. Hover a mark for the quote's details.</p>")]
    for i, aid in enumerate(chosen):
        v = render(arts, quotes, article_id=aid, stance=stance)
        summary = html.escape(f"{v.title or aid} ({v.n_quotes} quote{'' if v.n_quotes == 1 else 's'})")
        parts.append(f'<details class="article"{" open" if i == 0 else ""}><summary>{summary}</summary>'
                     f"{v.html}</details>")
    return "".join(parts)


def _failed_articles_html(failed: Sequence[Mapping[str, Any]]) -> list[str]:
    """The report's list of articles a step failed on (``manifest["failed"]``), after the skipped inputs.

    Examples:
        >>> _failed_articles_html([{"step": "quotes", "table": "quotes", "article_id": "a<1>", "error": "E: x"}])[1]
        '<li><code>a&lt;1&gt;</code> left out of quotes (quotes failed): E: x</li>'
    """
    if not failed:
        return []
    esc = html.escape
    return [f'<h3 class="bad">Articles a step failed on ({len(failed)})</h3><ul>',
            *(f"<li><code>{esc(str(f.get('article_id')))}</code> left out of {esc(str(f.get('table')))} "
              f"({esc(str(f.get('step')))} failed): {esc(str(f.get('error')))}</li>" for f in failed),
            "</ul>"]


def build_report(
    path: str | Path,
    tables: Mapping[str, pd.DataFrame],
    charts: Mapping[str, bytes] | None = None,
    manifest: Mapping[str, Any] | None = None,
    title: str = "newslab report",
    max_rows: int = 50,
    max_chars: int = 300,
    n_articles: int = 3,
    views: Mapping[str, pd.DataFrame] | None = None,
) -> Path:
    """Write one self-contained ``report.html`` with the charts and the head of every table.

    Args:
        path: the HTML file to write.
        tables: table name -> DataFrame, shown in this order (first ``max_rows`` rows each); a
            frame holding only the head of a larger table gives the table's size in ``attrs["n_rows"]``,
            and ``attrs["note"]`` is shown under its heading.
        charts: chart name -> PNG bytes (see :func:`figure_png`), embedded as data URIs.
        manifest: the run's manifest; its ``counts``, ``skipped``, ``options`` and ``versions``
            are summarised, the whole is included folded.
        title: the page title.
        max_rows: rows shown per table.
        max_chars: longer cells are cut with an ellipsis.
        n_articles: articles shown with their quotes marked (:func:`pick_articles`), when ``tables``
            holds ``articles`` (with ``text``) and ``quotes``.
        views: the ``articles``, ``quotes`` (and ``stance``) the marked articles are drawn from,
            when ``tables`` holds only heads (``newslab.stream.summarise(...).views``).

    Returns:
        The path written.

    Examples:
        >>> import tempfile, os
        >>> t = {"quotes": pd.DataFrame({"speaker": ["<b>Ann</b>"], "text": ["We will go."]})}
        >>> with tempfile.TemporaryDirectory() as d:
        ...     page = build_report(os.path.join(d, "r.html"), t).read_text(encoding="utf-8")
        >>> "&lt;b&gt;Ann&lt;/b&gt;" in page, "<b>Ann" in page, "http" in page.split("<body>")[1]
        (True, False, False)
    """
    path = Path(path)
    charts = dict(charts or {})
    manifest = dict(manifest or {})
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    stamp = manifest.get("finished") or datetime.now(timezone.utc).isoformat(timespec="seconds")
    version = (manifest.get("versions") or {}).get("newslab", "")
    parts.append(f'<p class="meta">Generated {esc(str(stamp))} by newslab {esc(str(version))}.</p>')

    # summary: counts and skipped inputs, the two things a reader checks first
    counts = {name: _rows(df) for name, df in tables.items()}
    counts.update(manifest.get("counts") or {})
    parts.append("<h2>Summary</h2><table><thead><tr><th>table</th><th>rows</th></tr></thead><tbody>")
    parts += [f'<tr><td>{esc(str(k))}</td><td class="num">{int(v):,}</td></tr>' for k, v in counts.items()]
    parts.append("</tbody></table>")
    skipped = list(manifest.get("skipped") or [])
    if skipped:
        parts.append(f'<h3 class="bad">Skipped inputs ({len(skipped)})</h3><ul>')
        parts += [f"<li><code>{esc(str(s.get('path', '')))}</code>: {esc(str(s.get('reason', '')))}</li>"
                  for s in skipped]
        parts.append("</ul>")
    parts += _failed_articles_html(manifest.get("failed") or [])
    failed = manifest.get("charts_failed") or {}
    if failed:
        parts.append('<p class="bad">Charts not drawn: '
                     + "; ".join(f"{esc(str(k))} ({esc(str(v))})" for k, v in failed.items()) + "</p>")

    notebooks = list(manifest.get("notebooks") or [])
    if notebooks:  # relative links: they work wherever the output folder is moved
        parts.append("<h2>Notebooks</h2><ul>")
        parts += [f'<li><a href="{esc(str(nb), quote=True)}">{esc(Path(str(nb)).stem.replace("_", " "))}</a></li>'
                  for nb in notebooks]
        parts.append("</ul>")

    if charts:
        parts.append('<h2>Charts</h2><div class="charts">')
        for name, png in charts.items():
            data = base64.b64encode(png).decode("ascii")
            parts.append(f'<figure><img src="data:image/png;base64,{data}" alt="{esc(name)}">'
                         f"<figcaption>{esc(name.replace('_', ' '))}</figcaption></figure>")
        parts.append("</div>")

    parts.append(_views_html(tables if views is None else views, n_articles))

    for name, df in tables.items():
        parts.append(f'<h2 id="{esc(name)}">{esc(name.replace("_", " ").capitalize())} '
                     f'<span class="meta">({_rows(df):,} row{"" if _rows(df) == 1 else "s"})</span></h2>')
        if df.attrs.get("note"):  # what a row counts, where a table could be read two ways
            parts.append(f'<p class="meta">{esc(str(df.attrs["note"]))}</p>')
        parts.append(_table_html(df, max_rows, max_chars))

    if manifest:
        parts.append("<h2>Run</h2>")
        for key in ("options", "versions", "timings"):
            if manifest.get(key):
                rows = "".join(f"<tr><td>{esc(str(k))}</td><td>{esc(json.dumps(v, ensure_ascii=False))}</td></tr>"
                               for k, v in manifest[key].items())
                parts.append(f"<h3>{esc(key)}</h3><table><tbody>{rows}</tbody></table>")
        dump = json.dumps(manifest, indent=2, ensure_ascii=False, default=str)
        parts.append(f"<details><summary>manifest.json</summary><pre>{esc(dump)}</pre></details>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
