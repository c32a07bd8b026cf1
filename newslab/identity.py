"""Identity across a corpus: one ``speaker_id`` for the spellings of one person or organisation.

Within an article ``resolve_speakers`` already joins "Peskov" and "he" to "Dmitry Peskov". Across
articles the same person is still written many ways: "Donald Trump", "Donald J. Trump",
"Trump", "Mr. Obama", "the FBI" / "The FBI". ``speaker_ids(quotes)`` gives every quote a
``speaker_id``: a canonical name (one of the spellings the corpus used) shared by all the
spellings of one identity. The joins, in order (each a named function below):

1. ``_key_of``: case, accents, a leading "the", a trailing possessive, leading titles and
   honorifics ("Mr.", "President", "Sen.") and middle initials do not make a new identity
   ("The FBI" = "the FBI", "President Donald J. Trump" = "Donald Trump").
2. ``_join_middles``: full names with the same first and last name join when their middle names
   agree ("Jake Thomas Patterson" = "Jake T. Patterson" = "Jake Patterson"); a bare "George Bush"
   joins only when the corpus has one George Bush ("George W. Bush" and "George H.W. Bush" stay
   apart, and so does "George Bush" beside them). "Jr." and "III" stay part of the name:
   "Donald Trump Jr." is not "Donald Trump".
3. ``_join_single``: a one-word person name ("Obama", "Mr. Clinton" -> "Clinton") joins the full
   name that owns it: the one speaker of that article with that surname (or first name), else the
   one person in the whole corpus with that surname. Two people with the same surname in the
   corpus ("Hillary Clinton", "Bill Clinton") and no owner in the article: the bare surname stays
   its own identity; it is never given to one of them by guess.
4. ``_join_acronyms``: an acronym ("FBI") joins the one organisation whose initials it spells
   ("Federal Bureau of Investigation").

Unnamed sources ("a source", "officials") and groups keep one identity per wording (after case
and "the"). ``count_speakers`` is the number of identities, the one count that the speakers
table, the CLI summary, the report and the charts share. ``speaker_gender`` reads gender from
what the articles state (see its docstring).

Examples:
    >>> q = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...                   "speaker_name": ["Donald J. Trump", "Donald Trump", "Mr. Trump"]})
    >>> speaker_ids(q)["speaker_id"].tolist()
    ['Donald Trump', 'Donald Trump', 'Donald Trump']
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from . import _lexicon

__all__ = ["count_speakers", "speaker_ids"]

_WORD = re.compile(r"\w+(?:['\u2019\-.]\w+)*\.?")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})  # part of the name: Trump Jr. is his son
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "&"})
_KINDS_BY_WORDING = ("unnamed", "group")
_SINGLE = "\0single"  # tags the node of a one-word person name: no key of words can equal it
_WORDING = "\0wording"  # tags unnamed sources, groups and one-word names nobody owns: "advisers" = "Advisers"


@lru_cache(maxsize=1)
def _prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words before a name that are not part of it: honorifics and titles ("mr",
    "president", "sen"), and the modifiers of titles ("democrat", "former"), which are only
    dropped before a full name ("White America" stays whole)."""
    heads = {w.lower() for w in _lexicon.table("speaker_honorifics.txt")}
    mods: set[str] = set()
    for row in _lexicon.rows("titles.txt"):
        (heads if len(row) < 2 or row[1] == "head" else mods).add(row[0].lower())
    return frozenset(w.rstrip(".") for w in heads), frozenset(w.rstrip(".") for w in mods)


def _strip_prefixes(words: list[str]) -> list[str]:
    """``words`` (folded) without the titles and honorifics in front ("mr", "sen", "democrat")."""
    heads, mods = _prefixes()
    while len(words) > 1:
        w = words[0].rstrip(".")
        if not (w in heads or (w in mods and len(words) > 2)):
            break
        words = words[1:]
    return words


@lru_cache(maxsize=1)
def _title_canon() -> dict[str, str]:
    """Title word -> canonical role ("sen." -> "senator"), from the titles lexicon."""
    out = {}
    for row in _lexicon.rows("titles.txt"):
        if len(row) < 2 or row[1] == "head":
            out[row[0].lower().rstrip(".")] = row[3] if len(row) > 3 and row[3] != "-" else row[0].lower()
    return out


def _role_heads(role: object) -> set[str]:
    """The canonical title words of a ``speaker_role`` ("Texas Sen." -> {"senator"})."""
    if not isinstance(role, str):
        return set()
    canon = _title_canon()
    return {canon[w] for w in (_fold(w).rstrip(".") for w in _WORD.findall(role)) if w in canon}


def _fold(s: str) -> str:
    """Case and accents off: "François" and "Francois" are one spelling."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


def _initial(w: str) -> bool:
    """A middle initial: "J.", "J", "H.W."."""
    return all(len(p) == 1 for p in w.rstrip(".").split("."))


def _key_of(name: str, kind: str | None) -> tuple[str, ...]:
    """The words that identify ``name``: folded, without "the", a possessive or titles.

    Examples:
        >>> _key_of("President Donald J. Trump", "person"), _key_of("The FBI's", "organisation")
        (('donald', 'j', 'trump'), ('fbi',))
    """
    words = [_fold(w) for w in _WORD.findall(name)]
    if words and words[0] == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    if kind == "person":
        words = _strip_prefixes(words)
    return tuple(w for w in (w.rstrip(".") for w in words) if w)


def _parts(key: tuple[str, ...]) -> tuple[str, str, str, str]:
    """(first name, initials of the middle names, surname, suffix) of a person key.

    Examples:
        >>> _parts(("george", "h.w", "bush")), _parts(("donald", "trump", "jr"))
        (('george', 'hw', 'bush', ''), ('donald', '', 'trump', 'jr'))
    """
    suffix = key[-1] if len(key) > 2 and key[-1] in _SUFFIXES else ""
    body = key[:-1] if suffix else key
    middles = "".join(p[:1] for w in body[1:-1] for p in w.split(".") if p)
    return body[0], middles, body[-1], suffix


def _surname(key: tuple[str, ...]) -> str:
    """The family name of a person key: its last word, before "jr" / "iii"."""
    return _parts(key)[2]


class _Identities:
    """Union-find over spellings, so each join is one call and the result does not depend on row order."""

    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, x: tuple) -> tuple:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression: later look-ups are O(1)
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, a: tuple, b: tuple) -> None:
        """Put ``a`` in the identity of ``b`` (whose root stays the root: owners found before a
        join are still found after it)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _join_middles(ids: _Identities, persons: dict[tuple[str, ...], set[str]]) -> None:
    """Full names with the same first name, surname and suffix are one person when their middle
    names agree: "Donald J. Trump" = "Donald Trump"; "Jake Thomas Patterson" = "Jake T. Patterson".

    A different middle initial is a different person ("George W. Bush", "George H.W. Bush"), and a
    bare "George Bush" beside both joins neither. "Donald Trump Jr." never joins "Donald Trump".
    """
    by_ends: dict[tuple[str, str, str], dict[str, list[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(list))
    for key in persons:
        if len(key) >= 2:
            first, middles, last, suffix = _parts(key)
            by_ends[(first, last, suffix)][middles].append(key)
    for signatures in by_ends.values():
        if sum(1 for m in signatures if m) > 1:
            continue
        members = [k for ks in signatures.values() for k in ks]
        for k in members[1:]:
            ids.join(members[0], k)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words that are not surnames even when the resolver took them for a person's name
    ("Republican", "State", "Research"): the speaker lexicons' roles, places, groups and nouns."""
    files = ("speaker_groups.txt", "speaker_places.txt", "speaker_org_words.txt", "speaker_unnamed.txt",
             "speaker_function_words.txt", "speaker_documents.txt", "speaker_company_nouns.txt")
    words = {w.lower() for f in files for w in _lexicon.words(f)}
    words |= {row[0].lower() for row in _lexicon.rows("titles.txt")}
    return frozenset(w for w in words if " " not in w)


_TOKEN = re.compile(r"\w[\w'\u2019\-]*")


def _names_before(text: object) -> dict[str, set[str]]:
    """For each word of an article (folded), the capitalised words written just before it, titles
    and common words left out: "Ghazala Khan ... Humayun Khan ... Captain Khan" gives "khan" ->
    {ghazala, humayun}. One pass over the text.

    Examples:
        >>> sorted(_names_before("Ghazala Khan, Humayun Khan and Captain Khan.")["khan"])
        ['ghazala', 'humayun']
    """
    out: dict[str, set[str]] = defaultdict(set)
    if not isinstance(text, str):
        return out
    heads, mods = _prefixes()
    common = _common_words()
    prev: re.Match[str] | None = None
    for m in _TOKEN.finditer(text):
        if prev is not None and prev.group()[:1].isupper():
            gap = text[prev.end():m.start()]
            if gap.strip() in ("", ".") and gap[-1:].isspace():
                w = _fold(prev.group())
                if w not in heads and w not in mods and w not in common:
                    out[_fold(m.group())].add(w)
        prev = m
    return out


def _owners_named(given: set[str], owners: dict[tuple, set[str]]) -> set[tuple]:
    """The owners whose first name is one of ``given``."""
    return {root for root, spellings in owners.items()
            if any(_key_of(sp, "person")[:1] in {(g,) for g in given} for sp in spellings)}


def _by_role(owners: dict[tuple, set[str]], mine: Counter, roles: dict[tuple, Counter],
             ids: _Identities, persons: dict[tuple[str, ...], set[str]]) -> set[tuple]:
    """The owner that the corpus gives this name's role 9 times in 10 (at least 3 times): "President
    Obama" is Barack Obama when the corpus calls him president 110 times and Michelle once."""
    held: dict[tuple, Counter] = defaultdict(Counter)
    for key in persons:
        if len(key) >= 2 and ids.find(key) in owners:
            held[ids.find(key)].update(roles.get(key, Counter()))
    for role in mine:
        total = sum(c[role] for c in held.values())
        best = max(held, key=lambda r: held[r][role], default=None)
        if best is not None and held[best][role] >= 3 and held[best][role] >= 0.9 * total:
            return {best}
    return set()


def _join_single(ids: _Identities, singles: dict[tuple, set[str]], persons: dict[tuple[str, ...], set[str]],
                 in_article: dict[tuple[str, ...], set[object]], texts: dict[object, str],
                 roles: dict[tuple, Counter]) -> None:
    """A one-word person name ("Obama", "Mr. Clinton") joins the one full name that owns it.

    ``singles`` maps ``(_SINGLE, word, article_id)`` nodes to their spellings. The owner is, in order: the
    one speaker of the same article with that surname (or, only there, that first name: "Jayme"
    -> "Jayme Closs"); the one person of the corpus with that surname whose full name the article
    writes, when it writes one (given ``texts``); the one person of the corpus with that surname,
    unless the article writes that surname with another first name ("Julianne Moore" is not the
    corpus's Stephen Moore); the owner that holds its role (``_by_role``).
    Otherwise the word stays its own identity, one for the corpus ("Clinton" when both Hillary and
    Bill Clinton speak elsewhere and the article names neither in full).
    """
    by_surname: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
    full_in: dict[object, list[tuple[str, ...]]] = defaultdict(list)  # article -> its full names
    for key, spellings in persons.items():
        if len(key) >= 2:
            by_surname[_surname(key)][ids.find(key)] |= spellings
            for aid in in_article[key]:
                full_in[aid].append(key)
    before: dict[object, dict[str, set[str]]] = {}
    for single, spellings in singles.items():
        _, word, aid = single
        if word in _common_words() or all(sp.isupper() for sp in spellings):
            ids.join(single, (_WORDING, word))  # a heading word or a common noun: never a surname
            continue
        here = {ids.find(k) for k in full_in.get(aid, ()) if _surname(k) == word}
        if not here:
            here = {ids.find(k) for k in full_in.get(aid, ()) if k[0] == word}
        owners = by_surname.get(word, {})
        if len(here) != 1 and aid not in before:
            before[aid] = _names_before(texts.get(aid))  # once per article, only when needed
        given = before[aid].get(word, set()) if len(here) != 1 else set()
        if len(here) != 1 and len(given) == 1:  # the one full name the article writes
            here = _owners_named(given, owners)
        if len(here) != 1 and len(owners) == 1 and (not given or _owners_named(given, owners)):
            here = set(owners)  # the corpus's one owner, unless the article names someone else
        if len(here) != 1 and len(owners) > 1 and roles.get(single):
            here = _by_role(owners, roles[single], roles, ids, persons)
        ids.join(single, next(iter(here)) if len(here) == 1 else (_WORDING, word))


def _join_acronyms(ids: _Identities, orgs: Iterable[tuple[str, ...]]) -> None:
    """"FBI" joins "Federal Bureau of Investigation" when exactly one organisation spells it."""
    orgs = list(orgs)
    spelled: dict[str, set[tuple]] = defaultdict(set)
    for key in orgs:
        initials = "".join(w[0] for w in key if w not in _ACRONYM_SKIP)
        if len(key) >= 2 and len(initials) >= 2:
            spelled[initials].add(ids.find(key))
    for key in orgs:
        if len(key) == 1 and 2 <= len(key[0]) <= 6 and len(spelled.get(key[0], ())) == 1:
            ids.join(key, next(iter(spelled[key[0]])))


def _canonical(spellings: Counter, kind: str | None) -> str:
    """The spelling an identity is named by: for a person, the most used full name without a title,
    else the most used spelling; ties prefer a capitalised spelling ("The FBI"), fewer words
    ("Bola Tinubu"), accents kept ("François"), fewer initials, then alphabetical order."""
    def rank(item: tuple[str, int]) -> tuple:
        s, n = item
        words = _WORD.findall(s)
        full = kind == "person" and len(_key_of(s, kind)) >= 2
        titled = bool(words) and _fold(words[0]).rstrip(".") in _prefixes()[0]
        return (-full, titled, s.isupper(), -n, not s[:1].isupper(), len(words),
                _fold(s) == s.casefold(), sum(map(_initial, words)), s)
    return min(spellings.items(), key=rank)[0]


def _build(names: list[object], articles: list[object], texts: dict[object, str],
           role_col: list[object]) -> dict[tuple, str]:
    """``(article_id, spelling) -> speaker_id`` for every spelling in ``names``."""
    from .speakers import speaker_kind  # speakers imports this module lazily: no cycle

    kinds: dict[str, str | None] = {}
    keys: dict[str, tuple[str, ...]] = {}
    counts: Counter = Counter()
    in_article: dict[tuple[str, ...], set[object]] = defaultdict(set)
    role_of: dict[tuple, Counter] = defaultdict(Counter)  # (article, spelling) -> its role heads
    for name, aid, role in zip(names, articles, role_col):
        if not isinstance(name, str) or not name.strip():
            continue
        name = name.strip()
        counts[(aid, name)] += 1
        if name not in kinds:
            kinds[name] = speaker_kind(name)
            keys[name] = _key_of(name, kinds[name]) or (_fold(name),)
        in_article[keys[name]].add(aid)
        role_of[(aid, name)].update(_role_heads(role))
    # Persons, organisations and places share one name space and are joined by the rules;
    # unnamed sources and groups only match their own wording. A one-word person name is a node
    # per article: "Obama" can be Barack in one article and Michelle in another.
    ids = _Identities()
    persons: dict[tuple[str, ...], set[str]] = defaultdict(set)
    singles: dict[tuple, set[str]] = defaultdict(set)
    orgs: set[tuple[str, ...]] = set()
    node: dict[tuple, tuple] = {}
    named_keys = {keys[n] for n in kinds if kinds[n] in ("organisation", "place")
                  or (kinds[n] == "person" and len(keys[n]) > 1)}
    for aid, name in counts:
        kind, key = kinds[name], keys[name]
        if kind in _KINDS_BY_WORDING and key in named_keys:
            kind = "organisation"  # "health Canada" written lower-case is Health Canada
        if kind in _KINDS_BY_WORDING:
            node[(aid, name)] = (_WORDING,) + key
            continue
        if kind == "person" and len(key) == 1:
            node[(aid, name)] = (_SINGLE, key[0], aid)
            singles[(_SINGLE, key[0], aid)].add(name)
            continue
        node[(aid, name)] = key
        ids.find(key)
        if kind == "person":
            persons[key].add(name)
        elif kind == "organisation":
            orgs.add(key)
    _join_middles(ids, persons)
    _join_acronyms(ids, orgs)
    roles: dict[tuple, Counter] = defaultdict(Counter)
    for an, nd in node.items():
        roles[nd].update(role_of[an])
    _join_single(ids, singles, persons, in_article, texts, roles)
    groups: dict[tuple, Counter] = defaultdict(Counter)
    for (aid, name), n in counts.items():
        groups[ids.find(node[(aid, name)])][name] += n
    label: dict[tuple, str] = {}
    for root, spellings in groups.items():
        kind = "person" if any(kinds[s] == "person" for s in spellings) else kinds[next(iter(spellings))]
        label[root] = _canonical(spellings, kind)
    return {an: label[ids.find(nd)] for an, nd in node.items()}


def speaker_ids(quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes table with a ``speaker_id`` column: one canonical name per person or organisation.

    Joins spellings across the whole table (see the module docstring for the rules): run it on the
    corpus, not on one article at a time. Given ``articles`` (``article_id``, ``text``), a bare
    surname with several owners in the corpus joins the one whose full name its article writes.
    Quotes without a ``speaker_name`` get ``None``. The input is not changed.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a", "a", "b", "c", "c"],
        ...     "speaker_name": ["Hillary Clinton", "Clinton", "Bill Clinton", "Clinton", "the FBI"]})
        >>> speaker_ids(q)["speaker_id"].tolist()  # article c names no Clinton in full: left alone
        ['Hillary Clinton', 'Hillary Clinton', 'Bill Clinton', 'Clinton', 'the FBI']
    """
    if "speaker_name" not in quotes.columns:
        raise ValueError("speaker_ids() needs a quotes table with a 'speaker_name' column, "
                         "as newslab.quotes(articles) returns")
    names = quotes["speaker_name"].tolist()
    arts = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * len(quotes)
    texts: dict[object, str] = {}
    if articles is not None and {"article_id", "text"} <= set(articles.columns):
        texts = dict(zip(articles["article_id"], articles["text"]))
    role_col = quotes["speaker_role"].tolist() if "speaker_role" in quotes.columns else [None] * len(quotes)
    table = _build(names, arts, texts, role_col)
    out = quotes.copy()
    out["speaker_id"] = pd.Series([table.get((a, n.strip())) if isinstance(n, str) else None
                                   for a, n in zip(arts, names)], index=quotes.index, dtype=object)
    return out


def count_speakers(quotes: pd.DataFrame) -> int:
    """How many speakers a quotes table has: distinct ``speaker_id`` of the quotes with a speaker.

    The one count behind the speakers table's length, the CLI summary, the report and every
    chart's "top N of M speakers". Takes ``speaker_id`` when the table has it, else computes it.

    Examples:
        >>> count_speakers(pd.DataFrame({"speaker_name": ["Ann Lee", "Ms. Lee", None, "the FBI", "The FBI"]}))
        2
    """
    ids = quotes["speaker_id"] if "speaker_id" in quotes.columns else speaker_ids(quotes)["speaker_id"]
    return int(ids.dropna().nunique())

