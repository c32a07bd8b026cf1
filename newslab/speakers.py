"""Speakers: resolve speaker mentions to names, and one row per resolved speaker.

Two public functions:

- ``resolve_speakers(text, mentions)`` turns the speaker mentions that ``quotes`` finds
  ("he", "Peskov", "Kremlin Spokesperson Dmitry Peskov", "the minister", "a source") into
  ``(speaker_name, role)`` pairs, using only the article itself and plain-text lexicons
  (titles and roles, given names, honorifics, pronouns, organisation words, places, unnamed-source
  nouns in ``newslab/data``). No model, no download.
- ``speakers(quotes)`` aggregates a quotes table into one row per resolved speaker.

How a mention is resolved (one pass over the article, linear in its length):

1. The article is tokenised once; runs of capitalised tokens (with name particles such as
   "von der", "da" and "bin" inside) are indexed. A run is split into a role and a name by the
   title lexicon ("Russian Foreign Minister | Sergei Lavrov", "Sen. | Elizabeth Warren"); roles
   are also read from a lower-case title phrase just before the name ("Republican presidential
   nominee Donald Trump") and from an appositive after it ("Choe Son Hui, the North Korean Foreign
   Minister", "Peskov, a Kremlin spokesman,"). A run is a person when it carries a title or an
   honorific, starts with a known given name, has a role appositive, or stands next to
   "said"/"told"; it is an organisation, a country or a group when the lexicons say so. A role
   ends after its object ("Minister for Finance", "Governor of the Central Bank of Nigeria"),
   letters after a name are dropped ("Timothy Spencer KC"), and a peer or monarch with one name
   keeps the title ("Baroness Hallett", "Pope Francis", "King Charles").
2. A surname (or any part of a full name, so "Choe" -> "Choe Son Hui", "Lula" -> "Luiz Inácio Lula
   da Silva", "al-Sharaa" -> "Ahmed al-Sharaa") resolves to the full name seen in the article, even
   one written once without a title; "Mr." / "Ms." pick the right gender ("Mrs Patel" is the wife).
3. Pronouns are resolved while walking the sentences in order: he / she -> the subject of the
   current sentence, else the subject of the last sentence that had one, else the previous quote's
   speaker, else the most recent person, always of a compatible gender (from given names,
   honorifics, gendered titles, or an earlier he / she); they / it -> the previous speaker if it
   is a group, organisation or country, else the most recent one; who / which -> the name just
   before. I / we / you stay unresolved (``None``).
4. A role noun with a definite article ("the spokesperson", "the minister", "the senator",
   "Germany's chancellor", "the Tory leader") -> the person who holds that role in this article
   (the most recent one). A role named before its holder at the top of the article ("The
   Taoiseach has said ... Simon Harris said") is the person named next as a speaker; "the
   34-year-old" is the person the story is about; "the company" is the company just quoted.
5. Organisations, countries and groups keep their name as written ("North Korea", "The US, Japan
   and South Korea", "the White House"), without a trailing possessive.
6. **Unnamed sources stay unnamed but visible**: "a source", "officials", "sources familiar with
   the matter" and role nouns nobody in the article holds resolve to the mention itself, with its
   first letter lower-cased ("sources familiar with the matter"), and role ``None`` (or the role
   phrase, for "a spokesman for the ministry"). They are not merged with anyone ("the official"
   after "a senior U.S. official" is that same source, as first written), and ``speakers`` labels
   them ``kind == "unnamed"`` so analyses can keep or drop them.

Examples:
    >>> text = "Choe Son Hui, the North Korean Foreign Minister, spoke. Choe said the ties would grow."
    >>> resolve_speakers(text, [(56, 60)])
    [('Choe Son Hui', 'North Korean Foreign Minister')]
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress, count, islice
from operator import itemgetter, not_

import pandas as pd

from . import _lexicon

__all__ = ["resolve_speakers", "speaker_kind", "speakers"]

SPEAKER_COLUMNS = ["speaker_name", "n_quotes", "n_direct", "n_indirect", "n_mixed", "n_words", "n_articles",
                   "roles", "kind", "speaker_id", "spellings", "gender", "gender_evidence"]

# Words joined by apostrophes, hyphens or inner dots ("O'Neill", "Jean-Luc", "U.S"); no nesting of
# overlapping classes, so matching is linear.
_TOKEN = re.compile(r"\w+(?:['\u2019\-.]\w+)*")
_POSS = ("'s", "\u2019s", "s'", "s\u2019")
_OPEN_Q, _CLOSE_Q, _BOTH_Q = "\u201c\u00ab\u201e", "\u201d\u00bb", '"'
_DEFINITE = frozenset({"the", "this", "that", "his", "her", "its", "their", "our"})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "two", "three", "several", "many", "other", "these",
                         "those", "most", "few", "any", "no"})
_CUT = frozenset({"with", "of", "for", "in", "at", "from", "who", "that", "which", "familiar", "close", "briefed",
                  "on", "to", "knowledgeable", "speaking", "involved", "according", "said", "told", "titled",
                  "called"})
_CONNECT = frozenset({"of", "for", "at"})
_OBJECT_BEFORE = frozenset({"like", "of", "with", "to", "for", "about", "against", "from", "by", "at", "on", "in",
                            "into", "over", "under", "than", "between", "among", "toward", "towards", "told",
                            "asked", "called", "met", "urged", "thanked", "criticized", "criticised", "praised",
                            "attacked", "accused", "and"})
_LOOSE_MODS = frozenset({"former", "then", "top", "senior", "longtime", "veteran", "new", "current", "acting", "ex"})
_NEAR_CUES = frozenset({"said", "says", "told", "added", "tells", "asked", "wrote", "writes", "stated", "noted",
                        "argued", "explained", "insisted", "warned", "claimed", "spoke", "responded", "replied"})
_RECENT = 24  # persons / groups remembered for pronouns: bounded, so a pronoun costs O(1)
_MAX_NAME = 8  # name words indexed for surname lookup ("Luiz Inácio Lula da Silva" has five)


# ------------------------------------------------------------------------------------- lexicons
@dataclass(frozen=True)
class _Lex:
    heads: dict[str, tuple[str, str | None]]  # title word -> (canonical, gender)
    mods: frozenset[str]
    honorifics: dict[str, str | None]
    given: dict[str, str | None]
    pronouns: dict[str, str]
    particles: frozenset[str]
    unnamed: frozenset[str]
    org_words: frozenset[str]
    org_names: frozenset[str]
    places: frozenset[str]
    groups: frozenset[str]
    function: frozenset[str]
    cues: frozenset[str]
    abbrev: frozenset[str]  # titles and honorifics written with a dot, without it ("mr", "sen")
    no_start: frozenset[str]  # function words that are not places: no name starts with them
    company: frozenset[str] = frozenset()  # "the company", "the airline": the organisation last quoted
    corporate: frozenset[str] = frozenset()  # "Inc", "Airways": words that make a name a company's
    postnominal: frozenset[str] = frozenset()  # "KC", "MP", "OBE" after a name
    mod_canon: dict[str, str] = field(default_factory=dict)  # "tory" -> "conservative"
    documents: frozenset[str] = frozenset()  # "the poll", "the report": no unnamed person to link to


def _gender(g: str) -> str | None:
    return g if g in ("m", "f") else None


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    heads: dict[str, tuple[str, str | None]] = {}
    mods = set()
    mod_canon: dict[str, str] = {}
    for row in _lexicon.rows("titles.txt"):
        word, kind = row[0].lower(), row[1] if len(row) > 1 else "head"
        gender = _gender(row[2]) if len(row) > 2 else None
        canon = row[3] if len(row) > 3 and row[3] != "-" else word
        if kind == "head":
            heads[word] = (canon, gender)
        else:
            mods.add(word)
            if canon != word:
                mod_canon[word] = canon  # "the Tory leader" is the Conservative leader
    try:  # the quotes step's reporting verbs, when present, make "X said" evidence of a person
        cues = _NEAR_CUES | _lexicon.words("reporting_verbs.txt")
    except (FileNotFoundError, OSError):
        cues = _NEAR_CUES
    honorifics = {k.lower(): _gender(v) for k, v in _lexicon.table("speaker_honorifics.txt").items()}
    places = frozenset(w.lower() for w in _lexicon.words("speaker_places.txt"))
    function = frozenset(w.lower() for w in _lexicon.words("speaker_function_words.txt"))
    return _Lex(
        heads=heads,
        mods=frozenset(mods),
        honorifics=honorifics,
        given={k.lower(): _gender(v) for k, v in _lexicon.table("speaker_given_names.txt").items()},
        pronouns={k.lower(): v for k, v in _lexicon.table("speaker_pronouns.txt").items()},
        particles=frozenset(w.lower() for w in _lexicon.words("speaker_particles.txt")),
        unnamed=frozenset(w.lower() for w in _lexicon.words("speaker_unnamed.txt")),
        org_words=frozenset(w.lower() for w in _lexicon.words("speaker_org_words.txt")),
        org_names=frozenset(w.lower() for w in _lexicon.words("speaker_org_names.txt")),
        places=places,
        groups=frozenset(w.lower() for w in _lexicon.words("speaker_groups.txt")),
        function=function,
        cues=frozenset(cues),
        abbrev=frozenset(w[:-1] for w in heads.keys() | honorifics.keys() if w.endswith(".")),
        no_start=function - places,
        company=frozenset(w.lower() for w in _lexicon.words("speaker_company_nouns.txt")),
        corporate=frozenset(w.lower() for w in _lexicon.words("speaker_company_suffixes.txt")),
        postnominal=frozenset(w.lower() for w in _lexicon.words("speaker_postnominals.txt")),
        mod_canon=mod_canon,
        documents=frozenset(w.lower() for w in _lexicon.words("speaker_documents.txt")),
    )


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


# ------------------------------------------------------------------------------------- parsing
def _is_head(lex: _Lex, w: str) -> bool:
    return w in lex.heads or ("-" in w and (w.rsplit("-", 1)[1] in lex.heads))


def _head_of(lex: _Lex, w: str) -> tuple[str, str | None] | None:
    if w in lex.heads:
        return lex.heads[w]
    if "-" in w and w.rsplit("-", 1)[1] in lex.heads:
        return lex.heads[w.rsplit("-", 1)[1]]
    return None


@dataclass(slots=True)
class _Parse:
    role: tuple[int, int] | None  # token range of a role inside the run
    name: tuple[int, int] | None  # token range of the name
    gender: str | None
    titled: bool  # a title or an honorific precedes the name


def _parse_run(doc: _Doc, i: int, j: int, lex: _Lex) -> _Parse:
    """Split a capitalised run into role and name: "Kremlin Spokesperson | Dmitry Peskov"."""
    if j == i + 1:  # most runs are one word: an honorific, a title or a name, nothing to split
        w = doc.low[i]
        if w in lex.honorifics:
            return _Parse(None, None, lex.honorifics[w], True)
        if w in lex.heads or "-" in w:
            h = _head_of(lex, w)
            if h:
                return _Parse((i, j), None, h[1], True)
        return _Parse(None, (i, j), None, False)
    if j - i >= 3 and doc.low[j - 1] in lex.postnominal:
        word = doc.text[doc.starts[j - 1]:doc.ends[j - 1]]
        if word.isupper() or word == "PhD":
            j -= 1  # "Judge Timothy Spencer KC": letters after the name are not part of it
    gender = None
    if doc.low[i] in lex.honorifics:
        gender = lex.honorifics[doc.low[i]]
        k = i + 1
        while k < j - 1 and doc.low[k] in lex.honorifics:  # "Datuk Seri Anwar", "Alhaji Dr Musa"
            gender = gender or lex.honorifics[doc.low[k]]
            k += 1
        return _Parse(None, (k, j) if j > k else None, gender, True)
    last_head = -1
    heads = lex.heads
    for k in range(i, j):  # _is_head, inlined: every capitalised run of the article passes here
        w = doc.low[k]
        if w in heads or ("-" in w and w.rsplit("-", 1)[1] in heads):
            last_head = k
    if last_head < 0:
        # "Republican Donald Trump", "Kremlin Dmitry Peskov": words before a given name that starts a
        # name of two words or more are a description, not part of the name.
        for k in range(i + 1, min(i + 3, j - 1)):
            if doc.low[k] in lex.given and doc.cap[k] and all(_descriptor(lex, doc.low[x]) for x in range(i, k)):
                return _Parse((i, k), _cut_name(doc, k, j, lex), lex.given[doc.low[k]], False)
        return _Parse(None, _cut_name(doc, i, j, lex), None, False)
    if last_head == j - 1:
        # "Jim Justice", "Peter King": a given name first means the title word is a surname.
        if last_head > i and doc.low[i] in lex.given:
            return _Parse(None, (i, j), lex.given[doc.low[i]], False)
        # "P.E.I. Premier Dennis King": a title, then a given name that starts the name.
        for k in range(i, j - 2):
            if doc.low[k + 1] in lex.given and _is_head(lex, doc.low[k]):
                return _Parse((i, k + 1), (k + 1, j), lex.given[doc.low[k + 1]], True)
        return _Parse((i, j), None, _head_of(lex, doc.low[last_head])[1], True)  # type: ignore[index]
    n = last_head + 1
    # "Secretary of State John Kerry": the connector's object belongs to the role, leaving the name.
    if doc.low[n] in _CONNECT:
        n += 1
        if n < j and doc.low[n] == "the":  # "Leader of the Opposition Rahul Gandhi"
            n += 1
        # The object is one word and any role words after it ("Minister for Finance", "Minister of
        # Foreign Affairs", "Commissioner of Police | Olanrewaju Ishola"), unless a given name
        # starts the name sooner.
        obj = n + 1
        # ("Governor of the Central Bank of Nigeria": the object runs on through "Bank of Nigeria")
        while obj < j and doc.low[obj] not in lex.given and (
                doc.low[obj] in lex.mods or doc.low[obj] in lex.org_words or doc.low[obj] in _CONNECT
                or doc.low[obj - 1] in _CONNECT or doc.low[obj] == "the"):
            obj += 1
        given_at = next((k for k in range(n + 1, j - 1) if doc.low[k] in lex.given), None)
        if given_at is not None and given_at <= obj:
            n = given_at
        elif j - obj >= 1:
            n = obj
        else:
            return _Parse((i, j), None, _head_of(lex, doc.low[last_head])[1], True)  # type: ignore[index]
    gender = _head_of(lex, doc.low[last_head])[1]  # type: ignore[index]
    role_end = n if doc.low[n - 1] not in _CONNECT else n - 1
    if n < j and doc.low[n] in lex.honorifics:  # "Foreign Minister Mr. Lavrov", "Gen Sir Nick Carter"
        gender = lex.honorifics[doc.low[n]] or gender
        n += 1
    while n < j and doc.low[n] in lex.particles and not doc.cap[n]:
        n += 1
    if n >= j:
        return _Parse((i, j), None, gender, True)
    return _Parse((i, role_end), _cut_name(doc, n, j, lex), gender, True)


_PEERAGE = frozenset({"lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess",
                      "duke", "duchess", "king", "queen", "prince", "princess", "pope", "emperor", "empress",
                      "sheikh", "sheikha", "emir", "sultan"})


def _peer(doc: _Doc, p: _Parse) -> bool:
    """Is p a peer's or a monarch's title and one name ("Baroness Hallett", "Lord Cameron", "Pope Francis",
    "King Charles")? They are called so: the title is part of the name when no fuller name is known."""
    return p.role is not None and p.name is not None and p.role[1] == p.name[0] \
        and p.name[1] == p.name[0] + 1 and doc.low[p.name[0] - 1] in _PEERAGE


def _descriptor(lex: _Lex, w: str) -> bool:
    """A word that describes rather than names: "Republican", "Russian", "Kremlin", "Labour"."""
    return w not in lex.given and (w in lex.mods or w in lex.org_names or w in lex.places or w in lex.groups
                                   or w.endswith(("an", "ese", "ish", "ic", "i")))


def _cut_name(doc: _Doc, a: int, b: int, lex: _Lex) -> tuple[int, int]:
    """A person's name stops at "of" ("Elizabeth Warren | of Massachusetts"); an organisation's does not."""
    for k in range(a + 1, b):
        if doc.low[k] in _CONNECT:
            if _kind_of(doc, a, b, lex):
                return a, b
            return a, k
    return a, b


def _name_words(doc: _Doc, a: int, b: int) -> str:
    return doc.text[doc.starts[a]:doc.ends[b - 1]].removesuffix("'s").removesuffix("\u2019s")


def _kind_of(doc: _Doc, a: int, b: int, lex: _Lex) -> str | None:
    """'org' / 'place' / 'group' when the lexicons name the tokens as such, else None."""
    return _kind_words(tuple(doc.low[a:b]))


@lru_cache(maxsize=1 << 16)
def _kind_words(words: tuple[str, ...]) -> str | None:
    lex = _lex()
    joined = " ".join(words)
    if joined in lex.places or joined.replace(".", "") in lex.places:
        return "place"
    if joined in lex.groups:
        return "group"
    if joined in lex.org_names or any(w in lex.org_words for w in words):
        return "org"
    if len(words) == 1 and words[0].endswith("ans") and words[0] not in lex.given:  # "Americans"
        return "group"
    if all(w in lex.places for w in words):
        return "place"
    return None


_NOT_IN_ROLE = frozenset({"is", "was", "are", "were", "be", "been", "being", "becoming", "became", "become",
                          "will", "would", "has", "have", "had", "having", "did", "does", "do", "can",
                          "could", "may", "might", "must", "should", "named", "called", "appointed",
                          "getting", "making", "taking", "going", "saying", "follow", "follows", "threw",
                          "met", "beat", "defeated", "fired", "hired", "replaced", "succeeded", "than"})


def _role_left(doc: _Doc, i: int, lex: _Lex, limit: int = 6) -> int | None:
    """First token of a title phrase right before token i ("Republican presidential nominee | Donald
    Trump", "Russia's foreign minister, | Sergei Lavrov"), or None."""
    k = i - 1
    # The title word test first: it fails for almost every name, before any slicing.
    if k < 0:
        return None
    w = doc.low[k]
    if not (w in lex.heads or ("-" in w and w.rsplit("-", 1)[1] in lex.heads)):  # _is_head, inlined: hot
        # "The Minister for Finance, | Jack Chambers": a role that ends in its object
        if not (doc.cap[k] or w in lex.mods):
            return None
        # ("The Governor of the Central Bank of Nigeria, | Olayemi Cardoso": back over the object)
        if doc.text[doc.ends[k]:doc.starts[i]].strip() != ",":
            return None
        x, head = k, -1
        while x > 0 and k - x < 8 and doc.spaced[x - 1] and (doc.cap[x] or doc.low[x] in lex.mods
                                                             or doc.low[x] == "the" or doc.low[x] in _CONNECT):
            if doc.low[x] in _CONNECT and x < k and _is_head(lex, doc.low[x - 1]):
                head = x - 1
                break
            x -= 1
        if head < 0:
            return None
        k0, k = k, head
    else:
        k0 = k
    gap = doc.text[doc.ends[k0]:doc.starts[i]]
    if not (gap.isspace() and "\n" not in gap or gap.strip() == ","):
        return None
    if doc.poss[k] or doc.sent[k] != doc.sent[i]:
        return None
    first = k
    # Up to two plain nouns right before the title word belong to it ("radio talk show host",
    # "Greens housing spokesman", "a presidency spokesman"), but only next to the title word: once
    # a capitalised word is taken, a lower-case one ends the role ("Trump threw famous | reporter").
    free = 0
    capital = False
    while k - 1 >= 0 and i - (k - 1) <= limit and doc.spaced[k - 1] and not doc.poss[k - 1]:
        w = doc.low[k - 1]
        if _is_head(lex, w) or w in lex.mods or (doc.cap[k - 1] and w not in lex.function):
            k -= 1
            first = k
            free = 0
            capital = capital or doc.cap[k]
        elif not capital and free < 2 and not doc.cap[k - 1] and w.isalpha() and w not in lex.function \
                and w not in lex.cues and w not in _NOT_IN_ROLE and not w.endswith(("ly", "ed")):
            k -= 1
            free += 1
        else:
            break
    if free and k - 1 >= 0 and doc.low[k - 1] in ("a", "an", "the") and doc.spaced[k - 1]:
        first = k  # "a presidency spokesman": the nouns belong to the title after the article
    return first


def _acronym(doc: _Doc, k: int) -> bool:
    word = doc.text[doc.starts[k]:doc.ends[k]]
    return len(word) > 1 and word.isupper()


def _role_right(doc: _Doc, j: int, lex: _Lex, limit: int = 10) -> tuple[int, int] | None:
    """Token range of an appositive role after a name ending at token j-1: ", the North Korean Foreign
    Minister", ", a Kremlin spokesman,", ", a spokeswoman for the Justice Department"."""
    n = len(doc.low)
    if j >= n or doc.spaced[j - 1]:  # (plain spaces are no comma)
        return None
    gap = doc.text[doc.ends[j - 1]:doc.starts[j]]
    if gap.strip() != "," or doc.sent[j] != doc.sent[j - 1]:
        return None
    k = j
    if doc.low[k] in ("the", "a", "an", "its", "his", "her", "their") or doc.low[k] in lex.mods and doc.low[k] == "former":
        k += 1
    start = k
    last_head = -1
    end_conn = -1
    conn = False
    free = 0  # other lower-case words before the title: "political science professor"
    while k < n and k - start < limit:
        if k > start and not doc.spaced[k - 1]:
            break
        w = doc.low[k]
        if conn and doc.cap[k] and w not in lex.function:
            end_conn = k  # "spokeswoman for the Justice Department"
        elif _is_head(lex, w):
            last_head = k
        elif w in _CONNECT and last_head >= 0:
            conn = True
        elif (w == "the" and k > start and doc.low[k - 1] in _CONNECT) or (doc.cap[k] and w not in lex.function) \
                or w in lex.mods or (doc.cap[k] and _acronym(doc, k)):
            pass  # an acronym is a name even when it spells a function word: "the WHO director-general"
        elif last_head < 0 and free < 3 and not doc.cap[k] and w not in lex.function and w not in lex.cues:
            free += 1
        else:
            break  # the role phrase ends at the first word that is none of these
        k += 1
    if last_head < 0 or start >= n:
        return None
    stop = max(last_head, end_conn) + 1
    return start, stop


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


# ------------------------------------------------------------------------------------- entities
@dataclass(eq=False, slots=True)
class _Entity:
    name: str
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    canon: set[str] = field(default_factory=set)  # canonical role heads: "spokesperson", "minister"
    count: int = 0
    first: int = 0
    last_seen: int = -1
    words: tuple[str, ...] = ()

    def add_role(self, role: str, lex: _Lex) -> None:
        role = role.strip(" ,")
        if role and role not in self.roles:
            self.roles.append(role)
            for w in re.findall(r"[\w.\-']+", role.lower()):
                h = _head_of(lex, w)
                if h:
                    self.canon.add(h[0])
                    if self.gender is None and h[1]:
                        self.gender = h[1]


@dataclass(slots=True)
class _Group:
    name: str
    kind: str  # org | place | group | unnamed
    canon: str | None = None  # an unnamed source's role head: "spokesperson" for "a spokeswoman for X"


class _Article:
    """The article's index: tokens, persons and groups by token, built once."""

    def __init__(self, text: str) -> None:
        self.lex = lex = _lex()
        self.doc = doc = _tokenise(text, lex)
        self.entities: dict[str, _Entity] = {}
        self.by_key: dict[str, list[_Entity]] = {}
        self.person_at: dict[int, tuple[int, _Entity]] = {}  # first token -> (end token, entity)
        self.group_at: dict[int, tuple[int, _Group]] = {}
        self.person_end: dict[int, _Entity] = {}
        self.group_end: dict[int, _Group] = {}
        self._holders: dict[str, _Entity] | None = None
        self._lower: frozenset[str] | None = None
        runs = _runs(doc, 0, len(doc.low), lex)
        heads = _headlines(text)
        if heads:  # "Chris Christie Calls Hillary Clinton ...": title case joins names and verbs
            in_head: set[int] = set()  # tokens that start on a headline line
            for s, e in heads:
                in_head.update(range(bisect.bisect_left(doc.starts, s), bisect.bisect_left(doc.starts, e)))
            runs = [(i, j) for i, j in runs if i not in in_head]
        # Each run parsed once, with the lexicon kind of its name (both passes ask for it). Pass 1, in
        # the same loop: full names (two words or more) that are people; pass 2: every occurrence.
        self._person_run: set[int] = set()
        # Full names not known to be people, by last word: "Ms Andersson" later makes "Magdalena
        # Andersson" (named once, after a comma) a person.
        self._weak: dict[str, tuple[int, int] | None] = {}
        full = []
        parsed: list[tuple[int, int, _Parse, str | None]] = []
        for i, j in runs:
            p = _parse_run(doc, i, j, lex)
            name = p.name
            if name is None:
                parsed.append((i, j, p, None))
                continue
            # (_kind_of, inlined: every run of the article passes here)
            kind = _kind_words(tuple(doc.low[name[0]:name[1]]))
            parsed.append((i, j, p, kind))
            if name[1] - name[0] >= 2:
                if self._is_person(i, j, p, kind):
                    self._person_run.add(i)
                    full.append((i, p))
                elif kind is None and name[1] - name[0] <= 4 \
                        and lex.honorifics.keys().isdisjoint(doc.low[name[0]:name[1]]) \
                        and lex.heads.keys().isdisjoint(doc.low[name[0]:name[1]]) \
                        and doc.low[name[0]] not in self.lower_words():
                    # (not "Should Mr. Trump": a common word or a title inside is no full name)
                    key = doc.low[name[1] - 1]
                    prev = self._weak.get(key)
                    if prev is None and key not in self._weak:
                        self._weak[key] = name
                    elif prev is not None and doc.low[prev[0]] != doc.low[name[0]]:
                        self._weak[key] = None  # two full names end in it ("Khizr Khan", "Ghazala Khan")
        # A surname with its particle ("Ms Le Pen", "De Blasio") last, so that it joins the full name
        # ("Marine Le Pen") even when that comes later in the text.
        for i, p in sorted(full, key=lambda x: doc.low[x[1].name[0]] in lex.particles):  # type: ignore[index]
            self._entity(p.name[0], p.name[1], p.gender, i)  # type: ignore[index]
        for i, j, p, kind in parsed:
            self._occurrence(i, j, p, kind)
        self.forward: dict[int, _Entity] = self._lede_roles()

    # -- helpers
    def _lede_roles(self) -> dict[int, _Entity]:
        """A role named before its holder: "The health minister has defended the closures. ... Michelle
        Thompson said", "Sweden's prime minister has said ... Ulf Kristersson told SVT". A role phrase
        that starts a sentence maps its title word's token to the person who is the subject of one of
        the next two sentences and first named there, and that person takes the role. At the top of
        the article (first three sentences, before anyone is named) that person may hold another
        title; further down, only when nobody named before holds that role and the person is named
        with it ("The finance minister has warned ... Finance Minister Jane Roe said")."""
        doc, lex = self.doc, self.lex
        order = list(self.person_at)  # (filled run by run, so in text order)
        first_person = order[0] if order else len(doc.low)
        out: dict[int, _Entity] = {}
        held: set[str] = set()  # role heads of the persons named so far
        seen = 0
        s = 0
        n = len(doc.low)
        sent, low, cap, poss = doc.sent, doc.low, doc.cap, doc.poss
        for k_sent in count():
            if s >= n:
                break
            nxt = bisect.bisect_right(sent, sent[s], s)
            # (only a sentence that starts with "the" or a capitalised possessive can open with a role)
            if not (low[s] == "the" or (cap[s] and True in poss[s:min(s + 3, nxt)])):
                s = nxt
                continue
            while seen < len(order) and order[seen] < s:
                held |= self.person_at[order[seen]][1].canon
                seen += 1
            lede = k_sent < 3 and s < first_person
            x = s
            if doc.low[x] == "the":
                x += 1
            # "Sweden's prime minister", "Hong Kong's leader", "the UK's chief negotiator"
            p = next((y for y in range(x, min(x + 3, nxt)) if doc.poss[y] or not doc.cap[y]), None)
            if p is not None and doc.poss[p] and all(doc.cap[y] for y in range(x, p + 1)) \
                    and _kind_of(doc, x, p + 1, lex):
                x = p + 1
            if x > s:
                h = -1
                y = x
                while y < min(nxt, x + 5) and (y == x or doc.spaced[y - 1]) and not doc.poss[y]:
                    w = doc.low[y]
                    if _is_head(lex, w):
                        h = y
                    elif not (w in lex.mods or (w.isalpha() and w not in lex.function and w not in lex.cues
                                                and w not in _NOT_IN_ROLE)):
                        break
                    y += 1
                # Not a title before a name ("The Taoiseach Leo Varadkar") nor an appositive, nor a title
                # word inside a noun phrase ("The general election"); a speaker: a reporting verb follows.
                if h >= 0 and h + 1 < n and doc.spaced[h] and not doc.cap[h + 1] and not doc.inq[h] \
                        and (doc.low[h + 1] in lex.cues or doc.low[h + 1] in _AUX or doc.low[h + 1] in _CUT) \
                        and any(doc.low[z] in lex.cues for z in range(h + 1, min(h + 12, nxt))) \
                        and doc.low[h] not in ("official", "officials") and doc.low[h] not in lex.unnamed:
                    canon, gender = _head_of(lex, doc.low[h])  # type: ignore[misc]
                    ent = self._next_subject(doc.sent[s], order) if lede or canon not in held else None
                    if ent is not None and (gender is None or ent.gender in (None, gender)) \
                            and (lede or canon in ent.canon):
                        ent.add_role(doc.text[doc.starts[x]:doc.ends[h]], lex)
                        out[h] = ent
            s = nxt
        return out

    def _next_subject(self, sent: int, order: list[int]) -> _Entity | None:
        """The first person of sentence sent+1 (else sent+2), if named there for the first time and
        not after a preposition or a verb of meeting. ``order``: the persons' tokens, sorted."""
        doc = self.doc
        # (sentence ids count line breaks too: the next two sentences are the next two ids in use)
        t0 = bisect.bisect_right(doc.sent, sent)
        t1 = bisect.bisect_right(doc.sent, doc.sent[t0]) if t0 < len(doc.sent) else t0
        last = doc.sent[t1] if t1 < len(doc.sent) else doc.sent[-1]
        k = bisect.bisect_left(order, t0)
        if k == len(order):
            return None
        t = order[k]
        if doc.sent[t] > last:
            return None
        end, ent = self.person_at[t]
        # (a verb of meeting ending the sentence before, "... will be met.", is not this name's verb)
        if doc.sent[ent.first] <= sent or doc.inq[t] or (
                t > 0 and doc.low[t - 1] in _OBJECT_BEFORE and doc.sent[t - 1] == doc.sent[t]):
            return None
        # the person speaks: "Simon Harris said", "Ulf Kristersson told SVT"
        if end >= len(doc.low) or doc.low[end] not in self.lex.cues or not doc.spaced[end - 1]:
            return None
        return ent

    def _is_person(self, i: int, j: int, p: _Parse, kind: str | None) -> bool:
        """Is run [i, j), parsed as p, whose name has lexicon kind ``kind``, a person?"""
        doc, lex = self.doc, self.lex
        a, b = p.name  # type: ignore[misc]
        if kind:
            return False
        if p.titled or (doc.low[a] in lex.given and b - a >= 2):
            return True
        text, starts, ends = doc.text, doc.starts, doc.ends
        if text[starts[a]:ends[a]].isupper() and all(text[starts[k]:ends[k]].isupper() for k in range(a + 1, b)):
            return False  # "DOCTORS DON'T WANT": a headline in capitals, not a name
        if i > 0 and doc.low[i - 1] in ("the", "on", "of", "for", "at", "and") and doc.spaced[i - 1]:
            return False  # "the Supreme Court", "Commission on Presidential Debates": part of a longer name
        if _role_left(doc, i, lex) is not None or _role_right(doc, j, lex) is not None:
            return True
        near = (j < len(doc.low) and doc.low[j] in lex.cues and doc.spaced[j - 1]) or (
            i > 0 and doc.low[i - 1] in lex.cues and doc.sent[i - 1] == doc.sent[i])
        return near and 2 <= b - a <= 4 and b == j  # ("Joint Chiefs | of Staff said": the cue is not next to it)

    def _entity(self, a: int, b: int, gender: str | None, pos: int) -> _Entity:
        doc, lex = self.doc, self.lex
        words = tuple(doc.low[a:b])
        name = _name_words(doc, a, b)
        ent = self.entities.get(name)
        if ent is None and len(words) >= 2:
            # "Donald J. Trump" is "Donald Trump"; "Von der Leyen" is "Ursula von der Leyen".
            for cand in self.by_key.get(words[-1].rstrip("."), ()):
                if len(cand.words) >= 2 and (cand.words[0] == words[0] and cand.words[-1] == words[-1]
                                             or cand.words[-len(words):] == words):
                    ent = cand
                    if cand.words[0] == words[0] and len(words) < len(cand.words):
                        ent.name, ent.words = name, words  # "Donald Trump" rather than "Donald J. Trump"
                    self.entities[name] = ent
                    break
        if ent is None:
            ent = _Entity(name=name, first=pos, words=words)
            self.entities[name] = ent
            if len(words) >= 2:
                for w in words[:_MAX_NAME]:
                    if w not in lex.particles or w == words[-1]:  # a surname may spell one: "Das", "Le"
                        bucket = self.by_key.setdefault(w.rstrip("."), [])
                        if len(bucket) < _RECENT:  # bounded, so a surname lookup is O(1) on any input
                            bucket.append(ent)
            first = words[0]
            if ent.gender is None and len(words) >= 2 and first in lex.given:
                ent.gender = lex.given[first]
        if gender and ent.gender is None:
            ent.gender = gender
        return ent

    def holder(self, canon: str) -> _Entity | None:
        """The first person of the article holding a role ("spokesperson"), indexed on first use."""
        if self._holders is None:
            self._holders = {}
            for ent in self.entities.values():
                for c in ent.canon:
                    self._holders.setdefault(c, ent)
        return self._holders.get(canon)

    def lookup(self, word: str, gender: str | None, pos: int) -> _Entity | None:
        """The full-name person a single name word refers to ("Choe" -> "Choe Son Hui")."""
        cands = [e for e in self.by_key.get(word.rstrip("."), ()) if gender is None or e.gender in (None, gender)]
        if not cands:
            return None
        if len(cands) == 1:  # the usual case: nothing to rank
            return cands[0]

        def score(e: _Entity) -> tuple:
            edge = e.words[-1] == word or e.words[0] == word
            # "Mrs Patel" after "Rajesh Patel and his wife, Meena Patel": the one known to be a woman.
            return (edge, gender is not None and e.gender == gender, e.first <= pos, e.last_seen, e.count, -e.first)

        return max(cands, key=score)

    def person_for(self, p: _Parse, pos: int) -> _Entity:
        a, b = p.name  # type: ignore[misc]
        doc = self.doc
        if b - a == 1:
            ent = self.lookup(doc.low[a], p.gender, pos)
            if ent is not None:
                return ent
            if _peer(doc, p):
                return self._entity(a - 1, b, p.gender, pos)
        elif b - a >= 3 and _name_words(doc, a, b) not in self.entities:
            # "Elizabeth Warren Hammers Wells Fargo" (a headline), "Barack Obama Election Day": the
            # longest known name at the front is the person.
            for k in range(b - 1, a + 1, -1):
                known = self.entities.get(_name_words(doc, a, k))
                if known is not None:
                    return known
        return self._entity(a, b, p.gender, pos)

    def lower_words(self) -> frozenset[str]:
        """Words that occur in lower case somewhere in the article (common nouns), built on first use."""
        if self._lower is None:
            self._lower = frozenset(compress(self.doc.low, map(not_, self.doc.cap)))
        return self._lower

    def _occurrence(self, i: int, j: int, p: _Parse, kind: str | None) -> None:
        doc, lex = self.doc, self.lex
        if p.name is None:
            return
        a, b = p.name
        if kind and not p.titled:
            g = _Group(_name_words(doc, i, j), kind)
            self.group_at[i] = (j, g)
            self.group_end[j - 1] = g
            return
        ent: _Entity | None
        if b - a >= 2:
            if i not in self._person_run:
                return
            ent = self._entity(a, b, p.gender, i)
        else:
            # (most single words name nobody indexed: skip the call then)
            ent = self.lookup(doc.low[a], p.gender, i) if doc.low[a].rstrip(".") in self.by_key else None
            if ent is None:
                if not (p.titled or self._is_person(i, j, p, kind)):
                    return
                full = self._weak.get(doc.low[a])
                if full is not None and full[0] < i and (p.gender is None or lex.given.get(doc.low[full[0]])
                                                         in (None, p.gender)):
                    ent = self._entity(full[0], full[1], p.gender, full[0])
                elif _peer(doc, p):
                    ent = self._entity(a - 1, b, p.gender, i)
                else:
                    ent = self._entity(a, b, p.gender, i)
        ent.count += 1
        role = self.role_of(i, j, p)
        if role:
            ent.add_role(role, lex)
            # "Dame Jacinda Ardern, New Zealand's former prime minister,": the appositive is a role too
            right = _role_right(doc, j, lex) if p.role or p.titled else None
            if right:
                ent.add_role(doc.text[doc.starts[right[0]]:doc.ends[right[1] - 1]], lex)
        self.person_at[i] = (j, ent)
        self.person_end[j - 1] = ent

    def role_of(self, i: int, j: int, p: _Parse) -> str | None:
        """The role written with a name: in the run, just before it, or in an appositive after it."""
        doc, lex = self.doc, self.lex
        start = p.role[0] if p.role else (p.name[0] if p.name else i)
        if not p.role and start == i + 1 and doc.low[i] in lex.honorifics:
            start = i  # "Liberal Democrat leader Sir Ed Davey": the role stands before the honorific
        left = _role_left(doc, start, lex)
        if p.role or left is not None:
            a = left if left is not None else p.role[0]  # type: ignore[index]
            b = p.role[1] if p.role else start
            if b > a:
                return doc.text[doc.starts[a]:doc.ends[b - 1]].rstrip(" ,")
        right = _role_right(doc, j, lex)
        if right:
            return doc.text[doc.starts[right[0]]:doc.ends[right[1] - 1]]
        return None


# ------------------------------------------------------------------------------------- resolution
class _Walker:
    """Walks the tokens in order, tracking sentence subjects and recent persons and groups, and
    resolves each mention when the walk reaches it."""

    def __init__(self, art: _Article) -> None:
        self.art = art
        self.focus: _Entity | None = None
        self.subject: _Entity | None = None
        self.subject_sent = -1
        self.persons: list[_Entity] = []  # most recent last, bounded
        self.groups: dict[str, _Group] = {}  # by name, most recent last, bounded
        self.last_speaker: _Entity | _Group | None = None
        self.speaker_at = self.focus_at = self.subject_at = -1  # token positions, for recency
        self.pron: dict[int, _Entity | _Group | None] = {}
        self.unnamed: list[_Group] = []  # unnamed sources with a role head, most recent last, bounded

    def _see_person(self, ent: _Entity, t: int, subject_ok: bool) -> None:
        ent.last_seen = t
        persons = self.persons
        # (a speaker is seen again by the step at its own token: already the most recent, no move)
        if not persons or persons[-1] is not ent:
            if ent in persons:
                persons.remove(ent)
            persons.append(ent)
            del persons[:-_RECENT]
        if subject_ok and self.subject is None:
            self.subject = ent
            self.subject_at = t

    def _see_group(self, g: _Group) -> None:
        groups = self.groups
        groups.pop(g.name, None)
        while len(groups) > _RECENT:
            del groups[next(iter(groups))]
        groups[g.name] = g

    def _sentence(self, t: int) -> None:
        s = self.art.doc.sent[t]
        if s != self.subject_sent:
            if self.subject is not None:
                self.focus = self.subject
                self.focus_at = self.subject_at
            self.subject = None
            self.subject_sent = s

    def he_she(self, gender: str | None) -> _Entity | None:
        cands: list[_Entity | None] = [self.subject]
        # The last sentence subject and the last quote's speaker, the more recent first.
        speaker = self.last_speaker if isinstance(self.last_speaker, _Entity) else None
        if speaker is not None and self.speaker_at > self.focus_at:
            cands += [speaker, self.focus]
        else:
            cands += [self.focus, speaker]
        cands.extend(reversed(self.persons))
        for e in cands:
            if e is not None and (gender is None or e.gender in (None, gender)):
                return e  # (no gender is learnt from a resolution: one wrong "she" would spread)
        return None

    def plural(self, kinds: tuple[str, ...]) -> _Group | None:
        if isinstance(self.last_speaker, _Group) and self.last_speaker.kind in kinds:
            return self.last_speaker
        for g in reversed(self.groups.values()):
            if g.kind in kinds:
                return g
        return None

    def relative(self, t: int) -> _Entity | _Group | None:
        art = self.art
        k = t - 1
        if k < 0:
            return None
        if art.doc.text[art.doc.ends[k]:art.doc.starts[t]].strip() in ("", ","):
            ref = art.person_end.get(k) or art.group_end.get(k)
            if ref is not None:
                return ref
        # "Trump, the Republican nominee, who said": the last person named in this sentence.
        if self.persons and self.persons[-1].last_seen >= 0 and \
                art.doc.sent[self.persons[-1].last_seen] == art.doc.sent[t]:
            return self.persons[-1]
        return None

    def pronoun(self, t: int, cls: str | None = None) -> _Entity | _Group | None:
        if t in self.pron:
            return self.pron[t]
        cls = cls or self.art.lex.pronouns.get(self.art.doc.low[t])
        res: _Entity | _Group | None = None
        if cls in ("m", "f"):
            res = self.he_she(cls)
        elif cls == "plural":
            res = self.plural(("group", "org", "place", "unnamed"))
        elif cls == "thing":
            res = self.plural(("org", "place"))
        elif cls == "relative":
            res = self.relative(t)
        self.pron[t] = res
        return res

    def step(self, t: int) -> None:
        """Take token t into the state (after any mention starting at t was resolved)."""
        art = self.art
        doc = art.doc
        if doc.sent[t] != self.subject_sent:
            self._sentence(t)
        person = art.person_at.get(t)
        group = art.group_at.get(t) if person is None else None
        if person is not None:
            # A person after a preposition or a verb of meeting is an object, not the subject (and
            # whether the token is quoted matters only while the sentence has no subject yet).
            obj = t > 0 and doc.low[t - 1] in _OBJECT_BEFORE and doc.sent[t - 1] == doc.sent[t]
            self._see_person(person[1], t, self.subject is None and not obj and not doc.inq[t])
        elif group is not None:
            self._see_group(group[1])
        elif doc.low[t] in ("he", "she") and not doc.inq[t]:
            ent = self.pronoun(t)
            if isinstance(ent, _Entity):
                self._see_person(ent, t, True)
        elif not doc.cap[t] and doc.low[t] in art.lex.unnamed and doc.low[t].endswith("s"):
            self._see_group(_Group(doc.low[t], "unnamed"))


def _lower_first(s: str, lex: _Lex) -> str:
    first = s.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return s  # an acronym ("WHO officials") keeps its capitals
    first = first.lower()
    if first in _DEFINITE or first in _INDEFINITE or first in lex.unnamed or first in lex.function:
        return s[:1].lower() + s[1:]
    return s


def _mods_match(mods: set[str], role_words: set[str], lex: _Lex) -> bool:
    """Are the words of a role noun ("the foreign minister", "Germany's chancellor") all in a holder's
    role? A country matches its adjective by their first four letters ("Germany's" / "German",
    "Russia's" / "Russian", "Canada's" / "Canadian")."""
    for m in mods:
        if m in role_words:
            continue
        if m in lex.places and len(m) >= 4 and any(r[:4] == m[:4] for r in role_words):
            continue
        return False
    return True


def _owns_person(doc: _Doc, j: int, u: int, lex: _Lex) -> bool:
    """Is the capitalised run at token j (within the mention's end u) a titled person or a full name
    with a given name ("Premier Jacinta Allan"), rather than a thing ("Trump's Islamaphobia")?"""
    k = j
    while k < u and k - j < 8 and doc.cap[k] and (k == j or doc.spaced[k - 1]):
        k += 1
    p = _parse_run(doc, j, k, lex)
    return p.name is not None and (p.titled or (p.name[1] - p.name[0] >= 2 and doc.low[p.name[0]] in lex.given))


def _names_inside(doc: _Doc, b0: int, u: int, lex: _Lex) -> bool:
    """Does a capitalised word follow token b0 in the mention [b0, u) before any word that starts a
    qualifying phrase ("of", "in", "close to", "familiar with")?"""
    for x in range(b0 + 1, min(u, b0 + 9)):
        if doc.low[x] in _CUT or (not doc.spaced[x - 1] and not doc.cap[x]):
            return False  # ("The aides, led by campaign manager Terry Sullivan": a clause, not a name)
        if doc.cap[x] and doc.low[x] not in lex.function:
            return True
    return False


_AUX = frozenset({"has", "had", "have", "is", "was", "will", "would", "also", "on", "later", "then"})
_AGE = re.compile(r"\d{1,3}-year-old")
_CLAUSE = re.compile(r",\s+(?:which|who|whose|that|including|like|such|a|an|the|[a-z]{2,}ed)\s")  # (", released by")


def _clean_surface(s: str) -> str:
    """The mention as a name: no relative clause or appositive, no trailing possessive or comma."""
    s = _CLAUSE.split(s, 1)[0].strip().strip(",;:")
    if len(s) > 2 and s.endswith(_POSS):  # (every possessive suffix is two characters long)
        s = s[:-2]
    return s.strip()


def _resolve_mention(w: _Walker, s: int, e: int, t: int, u: int) -> tuple[str | None, str | None, object]:
    """Resolve the mention text[s:e] spanning tokens [t, u). Returns (name, role, referent)."""
    art = w.art
    doc, lex, text = art.doc, art.lex, art.doc.text
    surface = _clean_surface(text[s:e])
    said = surface.lower()
    if said in lex.pronouns or (u - t == 1 and doc.low[t] in lex.pronouns):
        ref = w.pronoun(t, lex.pronouns.get(said))
        if isinstance(ref, _Entity):
            return ref.name, (ref.roles[0] if ref.roles else None), ref
        if isinstance(ref, _Group):
            return ref.name, None, ref
        return None, None, None
    if u - t == 2 and doc.low[t] == "the" and _AGE.fullmatch(doc.low[t + 1]):
        # "the 34-year-old said": the person the sentence is about, as for he / she
        ent = w.he_she(None)
        if ent is not None:
            return ent.name, (ent.roles[0] if ent.roles else None), ent
    # Possessive-pronoun phrases ("his spokesman") and determiners are read as role nouns below.
    det = doc.low[t] if doc.low[t] in _DEFINITE or doc.low[t] in _INDEFINITE else None
    b0 = t + 1 if det else t
    # "Officials said", "Sources familiar with ...": capitalised only because a sentence starts there.
    # ("Economist Dr. Arvind Subramanian", "Analyst Jane Doe": the noun is a title before a name.)
    # ("The report's author, PBO head Ben Lannen", "Police spokesperson Brig. Athlenda Mathe": a name in
    # the mention, not after "of", "in", "close to" ..., is the speaker.)
    plain = b0 < u and ((doc.low[b0] in lex.unnamed and not _names_inside(doc, b0, u, lex)) or (
        # "Demonstrators said", "Video shows": a capitalised word that the article also writes in lower
        # case is a common noun at the start of a sentence, unless it is a known name.
        u - b0 == 1 and (b0 == 0 or doc.sent[b0 - 1] != doc.sent[b0]) and doc.low[b0] not in art.by_key
        and doc.low[b0] not in lex.given and doc.low[b0] in art.lower_words()))
    runs = [] if plain else _runs(doc, b0, u, lex)
    if runs:
        # "a spokeswoman for Hillary Clinton", "Kevin Barrett, a lawyer at Bailey & Glasser": a name
        # after a preposition is not the speaker, but one set off by a comma is ("a lawyer for the
        # outlets, David Schulz,").
        keep = []
        cut = False
        x = b0
        for i, j in runs:
            # (the gap after the previous run counts too: "the head of the Association of School
            # Leaders, Pepe Di'Iasio,")
            if b0 < x == i and doc.text[doc.ends[x - 1]:doc.starts[x]].strip() == ",":
                cut = False
            while x < i:
                if doc.low[x] in _CUT and not _acronym(doc, x):  # ("WHO Director-General ...")
                    cut = True
                if doc.text[doc.ends[x]:doc.starts[x + 1]].strip() == ",":
                    cut = False
                x += 1
            if not cut:
                keep.append((i, j))
            x = j
        runs = keep
    # A group of several names: "The US, Japan and South Korea", "Russia and North Korea".
    if len(runs) >= 2 and any(doc.low[k] == "and" or doc.text[doc.ends[k]:doc.starts[k + 1]].strip() == "&"
                              for k in range(runs[0][1] - 1, runs[-1][0])):
        between_ok = all(doc.low[k] in ("and", "the") or doc.cap[k] or doc.low[k] in lex.particles
                         for k in range(runs[0][0], runs[-1][1]))
        if between_ok:
            g = _Group(surface, "group")
            return surface, None, g
    # "North Korean leader Kim Jong Un": a run followed by a role and another name is part of the role.
    for x in range(len(runs) - 1, 0, -1):
        left = _role_left(doc, runs[x][0], lex)
        if left is not None and left <= runs[x - 1][0]:
            runs = runs[x:]
            break
    best: tuple[int, int, int, _Parse] | None = None
    org: tuple[str, int, int] | None = None  # kind and name tokens of the first organisation in the mention
    for i, j in runs:
        # "the Republican nominee", "the Trump campaign": a run that only modifies a noun
        modifier = j < u and doc.spaced[j - 1] and not doc.cap[j] and doc.low[j] not in _CUT
        p = _parse_run(doc, i, j, lex)
        if p.name is None:
            continue
        a, b = p.name
        kind = _kind_of(doc, a, b, lex) if not p.titled else None
        if modifier and kind == "org" and doc.low[j] == "and" and j + 1 < u and doc.cap[j + 1]:
            modifier = False  # "the Department of Health and Social Care": the name goes on after "and"
        if kind is None and det == "the" and i == b0 and not p.titled:
            kind = "org"  # "The Hill", "the Charlotte Observer": people are not "the X"
        if kind:
            if org is None and not modifier and not p.role:
                org = (kind, a, b)
            elif org is not None and kind == "org":
                org = ("org", org[1], org[2])  # "North Korea's Foreign Ministry" is an organisation
            continue
        if modifier or (doc.poss[j - 1] and j < u and doc.spaced[j - 1] and doc.cap[j]
                        and _owns_person(doc, j, u, lex)):
            continue  # (a possessive before a titled name owns it: "Victoria's Premier Jacinta Allan")
        # Of several names in one mention ("NBC's Dante Chinni", "a partner at Lenox, Lawrence
        # Cummings"), the one that looks most like a person speaks.
        appositive = i == b0 and j < u and doc.text[doc.ends[j - 1]:doc.starts[j]].strip() in (",", "--", "\u2014")
        # "NBC's Dante Chinni", "Russia's Sergei Lavrov": a name right after a possessive is the person
        # (not a name cut from a longer one: "South Korea's Joint Chiefs | of Staff")
        appositive = appositive or (i > b0 and doc.poss[i - 1] and b - a >= 2 and doc.spaced[i - 1]
                                    and (b == j or doc.low[a] in lex.given))
        score = (2 if p.titled or doc.low[a] in lex.given or _name_words(doc, a, b) in art.entities
                 or (b - a == 1 and doc.low[a] in art.by_key) or appositive else 1 if b - a >= 2 else 0)
        if best is None or score > best[0]:
            best = (score, i, j, p)
    if best is not None and (best[0] == 2 or org is None):
        _score, i, j, p = best
        ent = art.person_for(p, t)
        role = art.role_of(i, j, p)
        if role is None and i > b0 and doc.text[doc.ends[i - 1]:doc.starts[i]].strip() == ",":
            # "A spokesman for the regional administration in Kharkiv, Dmytro Chubenko,": the role
            # before the comma is his, so "the spokesman" later is him.
            head_at = next((x for x in range(b0, min(i, b0 + 4)) if _is_head(lex, doc.low[x])), None)
            if head_at is not None and not any(doc.cap[x] for x in range(b0, head_at + 1)):
                role = doc.text[doc.starts[b0]:doc.ends[i - 1]]
        if role:
            ent.add_role(role, lex)
        return ent.name, role or (ent.roles[0] if ent.roles else None), ent
    if org is not None:
        kind, a, b = org
        if b - a == 1 and art.by_key.get(doc.low[a]) and det is None:  # "Jordan" the senator, not the country
            namesake = art.lookup(doc.low[a], None, t)
            if namesake is not None:
                return namesake.name, (namesake.roles[0] if namesake.roles else None), namesake
        return surface, None, _Group(surface, kind)
    # A role noun or an unnamed source.
    k = b0
    while k < u and doc.low[k] not in _CUT:
        k += 1
    head_i = k - 1
    if head_i < b0:
        return _lower_first(surface, lex), None, _Group(_lower_first(surface, lex), "unnamed")
    head = doc.low[head_i]
    h = _head_of(lex, head)
    if h and (det is None or det in _DEFINITE) and head not in ("official", "officials"):
        # Words that narrow the role ("the foreign minister", "the Republican nominee") must be in the
        # holder's role; "former", "top" and the like need not.
        canon = lex.mod_canon
        mods = {canon.get(doc.low[x], doc.low[x]) for x in range(b0, head_i)} - _LOOSE_MODS
        holder = None
        for ent in reversed(w.persons):
            if h[0] in ent.canon:
                if _mods_match(mods, {canon.get(x, x) for x in " ".join(ent.roles).lower().split()}, lex):
                    holder = ent
                    break
                holder = holder or (ent if not mods else None)
        if holder is None:
            holder = art.forward.get(head_i)  # "The health minister has defended ... Jane Doe said"
        if holder is None and not mods:
            holder = art.holder(h[0])
        if holder is not None:
            role = next((r for r in holder.roles if head in r.lower()), holder.roles[0] if holder.roles else None)
            return holder.name, role, holder
    if not h:
        kind = _kind_of(doc, b0, k, lex)
        if det == "the" and (head in lex.org_words or head in lex.company) \
                and not any(doc.cap[x] for x in range(b0, k)):
            # "the ministry" after "The Foreign Ministry said": the organisation named before.
            recent = [w.last_speaker] if isinstance(w.last_speaker, _Group) else []
            for g in recent + list(reversed(w.groups.values())):
                if g.kind == "org" and head in g.name.lower().split():
                    return g.name, None, g
            t0 = bisect.bisect_left(doc.sent, doc.sent[t])  # first token of this sentence
            near = w.speaker_at >= 0 and (t0 == 0 or doc.sent[w.speaker_at] >= doc.sent[t0 - 1])
            if head in lex.company and u - b0 == 1 and near:
                # "Eskom said ... The company said": the last speaker, just before, when it is a name
                # that is no person's.
                last = w.last_speaker
                if isinstance(last, _Group) and last.kind == "org" and any(
                        x.strip(".") in lex.corporate or x in lex.company for x in last.name.lower().split()):
                    return last.name, None, last  # "Boeing Co.", "Barclays Bank" (not "the ministry")
                if isinstance(last, _Entity) and last.gender is None and not last.roles \
                        and not any(x in lex.given for x in last.words or last.name.lower().split()):
                    return last.name, None, last
        if kind in ("org", "place", "group"):
            # "the Trump campaign", "the White House", "Republicans": an organisation or group speaks.
            return surface, None, _Group(surface, kind)
    # An unnamed source's key: its title's canonical head, or its noun ("official", "source", "person").
    key = (h[0] if h else head if head in lex.unnamed else None) if head not in lex.documents else None
    if key and det in ("the", "this", "that", "these", "those") and u - b0 <= 3:
        # "A spokeswoman for Prime Minister Keir Starmer said ... The spokeswoman said", "Two people
        # familiar with the plan said ... The people said": the same unnamed source, as it was named,
        # when the words before the noun are in its name too ("the GOP leaders" are not "congressional
        # leaders").
        mods = {doc.low[x] for x in range(b0, head_i)}
        for g in reversed(w.unnamed):
            if g.canon == key:
                if " " in g.name and mods <= set(g.name.lower().split()):
                    return g.name, None, g
                break
    name = _lower_first(surface, lex)
    role = text[doc.starts[b0]:doc.ends[u - 1]] if h else None
    return name, role, _Group(name, "unnamed", key if det not in _DEFINITE else None)


def _valid_span(m: object, n: int) -> tuple[int, int] | None:
    """``(start, end)`` as ints inside a text of length n, or None (missing, NaN, reversed, outside)."""
    try:
        s, e = int(m[0]), int(m[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (s, e) if 0 <= s < e <= n else None


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """Lower-case words the walk must see: he / she, and plural unnamed nouns that "they" may mean."""
    return frozenset({"he", "she"} | {w for w in _lex().unnamed if w.endswith("s")})


def resolve_speakers(text: str, mentions: Sequence[tuple[int, int]]) -> list[tuple[str | None, str | None]]:
    """For each speaker mention ``(start, end)`` in ``text`` return ``(speaker_name, role)``.

    The mentions are those ``quotes`` found (any order; the result follows the input order). The
    whole article is indexed once, so a surname, a pronoun or a role noun resolves to the person
    named elsewhere in it. See the module docstring for the rules. Unnamed sources ("a source",
    "officials") resolve to the mention itself (first letter lower-cased); I / we / you and
    pronouns with no compatible antecedent resolve to ``(None, None)``. Invalid spans (outside
    the text, or empty) give ``(None, None)``.

    Examples:
        >>> text = ("Kremlin Spokesperson Dmitry Peskov spoke on Monday. He said the talks were useful. "
        ...         "Peskov added that a source had lied, the spokesperson said.")
        >>> spans = [(0, 34), (52, 54), (83, 89), (120, 136)]
        >>> [text[s:e] for s, e in spans]
        ['Kremlin Spokesperson Dmitry Peskov', 'He', 'Peskov', 'the spokesperson']
        >>> resolve_speakers(text, spans)  # doctest: +NORMALIZE_WHITESPACE
        [('Dmitry Peskov', 'Kremlin Spokesperson'), ('Dmitry Peskov', 'Kremlin Spokesperson'),
         ('Dmitry Peskov', 'Kremlin Spokesperson'), ('Dmitry Peskov', 'Kremlin Spokesperson')]
        >>> resolve_speakers("Officials said it was over.", [(0, 9)])
        [('officials', None)]
    """
    if not isinstance(text, str) or not mentions:
        return [(None, None)] * len(mentions) if mentions else []
    art = _Article(text)
    doc = art.doc
    n = len(doc.starts)
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(mentions)
    # Mentions by first token, so the walk meets each one at its place in the text.
    todo: dict[int, list[tuple[int, int, int]]] = {}
    valid = {idx: span for idx, span in enumerate(_valid_span(m, len(text)) for m in mentions) if span}
    for idx in sorted(valid, key=valid.__getitem__):
        s, e = valid[idx]
        t = bisect.bisect_right(doc.ends, s)
        if t < n and doc.starts[t] < e:
            todo.setdefault(t, []).append((idx, s, e))
    walker = _Walker(art)
    # Only tokens that change the state or carry a mention are visited.
    events = set(todo) | art.person_at.keys() | art.group_at.keys()
    watch = _event_words()
    # Nothing after the last mention can change a result: the walk stops there.
    last = max(todo, default=-1)
    events.update(compress(range(last + 1), map(watch.__contains__, islice(doc.low, last + 1))))
    for tok in sorted(events):
        if tok > last:
            break
        if tok in todo:
            walker._sentence(tok)
            for idx, s, e in todo[tok]:
                u = bisect.bisect_left(doc.starts, e, tok)
                name, role, ref = _resolve_mention(walker, s, e, tok, u)
                out[idx] = (name, role)
                if isinstance(ref, (_Entity, _Group)):
                    walker.last_speaker = ref
                    walker.speaker_at = tok
                    if isinstance(ref, _Group) and ref.canon and ref not in walker.unnamed:
                        walker.unnamed.append(ref)
                        del walker.unnamed[:-8]
                    if isinstance(ref, _Entity):
                        walker._see_person(ref, tok, walker.subject is None and not doc.inq[tok])
        walker.step(tok)
    return out


# ------------------------------------------------------------------------------------- speakers table
def speaker_kind(name: object) -> str | None:
    """What a resolved ``speaker_name`` is: ``person``, ``organisation``, ``place``, ``group`` or ``unnamed``.

    Unnamed sources are the lower-case names ``resolve_speakers`` gives them ("a source",
    "officials"); organisations, and countries or capitals speaking for their governments
    (``place``), come from the lexicons; groups are lists of names ("Russia and North Korea") or
    plural groups ("Republicans"); any other capitalised name is a person.

    Examples:
        >>> [speaker_kind(x) for x in ["Dmitry Peskov", "North Korea", "Russia and North Korea", "a source"]]
        ['person', 'place', 'group', 'unnamed']
    """
    if not isinstance(name, str) or not name.strip():
        return None
    lex = _lex()
    words = [w.lower() for w in _TOKEN.findall(name)]
    if not words:
        return None
    if not name[0].isupper() and words[0] not in ("the",):
        return "unnamed"
    body = words[1:] if words[0] == "the" else words
    if not body:
        return "unnamed"
    if "and" in body or "," in name:
        return "group"
    if any(w not in lex.particles and w not in _CONNECT and w[:1].islower()
           for w in _TOKEN.findall(name)[1:]):
        return "unnamed"  # a description, not a name: "Keith Scott's wife", "Americans worried about ..."
    joined = " ".join(body)
    if joined in lex.groups or (len(body) == 1 and body[0].endswith("ans")):
        return "group"
    if joined in lex.places or joined.replace(".", "") in lex.places:
        return "place"
    if joined in lex.org_names or any(w in lex.org_words for w in body):
        return "organisation"
    if words[0] == "the":
        return "organisation"
    return "person"


def speakers(quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per resolved speaker: who gets to speak, how often, and how.

    Columns: ``speaker_name``, ``n_quotes``, ``n_direct``, ``n_indirect``, ``n_mixed``, ``n_words``
    (words of quoted content), ``n_articles``, ``roles`` (the distinct roles seen, from the quotes'
    ``speaker_role`` column when present, in order of first appearance), and ``kind`` (``person`` |
    ``organisation`` | ``place`` | ``group`` | ``unnamed``, see ``speaker_kind``). Sorted by ``n_quotes``
    descending, ties by name. Quotes whose speaker did not resolve (missing ``speaker_name``) are
    left out and counted in ``df.attrs["n_unresolved"]``; unnamed sources ("a source", "officials") keep their own rows, one per wording,
    marked ``kind == "unnamed"``, so ``df[df.kind != "unnamed"]`` lists the named speakers.
    One row per identity across the corpus (``newslab.speaker_ids``): "Donald J. Trump", "Donald
    Trump" and "Mr. Trump" share a row; ``speaker_id`` is its canonical name (also in
    ``speaker_name``), ``spellings`` the spellings it joined, most used first. ``gender`` (woman /
    man / unknown) and ``gender_evidence`` say what the text states (``newslab.speaker_gender``);
    ``articles`` (``article_id``, ``text``), when given, lend both more evidence.

    Not a corpus step: it aggregates, so run it on the whole quotes table.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a", "a", "b"], "type": ["direct", "indirect", "direct"],
        ...                   "text": ["We will win.", "that it was fine", "No comment."],
        ...                   "speaker_name": ["Ann Lee", "Ann Lee", "a source"],
        ...                   "speaker_role": ["Mayor", None, None]})
        >>> speakers(q)[["speaker_name", "n_quotes", "n_direct", "n_words", "roles", "kind"]]
          speaker_name  n_quotes  n_direct  n_words    roles     kind
        0      Ann Lee         2         1        7  [Mayor]   person
        1     a source         1         1        2       []  unnamed
        >>> q["speaker_name"] = ["Ann Lee", "Ann Lee", "Ms. Lee"]
        >>> q["speaker"] = ["Ann Lee", "she", "Ms. Lee"]
        >>> speakers(q)[["speaker_id", "n_quotes", "spellings", "gender"]]
          speaker_id  n_quotes           spellings gender
        0    Ann Lee         3  [Ann Lee, Ms. Lee]  woman
    """
    if "speaker_name" not in quotes.columns:
        raise ValueError("speakers() needs a quotes table with a 'speaker_name' column, "
                         "as newslab.quotes(articles) returns")
    from .gender import speaker_gender
    from .identity import speaker_ids

    if "speaker_id" not in quotes.columns:
        quotes = speaker_ids(quotes, articles)
    rows: dict[str, dict] = {}
    names = quotes["speaker_name"].tolist()
    ids = quotes["speaker_id"].tolist()
    types = quotes["type"].tolist() if "type" in quotes.columns else [None] * len(quotes)
    texts = quotes["text"].tolist() if "text" in quotes.columns else [None] * len(quotes)
    arts = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * len(quotes)
    roles = quotes["speaker_role"].tolist() if "speaker_role" in quotes.columns else [None] * len(quotes)
    unresolved = 0
    for name, typ, txt, aid, role, key in zip(names, types, texts, arts, roles, ids):
        if not isinstance(name, str) or not name.strip() or not isinstance(key, str):
            unresolved += 1
            continue
        name = name.strip()
        r = rows.get(key)
        if r is None:
            r = rows[key] = {"spellings": {}, "n_quotes": 0, "n_direct": 0, "n_indirect": 0, "n_mixed": 0,
                             "n_words": 0, "articles": set(), "roles": []}
        r["spellings"][name] = r["spellings"].get(name, 0) + 1
        r["n_quotes"] += 1
        if typ in ("direct", "indirect", "mixed"):
            r[f"n_{typ}"] += 1
        if isinstance(txt, str):
            r["n_words"] += len(_TOKEN.findall(txt))
        r["articles"].add(aid)
        if isinstance(role, str) and role.strip() and role.strip() not in r["roles"]:
            r["roles"].append(role.strip())
    gender = {}
    if "speaker" in quotes.columns:
        gender = speaker_gender(quotes, articles).set_index("speaker_id").to_dict("index")
    out = []
    for key, r in rows.items():
        spellings = sorted(r["spellings"], key=lambda s: (-r["spellings"][s], s))
        g = gender.get(key, {})
        out.append({"speaker_name": key, "n_quotes": r["n_quotes"], "n_direct": r["n_direct"],
                    "n_indirect": r["n_indirect"], "n_mixed": r["n_mixed"], "n_words": r["n_words"],
                    "n_articles": len(r["articles"]), "roles": r["roles"], "kind": speaker_kind(key),
                    "speaker_id": key, "spellings": spellings, "gender": g.get("gender", "unknown"),
                    "gender_evidence": g.get("gender_evidence", "")})
    df = pd.DataFrame(out, columns=SPEAKER_COLUMNS)
    if len(df):
        df = df.sort_values(["n_quotes", "speaker_name"], ascending=[False, True], kind="stable")
    for c in ("n_quotes", "n_direct", "n_indirect", "n_mixed", "n_words", "n_articles"):
        df[c] = df[c].astype("int64")
    df = df.reset_index(drop=True)
    df.attrs["n_unresolved"] = unresolved  # quotes left out: visible, not silently lost
    return df
