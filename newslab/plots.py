"""Charts of newslab tables: one function per chart, each returning the matplotlib Axes it drew on.

Every function takes the newslab tables as they come out of the pipeline (column names from the
table contract), draws on ``ax`` when one is given (so charts compose into your own figures) or on a
new figure otherwise, and returns the Axes. Empty input gives an Axes that says "No data" instead
of an exception, so a notebook run on a small or odd corpus still finishes.

Colours are colour-blind safe: the Okabe-Ito palette for categories, and a diverging red-blue map
centred on zero for stance. Long speaker names are wrapped, not cut.

Examples:
    >>> import pandas as pd
    >>> from newslab import plots
    >>> q = pd.DataFrame({"speaker_name": ["Ann Lee", "Ann Lee", "Bo Chan"],
    ...                   "type": ["direct", "indirect", "direct"]})
    >>> ax = plots.quotes_per_speaker(q)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Ann Lee', 'Bo Chan']
    >>> plots.close(ax)
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.ticker import MaxNLocator

__all__ = [
    "LABEL_COLORS",
    "OKABE_ITO",
    "TYPE_COLORS",
    "close",
    "lexicon_scatter",
    "quotes_per_speaker",
    "sentiment_arc",
    "stance_heatmap",
    "timeline",
]

#: Okabe & Ito (2008) colour-blind-safe palette, in their order (black last).
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow (weak on white: used last)
    "#000000",  # black
)
#: Quote type -> colour (stacked bars).
TYPE_COLORS: dict[str, str] = {"direct": "#0072B2", "indirect": "#E69F00", "mixed": "#009E73"}
#: Sentiment / stance label -> colour; blue is good, vermillion bad, grey neither.
LABEL_COLORS: dict[str, str] = {
    "positive": "#0072B2",
    "neutral": "#999999",
    "negative": "#D55E00",
    "favor": "#0072B2",
    "against": "#D55E00",
}
_QUOTED_COLOR = "#E69F00"
_NARRATION_COLOR = "#0072B2"
_UNKNOWN_SPEAKER = "(no speaker)"
_SPEAKER_COLUMNS = ("speaker_name", "speaker_id")  # lines per speaker: "(no speaker)" is not one
_WRAP = 28  # characters per line of a wrapped tick label


def _wrap(label: object, width: int = _WRAP) -> str:
    text = "" if label is None or (isinstance(label, float) and math.isnan(label)) else str(label)
    return textwrap.fill(text, width=width, break_long_words=False) or text


def _new_ax(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    # constrained layout makes room for long tick labels, legends and colour bars.
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _no_data(ax: Axes | None, title: str, why: str = "") -> Axes:
    ax = _new_ax(ax, (6.4, 3.0))
    ax.text(0.5, 0.5, "No data" + (f"\n{why}" if why else ""), ha="center", va="center",
            fontsize=12, color="#555555", transform=ax.transAxes)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{what} needs the column(s) {missing}; got {list(df.columns)}. "
            "Pass the table produced by the matching newslab step."
        )


def close(ax: Axes) -> None:
    """Close the figure an Axes belongs to (frees memory when drawing many charts in a loop).

    Examples:
        >>> ax = _no_data(None, "t")
        >>> close(ax)
    """
    plt.close(ax.get_figure(root=True))


# ---------------------------------------------------------------------------------------------------
def quotes_per_speaker(quotes: pd.DataFrame, top: int = 15, ax: Axes | None = None,
                       title: str | None = None) -> Axes:
    """Horizontal bars: how many quotes each speaker has, stacked by direct / indirect / mixed.

    Takes either the quotes table (one row per quote: ``speaker_name``, ``type``) or the speakers
    table (``speaker_name``, ``n_direct``, ``n_indirect``, ``n_mixed``). The ``top`` speakers with
    most quotes are shown, most-quoted at the top; quotes without a resolved speaker are counted
    under "(no speaker)". The total is written at the end of each bar.

    Args:
        quotes: the quotes table or the speakers table.
        top: how many speakers to show.
        ax: the Axes to draw on; a new figure when None.
        title: the chart title; a default that says how many speakers are shown.

    Returns:
        The Axes. One bar patch per (speaker, type present in the data), in type order.

    Examples:
        >>> q = pd.DataFrame({"speaker_name": ["Dmitry Peskov"] * 3 + ["Choe Son Hui"],
        ...                   "type": ["direct", "direct", "indirect", "direct"]})
        >>> ax = quotes_per_speaker(q)
        >>> [float(p.get_width()) for p in ax.patches]   # direct bars, then indirect bars
        [2.0, 1.0, 1.0, 0.0]
        >>> close(ax)
    """
    default_title = "Who is quoted: quotes per speaker"
    if quotes is None or len(quotes) == 0:
        return _no_data(ax, title or default_title, "no quotes in the table")
    if {"n_direct", "n_indirect", "n_mixed"} <= set(quotes.columns):
        _require(quotes, ["speaker_name"], "quotes_per_speaker")
        counts = (quotes.assign(speaker_name=quotes["speaker_name"].astype(object).fillna(_UNKNOWN_SPEAKER))
                  .groupby("speaker_name")[["n_direct", "n_indirect", "n_mixed"]].sum())
        counts.columns = ["direct", "indirect", "mixed"]
    else:
        _require(quotes, ["speaker_name", "type"], "quotes_per_speaker")
        from .identity import speaker_ids  # one identity per speaker: the same M as nl.speakers

        ids = quotes["speaker_id"] if "speaker_id" in quotes.columns else speaker_ids(quotes)["speaker_id"]
        names = ids.astype(object).where(ids.notna(), _UNKNOWN_SPEAKER)
        names = names.map(lambda s: str(s).strip() or _UNKNOWN_SPEAKER)
        kinds = quotes["type"].astype(object).fillna("unknown").astype(str)
        counts = pd.crosstab(names.to_numpy(), kinds.to_numpy())
    types = [t for t in TYPE_COLORS if t in counts.columns and counts[t].sum() > 0]
    types += [t for t in counts.columns if t not in TYPE_COLORS and counts[t].sum() > 0]
    counts = counts[types] if types else counts
    total = counts.sum(axis=1)
    counts = counts.loc[total > 0]
    if counts.empty:
        return _no_data(ax, title or default_title, "no quotes in the table")
    total = counts.sum(axis=1)
    # most quoted first, ties by name, so the chart is the same on every run
    order = sorted(total.index, key=lambda n: (-total[n], n == _UNKNOWN_SPEAKER, str(n)))
    n_all = sum(n != _UNKNOWN_SPEAKER for n in order)  # "(no speaker)" is a bar, not a speaker
    order = order[: max(1, int(top))]
    counts = counts.loc[order]
    labels = [_wrap(n) for n in order]
    lines = max(lab.count("\n") + 1 for lab in labels)
    # rows get taller when a wrapped name needs several lines, so names never overlap
    ax = _new_ax(ax, (7.5, max(2.5, (0.42 + 0.2 * (lines - 1)) * len(order) + 1.4)))
    y = np.arange(len(order))
    left = np.zeros(len(order))
    extra = iter(OKABE_ITO[5:])
    for kind in types:
        values = counts[kind].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=TYPE_COLORS.get(kind) or next(extra, "#777777"),
                label=kind, edgecolor="white", linewidth=0.6, height=0.7)
        left += values
    for yi, tot in zip(y, left):
        ax.text(float(tot), float(yi), f" {int(tot)}", va="center", ha="left", fontsize=9)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()  # most quoted at the top
    ax.set_xlim(0, left.max() * 1.12 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Number of quotes")
    n_shown = sum(n != _UNKNOWN_SPEAKER for n in order)
    shown = f"top {n_shown} of {n_all} speakers" if n_all > n_shown else f"{n_all} speakers"
    ax.set_title(title or f"{default_title} ({shown})")
    ax.legend(title="Quote type", loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------------------------------------------
def _quoted_mask(sents: pd.DataFrame, quotes: pd.DataFrame | None) -> np.ndarray:
    """True for each sentence that overlaps the content span of a quote of the same article."""
    mask = np.zeros(len(sents), dtype=bool)
    if quotes is None or len(quotes) == 0:
        if "quoted" in sents.columns:  # a precomputed flag is used as is
            return sents["quoted"].fillna(False).astype(bool).to_numpy()
        return mask
    if {"start", "end"} <= set(quotes.columns) and {"start", "end"} <= set(sents.columns):
        q = quotes
        if "article_id" in q.columns and "article_id" in sents.columns and len(sents):
            q = q[q["article_id"].astype(str) == str(sents["article_id"].iloc[0])]
        qs = q["start"].to_numpy(dtype=float)
        qe = q["end"].to_numpy(dtype=float)
        for i, (s, e) in enumerate(zip(sents["start"].to_numpy(dtype=float), sents["end"].to_numpy(dtype=float))):
            mask[i] = bool(np.any((qs < e) & (qe > s)))
        return mask
    if "sentence_id" in quotes.columns and "sentence_id" in sents.columns:
        return sents["sentence_id"].isin(set(quotes["sentence_id"])).to_numpy()
    raise ValueError("sentiment_arc: quotes need 'start'/'end' offsets (or 'sentence_id') to mark sentences")


def sentiment_arc(sentences_with_sentiment: pd.DataFrame, quotes: pd.DataFrame | None = None,
                  article_id: str | None = None, ax: Axes | None = None, score: str = "sentiment",
                  articles: pd.DataFrame | None = None, title: str | None = None) -> Axes:
    """The sentiment arc of one article: sentence number against its sentiment score.

    Sentences that contain quoted material (any overlap with a quote's ``start``/``end`` span in
    ``quotes``) are drawn as orange squares, the reporter's own narration as blue circles, so you
    can see whether the mood comes from the voices quoted or from the writing around them.

    Args:
        sentences_with_sentiment: ``newslab.sentiment(newslab.sentences(articles))``.
        quotes: the quotes table of the same articles; without it no sentence is marked (unless the
            table has a boolean ``quoted`` column).
        article_id: which article; the first in the table when None.
        ax: the Axes to draw on; a new figure when None.
        score: the score column: ``"sentiment"`` (newslab), ``"vader"`` or ``"polarity"``.
        articles: the articles table, to name the article by its ``title`` in the chart title.
        title: the chart title; by default names the article.

    Returns:
        The Axes: a grey line through every sentence, then one scatter for narration and one for
        quoted sentences (together one point per sentence).

    Examples:
        >>> s = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1, 2], "start": [0, 10, 20],
        ...                   "end": [9, 19, 29], "sentiment": [0.2, -0.5, 0.0]})
        >>> q = pd.DataFrame({"article_id": ["a"], "start": [11], "end": [18]})
        >>> ax = sentiment_arc(s, q)
        >>> [len(c.get_offsets()) for c in ax.collections]   # narration, quoted
        [2, 1]
        >>> close(ax)
    """
    default_title = "Sentiment arc"
    df = sentences_with_sentiment
    if df is None or len(df) == 0:
        return _no_data(ax, title or default_title, "no sentences")
    _require(df, [score], "sentiment_arc")
    if "article_id" in df.columns:
        ids = df["article_id"].astype(str)
        chosen = str(article_id) if article_id is not None else ids.iloc[0]
        df = df[ids == chosen]
        if df.empty:
            return _no_data(ax, title or default_title, f"no sentences for article {chosen!r}")
    else:
        chosen = None
    for key in ("sentence_id", "start"):  # reading order
        if key in df.columns:
            df = df.sort_values(key, kind="stable")
            break
    quoted = _quoted_mask(df, quotes)
    x = np.arange(1, len(df) + 1)
    yv = pd.to_numeric(df[score], errors="coerce").to_numpy(dtype=float)
    ax = _new_ax(ax, (min(14.0, max(7.0, 0.22 * len(df) + 4)), 3.8))
    ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
    ax.plot(x, yv, color="#888888", linewidth=1.0, zorder=1)
    ax.scatter(x[~quoted], yv[~quoted], color=_NARRATION_COLOR, marker="o", s=36, zorder=2,
               label=f"reporter's narration ({int((~quoted).sum())})")
    ax.scatter(x[quoted], yv[quoted], color=_QUOTED_COLOR, marker="s", s=40, zorder=3,
               edgecolor="black", linewidth=0.5, label=f"contains a quote ({int(quoted.sum())})")
    low = min(-1.0, np.nanmin(yv) if np.isfinite(yv).any() else -1.0)
    high = max(1.0, np.nanmax(yv) if np.isfinite(yv).any() else 1.0)
    ax.set_ylim(low - 0.08, high + 0.08)
    ax.set_xlim(0.5, len(df) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    names = {"sentiment": "newslab sentiment", "vader": "VADER compound", "polarity": "TextBlob polarity"}
    ax.set_ylabel(f"{names.get(score, score)}\n(−1 negative … +1 positive)")
    ax.set_xlabel("Sentence number in the article")
    if title is None:
        name = chosen or ""
        if chosen is not None and "title" in df.columns and isinstance(df["title"].iloc[0], str):
            name = df["title"].iloc[0]
        elif chosen is not None and articles is not None and {"article_id", "title"} <= set(articles.columns):
            match = articles.loc[articles["article_id"].astype(str) == chosen, "title"]
            if len(match) and isinstance(match.iloc[0], str) and match.iloc[0].strip():
                name = match.iloc[0]
        title = f"{default_title}: {textwrap.shorten(str(name), 110)}" if name else default_title
    ax.set_title(textwrap.fill(title, 60))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------------------------------------------
def lexicon_scatter(df_with_sentiment: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """TextBlob polarity (x) against VADER compound (y), one point per text, coloured by newslab's label.

    Points on the dashed diagonal are texts where the two lexicons agree; the Pearson correlation
    between them is given in the corner.

    Args:
        df_with_sentiment: any table after ``newslab.sentiment`` (``polarity``, ``vader``,
            ``sentiment_label``).
        ax: the Axes to draw on; a new figure when None.
        title: the chart title.

    Returns:
        The Axes: one scatter per label present (positive, neutral, negative, in that order).

    Examples:
        >>> d = pd.DataFrame({"polarity": [0.5, 0.0, -0.4], "vader": [0.6, 0.1, -0.7],
        ...                   "sentiment_label": ["positive", "neutral", "negative"]})
        >>> ax = lexicon_scatter(d)
        >>> [c.get_label() for c in ax.collections]
        ['positive (1)', 'neutral (1)', 'negative (1)']
        >>> close(ax)
    """
    default_title = "Two lexicons, one text: TextBlob vs VADER"
    df = df_with_sentiment
    if df is None or len(df) == 0:
        return _no_data(ax, title or default_title, "no scored texts")
    _require(df, ["polarity", "vader"], "lexicon_scatter")
    x = pd.to_numeric(df["polarity"], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(df["vader"], errors="coerce").to_numpy(dtype=float)
    labels = (df["sentiment_label"].astype(object).fillna("unlabelled").astype(str).to_numpy()
              if "sentiment_label" in df.columns else np.full(len(df), "unlabelled", dtype=object))
    ax = _new_ax(ax, (6.4, 5.6))
    ax.plot([-1, 1], [-1, 1], linestyle="--", color="#AAAAAA", linewidth=0.9, zorder=0)
    ax.axhline(0, color="#DDDDDD", linewidth=0.7, zorder=0)
    ax.axvline(0, color="#DDDDDD", linewidth=0.7, zorder=0)
    order = [k for k in ("positive", "neutral", "negative") if k in set(labels)]
    order += sorted(set(labels) - set(order))
    markers = {"positive": "^", "neutral": "o", "negative": "v"}
    for k in order:
        m = labels == k
        ax.scatter(x[m], y[m], color=LABEL_COLORS.get(k, "#000000"), marker=markers.get(k, "D"),
                   s=34, alpha=0.75, edgecolor="white", linewidth=0.4, label=f"{k} ({int(m.sum())})")
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() >= 3 and np.std(x[ok]) > 0 and np.std(y[ok]) > 0:
        r = float(np.corrcoef(x[ok], y[ok])[0, 1])
        ax.text(0.02, 0.98, f"Pearson r = {r:.2f}\nn = {int(ok.sum())}", transform=ax.transAxes,
                va="top", ha="left", fontsize=9)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_aspect("equal")
    ax.set_xlabel("TextBlob polarity (−1 … +1)")
    ax.set_ylabel("VADER compound score (−1 … +1)")
    ax.set_title(title or default_title)
    ax.legend(title="newslab label", loc="lower right", frameon=True, fontsize=9)
    return ax


# ---------------------------------------------------------------------------------------------------
def _as_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """Long speaker x target table with stance_score (mean) and n_quotes, from a matrix or stance rows."""
    if "n_quotes" in df.columns:
        _require(df, ["speaker_name", "target", "stance_score"], "stance_heatmap")
        return df
    _require(df, ["speaker_name", "target", "stance_score"], "stance_heatmap")
    g = df.assign(speaker_name=df["speaker_name"].astype(object).fillna(_UNKNOWN_SPEAKER))
    return g.groupby(["speaker_name", "target"], as_index=False).agg(
        stance_score=("stance_score", "mean"), n_quotes=("stance_score", "size"))


def stance_heatmap(matrix: pd.DataFrame, ax: Axes | None = None, top: int = 20,
                   title: str | None = None) -> Axes:
    """Speaker-by-target heatmap of mean stance, red (against) to blue (favor), centred on zero.

    Each cell is coloured by the mean ``stance_score`` of what that speaker said about that target
    and shows how many quotes it rests on (``n_quotes``); pairs with no quotes stay blank. Speakers
    are ordered by how much they said, top ``top`` shown.

    Args:
        matrix: ``newslab.stance_matrix(...)`` (``speaker_name``, ``target``, ``stance_score``,
            ``n_quotes``), or stance rows with ``speaker_name``, which are aggregated the same way.
        ax: the Axes to draw on; a new figure when None.
        top: how many speakers (rows) to show.
        title: the chart title.

    Returns:
        The Axes: one image, and one text per non-empty cell with its ``n_quotes``.

    Examples:
        >>> m = pd.DataFrame({"speaker_name": ["Ann Lee", "Bo Chan"], "target": ["Russia", "Russia"],
        ...                   "stance_score": [0.5, -0.25], "n_quotes": [3, 1]})
        >>> ax = stance_heatmap(m)
        >>> [t.get_text() for t in ax.texts]
        ['3', '1']
        >>> close(ax)
    """
    default_title = "Stance of each speaker toward each target"
    if matrix is None or len(matrix) == 0:
        return _no_data(ax, title or default_title, "no speaker mentioned a target")
    long = _as_matrix(matrix)
    long = long[long["n_quotes"].fillna(0) > 0]
    if long.empty:
        return _no_data(ax, title or default_title, "no speaker mentioned a target")
    long = long.assign(speaker_name=long["speaker_name"].astype(object).fillna(_UNKNOWN_SPEAKER).astype(str),
                       target=long["target"].astype(str))
    score = long.pivot_table(index="speaker_name", columns="target", values="stance_score", aggfunc="mean")
    count = long.pivot_table(index="speaker_name", columns="target", values="n_quotes", aggfunc="sum")
    per_speaker = count.sum(axis=1)
    rows = sorted(per_speaker.index, key=lambda n: (-per_speaker[n], n))
    n_all = len(rows)
    rows = rows[: max(1, int(top))]
    per_target = count.loc[rows].sum(axis=0)
    cols = sorted(per_target.index, key=lambda t: (-per_target[t], t))
    cols = [c for c in cols if per_target[c] > 0]
    score = score.reindex(index=rows, columns=cols)
    count = count.reindex(index=rows, columns=cols)
    row_labels = [_wrap(r) for r in rows]
    lines = max(lab.count("\n") + 1 for lab in row_labels)  # wrapped names need taller rows
    ax = _new_ax(ax, (max(5.5, 1.3 * len(cols) + 4.5), max(2.8, (0.5 + 0.13 * (lines - 1)) * len(rows) + 1.8)))
    cmap = plt.get_cmap("RdBu").with_extremes(bad="#F2F2F2")
    values = np.ma.masked_invalid(score.to_numpy(dtype=float))
    image = ax.imshow(values, cmap=cmap, norm=TwoSlopeNorm(vcenter=0.0, vmin=-1.0, vmax=1.0),
                      aspect="auto", interpolation="nearest")
    for i in range(len(rows)):
        for j in range(len(cols)):
            n = count.iat[i, j]
            if pd.notna(n) and n > 0:
                s = score.iat[i, j]
                dark = pd.notna(s) and abs(float(s)) > 0.55  # white text on the saturated ends
                ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize=10,
                        color="white" if dark else "black")
    ax.set_xticks(range(len(cols)), [_wrap(c, 16) for c in cols])
    ax.set_yticks(range(len(rows)), row_labels)
    ax.tick_params(axis="x", labelrotation=0 if len(cols) <= 6 else 45)
    if len(cols) > 6:
        for lab in ax.get_xticklabels():
            lab.set_horizontalalignment("right")
    ax.set_xlabel("Target (numbers in cells: quotes the score rests on)")
    ax.set_ylabel("Speaker")
    ax.set_xticks(np.arange(-0.5, len(cols), 1), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows), 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    # a colour bar of a few inches, however many speakers make the figure tall
    root = ax.get_figure(root=True)
    shrink = min(0.9, 4.5 / max(root.get_figheight() if root is not None else 4.5, 1.0))
    bar = ax.figure.colorbar(image, ax=ax, shrink=shrink, ticks=[-1, -0.5, 0, 0.5, 1])
    bar.set_label("Mean stance score\n(−1 against … +1 favor)")
    shown = f" (top {len(rows)} of {n_all} speakers)" if n_all > len(rows) else ""
    ax.set_title(title or default_title + shown)
    return ax


# ---------------------------------------------------------------------------------------------------
_PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
_PERIOD_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y"}


def _rows_name(df: pd.DataFrame) -> str:
    if "quote_id" in df.columns:
        return "Quotes"
    if "sentence_id" in df.columns:
        return "Sentences"
    return "Articles"


def timeline(df: pd.DataFrame, date_column: str = "date", by: str | None = None, freq: str = "W",
             ax: Axes | None = None, value: str | None = None, articles: pd.DataFrame | None = None,
             top: int = 8, title: str | None = None) -> Axes:
    """A corpus over time: rows per period, or the mean of ``value`` per period, one line per ``by`` group.

    Counts are the default (e.g. quotes per week per speaker); with ``value`` (e.g.
    ``"stance_score"``) each point is the mean of that column over the period (e.g. stance over
    time by source). Tables without dates (quotes, stance rows) get ``date`` and ``source`` from
    ``articles`` through ``article_id``. Rows whose date cannot be read are left out and counted in
    the chart's footnote. The ``top`` groups with most rows are drawn.

    Args:
        df: any newslab table with a date column, or with ``article_id`` plus ``articles``.
        date_column: the column holding dates (strings or datetimes).
        by: a column to split lines by (``"speaker_name"``, ``"source"``, ``"target"``...).
        freq: period length: ``"D"``, ``"W"``, ``"M"`` (or ``"MS"``/``"ME"``), ``"Q"``, ``"Y"``.
        ax: the Axes to draw on; a new figure when None.
        value: a numeric column to average per period instead of counting rows.
        articles: the articles table, to take missing ``date_column`` / ``by`` columns from.
        top: how many ``by`` groups to draw.
        title: the chart title.

    Returns:
        The Axes: one line (with a marker on each period) per group; when the data cover a single
        period, one bar per group instead (lone points would hide each other).

    Examples:
        >>> a = pd.DataFrame({"article_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
        ...                   "date": ["2024-01-01", "2024-01-02", "2024-01-09"]})
        >>> ax = timeline(a, by="source")
        >>> {l.get_label(): l.get_ydata().tolist() for l in ax.get_lines()}
        {'X (2)': [2.0, 0.0], 'Y (1)': [0.0, 1.0]}
        >>> close(ax)
    """
    default_title = "Over time"
    if df is None or len(df) == 0:
        return _no_data(ax, title or default_title, "empty table")
    data = _with_article_columns(df, [c for c in (date_column, by) if c], articles)
    _require(data, [c for c in (date_column, by, value) if c], "timeline")
    when = _readable_dates(data[date_column])
    period = _PERIOD_ALIASES.get(freq, freq)
    ok = when.notna().to_numpy()
    if not ok.any():
        return _no_data(ax, title or default_title, f"no readable dates in column {date_column!r}")
    frame = _timeline_frame(data, when, ok, period, by, value)
    size = frame.groupby("group").size()
    groups = sorted(size.index, key=lambda g: (-size[g], g))
    n_groups = sum(g != _UNKNOWN_SPEAKER for g in groups) if by in _SPEAKER_COLUMNS else len(groups)
    groups = groups[: max(1, int(top))]
    periods = pd.period_range(frame["when"].min(), frame["when"].max(), freq=period).start_time
    table = frame.pivot_table(index="when", columns="group", values="value",
                              aggfunc="mean" if value else "sum").reindex(index=periods, columns=groups)
    if not value:
        table = table.fillna(0.0)  # a period without rows is a zero, not a gap
    ax = _new_ax(ax, (8.5, 4.2))
    colors = [c for c in OKABE_ITO if c != "#F0E442"]
    unit = _PERIOD_NAMES.get(period, period)
    fmt = {"M": "%b %Y", "Y": "%Y"}.get(period, "%d %b %Y")
    names = [f"{p.year} Q{p.quarter}" if period == "Q" else p.strftime(fmt) for p in periods]
    if len(periods) == 1:
        _timeline_bars(ax, table, groups, size, by, colors)
    else:
        _timeline_lines(ax, table, groups, size, periods, names, colors)
    what = _rows_name(df)
    _timeline_y_axis(ax, frame, table, value, what, unit)
    ax.set_xlabel(_timeline_xlabel(unit, names, by, date_column, int((~ok).sum())))
    if title is None:
        what_value = f"mean {value.replace('_', ' ')}" if value else what.lower()
        title = f"{what_value.capitalize()} per {unit}" + (f" by {by.replace('_', ' ')}" if by else "")
    ax.set_title(title)
    if by and len(periods) > 1:
        n_shown = sum(g != _UNKNOWN_SPEAKER for g in groups) if by in _SPEAKER_COLUMNS else len(groups)
        shown = f"{by.replace('_', ' ')} (top {n_shown} of {n_groups})" if n_groups > n_shown else by.replace("_", " ")
        ax.legend(title=shown, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _with_article_columns(df: pd.DataFrame, columns: list[str], articles: pd.DataFrame | None) -> pd.DataFrame:
    """``df`` with those of ``columns`` it lacks (e.g. ``date``, ``source`` of a quotes table) taken from
    ``articles`` through ``article_id``, when both have it."""
    needed = [c for c in columns if c not in df.columns]
    if not (needed and articles is not None and "article_id" in df.columns and "article_id" in articles.columns):
        return df
    extra = articles[["article_id", *[c for c in needed if c in articles.columns]]].drop_duplicates("article_id")
    return df.merge(extra, on="article_id", how="left")


def _readable_dates(when: pd.Series) -> pd.Series:
    """Dates as tz-naive datetimes (UTC for those that named a zone); NaT where unreadable."""
    if not pd.api.types.is_datetime64_any_dtype(when):
        when = pd.to_datetime(when.astype(object), errors="coerce", utc=True, format="mixed")
    if getattr(when.dt, "tz", None) is not None:
        when = when.dt.tz_convert(None)
    return when


def _timeline_frame(data: pd.DataFrame, when: pd.Series, ok: np.ndarray, period: str, by: str | None,
                    value: str | None) -> pd.DataFrame:
    """One row per dated row: the start of its period, its group (``by``, or "all") and its value
    (``value``, or 1 to count)."""
    return pd.DataFrame({
        "when": when[ok].dt.to_period(period).dt.start_time.to_numpy(),
        "group": (data[by].astype(object).fillna(_UNKNOWN_SPEAKER if by in _SPEAKER_COLUMNS else "(none)")
                  .astype(str).to_numpy()[ok] if by
                  else np.full(int(ok.sum()), "all", dtype=object)),
        "value": (pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)[ok] if value
                  else np.ones(int(ok.sum()))),
    })


def _timeline_bars(ax: Axes, table: pd.DataFrame, groups: list[str], size: pd.Series, by: str | None,
                   colors: list[str]) -> None:
    """One period (e.g. a single article): lines would be lone, overlapping dots, so one bar per
    group, named on the axis."""
    values = table.iloc[0].to_numpy(dtype=float)
    ax.bar(range(len(groups)), np.nan_to_num(values), color=[colors[i % len(colors)] for i in range(len(groups))],
           width=0.6)
    ax.set_xticks(range(len(groups)), [f"{_wrap(g, 16)}\n({int(size[g])})" for g in groups] if by else [""])
    pad = max(0.0, (3 - len(groups)) / 2)  # a lone bar stays bar-shaped, not a wall
    ax.set_xlim(-0.7 - pad, len(groups) - 0.3 + pad)


def _timeline_lines(ax: Axes, table: pd.DataFrame, groups: list[str], size: pd.Series, periods: pd.DatetimeIndex,
                    names: list[str], colors: list[str]) -> None:
    """One line per group, a marker on each period; few periods get one named tick each."""
    for i, g in enumerate(groups):
        ax.plot(table.index, table[g].to_numpy(dtype=float), marker="o", markersize=5, linewidth=1.6,
                color=colors[i % len(colors)], linestyle=("-", "--", ":")[i // len(colors) % 3],
                label=f"{_wrap(g, 24)} ({int(size[g])})")
    if len(periods) <= 12:  # few periods: one tick per period, named the way people write it
        ax.set_xticks(periods, names)
    else:
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if len(periods) > 5:
        ax.tick_params(axis="x", labelrotation=30)
        for lab in ax.get_xticklabels():
            lab.set_horizontalalignment("right")


def _timeline_y_axis(ax: Axes, frame: pd.DataFrame, table: pd.DataFrame, value: str | None, what: str,
                     unit: str) -> None:
    """Counts ("Quotes per week") from zero in whole numbers; means of a score in [-1, 1] around zero,
    symmetric."""
    if not value:
        ax.set_ylabel(f"{what} per {unit}")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        return
    ax.set_ylabel(f"Mean {value.replace('_', ' ')} per {unit}")
    ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
    v = frame["value"].to_numpy(dtype=float)
    means = table.to_numpy(dtype=float)
    if np.isfinite(v).any() and np.nanmin(v) >= -1 and np.nanmax(v) <= 1 and np.isfinite(means).any():
        # scores in [-1, 1]: zero in the middle, symmetric, never zoomed in so far that noise looks big
        reach = min(1.05, max(0.25, float(np.nanmax(np.abs(means))) * 1.15))
        ax.set_ylim(-reach, reach)


def _timeline_xlabel(unit: str, names: list[str], by: str | None, date_column: str, n_missing: int) -> str:
    """"Week starting", or for one period what the bars are and when; with the undated rows counted."""
    xlabel = f"{unit.capitalize()} starting" if unit != "day" else "Date"
    if len(names) == 1:
        when = f"{unit} starting {names[0]}" if unit != "day" else names[0]
        xlabel = f"{by.replace('_', ' ').capitalize()}, {when}" if by else when[0].upper() + when[1:]
    if n_missing:
        xlabel += f"\n({n_missing} row(s) without a readable {date_column} not shown)"
    return xlabel
