"""Cues: the verb lexicons and the scan that finds every cue word ("said", "according to") in a text.

The cue verbs and all their properties come from one table, ``newslab/data/quote_verbs.tsv`` (a
class: speech, belief, attitude; whether it inverts, cues only beside a quotation, takes an
addressee, ...); one prefix-tree pattern finds them all in one pass. Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import functools
import re

from . import _lexicon

# ----------------------------------------------------------------------------- the verb table
_FLAGS = ("inverts", "direct_only", "tell", "adding", "to_clause", "noun_too", "headline")


@functools.lru_cache(maxsize=1)
def _verb_rows() -> tuple[tuple[str, ...], ...]:
    """The rows of ``newslab/data/quote_verbs.tsv``: verb, class, then one y/- field per flag."""
    rows = _lexicon.rows("quote_verbs.tsv")
    bad = [r for r in rows if len(r) != 2 + len(_FLAGS)]
    if bad:
        raise ValueError(f"quote_verbs.tsv: expected {2 + len(_FLAGS)} tab-separated fields (verb, class, "
                         f"{', '.join(_FLAGS)}), got {bad[0]!r}")
    return rows


def _flagged(flag: str) -> frozenset[str]:
    """The forms of the verb table with ``flag`` set (one of ``_FLAGS``)."""
    i = 2 + _FLAGS.index(flag)
    return frozenset(r[0] for r in _verb_rows() if r[i] == "y")


def verb_properties(form: str) -> dict[str, str | bool] | None:
    """Everything the quote rules know about a cue verb form, from ``newslab/data/quote_verbs.tsv``.

    Examples:
        >>> p = verb_properties("told")
        >>> p["class"], p["tell"], p["inverts"]
        ('speech', True, False)
        >>> verb_properties("painted") is None
        True
    """
    for r in _verb_rows():
        if r[0] == form:
            return {"verb": r[0], "class": r[1], **{f: v == "y" for f, v in zip(_FLAGS, r[2:])}}
    return None


_VERBS: dict[str, str] = {}


def _verbs() -> dict[str, str]:
    """Inflected cue verb -> class (``speech`` | ``belief`` | ``attitude``), from the verb table."""
    if not _VERBS:  # a view of an immutable table, filled once per process
        _VERBS.update((r[0], r[1]) for r in _verb_rows() if r[1] != "-")
    return _VERBS


_CUE_RE: re.Pattern[str] | None = None


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, factored as a prefix tree.

    Python's ``re`` tries the branches of a flat alternation one by one at every position; a
    prefix tree fails after one character almost everywhere, which makes the cue scan several
    times faster on long texts.

    Examples:
        >>> _trie_pattern(["said", "says", "saying"])
        'sa(?:id|y(?:ing|s))'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            piece = (r"\s+" if ch == " " else re.escape(ch)) + build(node[ch])
            alts.append(piece)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        if optional:
            body = ("(?:" + "|".join(alts) + ")") + "?"
        return body

    return build(trie)


_CUE_AFTER: re.Pattern[str] | None = None
_CUE_EDGE = r"[\w'\u2019-]"  # a cue is a whole word: none of these right before or after it


def _cue_re() -> re.Pattern[str]:
    global _CUE_RE, _CUE_AFTER  # compiled views of an immutable lexicon, built once per process
    if _CUE_RE is None:
        forms = sorted(set(_verbs()) | {"According to", "according to"} | _TITLE_CASE_CUES)
        trie = f"(?:{_trie_pattern(forms)})(?!{_CUE_EDGE})"
        _CUE_RE = re.compile(f"(?<!{_CUE_EDGE}){trie}")
        # The same cues with the character before them consumed instead of looked behind at: a
        # pattern that opens with a character class lets the scanner skip to word edges (2x faster).
        # The class is ASCII only (a bitmap test per character, where \w costs a Unicode lookup:
        # 3x faster again); a non-ASCII character before a match is checked by _cues itself.
        _CUE_AFTER = re.compile(f"[^a-zA-Z0-9_'-]({trie})")
    return _CUE_RE


_CUE_EDGE_RE = re.compile(_CUE_EDGE)


def _cues(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, words)`` of every cue in ``text``, in order.

    Examples:
        >>> _cues("Said he: 'no', she said, according to Ann.")
        [(0, 4, 'Said'), (19, 23, 'said'), (25, 37, 'according to')]
        >>> _cues("Zo\u00eb said, Zo\u00e9said, l\u2019said, \u00a0said")
        [(4, 8, 'said'), (28, 32, 'said')]
    """
    first = _cue_re().match(text)
    out = [(0, first.end(), first.group())] if first else []
    # A match ends in a letter, so consuming the character before the next one never hides a cue.
    pos = out[0][1] if out else 0
    while True:
        for m in _CUE_AFTER.finditer(text, pos):  # type: ignore[union-attr]
            p = m.start()
            if text[p] > "\x7f" and _CUE_EDGE_RE.match(text, p):
                # a non-ASCII letter (or \u2019) before the cue: no word edge here; search again
                # from the next character, exactly as the pattern with the full class would
                pos = p + 1
                break
            out.append((m.start(1), m.end(1), m.group(1)))
        else:
            return out


_SPACE = re.compile(r"\s+")


# properties of cue verbs read by the rules, from the verb table
_TELL = _flagged("tell")                    # 'told reporters ...': an addressee before the content
_PARTICIPLE_TAIL = _flagged("adding")       # '..., adding that ...': a statement of its own
_TO_VERBS = _flagged("to_clause")           # 'wants to build a wall': the to-infinitive is the content
_NOUNY = _flagged("noun_too")               # 'the attack', 'broad support': as often a noun
# capitalised cues: sentence-initial "Asked whether ...", and headline style "Trump Says ..."
_TITLE_CASE_CUES = frozenset(w.capitalize() for w in _flagged("headline"))


_VSET: frozenset[str] | None = None


def _verbs_set() -> frozenset[str]:
    global _VSET
    if _VSET is None:
        _VSET = frozenset(f for f in _verbs() if " " not in f)
    return _VSET


@functools.lru_cache(maxsize=1)
def _inversion_verbs() -> frozenset[str]:
    """Cue verbs that may come before their speaker after the content ('"...," said Peskov')."""
    return _flagged("inverts")


@functools.lru_cache(maxsize=1)
def _direct_only_verbs() -> frozenset[str]:
    """Cue verbs that attribute only a quotation next to them ('"...," she posted')."""
    return _flagged("direct_only")
