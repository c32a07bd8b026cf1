"""Conventions: the same statements counted the way a journalist counts them, or the way PolNeAR does.

The quote sieves find every **attribution relation**, as PolNeAR annotates them: speech, but also
beliefs ("he thinks ..."), evidence ("polls show ..."), attitudes ("Huawei has denied ...") and plans;
a split quotation (``"A," he said. "B."``) is one statement from A's opening to B's closing mark.
That is ``convention="attributions"``.

Journalists, the Gender Gap Tracker and textacy count **quotations of speech**: only what someone
said, wrote or posted, and each quotation its own quote (``"A," Nunes said. "B."`` is two quotes of
Nunes, sharing speaker and cue). That is ``convention="quotes"``, the default of
:func:`newslab.quotes`. It is derived from the attributions by two named passes, in this order:

1. :func:`keep_speech` drops the rows whose cue is not a verb of saying (``cue_class`` belief,
   evidence or attitude);
2. :func:`drop_negated` drops speech that the article says did not happen ("he didn't say");
3. :func:`drop_acts_without_words` drops a speech act whose object is not what was said ("denied
   the report", "called 911", "told reporters about the case");
4. :func:`split_quotations` gives each piece of ``content_spans`` its own row.

Both keep the columns (and their dtypes) of the table they get; a row's ``rule`` says which sieve
found it, and a split piece keeps its statement's sieve, speaker and cue.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from .quote_cues import _flagged, _verbs

#: The conventions :func:`newslab.quotes` knows, and what each means.
CONVENTIONS = {
    "quotes": "quotations of speech, each quotation its own row (journalists, the Gender Gap Tracker)",
    "attributions": "every attribution relation as PolNeAR annotates it (beliefs, evidence, attitudes; "
                    "a split quote as one row)",
}

#: ``cue_class`` values that are not speech: what a belief, a piece of evidence or an attitude is
#: attributed to is a source, not a speaker of a quotation.
NOT_SPEECH = frozenset({"belief", "evidence", "attitude"})


def check_convention(convention: str) -> str:
    """The convention's name, or a ValueError that lists the known ones.

    Examples:
        >>> check_convention("quotes")
        'quotes'
    """
    if convention not in CONVENTIONS:
        known = "; ".join(f"{k!r}: {v}" for k, v in CONVENTIONS.items())
        raise ValueError(f"unknown convention {convention!r}; use one of {known}")
    return convention


def keep_speech(q: pd.DataFrame, texts: Mapping[object, str] | None = None) -> pd.DataFrame:
    """Pass 1: keep statements of speech; drop beliefs, evidence and attitudes (by ``cue_class``).

    ``Polls show Smith ahead`` (evidence), ``He thinks the deal is dead`` (belief) and ``Huawei has
    denied the claims`` (attitude) go; ``she said``, ``according to``, headlines, signatures and
    floating quotations (no cue of their own) stay.

    Examples:
        >>> q = pd.DataFrame({"cue": ["said", "thinks"], "cue_class": ["speech", "belief"]})
        >>> keep_speech(q)["cue"].tolist()
        ['said']
    """
    if "cue_class" in q.columns:
        classes = q["cue_class"]
    elif "cue" in q.columns:
        classes = q["cue"].map(cue_class)
    else:
        raise ValueError("keep_speech needs the 'cue_class' (or 'cue') column of newslab.quotes()")
    return q[~classes.isin(NOT_SPEECH).to_numpy()]


def cue_class(cue: object) -> str | None:
    """The class of a cue's verb in the reporting-verb lexicons (speech, belief, attitude), or None.

    Examples:
        >>> cue_class("said"), cue_class("thinks"), cue_class("endorsed"), cue_class(":")
        ('speech', 'belief', 'attitude', None)
    """
    if not isinstance(cue, str):
        return None
    verbs = _verbs()
    return verbs.get(cue) or verbs.get(cue.lower())


_NEGATION = re.compile(r"(?:n[\'\u2019]t|\bnot|\bnever)\s+(?:(?:\w+ly|yet|ever|even)\s+)?$", re.IGNORECASE)
_COMPLEMENTIZERS = frozenset(["that", "if", "whether", "how", "what", "why", "when", "where", "who", "whom", "which"])
_TOPIC_PREPOSITIONS = frozenset(["about", "of"])
# 'said about 30 people died': "about" before a quantity is an approximation, not a topic
_QUANTITY_WORDS = frozenset(["a", "an", "half", "one", "two", "three", "four", "five", "six", "seven", "eight",
                             "nine", "ten", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
                             "thousand", "thousands", "million", "millions", "dozen", "dozens"])
_QUOTE_MARKS = "\"\u201c\u201d\u00ab\u00bb\u201e"


def _before_cue(cue_start: object, text: str) -> str:
    """The 30 characters before the cue (the negation may sit inside a mis-read speaker span)."""
    if not isinstance(cue_start, (int, np.integer)):  # no cue (NA): nothing to negate
        return ""
    return text[max(0, int(cue_start) - 30):int(cue_start)]


def drop_negated(q: pd.DataFrame, texts: Mapping[object, str] | None = None) -> pd.DataFrame:
    """Pass 2: speech the article denies happened is not a quotation.

    ``He won't say what the message is``, ``I don't recall anyone complaining``, ``she never said
    that``, ``did not immediately announce`` (a "not", "never" or "n't" right before the cue, or
    with one adverb between; "the order that was not overturned declared ..." keeps its cue).

    Examples:
        >>> t = "He won't say what the message is."
        >>> q = pd.DataFrame({"article_id": ["a"], "cue_start": [9]})
        >>> len(drop_negated(q, {"a": t}))
        0
    """
    if q.empty or not texts:
        return q
    keep = [not _NEGATION.search(_before_cue(cs, texts.get(aid, "")))
            for aid, cs in zip(q["article_id"].tolist(), q["cue_start"].tolist())]
    return q[keep]


def _first_word(text: object) -> str:
    if not isinstance(text, str):
        return ""
    for w in text.split(None, 2)[:2]:
        w = w.strip(_QUOTE_MARKS + "'\u2018\u2019(,").lower()
        if w:
            return w
    return ""


def _names_a_topic(text: object) -> bool:
    """'about the first time he flew', 'of his years in office': a topic, not the words said."""
    if not isinstance(text, str):
        return False
    words = text.split(None, 2)
    if len(words) < 2 or words[0].lower() not in _TOPIC_PREPOSITIONS:
        return False
    nxt = words[1].lower()
    return not (nxt[:1].isdigit() or nxt[:1] in "$\u00a3\u20ac" or nxt in _QUANTITY_WORDS)


def _has_words(kind: object, text: object) -> bool:
    """Quotation marks, or a clause opened by a complementizer ('that ...', 'whether ...')."""
    if kind in ("direct", "mixed"):
        return True
    return _first_word(text) in _COMPLEMENTIZERS


def drop_acts_without_words(q: pd.DataFrame, texts: Mapping[object, str] | None = None) -> pd.DataFrame:
    """Pass 3: a speech act whose object is not what was said is not a quotation.

    A verb flagged ``act`` in ``quote_verbs.tsv`` ("denied", "urged", "called", "protested") counts only with
    quotation marks or a clause: ``Trudeau denied the substance of the story`` and ``A neighbour
    called 911`` go, ``She denied that she knew`` and ``He called the plan "a disaster"`` stay. Any
    indirect statement whose content opens with "about" or "of" names a topic, not words: ``told
    reporters about the first time``, ``writes about style and culture`` (but ``said about 30
    people died`` is a quantity, and stays).

    Examples:
        >>> q = pd.DataFrame({"type": ["indirect", "indirect", "indirect"], "cue": ["denied", "denied", "told"],
        ...     "text": ["the report", "that she knew", "about the case"]})
        >>> drop_acts_without_words(q)["text"].tolist()
        ['that she knew']
    """
    if q.empty:
        return q
    acts = _flagged("act")
    keep = []
    for kind, cue, text in zip(q["type"].tolist(), q["cue"].tolist(), q["text"].tolist()):
        words = _has_words(kind, text)
        if kind == "indirect" and _names_a_topic(text):
            keep.append(False)
        elif isinstance(cue, str) and cue.lower() in acts:
            keep.append(words)
        else:
            keep.append(True)
    return q[keep]


def _pieces(spans: object) -> list[tuple[int, int]]:
    if not isinstance(spans, (list, tuple)) or len(spans) < 2:
        return []
    return [(int(s), int(e)) for s, e in spans]


def split_quotations(q: pd.DataFrame, texts: Mapping[object, str] | None = None) -> pd.DataFrame:
    """Pass 4: a split quotation becomes one row per quoted piece, sharing speaker and cue.

    ``"We will win," she said. "Taxes will fall."`` is one attribution with two ``content_spans``;
    here it is two direct quotes of "she", each with its own offsets and text. Rows with one piece
    are kept as they are.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a"], "quote_id": [0], "type": ["direct"], "start": [0],
        ...     "end": [43], "text": ['"We will win," she said. "Taxes will fall."'],
        ...     "content_spans": [[(0, 14), (25, 43)]]})
        >>> split_quotations(q)[["start", "end", "text"]].values.tolist()
        [[0, 14, '"We will win,"'], [25, 43, '"Taxes will fall."']]
    """
    if q.empty or "content_spans" not in q.columns:
        return q
    spans = q["content_spans"].tolist()
    starts = q["start"].tolist()
    multi = [i for i, (s, sp) in enumerate(zip(starts, spans)) if len(_pieces(sp)) > 1]
    if not multi:
        return q
    take: list[int] = []
    new_start: list[object] = []
    new_end: list[object] = []
    new_text: list[object] = []
    new_spans: list[object] = []
    texts = q["text"].tolist()
    ends = q["end"].tolist()
    multi_set = set(multi)
    for i, (s, sp) in enumerate(zip(starts, spans)):
        if i not in multi_set:
            take.append(i)
            new_start.append(s)
            new_end.append(ends[i])
            new_text.append(texts[i])
            new_spans.append(sp)
            continue
        for ps, pe in _pieces(sp):
            take.append(i)
            new_start.append(ps)
            new_end.append(pe)
            new_text.append(texts[i][ps - s:pe - s])  # a piece lies inside its statement
            new_spans.append([(ps, pe)])
    out = q.iloc[take].reset_index(drop=True)
    out["start"] = pd.array(new_start, dtype=q["start"].dtype)
    out["end"] = pd.array(new_end, dtype=q["end"].dtype)
    out["text"] = pd.array(new_text, dtype=q["text"].dtype)
    out["content_spans"] = new_spans
    if "type" in out.columns:  # each piece is a quotation in its own right
        out.loc[out.index.isin([j for j, i in enumerate(take) if i in multi_set]), "type"] = "direct"
    return out


#: The passes from attributions to quotations, in order; each takes the table and the texts.
PASSES: tuple[Callable[[pd.DataFrame, Mapping[object, str] | None], pd.DataFrame], ...] = (
    keep_speech, drop_negated, drop_acts_without_words, split_quotations)


def to_quotations(q: pd.DataFrame, texts: Mapping[object, str] | None = None) -> pd.DataFrame:
    """The ``"quotes"`` convention of an attributions table: the passes in order, then
    ``quote_id`` renumbered per article. ``texts`` (article_id -> text) lets the passes that read
    the words around a cue run; without it they keep every row.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a", "a"], "quote_id": [0, 1], "type": ["direct", "indirect"],
        ...     "start": [0, 45], "end": [43, 70], "cue": ["said", "thinks"], "cue_class": ["speech", "belief"],
        ...     "speaker_end": [19, 40], "cue_start": [20, 41],
        ...     "text": ['"We will win," she said. "Taxes will fall."', 'the deal is dead'],
        ...     "content_spans": [[(0, 14), (25, 43)], [(45, 70)]]})
        >>> to_quotations(q)[["quote_id", "text"]].values.tolist()
        [[0, '"We will win,"'], [1, '"Taxes will fall."']]
    """
    for step in PASSES:
        q = step(q, texts)
    q = q.reset_index(drop=True)
    if "quote_id" in q.columns and len(q):
        ids = q.groupby("article_id", sort=False).cumcount() if "article_id" in q.columns else pd.RangeIndex(len(q))
        q["quote_id"] = pd.array(list(ids), dtype=q["quote_id"].dtype)
    return q
