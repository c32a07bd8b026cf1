"""Speaker tokens: the article tokenised once for speaker resolution, and its runs of capitalised names.

``_tokenise`` gives every token's offsets, lower-case form, capital, possessive, sentence and
quotation state in a few C-level passes; ``_runs`` finds runs of capitalised tokens with their
particles ("von der", "da") and connectors ("Minister of Finance"); ``_headlines`` finds title-case
lines, whose capitals join names and verbs.

Examples:
    >>> doc = _tokenise("Kremlin Spokesperson Dmitry Peskov said so. He left.", _lex())
    >>> [doc.text[doc.starts[i]:doc.ends[j - 1]] for i, j in _runs(doc, 0, len(doc.low), _lex())]
    ['Kremlin Spokesperson Dmitry Peskov']
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count
from operator import itemgetter, not_

from . import _lexicon
from .speaker_lexicon import _BOTH_Q, _CLOSE_Q, _CONNECT, _OPEN_Q, _Lex, _lex  # noqa: F401 (_lex: for the doctest)


# ------------------------------------------------------------------------------------- tokens
class _Quoted:
    """``inq[i]``: is token i inside a quotation? A line break or a closing curly quote ends one, an
    opening curly quote starts one, each straight quote flips the state. So the state at a token is
    set by the last line break or curly quote before it, flipped by the parity of the straight
    quotes since: two bisections, for the few tokens that are ever asked about."""

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text, self.starts = text, starts
        # Scanning for a class with non-ASCII characters is slow: done only when there is one.
        curly = any(c in text for c in _OPEN_Q + _CLOSE_Q)
        self.marks = list(map(_START, (_MARKS if curly else _NEWLINE).finditer(text)))
        self.straight = list(map(_START, _STRAIGHT.finditer(text)))

    def __getitem__(self, i: int) -> bool:
        pos = self.starts[i]
        k = bisect.bisect_right(self.marks, pos)
        last = self.marks[k - 1] if k else -1
        inside = k > 0 and self.text[last] in _OPEN_Q
        flips = bisect.bisect_right(self.straight, pos) - bisect.bisect_right(self.straight, last)
        return inside != (flips % 2 == 1)


@dataclass(slots=True)
class _Doc:
    text: str
    starts: list[int]
    ends: list[int]
    low: list[str]  # lower-case, possessive stripped, abbreviation dot kept ("mr.")
    cap: list[bool]
    poss: list[bool]
    sent: list[int]  # sentence id of each token (sentence ends before it)
    inq: _Quoted  # is the token inside a quotation
    caps: list[int]  # capitalised tokens that may start a name: no function word ("The", "But") but a place
    spaced: list[bool]  # token i+1 follows token i after plain spaces only (no comma, no line break)


# Sentence ends: . ! ? and line breaks, except a dot between two letters or digits ("U.S", "3.5")
# or an abbreviation's dot. A dot between two word characters is inside a token, so the only
# sentence-ending dots in tokens are those next to an underscore ([^\W_] is exactly str.isalnum).
# The pattern opens with its literal character, so the engine jumps from dot to dot.
_UNDERSCORE_DOT = re.compile(r"\.(?:(?<=_\.)(?=\w)|(?<=\w\.)(?=_))")
_START = re.Match.start
# A possessive only after a word; the patterns start with their rare literal character so the scan
# skips ahead fast (one pattern per apostrophe: a class with a non-ASCII character is scanned slowly).
_POSS_RES = (re.compile("'(?<=[\\w.]')[sS](?!\\w)"), re.compile("\u2019(?<=[\\w.]\u2019)[sS](?!\\w)"))
_MARKS = re.compile("[\n" + _OPEN_Q + _CLOSE_Q + "]")
_NEWLINE = re.compile("\n")
_STRAIGHT = re.compile(_BOTH_Q)
# A token and, by re.split, the gaps around it: [gap, word, gap, word, ..., gap] as one flat list
# of strings (no match object or tuple per token, so nothing for the garbage collector to track).
# (Possessive quantifiers: the same tokens, without keeping backtracking state.)
# ("B.C.'s", "U.S.'s": an abbreviation's possessive is part of its token.)
_SPLIT = re.compile(r"(\w++(?:['\u2019\-.]\w++)*+(?:\.['\u2019][sS](?!\w))?+)")


def _tokenise(text: str, lex: _Lex) -> _Doc:
    # One split into gaps and words and running sums of their lengths give every offset in C-level
    # passes: the tokeniser runs over the whole article and dominates the step.
    parts = _SPLIT.split(text)
    words = parts[1::2]
    gaps = parts[0::2]  # gaps[i] comes before token i; the last one ends the text
    n = len(words)
    cum = list(accumulate(map(len, parts)))
    starts, ends = cum[0:-1:2], cum[1::2]  # a gap ends where the next word starts
    low = list(map(str.lower, words))
    # The rules below look at each distinct gap string once (an article has about twenty).
    distinct = set(gaps)
    # Sentence ends in a gap, by gap: a dot in a gap always ends a sentence, as any ! ? or line break
    # does (a dot between two word characters is inside a token).
    n_ends = {g: g.count(".") + g.count("!") + g.count("?") + g.count("\n") for g in distinct}
    ends_before = list(map(n_ends.__getitem__, gaps[:n]))  # sentence ends between token i-1 and i
    # An abbreviation's dot belongs to it ("Mr.", "Sen.", "U.S.", the initial "J."), with any dots
    # right after it ("U.S..."), and ends no sentence; only tokens right before a dot are looked at.
    dotted = {g for g in distinct if g[:1] == "."}
    absorbed_at = []  # token indices that took their dots
    abbrev = lex.abbrev  # (a local: the loop sees every sentence end)
    for i in compress(count(), map(dotted.__contains__, gaps[1:])):
        w = low[i]
        if w in abbrev or (len(w) == 1 and words[i].isupper()) or "." in w:
            g = gaps[i + 1]
            k = len(g) - len(g.lstrip("."))
            absorbed_at.append(i)
            ends[i] += k
            low[i] = w + "." * k
            if i + 1 < n:
                ends_before[i + 1] -= k
    # A dot inside a token ends a sentence only next to an underscore ("a_.b"): rare, found by a scan
    # that jumps from dot to dot.
    for m in _UNDERSCORE_DOT.finditer(text):
        i = bisect.bisect_right(starts, m.start())  # the token after the one holding the dot
        if i < n:
            ends_before[i] += 1
    sent = list(accumulate(ends_before))  # sentence id of every token
    poss = [False] * n
    for m in chain(_POSS_RES[0].finditer(text), _POSS_RES[1].finditer(text)):
        i = bisect.bisect_left(ends, m.end())
        if i < n and ends[i] == m.end():
            poss[i] = True
            low[i] = low[i][:-2]
    cap = list(map(str.isupper, map(itemgetter(0), words)))  # words are never empty
    # "al-Sharaa", "el-Sisi", "bin-Laden": a particle joined to a capitalised name is a capitalised name.
    if "-" in text:  # (a scan for the rare "-X", then a look at the token holding it)
        particles = lex.particles
        for m in _HYPHEN_CAP.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if 0 <= i < n and not cap[i] and low[i].split("-", 1)[0] in particles and ends[i] > m.start():
                cap[i] = True
    # Whether the gap after each token is plain spaces; an absorbed dot shortens its token's gap.
    plain = set(filter(_spaced_gap, distinct))
    spaced = list(map(plain.__contains__, gaps[1:n]))
    for i in absorbed_at:
        if i + 1 < n:
            spaced[i] = _spaced_gap(text[ends[i]:starts[i + 1]])
    # Capitalised tokens that may start a name, filtered in C: about a third are "The", "But", ...
    caps = list(compress(range(n), cap))
    caps = list(compress(caps, map(not_, map(lex.no_start.__contains__, map(low.__getitem__, caps)))))
    return _Doc(text, starts, ends, low, cap, poss, sent, _Quoted(text, starts), caps, spaced)


_HYPHEN_CAP = re.compile(r"-(?=[A-Z])")  # "al-Sharaa": a particle joined to a capitalised word


def _spaced_gap(gap: str) -> bool:
    """Is ``gap`` (the text between two tokens) one to three plain spaces, no line break?"""
    return 0 < len(gap) <= 3 and gap.isspace() and "\n" not in gap


def _runs(doc: _Doc, lo: int, hi: int, lex: _Lex) -> list[tuple[int, int]]:
    """Capitalised runs [i, j) within tokens [lo, hi): names with their particles and "of" connectors."""
    out = []
    caps = doc.caps
    low, cap, spaced, poss = doc.low, doc.cap, doc.spaced, doc.poss  # locals: this loop sees every name
    function, no_start, particles = lex.function, lex.no_start, lex.particles
    heads = lex.heads  # ("Leader of the Opposition": "the" after "of" only inside a role)
    n_caps = len(caps)
    c = bisect.bisect_left(caps, lo)
    while c < n_caps and caps[c] < hi:
        i = caps[c]  # (function words, which start no name, are not in caps)
        c += 1
        j = i + 1
        while j < hi and spaced[j - 1] and not poss[j - 1]:
            w = low[j]
            if cap[j]:
                if w in no_start:
                    break
                j += 1
            elif w in particles or w in _CONNECT:
                # a chain of particles ("von der", "de la") counts only if a capitalised word ends it
                k = j
                while k < hi and k - j < 3 and (low[k] in particles or low[k] in _CONNECT
                                                or (low[k] == "the" and k > j and low[k - 1] in _CONNECT
                                                    and low[j - 1] in heads)) \
                        and not cap[k] and k + 1 < hi and spaced[k]:
                    k += 1
                if k > j and k < hi and cap[k] and low[k] not in function:
                    j = k + 1
                else:
                    break
            else:
                break
        out.append((i, j))
        if j > i + 1:  # (after a one-word run, caps[c] is already the next capital: no search)
            c = bisect.bisect_left(caps, j, c)
    return out


_LINE = re.compile(r"[^\n]+")


def _headlines(text: str) -> list[tuple[int, int]]:
    """Spans of lines in title case ("Chris Christie Calls Hillary Clinton a Liar"): four words or
    more, at least 80% of them capitalised."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group()
        if len(line) > 200 or line.count(" ") < 3:
            continue
        # the first letters of the words that start with one
        firsts = list(filter(str.isalpha, map(itemgetter(0), line.split())))
        if len(firsts) >= 4 and sum(map(str.isupper, firsts)) >= 0.8 * len(firsts):
            out.append(m.span())
    return out


# A page label opening a line ("READ MORE:", "WATCH |", "Also read:"), and a photo credit in brackets
# closing one ("( Toronto Star file photo )", "(AP Photo/Evan Vucci)"). Bounded classes, no nesting.
_LABEL = re.compile(r"^[ \t]*([A-Za-z]{2,12})(?:[ \t]+[A-Za-z]{2,12}){0,2}[ \t]*[:|]", re.MULTILINE)
_CREDIT = re.compile(r"\(([^()\n]{1,80})\)[ \t]*$", re.MULTILINE)
_CREDIT_WORDS = frozenset({"photo", "photos", "photograph", "image", "images", "file", "pictures", "credit",
                           "illustration", "video"})


def _asides(text: str) -> list[tuple[int, int]]:
    """Spans of lines that are page furniture, not the story: a link or teaser under a page label
    ("READ MORE: Justin Trudeau says ...", "WATCH | Hurricanes power past Canucks"; the labels of
    ``quote_page_labels.txt``) and a photo caption ending in its credit ("Stanley Grizzle, a labour
    activist, worked 20 years as a porter. ( Toronto Star file photo )"). A person named there is
    not the one the next "he" or "she" means.

    Examples:
        >>> text = "Ann Lee spoke.\\nREAD MORE: Bo Kim wins\\nBo Kim smiles. (AP Photo/Jo Doe)\\nShe left."
        >>> [text[s:e] for s, e in _asides(text)]
        ['READ MORE: Bo Kim wins', 'Bo Kim smiles. (AP Photo/Jo Doe)']
    """
    labels = _lexicon.words("quote_page_labels.txt")
    out = []
    for m in _LABEL.finditer(text):
        if m.group(1).lower() in labels:
            end = text.find("\n", m.end())
            out.append((m.start(), len(text) if end < 0 else end))
    for m in _CREDIT.finditer(text):
        if _CREDIT_WORDS.intersection(re.findall(r"[a-z]+", m.group(1).lower())):
            out.append((text.rfind("\n", 0, m.start()) + 1, m.end()))
    return sorted(out)
