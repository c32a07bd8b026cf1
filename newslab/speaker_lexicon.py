"""Speaker lexicons: the word lists of speaker resolution, read once, and the word sets of the rules.

The lists are plain-text files in ``newslab/data`` (``titles.txt``, ``speaker_*.txt``), loaded by
:mod:`newslab._lexicon`; a title word's canonical head and gender ("spokeswoman" -> spokesperson, f)
come from ``titles.txt``.

Examples:
    >>> _head_of(_lex(), "spokeswoman")
    ('spokesperson', 'f')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import _lexicon

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
                            "attacked", "accused", "and", "unlike", "despite", "besides", "alongside"})
_LOOSE_MODS = frozenset({"former", "then", "top", "senior", "longtime", "veteran", "new", "current", "acting", "ex"})
_NEAR_CUES = frozenset({"said", "says", "told", "added", "tells", "asked", "wrote", "writes", "stated", "noted",
                        "argued", "explained", "insisted", "warned", "claimed", "spoke", "responded", "replied"})
# Words that introduce a document with its author: "said in a statement", "issued a report", "filed
# a complaint", "wrote in the company's blog post" (newslab.speaker_walk._Walker.document).
_AUTHORED_BY = frozenset({"in", "issued", "released", "published", "filed", "posted", "wrote", "sent", "emailed"})
_NOT_AUTHORED = frozenset({"to", "of", "for", "on", "about", "with", "against", "by", "from"})
_RECENT = 24  # persons / groups remembered for pronouns: bounded, so a pronoun costs O(1)
_MAX_NAME = 8  # name words indexed for surname lookup ("Luiz Inácio Lula da Silva" has five)
_AUX = frozenset({"has", "had", "have", "is", "was", "will", "would", "also", "on", "later", "then"})
_NOT_IN_ROLE = frozenset({"is", "was", "are", "were", "be", "been", "being", "becoming", "became", "become",
                          "will", "would", "has", "have", "had", "having", "did", "does", "do", "can",
                          "could", "may", "might", "must", "should", "named", "called", "appointed",
                          "getting", "making", "taking", "going", "saying", "follow", "follows", "threw",
                          "met", "beat", "defeated", "fired", "hired", "replaced", "succeeded", "than"})
_PEERAGE = frozenset({"lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess",
                      "duke", "duchess", "king", "queen", "prince", "princess", "pope", "emperor", "empress",
                      "sheikh", "sheikha", "emir", "sultan"})


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
    authored: frozenset[str] = frozenset()  # documents and written works: "Foster's book" is Foster's


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
    # ("Modi Announced a curfew": a capitalised past form of a reporting verb is no name word)
    function = frozenset(w.lower() for w in _lexicon.words("speaker_function_words.txt")) \
        | frozenset(c for c in cues if c.endswith("ed") and len(c) > 5 and " " not in c)
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
        authored=frozenset(w.lower() for w in _lexicon.words("speaker_documents.txt") | _lexicon.words(
            "speaker_authored.txt")),
    )

def _is_head(lex: _Lex, w: str) -> bool:
    return w in lex.heads or ("-" in w and (w.rsplit("-", 1)[1] in lex.heads))


def _head_of(lex: _Lex, w: str) -> tuple[str, str | None] | None:
    if w in lex.heads:
        return lex.heads[w]
    if "-" in w and w.rsplit("-", 1)[1] in lex.heads:
        return lex.heads[w.rsplit("-", 1)[1]]
    return None


@lru_cache(maxsize=1 << 16)
def _kind_words(words: tuple[str, ...]) -> str | None:
    lex = _lex()
    joined = " ".join(words)
    if joined in lex.places or joined.replace(".", "") in lex.places:
        return "place"
    if joined in lex.groups:
        return "group"
    # (set operations in C rather than any()/all() over a generator: every new name passes here)
    if joined in lex.org_names or not lex.org_words.isdisjoint(words):
        return "org"
    if len(words) == 1 and words[0].endswith("ans") and words[0] not in lex.given:  # "Americans"
        return "group"
    if lex.places.issuperset(words):
        return "place"
    return None
