"""Quotes: who said what, with exact offsets for the content, the speaker mention and the cue.

One row per attributed statement. The extractor is rule based, needs no model download, and runs
in linear time over each article (bounded windows around each cue, one pass over the marks):

1. **Quotation marks** are paired paragraph by paragraph (straight, curly, guillemets, ``''``).
   A quotation never runs past its paragraph unless the paragraph ends open and the next one
   opens again (the convention for a quotation over several paragraphs). A mismatched
   ``“...’`` closes at the single mark; an unclosed mark ends at its paragraph.
2. **Cues** come from one prefix-tree pattern over the verb table
   (``newslab/data/quote_verbs.tsv``: speech verbs, belief verbs, attitude verbs) plus
   "according to", headline colons (``Trump: ...``) and dash signatures (``"..." - Jane Doe``).
   For each cue the local context decides the shape: ``X said (that) ...``, ``..., X said.``,
   ``"...," said X``, ``X told reporters ...``, ``according to X, ...``, ``..., adding that ...``,
   ``Name, a role, said ...``, ``The museum, Mr. Obama said, would ...``.
3. The **speaker** is the mention as written next to the cue: a pronoun, a relative pronoun
   ("who"), a name with its title, a name with its appositive ("Choe Son Hui, the North Korean
   Foreign Minister"), a group ("The US, Japan and South Korea"), an unnamed source ("a senior
   official"). Names and roles are resolved by :func:`newslab.speakers.resolve_speakers`.
4. **Types.** ``direct``: the content is a quotation (its span includes the marks). ``mixed``:
   indirect content carrying a double-quoted fragment. ``indirect``: everything else. A split
   quote (``"A," he said. "B."``) is one statement from A's opening mark to B's closing mark, as
   news annotation (PolNeAR) counts it; its text therefore contains the attribution, and its
   ``content_spans`` list the quotations alone (A's and B's, without "he said"). A quotation
   with no cue right after an attributed one (a **floating** quote) keeps the previous speaker
   with an empty cue. Short quoted phrases with no cue (scare quotes, titles) are not statements.

Other newsroom styles: where an article quotes only in single marks (British style), a
single-quoted fragment makes indirect speech mixed; a dateline in capitals ("NEW DELHI: ...") is
not a speaker; a name before an auxiliary or an attitude verb is its subject, not an inverted
speaker ("The chancellor, Jeremy Hunt, has defended ..."); "asked not to be named" and "did not
respond to a request for comment" are not statements (``newslab/data/quote_not_content.txt``).
An inverted speaker ends before an adverbial of its cue ('"...," said Ann Lee in a statement on
Monday', ``quote_cue_settings.txt``) and keeps its appositive ('said Ann Lee, president of the
union'); some cues count only beside a quotation ('"...," she posted', 'shrugged the coach', 'The
statement read: "..."', ``direct_only`` in ``quote_verbs.tsv``); a short Title Case quotation after a
possessive ('on CNN's "State of the Union"') is a title, not the second half of a split quote.
The subject before a cue keeps its restrictive relative clause ("Two senators who voted against
the bill said") and its possessive role in apposition ("Labour's housing spokesperson, Rebecca
Moynihan, said ..." is no inverted content); a stance or belief verb, or any cue after a modal,
inside another statement's reported clause ("said the council opposed the tower", "told staff the
bank would acknowledge ...") is content, not a statement of its own.
``confidence`` is the share of right statements of the same rule and type on PolNeAR train.

Conventions follow PolNeAR: content of ``X said that ...`` includes "that"; beliefs ("polls
show", "he thinks") and unnamed sources are attributions; a quote's content ends before a
trailing ``, adding ...`` (a statement of its own with the same speaker).

Modules, one concern each: :mod:`newslab.quote_marks` (pairing quotation marks),
:mod:`newslab.quote_cues` (the verb lexicons and the cue scan), :mod:`newslab.quote_phrases`
(tokens and the phrases around a cue), :mod:`newslab.quote_article` (what the rules share about one
article), :mod:`newslab.quote_sieves` (the attribution rules), :mod:`newslab.quote_cleanup` (content
and the clean-up passes); this module builds the table.
"""
from __future__ import annotations

import bisect
import functools
from typing import Any

import numpy as np
import pandas as pd

from . import _lexicon
from ._parallel import corpus_step
from .conventions import check_convention, to_quotations
from .quote_sieves import _find_statements
from .speakers import resolve_speakers

COLUMNS = ["article_id", "quote_id", "type", "start", "end", "text", "speaker", "speaker_start",
           "speaker_end", "speaker_name", "speaker_role", "cue", "cue_start", "cue_end", "sentence_id",
           "paragraph_id", "confidence", "content_spans", "rule", "cue_class", "name_rule"]
_INT_COLS = ["quote_id", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end",
             "sentence_id", "paragraph_id"]


def quotes_in(text: str) -> list[dict]:
    """Statements in one text, as dicts with the quotes columns (without ``article_id``).

    Examples:
        >>> [(r["type"], r["speaker"], r["cue"]) for r in quotes_in('"It works," she said.')]
        [('direct', 'she', 'said')]
    """
    return [dict(zip(_ROW_COLUMNS, r)) for r in _rows_in(text)]


_STR_COLS = ["type", "text", "speaker", "speaker_name", "speaker_role", "cue", "rule", "cue_class", "name_rule"]
_STR = pd.Series(["x"]).dtype  # pandas' default string dtype: "str" on pandas 3, object on pandas 2
_ROW_COLUMNS = COLUMNS[1:]  # a row of _rows_in: every column but article_id, in table order


@functools.lru_cache(maxsize=1)
def _confidence() -> dict[tuple[str, str], float]:
    """(rule, type) -> the share of such statements that were right on PolNeAR train
    (``newslab/data/quote_confidence.txt``, written by ``tools/calibrate_quotes.py``); a rule and
    type never seen there keep the rule's prior."""
    return {(r[0], r[1]): float(r[2]) for r in _lexicon.rows("quote_confidence.txt")}


def _rows_in(text: str, sents: list[tuple[int, int, int]] | None = None) -> list[tuple]:
    """The rows of :func:`quotes_in` as plain tuples (cheaper to build and to turn into columns);
    ``sents``: the text's ``sentence_spans`` when the caller has them (see :func:`_given_spans`)."""
    if not isinstance(text, str) or not text.strip():
        return []
    a, stmts = _find_statements(text, sents)
    mentions = sorted({st.sp for st in stmts if st.sp is not None})
    resolved = dict(zip(mentions, resolve_speakers(text, mentions, with_rule=True))) if mentions else {}
    rows = []
    sents, sstart = a.sents, a.sstart
    conf = _confidence()
    for i, st in enumerate(stmts):
        si = max(0, bisect.bisect_right(sstart, st.start) - 1)  # a.sent_of, inlined
        sp, cue = st.sp, st.cue
        name, role, name_rule = resolved.get(sp, (None, None, None)) if sp else (None, None, None)
        rows.append((
            i, st.kind, st.start, st.end, text[st.start:st.end],
            text[sp[0]:sp[1]] if sp else None, sp[0] if sp else None, sp[1] if sp else None,
            name, role,
            text[cue[0]:cue[1]] if cue else None, cue[0] if cue else None, cue[1] if cue else None,
            si if sents else None, sents[si][2] if sents else None,
            conf.get((st.rule, st.kind), st.conf), st.parts or [(st.start, st.end)], st.rule, st.cue_class,
            name_rule,
        ))
    return rows


_SENTENCE_COLUMNS = ("article_id", "sentence_id", "paragraph_id", "start", "end", "text")


def _given_spans(sentences: pd.DataFrame, ids: list, texts: list) -> list[list[tuple[int, int, int]] | None]:
    """Each article's ``sentence_spans`` read from ``sentences`` (the table ``newslab.sentences`` gave
    for these articles), or None where the table cannot stand for the splitter's run on that text:
    the article absent, its sentence ids not 0, 1, 2, ... in order (a filtered table, an id shared
    by two articles), or a sentence whose text is not the article's text at its offsets (the text
    changed since). The quotes step then splits that text itself: the result is the same either way.

    Examples:
        >>> sents = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "paragraph_id": [0, 0],
        ...                       "start": [0, 4], "end": [3, 7], "text": ["Hi.", "Yo."]})
        >>> _given_spans(sents, ["a", "b", "a"], ["Hi. Yo.", "Hey.", "Hi. No."])
        [[(0, 3, 0), (4, 7, 0)], None, None]
    """
    missing = [c for c in _SENTENCE_COLUMNS if c not in sentences.columns]
    if missing:
        raise ValueError(f"quotes(sentences=...) needs the sentences table of the same articles, as "
                         f"newslab.sentences(articles) returns; it lacks the columns {missing}")
    by_article: dict[Any, list[tuple]] = {}
    for row in zip(*(sentences[c].tolist() for c in _SENTENCE_COLUMNS)):
        by_article.setdefault(row[0], []).append(row)
    out: list[list[tuple[int, int, int]] | None] = []
    for aid, text in zip(ids, texts):
        rows = by_article.get(aid)
        ok = rows is not None and isinstance(text, str) and all(
            sid == k and type(s) is int and type(e) is int and 0 <= s < e <= len(text) and text[s:e] == t
            for k, (_, sid, _, s, e, t) in enumerate(rows))
        out.append([(s, e, p) for _, _, p, s, e, _ in rows] if ok else None)  # type: ignore[union-attr]
    return out


@corpus_step
def quotes(articles: pd.DataFrame, convention: str = "quotes", sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who said what, with exact offsets: one row per quotation, or per attribution relation.

    Args:
        articles: a DataFrame with ``article_id`` and ``text`` (NaN or empty text gives no rows).
        convention: ``"quotes"`` (the default): quotations of speech as journalists and the Gender
            Gap Tracker count them: only what someone said, wrote or posted, and each quotation its
            own row (``"A," he said. "B."`` is two rows sharing speaker and cue).
            ``"attributions"``: every attribution relation as PolNeAR annotates it: beliefs ("he
            thinks"), evidence ("polls show"), attitudes ("Huawei denied the claims"), and a split
            quote as one row. See :mod:`newslab.conventions`.
        sentences: the sentences table of the same articles (``newslab.sentences(articles)``), when
            the caller has it: the rules then read the sentences from it instead of splitting every
            text a second time (the result is the same; an article the table does not hold, or
            holds for another text, is split as usual).

    Returns:
        The quotes table: ``article_id``, ``quote_id``, ``type`` (direct | indirect | mixed),
        ``start``, ``end``, ``text``, ``speaker``, ``speaker_start``, ``speaker_end``,
        ``speaker_name``, ``speaker_role``, ``cue``, ``cue_start``, ``cue_end``, ``sentence_id``,
        ``paragraph_id``, ``confidence``, ``content_spans``, ``name_rule`` (how ``speaker_name``
        was decided: ``full_name``, ``surname``, ``pronoun``, ``role``, ..., see the README). Offsets index the article text; a
        missing speaker or cue has NA offsets. ``content_spans`` is a list of ``(start, end)``
        pieces of the quoted content alone: one piece, ``(start, end)``, for an ordinary
        statement; for a split quote (``"A," he said. "B."``, one row from A's opening to B's
        closing mark, as PolNeAR counts it) one piece per quotation, marks included, leaving out
        the attribution between them, so content can be scored or counted without the speaker's
        name and the cue. ``confidence`` is the share of statements found by the same rule, of
        the same type, that matched a gold quote on PolNeAR train (``tools/calibrate_quotes.py``):
        about 0.96 for a quotation with its cue beside it, 0.55 for a floating one. Filter on it
        to trade recall for precision. Provenance: ``rule`` is the sieve that made the row
        (``said_that``: "X said (that) ..."; ``said_after_quote``: '"...," X said.';
        ``said_inverted``: '"...," said X'; ``appositive_subject``: "Name, a role, said ...";
        ``adding_that``: "..., adding that ..."; ``said_inside_content``: "The plan, she said,
        would ..."; ``attitude_clause``: "X endorsed Y, praising ..."; ``wants_to``: "X wants to
        ..."; ``according_to``; ``asked_question``: "Asked whether ..., "; ``said_first``: 'Said
        one official, "..."'; ``headline_colon``: "Trump: Cruz Has a Long Way to Go";
        ``name_colon_quote``: 'Pollster Ann Lee: "..."'; ``dash_signature``: '"..." - Jane Doe';
        ``tweet_read``: 'Trump's tweet read: "..."'; ``in_a_post``: 'Trump, in a tweet: "..."';
        ``on_platform``: 'Trump on Twitter: "..."'; ``floating``: a quotation after an attributed
        one, with its speaker and cue). ``cue_class`` is the kind of cue: ``speech``, ``belief``,
        ``attitude`` (from the verb lexicons), ``according_to``, ``headline``, ``colon``,
        ``signature`` or ``channel`` (from the sieve); a floating row keeps its statement's class.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a1"], "text": [
        ...     "\u201cWe will win,\u201d Ann Lee said. The mayor added that taxes would fall."]})
        >>> q = quotes(arts)
        >>> q[["type", "text", "speaker", "cue"]].values.tolist()
        [['direct', '\u201cWe will win,\u201d', 'Ann Lee', 'said'], ['indirect', 'that taxes would fall', 'The mayor', 'added']]
        >>> two = pd.DataFrame({"article_id": ["a2"], "text": ['"We will win," she said. "Taxes will fall."']})
        >>> quotes(two)[["text", "speaker", "cue"]].values.tolist()
        [['"We will win,"', 'she', 'said'], ['"Taxes will fall."', 'she', 'said']]
        >>> split = quotes(two, convention="attributions")
        >>> split[["text", "content_spans"]].values.tolist()
        [['"We will win," she said. "Taxes will fall."', [(0, 14), (25, 43)]]]
        >>> q[["rule", "cue_class"]].values.tolist()
        [['said_after_quote', 'speech'], ['said_that', 'speech']]
        >>> from newslab.sentences import sentences as split
        >>> quotes(arts, sentences=split(arts)).equals(q)
        True
    """
    check_convention(convention)
    if "text" not in articles.columns:
        raise ValueError(f"quotes() needs a 'text' column (and 'article_id'); got columns {list(articles.columns)}. "
                         "Load a corpus with newslab.load_articles(path) first.")
    rows: list[tuple] = []
    aids: list = []
    ids = articles["article_id"] if "article_id" in articles.columns else pd.Series(range(len(articles)))
    id_list, texts = ids.tolist(), articles["text"].tolist()
    given = _given_spans(sentences, id_list, texts) if sentences is not None else [None] * len(texts)
    for aid, text, sents in zip(id_list, texts, given):
        # (one argument when there is no table: the call tests patch to make an article fail)
        got = _rows_in(text) if sents is None else _rows_in(text, sents)
        rows += got
        aids += [aid] * len(got)
    # Plain tuples per row and one DataFrame from whole columns at the end: no dict per row. Each
    # column is built once, with its final dtype: letting pandas infer the text columns first and
    # converting them afterwards cost twice the string conversion.
    # (an empty table gets object columns, as any empty DataFrame, before the declared dtypes)
    columns: list[Any] = [aids, *map(list, zip(*rows))] if rows else [np.empty(0, dtype=object)] * len(COLUMNS)
    data: dict[str, Any] = {}
    for c, values in zip(COLUMNS, columns):
        if c in _INT_COLS:
            if None in values:
                data[c] = pd.array(values, dtype="Int64")
            else:  # no missing value: one numpy conversion instead of pandas' checks per item
                data[c] = pd.arrays.IntegerArray(np.array(values, dtype=np.int64), np.zeros(len(values), dtype=np.bool_))
        elif c in _STR_COLS and _STR != object:
            # Declared, not inferred: a batch whose speaker_role is missing on every row must not
            # come out as object while another batch's is str, or concatenated batches (n_jobs,
            # Dask) would differ.
            data[c] = pd.array(values, dtype=_STR)
        else:
            data[c] = values
    df = pd.DataFrame(data, columns=COLUMNS)
    df["confidence"] = df["confidence"].astype("float64")
    if convention == "quotes":
        df = to_quotations(df, dict(zip(ids.tolist(), articles["text"].tolist())))
    return df
