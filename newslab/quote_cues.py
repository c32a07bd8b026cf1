"""Cues: the verb lexicons and the scan that finds every cue word ("said", "according to") in a text.

The cue verbs come from the package lexicons (``newslab/data``), each with a class (speech, belief,
attitude); one prefix-tree pattern finds them all in one pass. Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import functools
import re

from . import _lexicon


_VERBS: dict[str, str] = {}


def _verbs() -> dict[str, str]:
    """Inflected cue verb -> class (``speech`` | ``belief`` | ``attitude``), from the package lexicons."""
    if not _VERBS:  # a view of immutable lexicons, filled once per process (first class wins)
        for cls, name in (("attitude", "quote_attitude_verbs.txt"), ("belief", "quote_belief_verbs.txt"),
                          ("speech", "reporting_verbs.txt"), ("speech", "quote_direct_only_verbs.txt")):
            _VERBS.update((form, cls) for form in _lexicon.words(name))
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


_TELL = {"told", "tell", "tells", "telling", "assured", "assures", "assure", "assuring", "informed",
         "informs", "inform", "informing", "reminded", "reminds", "remind", "reminding", "reassured",
         "reassures", "warned", "warns", "warn", "warning", "urged", "urges", "urge", "urging", "briefed",
         "promised", "promises", "promising", "convinced", "persuaded", "notified", "advised", "advises",
         "asked", "asks", "ask", "asking"}
_PARTICIPLE_TAIL = {"adding", "saying", "noting", "calling", "citing", "arguing", "warning", "insisting",
                    "explaining", "stressing", "emphasizing", "emphasising", "claiming", "suggesting",
                    "declaring", "telling", "asking", "urging", "pointing", "acknowledging", "describing",
                    "accusing", "writing", "stating", "recalling", "referring", "predicting", "promising",
                    "vowing", "pledging", "questioning", "complaining", "admitting", "conceding",
                    "threatening", "announcing", "reiterating", "repeating", "joking", "praising",
                    "criticizing", "criticising", "denying", "asserting", "observing", "concluding",
                    "hinting", "revealing", "confirming", "responding", "replying", "mentioning",
                    "lamenting", "charging", "contending", "demanding", "proposing", "recommending"}


# belief verbs whose "to" complement is the attributed content ("wants to build a wall")
_TO_VERBS = {"want", "wants", "wanted", "hope", "hopes", "hoped", "plan", "plans", "planned", "intend",
             "intends", "intended", "expect", "expects", "expected", "wish", "wishes", "wished", "decided",
             "pledged", "pledge", "pledges", "prefer", "prefers", "preferred"}


# capitalised cues: sentence-initial "Asked whether ...", and headline style "Trump Says ..."
_TITLE_CASE_CUES = {"Asked", "Says", "Said", "Tells", "Told", "Warns", "Slams", "Asks", "Claims", "Admits",
                    "Urges", "Vows", "Denies", "Insists", "Accuses", "Blasts", "Praises", "Backs", "Endorses",
                    "Rips", "Defends", "Rejects", "Dismisses", "Calls", "Predicts", "Promises", "Reveals"}


# cue forms that are just as often nouns ("the attack", "broad support", "a promise")
_NOUNY = {"support", "attack", "attacks", "thanks", "promise", "backing", "call", "calls", "claim", "claims",
          "report", "reports", "tweet", "tweets", "charges", "demands", "pledge", "pledges", "vow", "vows",
          "view", "views", "question", "questions", "warning", "offer", "offers", "order", "orders",
          "sees", "hope", "hopes", "fear", "fears", "doubt", "doubts", "plans", "notes", "estimates",
          "comments", "finding", "findings", "wishes", "criticism", "attacking"}


_VSET: frozenset[str] | None = None


def _verbs_set() -> frozenset[str]:
    global _VSET
    if _VSET is None:
        _VSET = frozenset(f for f in _verbs() if " " not in f)
    return _VSET


@functools.lru_cache(maxsize=1)
def _inversion_verbs() -> frozenset[str]:
    return _lexicon.words("quote_inversion_verbs.txt")


@functools.lru_cache(maxsize=1)
def _direct_only_verbs() -> frozenset[str]:
    return _lexicon.words("quote_direct_only_verbs.txt")
