"""Speaker names: how one speaker mention resolves to a name, as named steps in a declared order.

Examples:
    >>> from newslab.speakers import resolve_speakers
    >>> resolve_speakers("Ann Lee, the mayor, spoke. Lee said it was fine.", [(27, 30)])
    [('Ann Lee', 'mayor')]
"""
from __future__ import annotations

import bisect
import re

from .speaker_article import _Entity, _Group
from .speaker_lexicon import _CUT, _DEFINITE, _INDEFINITE, _LOOSE_MODS, _POSS, _head_of, _is_head, _Lex
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
