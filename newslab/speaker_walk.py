"""Speaker walk: the state of a reader going through the article, for pronouns and role nouns.

``_Walker`` tracks the subject of each sentence, the persons and groups seen most recently and
the last quote's speaker, so that "he", "she", "they", "who" resolve to what the walk points at.

Examples:
    >>> w = _Walker(_Article("Ann Lee spoke on Monday. She said it was fine."))
    >>> for tok in sorted(w.art.person_at): w.step(tok)
    >>> w.he_she("f").name
    'Ann Lee'
"""
from __future__ import annotations

from functools import lru_cache

from .speaker_article import _Article, _Entity, _Group
from .speaker_lexicon import _AUTHORED_BY, _NOT_AUTHORED, _OBJECT_BEFORE, _RECENT, _lex
from .speaker_mentions import _kind_of, _name_words, _parse_run


@lru_cache(maxsize=1)
def _plural_titles() -> frozenset[str]:
    """Plurals of title words that "they" may mean ("senators", "ministers"), besides the plural nouns
    of unnamed sources ("officials", "sources")."""
    lex = _lex()
    return frozenset(h + "s" for h in lex.heads if h.isalpha()) - lex.unnamed


_ARTICLES = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"})


# Sentences after which a person no name or pronoun has mentioned is no longer "he" or "she": in a
# long first-person interview "he" is the speaker's husband, not the prime minister named once early.
_STALE = 25


# ------------------------------------------------------------------------------------- resolution
class _Walker:
    """Walks the tokens in order, tracking sentence subjects and recent persons and groups, and
    resolves each mention when the walk reaches it."""

    def __init__(self, art: _Article) -> None:
        self.art = art
        self.focus: _Entity | None = None
        self.subject: _Entity | None = None
        self.subject_sent = -1
        self.subject_named = False  # the subject was written as a name, not a pronoun
        self.persons: list[_Entity] = []  # most recent last, bounded
        self.groups: dict[str, _Group] = {}  # by name, most recent last, bounded
        self.last_speaker: _Entity | _Group | None = None
        self.speaker_at = self.focus_at = self.subject_at = -1  # token positions, for recency
        self.pron: dict[int, _Entity | _Group | None] = {}
        self.sent_group: _Group | None = None  # the first group named in this sentence
        self.authors: dict[str, _Entity | _Group | None] = {}  # document noun -> its author, as last introduced
        self.unnamed: list[_Group] = []  # unnamed sources with a role head, most recent last, bounded
        self.writer: _Entity | None = None  # the last person quoted with "writes" (an author)

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
            self.subject_named = self.art.doc.low[t] not in self.art.lex.pronouns

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
            self.sent_group = None
            self.subject_sent = s

    def _learn_gender(self, ent: _Entity, t: int) -> None:
        """The gender of a named subject from a "he" / "she" later in its own sentence when it is
        the only person named there: "Jayme told police she heard sirens" -> Jayme is a woman, so a
        "he" in the next sentence is not Jayme. Two persons in the sentence teach nothing."""
        if ent.gender is not None or ent is not self.subject or not self.subject_named:
            return
        sent = self.art.doc.sent
        if sum(1 for p in self.persons if p.last_seen >= 0 and sent[p.last_seen] == sent[t]) == 1:
            ent.gender = self.art.lex.pronouns.get(self.art.doc.low[t])

    def document(self, t: int) -> None:
        """Record who wrote the document noun at t when the sentence introduces it with its author:
        "Lena Ortiz, a researcher at Talos, wrote in the company's blog post that ..." -> "the post" is
        Lena Ortiz's; "The Dairy Council said in a statement ..." -> the council's. The author is this
        sentence's speaker, else its named subject, else its first group. A document named without
        an author ("a new report") forgets the old one, so "the report" is never a stale author's; "the
        report" again keeps it."""
        doc = self.art.doc
        noun = doc.low[t]
        author: _Entity | _Group | None = None
        for k in range(t - 1, max(t - 5, -1), -1):
            if doc.sent[k] != doc.sent[t] or doc.low[k] in _NOT_AUTHORED:
                break
            if doc.low[k] in _AUTHORED_BY:
                if self.speaker_at >= 0 and doc.sent[self.speaker_at] == doc.sent[t]:
                    author = self.last_speaker
                elif self.subject is not None and self.subject_named:
                    author = self.subject
                else:
                    author = self.sent_group
                break
        if isinstance(author, _Group) and noun in author.name.lower().split():
            author = None  # "the statement said": the unresolved document itself
        if author is None and t > 0 and doc.low[t - 1] in ("the", "this", "that"):
            return  # "according to the post": the one introduced before, its author kept
        self.authors[noun] = author

    def _attributive(self, t: int, end: int) -> bool:
        """A name between an article and a lower-case noun modifies the noun: "the Closs residence",
        "a Trudeau aide", "the Okafor family home"; it does not bring the person to the reader's mind."""
        doc = self.art.doc
        return t > 0 and doc.low[t - 1] in ("the", "a", "an") and doc.sent[t - 1] == doc.sent[t] \
            and end < len(doc.low) and doc.sent[end] == doc.sent[t] and not doc.cap[end] and doc.low[end].isalpha()

    def he_she(self, gender: str | None, t: int = -1) -> _Entity | None:
        cands: list[_Entity | None] = [self.subject]
        # The last sentence subject and the last quote's speaker, the more recent first.
        speaker = self.last_speaker if isinstance(self.last_speaker, _Entity) else None
        if speaker is not None and self.speaker_at > self.focus_at:
            cands += [speaker, self.focus]
        else:
            cands += [self.focus, speaker]
        cands.extend(reversed(self.persons))
        sent = self.art.doc.sent
        for e in cands:
            if e is not None and (gender is None or e.gender in (None, gender)):
                if t >= 0 and e.last_seen >= 0 and sent[t] - sent[e.last_seen] > _STALE:
                    return None  # nobody named or meant for many sentences: "he" is someone unnamed
                return e  # (no gender is learnt from a resolution: one wrong "she" would spread)
        return None

    def plural(self, kinds: tuple[str, ...]) -> _Group | None:
        # "Republican senators are eager ..., and they say": the people named earlier in the sentence
        g = self.sent_group
        here = self.speaker_at >= 0 and self.art.doc.sent[self.speaker_at] == self.subject_sent
        if g is not None and g.kind in ("group", "unnamed") and g.kind in kinds and not here:
            return g  # (not over a speaker of this sentence: "Japanese officials said ..., they reported")
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
            if ref is None and art.doc.low[t] == "who" and art.doc.text[art.doc.ends[k]:art.doc.starts[t]].strip():
                ref = self._named_before(k)  # (after a comma: "Hispanics who" is a clause, not a name)
            if ref is not None:
                return ref
        # "Trump, the Republican nominee, who said": the last person named in this sentence.
        if self.persons and self.persons[-1].last_seen >= 0 and \
                art.doc.sent[self.persons[-1].last_seen] == art.doc.sent[t]:
            return self.persons[-1]
        return None

    def note_writer(self, ent: _Entity, t: int, u: int) -> None:
        """Remember the person of a mention over tokens [t, u) who "writes" ("Foster writes", "writes
        Foster"): the author of the book or column the article quotes."""
        low = self.art.doc.low
        if (u < len(low) and low[u] == "writes") or (t > 0 and low[t - 1] == "writes"):
            self.writer = ent

    def _author(self, t: int, gender: str) -> _Entity | None:
        """ "... he writes" in a review that has quoted "Foster writes": the author, not the last man
        named ("Black train porters like Grizzle recognized ..., he writes")."""
        w = self.writer
        low = self.art.doc.low
        if w is None or t + 1 >= len(low) or low[t + 1] != "writes" or w.gender not in (None, gender):
            return None
        return w

    def _named_before(self, k: int) -> _Entity | None:
        """ "That would be Heather, who confessed", "Obama, who welcomed": "who" speaks of a person, so
        the name that ends at token k is one, even a first name the article gives no other sign of;
        not an organisation or a place the lexicons know, nor a name after a preposition or an article
        ("from Manchester, who", "the Wisconsin Republican, who": the person is another word)."""
        art = self.art
        doc, lex = art.doc, art.lex
        if not doc.cap[k]:
            return None
        i = k
        while i > max(k - 8, 0) and doc.cap[i - 1] and doc.spaced[i - 1] and not doc.poss[i - 1]:
            i -= 1
        start = i == 0 or doc.sent[i - 1] != doc.sent[i]
        if not start and (doc.low[i - 1] in _OBJECT_BEFORE or doc.low[i - 1] in _ARTICLES or doc.poss[i - 1]):
            return None
        while i <= k and (doc.low[i] in lex.no_start or (start and i < k and doc.low[i] in art.lower_words())):
            i += 1  # ("That", "But", "Even Lindsey Graham": a capital that starts no name)
        if i > k:
            return None
        for x in range(i, k + 1):  # "Even Lindsey Graham, who": the person the article knows
            known = art.entities.get(_name_words(doc, x, k + 1))
            if known is not None:
                return known
        p = _parse_run(doc, i, k + 1, lex)
        if p.name is None or _kind_of(doc, p.name[0], p.name[1], lex):
            return None
        return self.art.person_for(p, i)

    def _see_plural_title(self, t: int) -> None:
        """Take in a plural title at token t ("senators", "MPs") with the capitalised words that name
        who they are ("Republican senators"): a group that "they" may mean, the sentence's group."""
        doc = self.art.doc
        if doc.cap[t] and not doc.text[doc.starts[t]:doc.ends[t] - 1].isupper():
            return  # (a capital only in an acronym: "MPs")
        name = self._plural_name(t)
        if name is not None:
            g = _Group(name, "unnamed")
            self._see_group(g)
            if self.sent_group is None or self.sent_group.name in name:
                self.sent_group = g  # ("Republican senators", not its word "Republican")

    def _plural_name(self, t: int) -> str | None:
        """A plural title at token t with the capitalised words that qualify it, as written: "Republican
        senators are eager ..., and they say", "Liberal MPs"; None without such words, or after a
        possessive or a preposition ("Trump's judicial nominees", "to Democratic senators": no subject)."""
        doc = self.art.doc
        i = t
        while i > max(t - 3, 0) and doc.cap[i - 1] and doc.spaced[i - 1] and not doc.poss[i - 1] \
                and doc.low[i - 1] not in self.art.lex.no_start:
            i -= 1
        if i == t or (i > 0 and doc.sent[i - 1] == doc.sent[i]
                      and (doc.poss[i - 1] or doc.low[i - 1] in _OBJECT_BEFORE)):
            return None
        return doc.text[doc.starts[i]:doc.ends[t]]

    def pronoun(self, t: int, cls: str | None = None) -> _Entity | _Group | None:
        if t in self.pron:
            return self.pron[t]
        cls = cls or self.art.lex.pronouns.get(self.art.doc.low[t])
        res: _Entity | _Group | None = None
        if cls in ("m", "f"):
            res = self._author(t, cls) or self.he_she(cls, t)
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
        if art.asides and art.in_aside(t):
            return  # "READ MORE: Robert Major says he ...", a photo caption: no part of the story's thread
        if doc.sent[t] != self.subject_sent:
            self._sentence(t)
        person = art.person_at.get(t)
        group = art.group_at.get(t) if person is None else None
        if person is not None and self._attributive(t, person[0]):
            pass  # "the Closs residence", "a Trudeau aide": the name describes a thing, no person is seen
        elif person is not None:
            # A person after a preposition or a verb of meeting is an object, not the subject (and
            # whether the token is quoted matters only while the sentence has no subject yet).
            obj = t > 0 and doc.low[t - 1] in _OBJECT_BEFORE and doc.sent[t - 1] == doc.sent[t]
            self._see_person(person[1], t, self.subject is None and not obj and not doc.inq[t])
        elif group is not None:
            self._see_group(group[1])
            if self.sent_group is None:
                self.sent_group = group[1]
        elif doc.low[t] in ("he", "she") and not doc.inq[t]:
            ent = self.pronoun(t)
            if isinstance(ent, _Entity):
                self._learn_gender(ent, t)
                self._see_person(ent, t, True)
        elif not doc.cap[t] and not doc.inq[t] and doc.low[t] in art.lex.documents:
            self.document(t)
        elif not doc.cap[t] and doc.low[t] in art.lex.unnamed and doc.low[t].endswith("s"):
            self._see_group(_Group(doc.low[t], "unnamed"))
        elif doc.low[t] in _plural_titles() and not doc.inq[t]:
            self._see_plural_title(t)
