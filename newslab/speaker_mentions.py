"""Speaker mentions: a run of capitalised words parsed into a role and a name, and the roles around it.

``_parse_run`` splits a run by the title lexicon ("Kremlin Spokesperson | Dmitry Peskov", "Sen. |
Elizabeth Warren"); ``_role_left`` reads a lower-case title phrase before a name ("Republican
presidential nominee | Donald Trump"), ``_role_right`` an appositive after it (", a Kremlin
spokesman,"); ``_kind_of`` says whether a name is an organisation, a place or a group.

Examples:
    >>> doc = _tokenise("Kremlin Spokesperson Dmitry Peskov said so.", _lex())
    >>> p = _parse_run(doc, 0, 4, _lex())
    >>> _name_words(doc, *p.role), _name_words(doc, *p.name)
    ('Kremlin Spokesperson', 'Dmitry Peskov')
"""
from __future__ import annotations

from dataclasses import dataclass

from .speaker_lexicon import (
    _CONNECT,
    _NOT_IN_ROLE,
    _PEERAGE,
    _head_of,
    _is_head,
    _kind_words,
    _Lex,
    _lex,  # noqa: F401 (_lex, _tokenise: for the doctest)
)
from .speaker_tokens import _Doc, _tokenise  # noqa: F401


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
    if doc.low[i] in lex.honorifics:
        return _parse_honorific(doc, i, j, lex)
    last_head = -1
    heads = lex.heads
    for k in range(i, j):  # _is_head, inlined: every capitalised run of the article passes here
        w = doc.low[k]
        if w in heads or ("-" in w and w.rsplit("-", 1)[1] in heads):
            last_head = k
    if last_head < 0:
        return _parse_untitled(doc, i, j, lex)
    if last_head == j - 1:
        return _parse_title_last(doc, i, j, lex)
    return _parse_titled(doc, i, j, last_head, lex)


def _parse_honorific(doc: _Doc, i: int, j: int, lex: _Lex) -> _Parse:
    """A run that starts with honorifics: "Mr. | Lavrov", "Datuk Seri | Anwar", "Alhaji Dr | Musa"."""
    gender = lex.honorifics[doc.low[i]]
    k = i + 1
    while k < j - 1 and doc.low[k] in lex.honorifics:
        gender = gender or lex.honorifics[doc.low[k]]
        k += 1
    return _Parse(None, _cut_name(doc, k, j, lex, person=True) if j > k else None, gender, True)


def _parse_untitled(doc: _Doc, i: int, j: int, lex: _Lex) -> _Parse:
    """A run with no title word: a name, less any description before a given name that starts a name
    of two words or more ("Republican | Donald Trump", "Kremlin | Dmitry Peskov")."""
    for k in range(i + 1, min(i + 3, j - 1)):
        if doc.low[k] in lex.given and doc.cap[k] and all(_descriptor(lex, doc.low[x]) for x in range(i, k)):
            return _Parse((i, k), _cut_name(doc, k, j, lex), lex.given[doc.low[k]], False)
    return _Parse(None, _cut_name(doc, i, j, lex), None, False)


def _parse_title_last(doc: _Doc, i: int, j: int, lex: _Lex) -> _Parse:
    """A run that ends in a title word: a surname that spells a title after a given name ("Jim
    Justice", "Peter King"), a title then a name ("P.E.I. Premier | Dennis King"), or all role
    ("Foreign Minister")."""
    if doc.low[i] in lex.given:
        return _Parse(None, (i, j), lex.given[doc.low[i]], False)
    for k in range(i, j - 2):
        if doc.low[k + 1] in lex.given and _is_head(lex, doc.low[k]):
            return _Parse((i, k + 1), (k + 1, j), lex.given[doc.low[k + 1]], True)
    return _Parse((i, j), None, _head_of(lex, doc.low[j - 1])[1], True)  # type: ignore[index]


def _parse_titled(doc: _Doc, i: int, j: int, last_head: int, lex: _Lex) -> _Parse:
    """A run with a title word before its end: "Kremlin Spokesperson | Dmitry Peskov", "Secretary of
    State | John Kerry", "Foreign Minister Mr. | Lavrov"."""
    gender = _head_of(lex, doc.low[last_head])[1]  # type: ignore[index]
    n = last_head + 1
    if doc.low[n] in _CONNECT:
        n = _after_object(doc, n, j, lex)
        if n < 0:
            return _Parse((i, j), None, gender, True)
    role_end = n if doc.low[n - 1] not in _CONNECT else n - 1
    if n < j and doc.low[n] in lex.honorifics:  # "Foreign Minister Mr. Lavrov", "Gen Sir Nick Carter"
        gender = lex.honorifics[doc.low[n]] or gender
        n += 1
    while n < j and doc.low[n] in lex.particles and not doc.cap[n]:
        n += 1
    if n >= j:
        return _Parse((i, j), None, gender, True)
    return _Parse((i, role_end), _cut_name(doc, n, j, lex), gender, True)


def _after_object(doc: _Doc, n: int, j: int, lex: _Lex) -> int:
    """Where the name starts after a title's connector at token n ("Secretary of | State | John
    Kerry"), or -1 when the object runs to the end of the run: the object is one word and any role
    words after it ("Minister for Finance", "Minister of Foreign Affairs", "Commissioner of Police |
    Olanrewaju Ishola"), unless a given name starts the name sooner."""
    n += 1
    if n < j and doc.low[n] == "the":  # "Leader of the Opposition Rahul Gandhi"
        n += 1
    obj = n + 1
    # ("Chief Executive of Hong Kong Carrie Lam", "President of South Korea Moon Jae-in": a place
    # of two or three words is one object)
    for size in (3, 2):
        if n + size < j and " ".join(doc.low[n:n + size]) in lex.places:
            obj = n + size
            break
    # ("Governor of the Central Bank of Nigeria": the object runs on through "Bank of Nigeria")
    while obj < j and doc.low[obj] not in lex.given and (
            doc.low[obj] in lex.mods or doc.low[obj] in lex.org_words or doc.low[obj] in _CONNECT
            or doc.low[obj - 1] in _CONNECT or doc.low[obj] == "the"):
        obj += 1
    given_at = next((k for k in range(n + 1, j - 1) if doc.low[k] in lex.given), None)
    # ("Director of National Intelligence John Ratcliffe": an object of two words before a given name)
    if given_at is not None and given_at <= obj + 1:
        return given_at
    if j - obj >= 1:
        return obj
    return -1


def _peer(doc: _Doc, p: _Parse) -> bool:
    """Is p a peer's or a monarch's title and one name ("Baroness Hallett", "Lord Cameron", "Pope Francis",
    "King Charles")? They are called so: the title is part of the name when no fuller name is known."""
    return p.role is not None and p.name is not None and p.role[1] == p.name[0] \
        and p.name[1] == p.name[0] + 1 and doc.low[p.name[0] - 1] in _PEERAGE


def _descriptor(lex: _Lex, w: str) -> bool:
    """A word that describes rather than names: "Republican", "Russian", "Kremlin", "Labour"; not a short
    surname that happens to end like one ("Tan Wei Jie", "Chan Chun Sing", "Khan")."""
    return w not in lex.given and (w in lex.mods or w in lex.org_names or w in lex.places or w in lex.groups
                                   or (len(w) >= 5 and w.endswith(("an", "ese", "ish", "ic", "i"))))


def _cut_name(doc: _Doc, a: int, b: int, lex: _Lex, person: bool = False) -> tuple[int, int]:
    """A person's name stops at "of" ("Elizabeth Warren | of Massachusetts", "Ann Lee | of Harvard
    University": a given name and a surname, then the affiliation); an organisation's does not
    ("Bank of Nigeria", "John Jay College of Criminal Justice"). After an honorific (``person``) the
    words before "of" are a person's ("Dr. Tristan Smith | of University College London")."""
    for k in range(a + 1, b):
        if doc.low[k] in _CONNECT:
            named = (person or (k - a >= 2 and doc.low[a] in lex.given)) and not _kind_of(doc, a, k, lex)
            if _kind_of(doc, a, b, lex) and not named:
                return a, b
            return a, k
    return a, b


def _name_words(doc: _Doc, a: int, b: int) -> str:
    return doc.text[doc.starts[a]:doc.ends[b - 1]].removesuffix("'s").removesuffix("\u2019s")


def _kind_of(doc: _Doc, a: int, b: int, lex: _Lex) -> str | None:
    """'org' / 'place' / 'group' when the lexicons name the tokens as such, else None."""
    return _kind_words(tuple(doc.low[a:b]))




def _role_left(doc: _Doc, i: int, lex: _Lex, limit: int = 6) -> int | None:
    """First token of a title phrase right before token i ("Republican presidential nominee | Donald
    Trump", "Russia's foreign minister, | Sergei Lavrov"), or None."""
    k = i - 1
    # The title word test first: it fails for almost every name, before any slicing.
    if k < 0:
        return None
    w = doc.low[k]
    k0 = k
    if not (w in lex.heads or ("-" in w and w.rsplit("-", 1)[1] in lex.heads)):  # _is_head, inlined: hot
        # "The Minister for Finance, | Jack Chambers": a role that ends in its object
        if not (doc.cap[k] or w in lex.mods):
            return None
        k = _head_before_object(doc, k, i, lex)
        if k < 0:
            return None
    gap = doc.text[doc.ends[k0]:doc.starts[i]]
    if not (gap.isspace() and "\n" not in gap or gap.strip() == ","):
        return None
    if doc.poss[k] or doc.sent[k] != doc.sent[i]:
        return None
    return _role_start(doc, k, i, lex, limit)


def _head_before_object(doc: _Doc, k: int, i: int, lex: _Lex) -> int:
    """The title word of a role that ends at token k in its object, before a comma and the name at
    token i ("The Governor of the Central Bank of Nigeria, | Olayemi Cardoso": back over the object
    to "Governor"), or -1."""
    if doc.text[doc.ends[k]:doc.starts[i]].strip() != ",":
        return -1
    x = k
    while x > 0 and k - x < 8 and doc.spaced[x - 1] and (doc.cap[x] or doc.low[x] in lex.mods
                                                         or doc.low[x] == "the" or doc.low[x] in _CONNECT):
        if doc.low[x] in _CONNECT and x < k and _is_head(lex, doc.low[x - 1]):
            return x - 1
        x -= 1
    return -1


def _role_start(doc: _Doc, k: int, i: int, lex: _Lex, limit: int) -> int:
    """First token of the role whose title word is token k, before the name at token i: capitalised
    words and modifiers before it belong to it, and up to two plain nouns right before the title word
    ("radio talk show host", "Greens housing spokesman", "a presidency spokesman"), but only next to
    the title word: once a capitalised word is taken, a lower-case one ends the role ("Trump threw
    famous | reporter")."""
    first = k
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
    if k >= n:
        return None
    stop = _appositive_stop(doc, k, lex, limit)
    return (k, stop) if stop > 0 else None


def _age_after(doc: _Doc, j: int) -> bool:
    """Does an age follow the name that ends at token j-1: "Ragheb Al Turkmani, 49, and Abir Al Basha,
    39,", "Ama Owusu (34) told the court"? Only people are given one this way."""
    if j + 1 >= len(doc.low) or doc.sent[j] != doc.sent[j - 1]:
        return False
    w = doc.low[j]
    if not (w.isdigit() and len(w) <= 3 and int(w) <= 120):
        return False
    before = doc.text[doc.ends[j - 1]:doc.starts[j]].strip()
    after = doc.text[doc.ends[j]:doc.starts[j + 1]].strip()
    return (before, after[:1]) in ((",", ","), ("(", ")"))


def _appositive_stop(doc: _Doc, start: int, lex: _Lex, limit: int) -> int:
    """End of an appositive role phrase that starts at token ``start``: after its last title word, or
    after the object of its connector ("spokeswoman for the Justice Department"); 0 without a title
    word. Before the title word, up to three other lower-case words may come ("political science
    professor")."""
    n = len(doc.low)
    k = start
    last_head = -1
    end_conn = -1
    conn = False
    free = 0
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
    if last_head < 0:
        return 0
    return max(last_head, end_conn) + 1
