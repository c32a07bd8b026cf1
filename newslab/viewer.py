"""See an article with its quotes marked: content, cue and speaker, one colour per resolved speaker.

``nl.view(articles, quotes, article_id=...)`` returns an :class:`ArticleView`: JupyterLab shows it
inline (``_repr_html_``), ``.save("a.html")`` writes a page that opens offline. Hovering a mark shows
the quote's details (speaker name, role, quote type, rule and speaker id when the table has them,
confidence, and with ``stance=`` its stance toward each target with the evidence); the same details
are listed in a table under the text, for print and for readers who do not hover.

The HTML loads nothing: the style sheet is inline, there is no script, and every piece of article
text is escaped. Marks may overlap or nest (a speaker inside another quote's content; a target
mention inside a quote): the text is cut at every span boundary and each mark that crosses another
is split into parts carrying the same ``data-q`` number, so the page stays valid HTML.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["ArticleView", "render", "view"]

#: Background colours of the speakers, in order of first quote (light enough for black text).
PALETTE = ("#ffd8a8", "#b2f2bb", "#a5d8ff", "#fcc2d7", "#d0bfff", "#ffec99", "#99e9f2", "#ffc9c9",
           "#c0eb75", "#eebefa", "#e9ecef", "#ffe8cc")
#: Colour of a speaker who stays unnamed ("officials said").
UNNAMED = "#dee2e6"
#: Optional quote columns shown when the table has them (others' provenance and identity columns).
OPTIONAL = ("speaker_role", "kind", "rule", "cue_class", "name_rule", "speaker_id", "gender")
_STANCE_MARK = {"favor": "nlv-fav", "against": "nlv-ag", "neutral": "nlv-neu"}

_CSS = """
.nlv{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:60em;line-height:1.55}
.nlv h3{margin:.2em 0 .1em;font-size:1.2em}.nlv .nlv-meta{color:#666;font-size:.85em;margin:0 0 .6em}
.nlv .nlv-text{white-space:pre-wrap;overflow-wrap:break-word;font-size:1em;border-left:3px solid #eee;
padding-left:.8em}
.nlv mark{color:inherit;padding:0 1px;border-radius:2px}
.nlv mark.nlv-c{background:var(--c)}
.nlv mark.nlv-s{background:transparent;font-weight:700;border-bottom:3px solid var(--d);padding:0}
.nlv mark.nlv-v{background:transparent;font-style:italic;text-decoration:underline dotted 2px;padding:0}
.nlv mark.nlv-t{background:transparent;padding:0;outline:1px dashed #888;outline-offset:1px}
.nlv mark.nlv-fav{outline-color:#2b8a3e}.nlv mark.nlv-ag{outline-color:#c92a2a}
.nlv sup.nlv-n{font-size:.65em;color:#555;font-weight:400;margin-left:1px}
.nlv .nlv-legend{display:flex;flex-wrap:wrap;gap:.3em .8em;font-size:.85em;margin:.3em 0 .8em}
.nlv .nlv-chip{padding:0 .4em;border-radius:3px;background:var(--c)}
.nlv .nlv-key{font-size:.8em;color:#555;margin:.2em 0}
.nlv table{border-collapse:collapse;font-size:.82em;margin-top:.8em;width:100%;table-layout:auto}
.nlv th,.nlv td{border:1px solid #ddd;padding:2px 5px;text-align:left;vertical-align:top;
overflow-wrap:normal;word-break:normal;hyphens:auto}
.nlv th{background:#f3f3f3}.nlv td.nlv-txt{min-width:16em}.nlv td.nlv-w{min-width:8em}
.nlv details summary{cursor:pointer;color:#444;font-size:.9em;margin-top:.6em}
"""


def _blank(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def _int(v: Any) -> int | None:
    return None if _blank(v) else int(v)


@dataclass
class _Span:
    start: int
    end: int
    cls: str          # nlv-c content, nlv-s speaker, nlv-v cue, nlv-t target
    q: int            # quote number in the view (1-based); 0 for a target mention
    colour: int       # speaker colour index, or -1
    title: str        # hover text
    extra: str = ""   # more classes


@dataclass
class ArticleView:
    """An article rendered with its quotes marked. Shows inline in Jupyter; ``save`` writes a page.

    Attributes:
        html: the HTML fragment (a ``<div class="nlv">`` with its own ``<style>``).
        article_id: the article shown.
        n_quotes: quotes marked.
        skipped: quote ids not marked because their offsets do not match the article text.
    """

    html: str
    article_id: str
    title: str = ""
    n_quotes: int = 0
    skipped: list[Any] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return self.html

    def page(self) -> str:
        """A whole HTML document around the fragment, with a policy that forbids any network load."""
        csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>{html.escape(self.title or self.article_id)}</title></head>"
                f"<body style=\"margin:2em auto;max-width:62em;padding:0 1em\">{self.html}</body></html>\n")

    def save(self, path: str | Path) -> Path:
        """Write the view as a standalone HTML page (UTF-8) and return its path."""
        path = Path(path)
        path.write_text(self.page(), encoding="utf-8")
        return path

    def __str__(self) -> str:
        return self.html


def _speaker_key(row: Mapping[str, Any]) -> str | None:
    name = row.get("speaker_name")
    if not _blank(name) and str(name).strip():
        return str(name)
    return None


def _quote_title(n: int, row: Mapping[str, Any], stances: Sequence[Mapping[str, Any]]) -> str:
    """The hover text of quote ``n``: who, how, how sure, and its stance toward targets."""
    name = _speaker_key(row) or "(unnamed)"
    lines = [f"Quote {n} ({row.get('type', '')})", f"speaker: {name}"]
    if not _blank(row.get("speaker")) and str(row.get("speaker")) != name:
        lines.append(f"as written: {row.get('speaker')}")
    for col in OPTIONAL:
        if col in row and not _blank(row[col]) and str(row[col]).strip():
            lines.append(f"{col.replace('_', ' ')}: {row[col]}")
    if not _blank(row.get("cue")):
        lines.append(f"cue: {row.get('cue')}")
    if not _blank(row.get("confidence")):
        lines.append(f"confidence: {float(row['confidence']):.2f}")
    for st in stances:
        score = st.get("stance_score")
        score_txt = "" if score is None or _blank(score) else f" ({float(score):+.2f})"
        ev = "" if _blank(st.get("evidence")) or not str(st.get("evidence")).strip() else f"; evidence: {st['evidence']}"
        lines.append(f"stance toward {st.get('target')}: {st.get('stance')}{score_txt}{ev}")
    return "\n".join(lines)


def _content_spans(row: Mapping[str, Any]) -> list[tuple[int, int]]:
    spans = row.get("content_spans")
    if isinstance(spans, (list, tuple)) and spans:
        return [(int(a), int(b)) for a, b in spans]
    s, e = _int(row.get("start")), _int(row.get("end"))
    return [(s, e)] if s is not None and e is not None else []


def _check(text: str, row: Mapping[str, Any]) -> bool:
    """True when the quote's spans point into ``text`` as the table contract says."""
    s, e = _int(row.get("start")), _int(row.get("end"))
    if s is None or e is None or not 0 <= s <= e <= len(text) or text[s:e] != row.get("text"):
        return False
    for a, b in (("speaker_start", "speaker_end"), ("cue_start", "cue_end")):
        i, j = _int(row.get(a)), _int(row.get(b))
        if i is not None and (j is None or not 0 <= i <= j <= len(text)):
            return False
    return True


def _nest(text: str, spans: list[_Span]) -> str:
    """Escaped ``text`` with every span as a ``<mark>``; crossing spans are split into parts.

    Examples:
        >>> a = _Span(0, 9, "nlv-c", 1, 0, "q1")
        >>> b = _Span(4, 13, "nlv-s", 2, 1, "q2")
        >>> _nest("Ann & Bo said", [a, b]).count("<mark"), "&amp;" in _nest("Ann & Bo said", [a, b])
        (3, True)
    """
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    opens: dict[int, list[_Span]] = {}
    for s in spans:
        opens.setdefault(s.start, []).append(s)
    out: list[str] = []
    stack: list[_Span] = []
    for i, pos in enumerate(bounds):
        ending = [s for s in stack if s.end == pos]
        if ending:  # close down to the deepest ending span, then reopen the survivors above it
            depth = min(stack.index(s) for s in ending)
            survivors = [s for s in stack[depth:] if s.end != pos]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for s in survivors:
                out.append(_open(s))
                stack.append(s)
        for s in sorted(opens.get(pos, []), key=lambda s: (-s.end, s.cls != "nlv-c")):
            if s.end > s.start:
                out.append(_open(s))
                stack.append(s)
        if i + 1 < len(bounds):
            out.append(html.escape(text[pos:bounds[i + 1]], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)


def _open(s: _Span) -> str:
    colour = f" nlv-k{s.colour}" if s.colour >= 0 else ""
    extra = f" {s.extra}" if s.extra else ""
    return (f'<mark class="{s.cls}{colour}{extra}" data-q="{s.q}" '
            f'title="{html.escape(s.title, quote=True)}">')


def _short(value: Any) -> str:
    """A date without a midnight time; other values cut to 80 characters."""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return str(value.date())
    return str(value)[:80]


def _colour_css(keys: list[str | None]) -> str:
    rules = []
    for k, key in enumerate(keys):
        bg = PALETTE[k % len(PALETTE)] if key is not None else UNNAMED
        rules.append(f".nlv .nlv-k{k}{{--c:{bg};--d:{_darker(bg)}}}")
    return "".join(rules)


def _darker(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(v * 0.55) for v in (r, g, b)))


def _select(articles: pd.DataFrame, quotes: pd.DataFrame | None, article_id: Any) -> pd.Series:
    if article_id is None:
        if quotes is not None and len(quotes) and "article_id" in quotes:
            article_id = quotes["article_id"].iloc[0]
        elif len(articles):
            article_id = articles["article_id"].iloc[0]
        else:
            raise ValueError("no article to show: the articles table is empty")
    hit = articles[articles["article_id"].astype(str) == str(article_id)]
    if not len(hit):
        raise KeyError(f"article_id {article_id!r} is not in the articles table "
                       f"(it has {len(articles)} article(s), e.g. {articles['article_id'].iloc[0]!r})"
                       if len(articles) else f"article_id {article_id!r}: the articles table is empty")
    return hit.iloc[0]


def _stance_by_quote(stance: pd.DataFrame | None, article_id: str) -> dict[Any, list[dict[str, Any]]]:
    if stance is None or not len(stance) or "quote_id" not in stance:
        return {}
    mine = stance[stance["article_id"].astype(str) == article_id]
    out: dict[Any, list[dict[str, Any]]] = {}
    for rec in mine.to_dict("records"):
        out.setdefault(rec["quote_id"], []).append(rec)
    return out


def _rows_table(items: list[tuple[int, dict[str, Any], list[dict[str, Any]]]], keys: list[str | None]) -> str:
    """The quotes under the text: number, speaker chip, type, cue, content, confidence, extras."""
    extras = [c for c in OPTIONAL if any(c in r and not _blank(r.get(c)) for _, r, _ in items)]
    head = ["#", "speaker", "type", "cue", "content", "confidence", *extras, "stance"]
    out = ["<table class=\"nlv-quotes\"><thead><tr>", *(f"<th>{html.escape(h)}</th>" for h in head),
           "</tr></thead><tbody>"]
    esc = html.escape
    for n, row, stances in items:
        k = keys.index(_speaker_key(row))
        conf = "" if _blank(row.get("confidence")) else f"{float(row['confidence']):.2f}"
        st = "; ".join(f"{s.get('target')}: {s.get('stance')}" for s in stances)
        cells = [f"<td>{n}</td>",
                 (f"<td class=\"nlv-w\"><span class=\"nlv-chip nlv-k{k}\">{esc(_speaker_key(row) or '(unnamed)')}"
                  "</span></td>"),
                 f"<td>{esc(str(row.get('type', '')))}</td>",
                 f"<td class=\"nlv-w\">{'' if _blank(row.get('cue')) else esc(str(row['cue']))}</td>",
                 f"<td class=\"nlv-txt\">{esc(str(row.get('text', '')))}</td>",
                 f"<td>{conf}</td>",
                 *(f"<td class=\"nlv-w\">{'' if _blank(row.get(c)) else esc(str(row[c]))}</td>" for c in extras),
                 f"<td class=\"nlv-w\">{esc(st)}</td>"]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _spans_of(n: int, row: Mapping[str, Any], k: int, title: str) -> Iterable[_Span]:
    for a, b in _content_spans(row):
        yield _Span(a, b, "nlv-c", n, k, title)
    i, j = _int(row.get("speaker_start")), _int(row.get("speaker_end"))
    if i is not None and j is not None and j > i:
        yield _Span(i, j, "nlv-s", n, k, title)
    i, j = _int(row.get("cue_start")), _int(row.get("cue_end"))
    if i is not None and j is not None and j > i:
        yield _Span(i, j, "nlv-v", n, k, title)


def render(articles: pd.DataFrame, quotes: pd.DataFrame | None = None, article_id: Any = None,
           stance: pd.DataFrame | None = None, table: bool = True) -> ArticleView:
    """Render one article with each quote's content, cue and speaker marked.

    Args:
        articles: the articles table (``article_id``, ``text``; ``title``, ``source``, ``date`` shown).
        quotes: the quotes table (of this or many articles); ``None`` shows the bare text.
        article_id: which article; default: the first article of ``quotes`` (else of ``articles``).
        stance: optional rows of ``nl.stance(quotes, targets)``: each quote's stance toward each target
            (with its evidence) goes into the hover text, and target mentions are outlined
            (green favour, red against, grey neutral).
        table: also list the quotes in a table under the text.

    Returns:
        An :class:`ArticleView` (``_repr_html_`` for Jupyter, ``.save(path)`` for a file).

    Raises:
        KeyError: ``article_id`` is not in ``articles``.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a1"], "title": ["Port <deal>"],
        ...                      "text": ['"We will sign," said Mayor Lena Ortiz.']})
        >>> q = pd.DataFrame([{"article_id": "a1", "quote_id": 0, "type": "direct", "start": 1, "end": 14,
        ...     "text": "We will sign,", "speaker": "Mayor Lena Ortiz", "speaker_start": 21, "speaker_end": 37,
        ...     "speaker_name": "Lena Ortiz", "cue": "said", "cue_start": 16, "cue_end": 20}])
        >>> v = render(arts, q)
        >>> v.n_quotes, 'class="nlv-c nlv-k0" data-q="1"' in v.html, "Port &lt;deal&gt;" in v.html
        (1, True, True)
    """
    art = _select(articles, quotes, article_id)
    aid = str(art["article_id"])
    text = str(art["text"])
    mine = (quotes[quotes["article_id"].astype(str) == aid] if quotes is not None and len(quotes)
            else pd.DataFrame())
    by_quote = _stance_by_quote(stance, aid)
    rows = sorted(mine.to_dict("records"), key=lambda r: (_int(r.get("start")) or 0))
    keys: list[str | None] = []
    spans: list[_Span] = []
    items: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []
    skipped = []
    for row in rows:
        if not _check(text, row):
            skipped.append(row.get("quote_id"))
            continue
        key = _speaker_key(row)
        if key not in keys:
            keys.append(key)
        n = len(items) + 1
        stances = by_quote.get(row.get("quote_id"), [])
        title = _quote_title(n, row, stances)
        spans += _spans_of(n, row, keys.index(key), title)
        items.append((n, row, stances))
        base = int(row["start"])  # stance offsets are into the quote's own text
        for st in stances:
            a, b = _int(st.get("target_start")), _int(st.get("target_end"))
            if a is None or b is None:
                continue
            a, b = a + base, b + base
            if 0 <= a < b <= len(text) and text[a:b] == str(st.get("text", ""))[a - base:b - base]:
                spans.append(_Span(a, b, "nlv-t", n, -1, f"{st.get('target')}: {st.get('stance')} (quote {n})",
                                   _STANCE_MARK.get(str(st.get("stance")), "")))
    body = _nest(text, spans)
    esc = html.escape
    meta = " · ".join(esc(_short(art[c])) for c in ("source", "date") if c in art and not _blank(art[c]))
    legend = "".join(f'<span class="nlv-chip nlv-k{k}">{esc(key or "(unnamed)")}</span>'
                     for k, key in enumerate(keys))
    title = "" if "title" not in art or _blank(art["title"]) else str(art["title"])
    parts = [f"<div class=\"nlv\" data-article=\"{esc(aid, quote=True)}\"><style>{_CSS}{_colour_css(keys)}</style>",
             f"<h3>{esc(title or aid)}</h3>",
             f"<p class=\"nlv-meta\">{meta}{' · ' if meta else ''}{len(items)} quote(s) · {esc(aid)}</p>",
             f"<div class=\"nlv-legend\">{legend}</div>" if keys else "",
             '<p class="nlv-key">Shaded: what was said (one colour per speaker) · <b>bold, underlined</b>: '
             "the speaker · <i>dotted</i>: the cue · hover a mark for details</p>" if items else "",
             f"<div class=\"nlv-text\">{body}</div>"]
    if skipped:
        parts.append(f"<p class=\"nlv-meta\">{len(skipped)} quote(s) not shown: their offsets do not match "
                     "this article's text (was the text changed after extraction?)</p>")
    if table and items:
        parts.append(_rows_table(items, keys))
    parts.append("</div>")
    return ArticleView("".join(parts), aid, title, len(items), skipped)


#: ``nl.view(...)`` is :func:`render`.
view = render
