"""Speaker names: how one speaker mention resolves to a name, as named steps in a declared order.

Each step is a function that takes the mention (a ``_Mention``) and returns ``(name, role,
referent)`` when it decides, or None to pass the mention on; ``STEPS`` declares their order, and
the first step that decides, decides (like the sieves of CoreNLP's quote attribution):

==================  ====================================================================
step                the mention it resolves
==================  ====================================================================
pronoun             "he", "she", "they", "who": the person or group the walk points at
age                 "the 34-year-old": the person the sentence is about
name_list           "The US, Japan and South Korea": a group of names, as written
person              "Dmitry Peskov", "Peskov", "NBC's Dante Chinni": the person named
title_surname       "Major" after "Robert Major": a title word that is a person's surname
organisation        "The Foreign Ministry", "North Korea": as written
no_noun             "those familiar with the talks": an unnamed source, as written
role                "the spokesperson", "Germany's chancellor": the role's holder
organisation_noun   "the ministry", "the company": the organisation named or quoted before
group_noun          "the Trump campaign", "Republicans": as written
same_source         "The spokeswoman" after "A spokeswoman for X": that unnamed source
unnamed             "a source", "officials": an unnamed source, as written
==================  ====================================================================

Examples:
    >>> from newslab.speakers import resolve_speakers
    >>> resolve_speakers("Ann Lee, the mayor, spoke. Lee said it was fine.", [(27, 30)])
    [('Ann Lee', 'mayor')]
"""
from __future__ import annotations

import bisect
import re

from ._lazy import lazy
from .speaker_article import _Entity, _Group
from .speaker_fullname import acronym_in_text, full_name_in_text
from .speaker_lexicon import (
    _CUT,
    _DEFINITE,
    _INDEFINITE,
    _LOOSE_MODS,
    _OBJECT_BEFORE,
    _POSS,
    _head_of,
    _is_head,
    _Lex,
)
from .speaker_mentions import _acronym, _kind_of, _name_words, _Parse, _parse_run, _role_left
from .speaker_tokens import _Doc, _runs
from .speaker_walk import _Walker


def _lower_first(s: str, lex: _Lex) -> str:
    first = s.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return s  # an acronym ("WHO officials") keeps its capitals
    first = first.lower()
    if first in _DEFINITE or first in _INDEFINITE or first in lex.unnamed or first in lex.function:
        return s[:1].lower() + s[1:]
    return s


def _unnamed_name(m: _Mention) -> str:
    """An unnamed source's name: the mention with its first letter lower-cased, less what follows
    "but" ("a person familiar with the talks but unauthorized to speak publicly" -> "a person
    familiar with the talks": the source is described, the rest says why it is unnamed), when a
    qualifying word comes before it (not "complete but unofficial returns")."""
    parts = _BUT.split(m.surface, 1)
    if len(parts) == 2 and not _CUT.isdisjoint(parts[0].lower().split()):
        return _lower_first(parts[0], m.lex)
    return _lower_first(m.surface, m.lex)


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


def _owns_unit(m: _Mention) -> bool:
    """Does the mention end in a lower-case organisation noun ("Cisco System's Talos cybersecurity
    unit", "Google's AI research team")? Then a possessive name in it owns that unit."""
    head = m.doc.low[m.head[1]]
    return not m.doc.cap[m.head[1]] and (head in m.lex.org_words or head in m.lex.company)


def _names_inside(doc: _Doc, b0: int, u: int, lex: _Lex) -> bool:
    """Does a capitalised word follow token b0 in the mention [b0, u) before any word that starts a
    qualifying phrase ("of", "in", "close to", "familiar with")?"""
    for x in range(b0 + 1, min(u, b0 + 9)):
        if doc.low[x] in _CUT or (not doc.spaced[x - 1] and not doc.cap[x]):
            return False  # ("The aides, led by campaign manager Terry Sullivan": a clause, not a name)
        if doc.cap[x] and doc.low[x] not in lex.function:
            return True
    return False


_AGE = re.compile(r"\d{1,3}-year-old")
_BUT = re.compile(r",?\s+but\s")
_CLAUSE = re.compile(r",\s+(?:which|who|whose|that|including|like|such|a|an|the|[a-z]{2,}ed)\s")  # (", released by")


def _clean_surface(s: str) -> str:
    """The mention as a name: no relative clause or appositive, no trailing possessive or comma."""
    s = _CLAUSE.split(s, 1)[0].strip().strip(",;:")
    if len(s) > 2 and s.endswith(_POSS):  # (every possessive suffix is two characters long)
        s = s[:-2]
    return s.strip()


# What a step decides: (name, role, referent), or (name, role, referent, name_rule) when the step
# tells apart several ways of deciding (a full name, a surname); the referent is an _Entity, a
# _Group or None.
_Resolved = tuple


class _Mention:
    """One speaker mention text[s:e] over tokens [t, u), as the steps read it: the parts that take
    work (the runs of names in it, the best person and the first organisation among them, its head
    noun) are worked out on first use, once, for whichever step asks first."""

    def __init__(self, w: _Walker, s: int, e: int, t: int, u: int) -> None:
        self.w, self.s, self.e, self.t, self.u = w, s, e, t, u
        self.art = w.art
        self.doc, self.lex = w.art.doc, w.art.lex
        self.surface = _clean_surface(self.doc.text[s:e])
        self.said = self.surface.lower()
        # Possessive-pronoun phrases ("his spokesman") and determiners are read as role nouns.
        low = self.doc.low[t]
        self.det = low if low in _DEFINITE or low in _INDEFINITE else None
        self.b0 = t + 1 if self.det else t  # the first token after the determiner

    @lazy
    def runs(self) -> list[tuple[int, int]]:
        """The runs of names that may be the speaker (none in a plain noun: "Officials", "Video")."""
        doc, lex, b0, u = self.doc, self.lex, self.b0, self.u
        # "Officials said", "Sources familiar with ...": capitalised only because a sentence starts there.
        # ("Economist Dr. Arvind Subramanian", "Analyst Jane Doe": the noun is a title before a name.)
        # ("The report's author, PBO head Ben Lannen", "Police spokesperson Brig. Athlenda Mathe": a name
        # in the mention, not after "of", "in", "close to" ..., is the speaker.)
        plain = b0 < u and ((doc.low[b0] in lex.unnamed and not _names_inside(doc, b0, u, lex)) or (
            # "Demonstrators said", "Video shows": a capitalised word that the article also writes in
            # lower case is a common noun at the start of a sentence, unless it is a known name.
            u - b0 == 1 and (b0 == 0 or doc.sent[b0 - 1] != doc.sent[b0]) and doc.low[b0] not in self.art.by_key
            and doc.low[b0] not in lex.given and doc.low[b0] in self.art.lower_words()))
        return [] if plain else _drop_cut_runs(doc, b0, _runs(doc, b0, u, lex), lex)

    @lazy
    def named_runs(self) -> list[tuple[int, int]]:
        """The runs, less any before a role that another name holds: in "North Korean leader Kim Jong
        Un" the run "North Korean" is part of the role."""
        runs, doc = self.runs, self.doc
        for x in range(len(runs) - 1, 0, -1):
            left = _role_left(doc, runs[x][0], self.lex)
            # (not across a comma: in "Navdeep Bains, Minister of Innovation, Science and Economic
            # Development" the words after the comma go on with the role, they hold none)
            if left is not None and left <= runs[x - 1][0] \
                    and "," not in doc.text[doc.ends[runs[x - 1][1] - 1]:doc.starts[runs[x][0]]]:
                return runs[x:]
        return runs

    @lazy
    def candidates(self) -> tuple[tuple[int, int, int, _Parse] | None, tuple[str, int, int] | None]:
        """(best person run as (score, i, j, parse), first organisation as (kind, a, b)) of the runs."""
        best: tuple[int, int, int, _Parse] | None = None
        org: tuple[str, int, int] | None = None  # kind and name tokens of the first organisation
        for i, j in self.named_runs:
            cand = _run_candidate(self, i, j)
            if cand is None:
                continue
            if isinstance(cand[0], str):
                kind, a, b, modifier, role = cand  # type: ignore[misc]
                if org is None and not modifier and not role:
                    org = (kind, a, b)
                elif org is not None and kind == "org":
                    org = ("org", org[1], org[2])  # "North Korea's Foreign Ministry" is an organisation
            elif (best is None or _person_rank(self, cand) > _person_rank(self, best)
                  or (cand[0] == best[0] and _outranks(self, cand, best))):
                best = cand  # type: ignore[assignment]
        return best, org

    @lazy
    def head(self) -> tuple[int, int]:
        """(k, head_i): the mention's noun phrase ends before token k, at its head noun head_i; k is the
        first qualifying word ("of", "familiar", "who") or the mention's end."""
        k = self.b0
        while k < self.u and self.doc.low[k] not in _CUT:
            k += 1
        return k, k - 1


def _outranks(m: _Mention, cand: tuple, best: tuple) -> bool:
    """Of two person candidates ``(score, i, j, parse)`` with one score, does the later one speak: a
    full name with a title or a known given name, after a one-word name that only matches someone's
    name word, with no preposition between them ("One red-state Democrat, Montana Sen. Jon Tester",
    "a Republican, Mark Amodei"; not "Mukasey, the attorney general under President George W. Bush")?"""
    doc, lex = m.doc, m.lex
    p, q = cand[3], best[3]
    a, b = p.name
    if q.name[1] - q.name[0] != 1 or b - a < 2 or not (p.titled or doc.low[a] in lex.given):
        return False
    return not any(doc.low[x] in _OBJECT_BEFORE for x in range(best[2], cand[1]))


def _drop_cut_runs(doc: _Doc, b0: int, runs: list[tuple[int, int]], lex: _Lex) -> list[tuple[int, int]]:
    """Runs of a mention that may be its speaker: "a spokeswoman for Hillary Clinton", "Kevin Barrett,
    a lawyer at Bailey & Glasser": a name after a preposition is not the speaker, but one set off by
    a comma is ("a lawyer for the outlets, David Schulz,"), and a time ("on Wednesday", "in March")
    qualifies nobody ("Controversy erupted on Wednesday after John McCallum, Canada's ambassador")."""
    keep = []
    cut = False
    x = b0
    for i, j in runs:
        # (the gap after the previous run counts too: "the head of the Association of School
        # Leaders, Pepe Di'Iasio,")
        if b0 < x == i and doc.text[doc.ends[x - 1]:doc.starts[x]].strip() == ",":
            cut = False
        while x < i:
            if doc.low[x] in _CUT and not _acronym(doc, x) and not (  # ("WHO Director-General ...")
                    doc.low[x] in ("on", "in") and doc.cap[x + 1] and doc.low[x + 1] in lex.no_start):
                cut = True
            if doc.text[doc.ends[x]:doc.starts[x + 1]].strip() == ",":
                cut = False
            x += 1
        if not cut:
            keep.append((i, j))
        x = j
    return keep


def _run_candidate(m: _Mention, i: int, j: int) -> tuple | None:
    """What run [i, j) of mention m offers: ``(kind, a, b, modifier, role)`` for an organisation, place
    or group; ``(score, i, j, parse)`` for a person (2: titled, a given name, a known name or set off
    as an appositive; 1: two words or more; 0: one word); None for neither."""
    doc, lex, u, b0 = m.doc, m.lex, m.u, m.b0
    # "the Republican nominee", "the Trump campaign": a run that only modifies a noun
    modifier = j < u and doc.spaced[j - 1] and not doc.cap[j] and doc.low[j] not in _CUT
    p = _parse_run(doc, i, j, lex)
    if p.name is None:
        return None
    a, b = p.name
    kind = _kind_of(doc, a, b, lex) if not p.titled else None
    if modifier and kind == "org" and doc.low[j] == "and" and j + 1 < u and doc.cap[j + 1]:
        modifier = False  # "the Department of Health and Social Care": the name goes on after "and"
    if kind is None and m.det == "the" and i == b0 and not p.titled:
        kind = "org"  # "The Hill", "the Charlotte Observer": people are not "the X"
    if kind:
        return kind, a, b, modifier, p.role
    if modifier or (doc.poss[j - 1] and j < u and doc.spaced[j - 1] and doc.cap[j]
                    and (_owns_person(doc, j, u, lex) or _owns_unit(m))):
        # (a possessive before a titled name owns it: "Victoria's Premier Jacinta Allan"; one before an
        # organisation's unit is its owner: "Cisco System's Talos cybersecurity unit")
        return None
    return _person_score(m, i, j, p), i, j, p


def _person_rank(m: _Mention, cand: tuple) -> tuple[int, bool]:
    """How a person candidate ``(score, i, j, parse)`` of mention m ranks among its runs: by its
    score, then a titled or full name before a single word of the same score ("One red-state
    Democrat, Montana Sen. Jon Tester", "Vancouver's Bo Horvat": the word only places the person),
    unless that word heads the mention with an appositive ("Mukasey, the attorney general under
    President George W. Bush")."""
    score, i, j, p = cand
    doc = m.doc
    head = i == m.b0 and j < m.u and doc.text[doc.ends[j - 1]:doc.starts[j]].strip() == ","
    return score, head or p.titled or p.name[1] - p.name[0] >= 2


def _person_score(m: _Mention, i: int, j: int, p: _Parse) -> int:
    """How much run [i, j), parsed as p, looks like a person: of several names in one mention ("NBC's
    Dante Chinni", "a partner at Lenox, Lawrence Cummings"), the one that looks most like a person
    speaks."""
    doc, lex, u, b0 = m.doc, m.lex, m.u, m.b0
    a, b = p.name  # type: ignore[misc]
    appositive = i == b0 and j < u and doc.text[doc.ends[j - 1]:doc.starts[j]].strip() in (",", "--", "\u2014")
    # "NBC's Dante Chinni", "Russia's Sergei Lavrov": a name right after a possessive is the person
    # (not a name cut from a longer one: "South Korea's Joint Chiefs | of Staff")
    appositive = appositive or (i > b0 and doc.poss[i - 1] and b - a >= 2 and doc.spaced[i - 1]
                                and (b == j or doc.low[a] in lex.given))
    art = m.art
    return (2 if p.titled or doc.low[a] in lex.given or _name_words(doc, a, b) in art.entities
            or (b - a == 1 and doc.low[a] in art.by_key) or appositive else 1 if b - a >= 2 else 0)


def _as_person(ent: _Entity, role: str | None = None) -> _Resolved:
    return ent.name, role or (ent.roles[0] if ent.roles else None), ent


# ------------------------------------------------------------------------------------- the steps
def pronoun(m: _Mention) -> _Resolved | None:
    """ "He said", "they said", "who said": the person or group the walk points at (see ``_Walker``);
    I / we / you and a pronoun with no compatible antecedent are decided as ``None``."""
    lex = m.lex
    if not (m.said in lex.pronouns or (m.u - m.t == 1 and m.doc.low[m.t] in lex.pronouns)):
        return None
    ref = m.w.pronoun(m.t, lex.pronouns.get(m.said))
    if isinstance(ref, _Entity):
        return _as_person(ref)
    if isinstance(ref, _Group):
        return ref.name, None, ref
    return None, None, None


def document_of(m: _Mention) -> _Resolved | None:
    """ "her statement said", "his letter says": the statement is its author's, the person or group
    the possessive points at (as for she / he / they / it)."""
    doc, lex = m.doc, m.lex
    if m.u - m.t != 2 or doc.low[m.t] not in ("his", "her", "their", "its") or doc.low[m.t + 1] not in lex.documents:
        return None
    ref = m.w.pronoun(m.t, lex.pronouns.get(doc.low[m.t]))
    if isinstance(ref, _Entity):
        return _as_person(ref)
    if isinstance(ref, _Group):
        return ref.name, None, ref
    return None


def document_author(m: _Mention) -> _Resolved | None:
    """ "The Dairy Council said in a statement ... The statement also said", "Lena Ortiz wrote in
    the company's blog post ... the post read": the document is its author's, when a sentence before
    introduced it with one (see ``_Walker.document``)."""
    doc = m.doc
    if m.u - m.t != 2 or doc.low[m.t] not in ("the", "this", "that") or doc.low[m.t + 1] not in m.lex.documents:
        return None
    ref = m.w.authors.get(doc.low[m.t + 1])
    if isinstance(ref, _Entity):
        return _as_person(ref)
    if isinstance(ref, _Group):
        return ref.name, None, ref
    return None


def document_by(m: _Mention) -> _Resolved | None:
    """ "A statement from the EU said", "a report by the World Bank", "Foster's book", "the ministry's
    statement", "Estimates by event organizers": a document whose author the mention names is its
    author's, when the author resolves to a person, a named group or people (not "a report from
    sources")."""
    doc, lex = m.doc, m.lex
    k = m.b0
    while k < m.u and doc.low[k] not in _CUT and doc.low[k] != "by":
        k += 1
    head_i = k - 1
    if head_i < m.b0 or doc.low[head_i] not in lex.authored:
        return None
    if k < m.u - 1 and doc.low[k] in ("from", "by"):
        t, u = k + 1, _name_end(doc, k + 1, m.u, lex)  # the author after the noun
        s, e = doc.starts[t], (m.e if u == m.u else doc.ends[u - 1])
    else:
        owner = next((x for x in range(m.t, head_i) if doc.poss[x]), None)
        if owner is None or (owner == m.t and doc.low[owner] in _DEFINITE) or doc.low[head_i] in _NOT_OWNED:
            return None  # ("her statement": document_of; "Clinton's track record" is not written by her)
        t, s, u, e = m.t, m.s, owner + 1, doc.ends[owner]  # "Foster's book": the owner
    name, role, ref, _rule = _resolve_mention(m.w, s, e, t, u)
    if isinstance(ref, _Entity) or (isinstance(ref, _Group) and (ref.kind != "unnamed" or _people_author(doc, t, u))):
        return name, role, ref
    return None


def _people_author(doc: _Doc, t: int, u: int) -> bool:
    """Is the unnamed author of tokens [t, u) a group of people ("Estimates by event organizers", "a
    study by researchers at the university"), not a source that stands for nobody ("a report from
    sources")? The group made the estimate, so the group speaks."""
    return not any(doc.low[x] in ("source", "sources", "reports", "media") for x in range(t, u))


def document_in(m: _Mention) -> _Resolved | None:
    """ "Trudeau called the allegation false and in a carefully worded response said he never ...": a
    document after "in" is how the sentence's subject spoke, so the speaker is that subject (the
    person named as the subject, else the sentence's first group)."""
    doc, w = m.doc, m.w
    if m.t == 0 or doc.low[m.t - 1] != "in" or doc.sent[m.t - 1] != doc.sent[m.t] \
            or doc.low[m.u - 1] not in m.lex.authored or any(doc.cap[x] for x in range(m.b0, m.u)):
        return None
    if w.subject is not None and w.subject_named:
        return _as_person(w.subject)
    if w.sent_group is not None and w.sent_group.kind != "unnamed":
        return w.sent_group.name, None, w.sent_group
    return None


_NOT_OWNED = frozenset({"record", "records"})
_IN_NAME = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "le"})


def _name_end(doc: _Doc, t: int, u: int, lex: _Lex) -> int:
    """Where the author's name that starts at token t ends within u: after its run of capitalised
    words ("the American Legion | obtained by The Associated Press", "ABC Australia | on March 3");
    u when the run is followed by an appositive ("Gregory Hicks, the former deputy chief") or when
    no capitalised word comes first ("economists Peter Schott and Justin Pierce")."""
    x = t + 1 if doc.low[t] in ("the", "a", "an") else t
    if x >= u or not doc.cap[x]:
        return u
    while x < u and (doc.cap[x] or (doc.low[x] in _IN_NAME and x + 1 < u and doc.cap[x + 1])):
        x += 1
    if x < u and (doc.poss[x - 1] or doc.text[doc.ends[x - 1]:doc.starts[x]].strip() in (",", "--", "\u2014")):
        return u  # ("the State Department's inspector general": the name goes on)
    if x < u and (doc.low[x] in lex.org_words or doc.low[x] in lex.company):
        return x + 1  # ("the Mexican government", "the Nigerian army": the adjective names the body's country)
    return x


def age(m: _Mention) -> _Resolved | None:
    """ "the 34-year-old said", "the 26-year-old right wing said": the person the sentence is about,
    as for he / she."""
    if 2 <= m.u - m.t <= 4 and m.doc.low[m.t] == "the" and _AGE.fullmatch(m.doc.low[m.t + 1]) \
            and not any(m.doc.cap[k] for k in range(m.t + 2, m.u)):
        ent = m.w.he_she(None)
        if ent is not None:
            return _as_person(ent)
    return None


def name_list(m: _Mention) -> _Resolved | None:
    """ "The US, Japan and South Korea said", "Russia and North Korea": a group of several names, as
    written."""
    doc, runs = m.doc, m.runs
    if len(runs) >= 2 and any(doc.low[k] == "and" or doc.text[doc.ends[k]:doc.starts[k + 1]].strip() == "&"
                              for k in range(runs[0][1] - 1, runs[-1][0])) \
            and all(doc.low[k] in ("and", "the") or doc.cap[k] or doc.low[k] in m.lex.particles
                    for k in range(runs[0][0], runs[-1][1])):
        i = runs[0][0]
        if i > m.t and doc.text[doc.ends[i - 1]:doc.starts[i]].strip() == "," and not any(
                doc.low[k] in _CUT or (doc.cap[k] and k > m.t) for k in range(m.t, i)):
            # "His defence attorneys, Charles Glynn and Richard Jones": the names, the role before them
            name = doc.text[doc.starts[i]:doc.ends[runs[-1][1] - 1]]
            return name, doc.text[doc.starts[m.t]:doc.ends[i - 1]], _Group(name, "group")
        return m.surface, None, _Group(m.surface, "group")
    return None


def person(m: _Mention) -> _Resolved | None:
    """ "Kremlin Spokesperson Dmitry Peskov", "Peskov" (a surname: the full name given earlier), "NBC's
    Dante Chinni", "Baroness Hallett": the person named in the mention, with the role written with
    the name ("A spokesman for the regional administration, Dmytro Chubenko," takes the role before
    the comma)."""
    best, org = m.candidates
    if best is None or (best[0] != 2 and org is not None):
        return None
    doc, b0 = m.doc, m.b0
    _score, i, j, p = best
    ent = m.art.person_for(p, m.t)
    role = m.art.role_of(i, j, p)
    if role is None and i > b0 and doc.text[doc.ends[i - 1]:doc.starts[i]].strip() == ",":
        # "A spokesman for the regional administration in Kharkiv, Dmytro Chubenko,": the role
        # before the comma is his, so "the spokesman" later is him.
        head_at = next((x for x in range(b0, min(i, b0 + 4)) if _is_head(m.lex, doc.low[x])), None)
        if head_at is not None and not any(doc.cap[x] for x in range(b0, head_at + 1)):
            role = doc.text[doc.starts[b0]:doc.ends[i - 1]]
    if role:
        ent.add_role(role, m.lex)
    return (*_as_person(ent, role), _person_rule(m, p, ent))


def _person_rule(m: _Mention, p: _Parse, ent: _Entity) -> str:
    """How a person named in the mention got their name: ``single_name`` (one name word and no fuller
    name in the article: "Mr. Lavrov"), ``surname`` (one name word joined to the full name given
    elsewhere: "Peskov" -> "Dmitry Peskov"), else ``full_name`` (the name as written, or its known
    spelling: "Donald J. Trump" -> "Donald Trump")."""
    a, b = p.name  # type: ignore[misc]
    if len(ent.words) < 2:
        return "single_name"
    if b - a == 1 and ent.name not in m.surface:
        return "surname"
    return "full_name"


def title_surname(m: _Mention) -> _Resolved | None:
    """ "Major said" after "Robert Major", "Judge told the court" after "Amara Judge": a lone title word
    that the article writes as a person's surname is that person, not the holder of the title."""
    doc, t = m.doc, m.t
    if m.u - t != 1 or not doc.cap[t] or not _is_head(m.lex, doc.low[t]):
        return None
    ent = m.art.lookup(doc.low[t], None, t)
    if ent is None or len(ent.words) < 2 or ent.words[-1] != doc.low[t]:
        return None
    return (*_as_person(ent), "surname")


def organisation(m: _Mention) -> _Resolved | None:
    """ "The Foreign Ministry", "North Korea", "the White House": an organisation, country or group
    named in the mention, as written, without a trailing possessive; but "Jordan" alone is the
    senator Jim Jordan when the article names him."""
    org = m.candidates[1]
    if org is None:
        return None
    kind, a, b = org
    doc = m.doc
    if b - a == 1 and m.art.by_key.get(doc.low[a]) and m.det is None:  # "Jordan" the senator, not the country
        namesake = m.art.lookup(doc.low[a], None, m.t)
        if namesake is not None:
            return (*_as_person(namesake), "surname")
    name = m.surface
    if a > m.t and _common_owner(doc, m.t, a):
        name = _clean_surface(doc.text[doc.starts[a]:m.e])
    return name, None, _Group(name, kind)


def _common_owner(doc: _Doc, t: int, a: int) -> bool:
    """Do the tokens [t, a) before an organisation's name only say whose it is, in lower case ("the
    province's Department of Community Services", "its Foreign Ministry")? Then the name is the
    organisation's; an owner with a name stays ("North Korea's Foreign Ministry")."""
    if any(doc.cap[x] and doc.low[x] not in _DEFINITE for x in range(t, a)):
        return False  # ("The city's Water Board": a determiner may start the sentence)
    return doc.poss[a - 1] or (a - t == 1 and doc.low[t] in ("its", "their", "his", "her"))


def no_noun(m: _Mention) -> _Resolved | None:
    """ "those familiar with the talks": no noun before the qualifying words, an unnamed source as
    written."""
    if m.head[1] >= m.b0:
        return None
    name = _unnamed_name(m)
    return name, None, _Group(name, "unnamed")


def role(m: _Mention) -> _Resolved | None:
    """ "the spokesperson", "the foreign minister", "Germany's chancellor", "his spokesman": the person
    who holds that role in the article, the most recent one whose role has the noun's words; a role
    named before its holder at the top of the article ("The health minister has defended ... Jane Doe
    said") is the person named next."""
    doc, lex, b0 = m.doc, m.lex, m.b0
    head_i = m.head[1]
    head = doc.low[head_i]
    h = _head_of(lex, head)
    if not (h and (m.det is None or m.det in _DEFINITE) and head not in ("official", "officials")):
        return None
    # Words that narrow the role ("the foreign minister", "the Republican nominee") must be in the
    # holder's role; "former", "top" and the like need not.
    canon = lex.mod_canon
    mods = {canon.get(doc.low[x], doc.low[x]) for x in range(b0, head_i)} - _LOOSE_MODS
    holder = None
    for ent in reversed(m.w.persons):
        if h[0] in ent.canon:
            if _mods_match(mods, {canon.get(x, x) for x in " ".join(ent.roles).lower().split()}, lex):
                holder = ent
                break
            holder = holder or (ent if not mods else None)
    if holder is None:
        holder = m.art.forward.get(head_i)  # "The health minister has defended ... Jane Doe said"
    if holder is None and not mods:
        holder = m.art.holder(h[0])
    if holder is None:
        return None
    held = next((r for r in holder.roles if head in r.lower()), holder.roles[0] if holder.roles else None)
    return holder.name, held, holder


def organisation_noun(m: _Mention) -> _Resolved | None:
    """ "the ministry" after "The Foreign Ministry said": the organisation named before; "The company
    said" after "Eskom said": the company (or a name that is no person's) quoted just before."""
    doc, lex, w, b0 = m.doc, m.lex, m.w, m.b0
    k, head_i = m.head
    head = doc.low[head_i]
    if _head_of(lex, head) or m.det != "the" or not (head in lex.org_words or head in lex.company) \
            or any(doc.cap[x] for x in range(b0, k)):
        return None
    recent = [w.last_speaker] if isinstance(w.last_speaker, _Group) else []
    for g in recent + list(reversed(w.groups.values())):
        if g.kind == "org" and head in g.name.lower().split():
            return g.name, None, g
    if head in _BODIES:
        return _last_body(m)
    t0 = bisect.bisect_left(doc.sent, doc.sent[m.t])  # first token of this sentence
    near = w.speaker_at >= 0 and (t0 == 0 or doc.sent[w.speaker_at] >= doc.sent[t0 - 1])
    if not (head in lex.company and m.u - b0 <= 3 and near):  # ("the company", "the security firm")
        return None
    last = w.last_speaker
    if isinstance(last, _Group) and last.kind == "org" and any(
            x.strip(".") in lex.corporate or x in lex.company for x in last.name.lower().split()):
        return last.name, None, last  # "Boeing Co.", "Barclays Bank" (not "the ministry")
    if isinstance(last, _Entity) and last.gender is None and not last.roles \
            and not any(x in lex.given for x in last.words or last.name.lower().split()):
        return last.name, None, last
    return None


# Nouns for a public body that a text may use for any of them: "the agency" after "The U.S. State
# Department said".
_BODIES = frozenset({"agency", "department", "ministry", "office", "bureau", "authority", "commission",
                     "regulator", "watchdog", "body", "service"})


_BODY_GAP = 1500  # characters back to look for the body's name
_LINES = re.compile(r"\n+")


def _last_body(m: _Mention) -> _Resolved | None:
    """ "The U.S. State Department called for their release ... \"We share Canada's commitment,\" the agency
    said": the most recent organisation the walk has seen, when its name has a public body's word
    (Department, Ministry, Office ...) and it is named in this paragraph or the one before."""
    doc, last = m.doc, m.w.last_speaker
    if isinstance(last, _Group) and last.kind == "org" and not _BODIES.isdisjoint(last.name.lower().split()):
        return last.name, None, last  # the body that spoke last ("the agency" again)
    for g in reversed(m.w.groups.values()):
        if g.kind == "org":
            at = doc.text.rfind(g.name, max(0, m.s - _BODY_GAP), m.s)  # (rare: "the agency" and the like)
            if at >= 0 and not _BODIES.isdisjoint(g.name.lower().split()) \
                    and len(_LINES.findall(doc.text, at, m.s)) <= 1:
                return g.name, None, g
            break
    return None


def group_noun(m: _Mention) -> _Resolved | None:
    """ "the Trump campaign", "the White House", "Republicans": a noun phrase the lexicons name as an
    organisation, a place or a group speaks, as written; when its noun is an unnamed source's
    ("administration officials", "party sources"), a later "the officials" is that source."""
    k, head_i = m.head
    if _head_of(m.lex, m.doc.low[head_i]):
        return None
    kind = _kind_of(m.doc, m.b0, k, m.lex)
    if kind in ("org", "place", "group"):
        # "administration officials unauthorized to speak": "the officials" later are the same source
        key = next((m.doc.low[x] for x in range(head_i, m.b0 - 1, -1) if m.doc.low[x] in m.lex.unnamed), None)
        return m.surface, None, _Group(m.surface, kind, key)
    return None


def _source_key(m: _Mention) -> str | None:
    """An unnamed source's key: its title's canonical head, or its noun ("official", "source", "person")."""
    head = m.doc.low[m.head[1]]
    if head in m.lex.documents:
        return None  # "the poll", "the report": no unnamed person to link to
    h = _head_of(m.lex, head)
    return h[0] if h else head if head in m.lex.unnamed else None


def same_source(m: _Mention) -> _Resolved | None:
    """ "A spokeswoman for Prime Minister Keir Starmer said ... The spokeswoman said", "Two people
    familiar with the plan said ... The people said": the same unnamed source, as first written,
    when the words before the noun are in its name too ("the GOP leaders" are not "congressional
    leaders")."""
    key = _source_key(m)
    if not (key and m.det in ("the", "this", "that", "these", "those") and m.u - m.b0 <= 3):
        return None
    mods = {m.doc.low[x] for x in range(m.b0, m.head[1])}
    for g in reversed(m.w.unnamed):
        if g.canon == key:
            if " " in g.name and mods <= set(g.name.lower().split()):
                return g.name, None, g
            break
    return None


def unnamed(m: _Mention) -> _Resolved | None:
    """ "a source", "officials", "sources familiar with the matter", a role nobody in the article holds
    ("a spokesman for the ministry"): an unnamed source, as written with its first letter lower-cased,
    with the role phrase as its role when the noun is a title."""
    doc = m.doc
    h = _head_of(m.lex, doc.low[m.head[1]])
    name = _unnamed_name(m)
    role = doc.text[doc.starts[m.b0]:doc.ends[m.u - 1]] if h else None
    return name, role, _Group(name, "unnamed", _source_key(m) if m.det not in _DEFINITE else None)


# The order in which the steps are tried: the first that decides, decides. Pronouns first (they
# never name anyone themselves); names in the mention before nouns; the unnamed source last.
STEPS = (pronoun, document_of, document_author, document_by, document_in, age, name_list, person, title_surname,
         organisation, no_noun, role, organisation_noun, group_noun, same_source, unnamed)


# The name_rule of a step's decision, where it is not the step's own name (or one the step gives).
NAME_RULES = {"name_list": "group", "no_noun": "unnamed", "title_surname": "surname"}


def _resolve_mention(w: _Walker, s: int, e: int, t: int, u: int) -> tuple[str | None, str | None, object, str]:
    """Resolve the mention text[s:e] spanning tokens [t, u). Returns (name, role, referent, name_rule)."""
    m = _Mention(w, s, e, t, u)
    for step in STEPS:
        res = step(m)
        if res is not None:
            rule = res[3] if len(res) > 3 else NAME_RULES.get(step.__name__, step.__name__)
            return res[0], res[1], res[2], rule
    raise AssertionError("the last step always decides")  # pragma: no cover


# ------------------------------------------------------------------------------------- named later
_MAX_GAP = 3  # sentences between an unnamed source's quote and the next, named one


def named_later(w: _Walker, ref: object, rule: str, t: int, out: list, refs: dict) -> None:
    """ "A spokeswoman for Trudeau said he would not back down. \"Canadians rejected that,\" said Eleanore
    Catenaro.": when the quote right after an unnamed spokesperson names in full (``rule``
    ``full_name``), for the first time, a person who holds no other role (and whose gender does not
    contradict the title's), that person is the spokesperson: its earlier decisions (``out``,
    ``refs``: index -> referent) take the person's name, with name_rule ``named_later``. Called at
    each decision, before it becomes the walk's last speaker.
    """
    prev = w.last_speaker
    if not (rule == "full_name" and isinstance(ref, _Entity) and isinstance(prev, _Group)
            and prev.kind == "unnamed" and prev.canon == "spokesperson"):
        return
    lex, doc = w.art.lex, w.art.doc
    title = next((h for h in (_head_of(lex, x) for x in prev.name.lower().split()) if h), None)
    if title is None or title[0] != prev.canon or (title[1] and ref.gender not in (None, title[1])) \
            or len(ref.words) < 2 or ref.words[0] in lex.particles:
        return
    if ref.first < w.speaker_at or any(prev.canon not in _head_canons(r, lex) for r in ref.roles) \
            or doc.sent[t] - doc.sent[w.speaker_at] > _MAX_GAP:
        return
    for idx, r in refs.items():
        if r is prev:
            refs[idx] = ref
            out[idx] = (ref.name, out[idx][1], "named_later")[:len(out[idx])]


def _head_canons(role: str, lex: _Lex) -> set[str]:
    return {h[0] for h in (_head_of(lex, x) for x in role.lower().split()) if h}


# ------------------------------------------------------------------------------------- finishing steps
# After the walk, with the whole article read: each decision about a person or an organisation may
# take a fuller name the article writes. The first finishing step that finds one decides; its name
# becomes the row's name_rule.
def article_full_name(text: str, ref: object, name: str | None) -> str | None:
    """ "Lonechild said" (the walk knows the person only by the surname), "Al Basha", "Jayme": the one
    full name the article writes for it ("Darian Lonechild"), for every mention of that person (see
    ``speaker_fullname.full_name_in_text``)."""
    if isinstance(ref, _Entity) and isinstance(name, str):
        return full_name_in_text(text, name)
    return None


def acronym(text: str, ref: object, name: str | None) -> str | None:
    """ "the PBO said": the organisation the article spells out before "(PBO)" ("Parliamentary Budget
    Officer"; see ``speaker_fullname.acronym_in_text``)."""
    if isinstance(ref, _Group) and ref.kind == "org" and isinstance(name, str):
        return acronym_in_text(text, name[4:] if name[:4].lower() == "the " else name)
    return None


FINISHING = (article_full_name, acronym)
_MAX_FINISH = 32  # referents looked up per article: each look-up scans the text once, so cost stays linear


def finish(text: str, out: list, refs: dict, with_rule: bool) -> None:
    """Apply ``FINISHING`` to the decisions ``out`` whose referents are ``refs`` (index -> referent),
    once per referent, so that every mention of one person takes the same full name."""
    done: dict[int, tuple[str, str] | None] = {}
    for idx, ref in refs.items():
        if id(ref) not in done:
            done[id(ref)] = None
            if len(done) <= _MAX_FINISH:
                for step in FINISHING:
                    new = step(text, ref, out[idx][0])
                    if new:
                        done[id(ref)] = (new, step.__name__)
                        break
        found = done[id(ref)]
        if found:
            out[idx] = (found[0], out[idx][1], found[1]) if with_rule else (found[0], out[idx][1])
