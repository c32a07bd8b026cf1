"""Speaker article index: the persons and groups an article names, found once before the walk.

``_Article`` tokenises the article, parses every run of names, joins the spellings of one person
("Donald J. Trump" / "Donald Trump", "Choe" / "Choe Son Hui"), records each person's roles and
gender, and maps a role named before its holder at the top of the article to that holder.

Examples:
    >>> art = _Article("Choe Son Hui, the North Korean Foreign Minister, spoke. Choe said so.")
    >>> ent = art.lookup("choe", None, 12)
    >>> ent.name, ent.roles
    ('Choe Son Hui', ['North Korean Foreign Minister'])
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import compress, count
from operator import not_

from .speaker_lexicon import (
    _AUX,
    _CUT,
    _MAX_NAME,
    _NOT_IN_ROLE,
    _OBJECT_BEFORE,
    _RECENT,
    _head_of,
    _is_head,
    _kind_words,
    _Lex,
    _lex,
)
from .speaker_mentions import (
    _age_after,
    _kind_of,
    _name_words,
    _Parse,
    _parse_run,
    _peer,
    _role_left,
    _role_right,
)
from .speaker_tokens import _asides, _headlines, _runs, _tokenise


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
        self._weak_all: dict[str, list[tuple[int, int]]] = {}  # every such full name, by last word, in order
        self._introduced: dict[int, _Entity | None] = {}  # a surname's run -> the person just introduced
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
                    seen = self._weak_all.setdefault(key, [])
                    if len(seen) < _RECENT:
                        seen.append(name)
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
        # Page furniture (links under "READ MORE:", photo captions) as token ranges [first, end)
        self.asides: list[tuple[int, int]] = [(bisect.bisect_left(doc.starts, s), bisect.bisect_left(doc.starts, e))
                                              for s, e in _asides(text)]
        self._aside_firsts = [a for a, _ in self.asides]

    def in_aside(self, t: int) -> bool:
        """Is token t in a line of page furniture (see ``speaker_tokens._asides``)?"""
        k = bisect.bisect_right(self._aside_firsts, t) - 1
        return k >= 0 and t < self.asides[k][1]

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
            opening = self._opening_role(s, nxt)
            if opening is not None:
                x, h = opening
                canon, gender = _head_of(lex, doc.low[h])  # type: ignore[misc]
                ent = self._next_subject(doc.sent[s], order) if lede or canon not in held else None
                if ent is not None and (gender is None or ent.gender in (None, gender)) \
                        and (lede or canon in ent.canon):
                    ent.add_role(doc.text[doc.starts[x]:doc.ends[h]], lex)
                    out[h] = ent
            s = nxt
        return out

    def _opening_role(self, s: int, nxt: int) -> tuple[int, int] | None:
        """(first token, title word) of a role that opens the sentence [s, nxt) as its speaker ("The
        health minister has defended", "Sweden's prime minister told", "the UK's chief negotiator
        said"), or None."""
        doc, lex = self.doc, self.lex
        x = s
        if doc.low[x] == "the":
            x += 1
        # "Sweden's prime minister", "Hong Kong's leader", "the UK's chief negotiator"
        p = next((y for y in range(x, min(x + 3, nxt)) if doc.poss[y] or not doc.cap[y]), None)
        if p is not None and doc.poss[p] and all(doc.cap[y] for y in range(x, p + 1)) \
                and _kind_of(doc, x, p + 1, lex):
            x = p + 1
        if x == s:
            return None
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
        return (x, h) if h >= 0 and self._title_speaks(h, nxt) else None

    def _title_speaks(self, h: int, nxt: int) -> bool:
        """Does the title word at token h speak in its sentence (which ends before token nxt)? Not a
        title before a name ("The Taoiseach Leo Varadkar") nor an appositive, nor a title word inside a
        noun phrase ("The general election"); a speaker: a reporting verb follows."""
        doc, lex = self.doc, self.lex
        return h + 1 < len(doc.low) and doc.spaced[h] and not doc.cap[h + 1] and not doc.inq[h] \
            and (doc.low[h + 1] in lex.cues or doc.low[h + 1] in _AUX or doc.low[h + 1] in _CUT) \
            and any(doc.low[z] in lex.cues for z in range(h + 1, min(h + 12, nxt))) \
            and doc.low[h] not in ("official", "officials") and doc.low[h] not in lex.unnamed

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
        if _age_after(doc, j):
            return True  # "Ragheb Al Turkmani, 49, and Abir Al Basha, 39,": only people are given an age
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

    def _known_name(self, a: int, b: int) -> bool:
        """Is the name in tokens [a, b), which nothing around it shows to be a person, one the article
        names as a person elsewhere? A surname with its particle is: "Al Turkmani" after "Ragheb Al
        Turkmani, 49,". A full name is only after the preposition that opens its sentence: "For Fouzia
        Al Hashish and thousands of other refugees, ..." (a name after "for" or "of" inside a sentence
        may be part of a longer one: "Center for Silicon Valley Studies")."""
        doc = self.doc
        words = tuple(doc.low[a:b])
        opening = a >= 1 and (a == 1 or doc.sent[a - 2] != doc.sent[a - 1]) and doc.low[a - 1] in _OBJECT_BEFORE
        tail = words[0] in self.lex.particles
        return (opening or tail) and any(
            e.words[-len(words):] == words and (tail and len(e.words) > len(words) or e.words == words)
            for e in self.by_key.get(words[-1].rstrip("."), ()))

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
            ent = self._introduced.get(pos) or self.lookup(doc.low[a], p.gender, pos)
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
        if kind and not p.titled and not self._plural_surname(a, b, kind):
            g = _Group(_name_words(doc, i, j), kind)
            self.group_at[i] = (j, g)
            self.group_end[j - 1] = g
            return
        ent: _Entity | None
        if b - a >= 2:
            if i not in self._person_run and not self._known_name(a, b):
                return
            ent = self._entity(a, b, p.gender, i)
        else:
            ent = self._single_name(i, j, p, kind)
            if ent is None:
                return
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

    def _single_name(self, i: int, j: int, p: _Parse, kind: str | None) -> _Entity | None:
        """The person a one-word name [i, j) is: an indexed person with that name word ("Choe" ->
        "Choe Son Hui"), the one full name the article writes with it, or a new entry; None when the
        word names no person."""
        doc, lex = self.doc, self.lex
        a, b = p.name  # type: ignore[misc]
        # (most single words name nobody indexed: skip the call then)
        ent = self.lookup(doc.low[a], p.gender, i) if doc.low[a].rstrip(".") in self.by_key else None
        if ent is not None and not p.titled:
            ent = self._introduced.setdefault(i, self._just_introduced(a, i, j, ent)) or ent
        if ent is not None:
            return ent
        # "Darian Lonechild is new to advocacy work ... Lonechild said": a surname the article
        # writes with one full name (no title, no known given name) is that person too
        # (an honorific's gender would have to choose among them, and these names have none)
        full = self._weak.get(doc.low[a]) or (None if p.titled else self._recent_weak(doc.low[a], i, j))
        if not (p.titled or (full is not None and doc.low[a] not in lex.function)
                or self._is_person(i, j, p, kind)):
            return None
        if full is not None and (p.gender is None or lex.given.get(doc.low[full[0]]) in (None, p.gender)):
            f0 = full[0]
            if full[1] - f0 >= 3 and (f0 == 0 or doc.sent[f0 - 1] != doc.sent[f0]) \
                    and doc.low[f0] not in lex.given and doc.low[f0 + 1] not in lex.particles:
                f0 += 1  # "Golfer Tommy Fleetwood shot 68": a sentence's first word is no first name
            return self._entity(f0, full[1], p.gender, f0)
        if _peer(doc, p):
            return self._entity(a - 1, b, p.gender, i)
        return self._entity(a, b, p.gender, i)

    def _just_introduced(self, a: int, i: int, j: int, known: _Entity) -> _Entity | None:
        """A speaking surname [i, j) that an indexed person ``known`` shares, when a full name ending in
        it (not indexed: no title, age or role) is written after that person, in a later paragraph, and
        before the surname ("The victims were ... Khaled Belkacemi, 60, ... For Megda Belkacemi, Friday
        is a day ... Belkacemi says"): the article has just introduced her. None otherwise."""
        full = self._recent_weak(self.doc.low[a], i, j, known)
        return self._entity(full[0], full[1], None, full[0]) if full is not None else None

    def _recent_weak(self, key: str, i: int, j: int, known: _Entity | None = None) -> tuple[int, int] | None:
        """Of several full names ending in ``key`` ("Khaled Belkacemi" in a list of victims, "For Megda
        Belkacemi, Friday is a day ..."), the last one written before the surname [i, j), when every
        other one is in an earlier paragraph and the surname speaks ("Belkacemi says"): the article
        has just introduced that person. None otherwise ("Ghazala Khan and Humayun Khan ... Khan
        said"; "the Khan family" names nobody new). With ``known``, an indexed namesake, only full
        names written after it count, and it is the other one (see :meth:`_just_introduced`)."""
        doc = self.doc
        if j >= len(doc.low) or doc.low[j] not in self.lex.cues:
            return None
        before = [n for n in self._weak_all.get(key, ()) if n[1] <= i and (known is None or known.first < n[0])]
        if not before:
            return None
        last = before[-1]
        if known is not None:
            if doc.low[last[0]] == known.words[0]:
                return None
            since = doc.starts[known.first]
        else:
            # (in text order: the nearest other full name is the last one with another first word)
            other = next((n for n in reversed(before) if doc.low[n[0]] != doc.low[last[0]]), None)
            if other is None:
                return None
            since = doc.ends[other[1] - 1]
        return last if doc.text.find("\n", since, doc.starts[last[0]]) >= 0 else None

    def _plural_surname(self, a: int, b: int, kind: str) -> bool:
        """Is the one word [a, b), which only the "-ans" plural rule makes a group ("Americans"), a
        surname the article writes after a first name ("Ollie Schniederjans ... Schniederjans said",
        "Maria Jans")? A group of the lexicon ("Republicans") never is."""
        low = self.doc.low[a]
        return kind == "group" and b - a == 1 and low not in self.lex.groups and self._weak.get(low) is not None

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
