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
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["build_report", "figure_png"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1200px;
color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#666;font-size:.9em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0} tr:nth-child(even) td{background:#fafafa}
.tw{overflow-x:auto;max-width:100%} td{max-width:40em;overflow-wrap:anywhere}
td.num{text-align:right;font-variant-numeric:tabular-nums}
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


def _table_html(df: pd.DataFrame, max_rows: int, max_chars: int) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for row in df.head(max_rows).itertuples(index=False, name=None):
        cells = []
        for value in row:
            text, numeric = _cell(value, max_chars)
            cells.append(f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    total = _rows(df)
    if total > min(max_rows, len(df)):
        note = (f'<p class="note">First {min(max_rows, len(df))} of {total:,} rows; the full table is in the '
                f"exported file.</p>")
    if not total:
        note = '<p class="note">No rows.</p>'
    return (f'<div class="tw"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
            f"{note}")


def build_report(
    path: str | Path,
    tables: Mapping[str, pd.DataFrame],
    charts: Mapping[str, bytes] | None = None,
    manifest: Mapping[str, Any] | None = None,
    title: str = "newslab report",
    max_rows: int = 50,
    max_chars: int = 300,
) -> Path:
    """Write one self-contained ``report.html`` with the charts and the head of every table.

    Args:
        path: the HTML file to write.
        tables: table name -> DataFrame, shown in this order (first ``max_rows`` rows each); a
            frame holding only the head of a larger table gives the table's size in ``attrs["n_rows"]``.
        charts: chart name -> PNG bytes (see :func:`figure_png`), embedded as data URIs.
        manifest: the run's manifest; its ``counts``, ``skipped``, ``options`` and ``versions``
            are summarised, the whole is included folded.
        title: the page title.
        max_rows: rows shown per table.
        max_chars: longer cells are cut with an ellipsis.

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

    for name, df in tables.items():
        parts.append(f'<h2 id="{esc(name)}">{esc(name.replace("_", " ").capitalize())} '
                     f'<span class="meta">({_rows(df):,} row{"" if _rows(df) == 1 else "s"})</span></h2>')
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
