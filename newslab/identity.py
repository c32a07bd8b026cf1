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
what the articles state (see its docstring). ``SpeakerIdentities`` gathers the same evidence a part
of a corpus at a time (once per spelling, and once per article for a bare name), so a streamed
``newslab analyze`` gives the identities of one whole-corpus call.

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
from collections.abc import Container, Iterable
from functools import lru_cache
from itertools import compress
from operator import itemgetter

import pandas as pd

from . import _lexicon

__all__ = ["SpeakerIdentities", "count_speakers", "speaker_ids"]

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
    """Case and accents off: "François" and "Francois" are one spelling.

    Examples:
        >>> _fold("François"), _fold("KHAN")
        ('francois', 'khan')
    """
    if s.isascii():  # no accents, and ASCII's case-fold is its lower case
        return s.lower()
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


# one token in a capturing group: split() gives [gap, token, gap, token, ..., gap] at C speed
_TOKEN_SPLIT = re.compile(r"(\w[\w'\u2019\-]*)")


def _names_before(text: object, wanted: Container[str] | None = None) -> dict[str, set[str]]:
    """For each word of an article (folded; only those of ``wanted`` when given), the capitalised
    words written just before it, titles and common words left out: "Ghazala Khan ... Humayun Khan
    ... Captain Khan" gives "khan" -> {ghazala, humayun}. One pass over the text.

    Examples:
        >>> sorted(_names_before("Ghazala Khan, Humayun Khan and Captain Khan.")["khan"])
        ['ghazala', 'humayun']
        >>> dict(_names_before("Ghazala Khan met Omar Diaz.", wanted={"diaz"}))
        {'diaz': {'omar'}}
    """
    out: dict[str, set[str]] = defaultdict(set)
    if not isinstance(text, str):
        return out
    heads, mods = _prefixes()
    common = _common_words()
    parts = _TOKEN_SPLIT.split(text)
    tokens, gaps = parts[1::2], parts[2::2]  # gaps[i]: the text between token i and token i + 1
    # only a capitalised token can name the word after it: jump between them
    for i in compress(range(len(tokens) - 1), map(str.isupper, map(itemgetter(0), tokens))):
        gap = gaps[i]
        if gap.strip() in ("", ".") and gap[-1:].isspace():
            nxt = _fold(tokens[i + 1])
            if wanted is not None and nxt not in wanted:
                continue
            w = _fold(tokens[i])
            if w not in heads and w not in mods and w not in common:
                out[nxt].add(w)
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


class _Single:
    """What decides the owner of one bare name in one article ("Obama" in article a7): its spellings,
    the roles they carry, the article's full names that could own it, and what the text writes before it."""

    __slots__ = ("by_first", "by_last", "given", "roles", "spellings")

    def __init__(self) -> None:
        self.spellings: Counter = Counter()
        self.roles: Counter = Counter()
        self.by_last: set[tuple[str, ...]] = set()   # keys of the article with this surname
        self.by_first: set[tuple[str, ...]] = set()  # ... with this first name
        self.given: set[str] | None = None           # capitalised words written before it (its text)


class SpeakerIdentities:
    """``speaker_id`` for a corpus given a part at a time: the evidence of ``speaker_ids``, held once
    per spelling (and once per article for a bare name), so a corpus too large for memory can be read
    in parts and get the identities of one whole-corpus call.

    ``add`` every part of the quotes table (``article_id``, ``speaker_name``, ``speaker_role``), give
    ``add_texts`` the articles whose ids ``texts_needed`` lists (only their text can decide a bare
    surname), then ``ids`` gives each quote its ``speaker_id``. Every quote of an article must come
    in one part (its bare names are read against that article's full names).

    Examples:
        >>> t = SpeakerIdentities()
        >>> t.add(pd.DataFrame({"article_id": ["a", "a"], "speaker_name": ["Hillary Clinton", "Mr. Kerr"]}))
        >>> t.add(pd.DataFrame({"article_id": ["b", "c"], "speaker_name": ["Clinton", "Don Kerr"]}))
        >>> sorted(t.texts_needed())  # neither article names its Kerr or Clinton in full
        ['a', 'b']
        >>> t.add_texts(pd.DataFrame({"article_id": ["a", "b"], "text": ["Mr. Kerr spoke.", "Clinton spoke."]}))
        >>> t.ids(pd.DataFrame({"article_id": ["a", "b", "c"], "speaker_name": ["Mr. Kerr", "Clinton", "Don Kerr"]}))
        ['Don Kerr', 'Hillary Clinton', 'Don Kerr']
    """

    def __init__(self) -> None:
        self.kinds: dict[str, str | None] = {}
        self.keys: dict[str, tuple[str, ...]] = {}
        self.counts: Counter = Counter()                        # spelling -> quotes (bare names: in singles)
        self.roles: dict[str, Counter] = defaultdict(Counter)   # spelling -> role heads (not bare names)
        self.singles: dict[tuple, _Single] = {}                 # (_SINGLE, word, article) -> its evidence
        self._joined: _Identities | None = None
        self._needs: dict[object, list[tuple]] | None = None
        self._labels: dict[tuple, str] | None = None

    def _kind_key(self, name: str) -> tuple[str | None, tuple[str, ...]]:
        from .speakers import speaker_kind  # speakers imports this module lazily: no cycle

        if name not in self.kinds:
            self.kinds[name] = speaker_kind(name)
            self.keys[name] = _key_of(name, self.kinds[name]) or (_fold(name),)
        return self.kinds[name], self.keys[name]

    def _is_single(self, name: str) -> bool:
        """A one-word person name: a node per article ("Obama" can be Barack in one, Michelle in another)."""
        kind, key = self._kind_key(name)
        return kind == "person" and len(key) == 1

    def add(self, quotes: pd.DataFrame) -> None:
        """Read the speakers of one part of a quotes table (every quote of its articles)."""
        names = quotes["speaker_name"].tolist()
        arts = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * len(quotes)
        role_col = quotes["speaker_role"].tolist() if "speaker_role" in quotes.columns else [None] * len(quotes)
        self._joined = self._labels = self._needs = None
        article_keys: dict[object, set[tuple[str, ...]]] = defaultdict(set)
        mine: list[tuple[object, tuple]] = []
        heads: dict[str | None, set[str]] = {}  # roles repeat ("Sen.", "spokesperson"): read each once
        for name, aid, role in zip(names, arts, role_col):
            if not isinstance(name, str) or not name.strip():
                continue
            name = name.strip()
            kind, key = self._kind_key(name)
            article_keys[aid].add(key)
            role = role if isinstance(role, str) else None
            if role not in heads:
                heads[role] = _role_heads(role)
            if kind == "person" and len(key) == 1:
                node = (_SINGLE, key[0], aid)
                single = self.singles.get(node)
                if single is None:
                    single = self.singles[node] = _Single()
                    mine.append((aid, node))
                single.spellings[name] += 1
                single.roles.update(heads[role])
            else:
                self.counts[name] += 1
                self.roles[name].update(heads[role])
        for aid, node in mine:  # the article's full names that could own its bare name
            word, single = node[1], self.singles[node]
            for key in article_keys[aid]:
                if len(key) >= 2:
                    if _surname(key) == word:
                        single.by_last.add(key)
                    if key[0] == word:
                        single.by_first.add(key)

    def _join(self) -> _Identities:
        """Every join but the bare names' (which may need the articles' texts)."""
        if self._joined is not None:
            return self._joined
        named_keys = {self.keys[n] for n in self.counts if self.kinds[n] in ("organisation", "place")
                      or (self.kinds[n] == "person" and len(self.keys[n]) > 1)}
        self.node: dict[str, tuple] = {}
        self.persons: dict[tuple[str, ...], set[str]] = defaultdict(set)
        orgs: set[tuple[str, ...]] = set()
        ids = _Identities()
        for name in self.counts:
            kind, key = self.kinds[name], self.keys[name]
            if kind in _KINDS_BY_WORDING and key in named_keys:
                kind = "organisation"  # "health Canada" written lower-case is Health Canada
            if kind in _KINDS_BY_WORDING:
                self.node[name] = (_WORDING,) + key
                continue
            self.node[name] = key
            ids.find(key)
            if kind == "person":
                self.persons[key].add(name)
            elif kind == "organisation":
                orgs.add(key)
        _join_middles(ids, self.persons)
        _join_acronyms(ids, orgs)
        self._joined = ids
        return ids

    def _here(self, node: tuple, ids: _Identities) -> set[tuple]:
        """The owners of a bare name in its own article: the one speaker with that surname (else first name)."""
        single = self.singles[node]
        here = {ids.find(k) for k in single.by_last if k in self.persons}
        return here or {ids.find(k) for k in single.by_first if k in self.persons}

    def _needs_text(self, node: tuple, ids: _Identities) -> bool:
        word, single = node[1], self.singles[node]
        if word in _common_words() or all(sp.isupper() for sp in single.spellings):
            return False
        return len(self._here(node, ids)) != 1

    def _text_nodes(self) -> dict[object, list[tuple]]:
        """Article -> its bare names that no speaker of the article owns (their text may decide)."""
        if self._needs is None:
            ids = self._join()
            self._needs = defaultdict(list)
            for node in self.singles:
                if self._needs_text(node, ids):
                    self._needs[node[2]].append(node)
        return self._needs

    def texts_needed(self) -> set[object]:
        """The articles whose text decides one of their bare names (no single owner among their speakers)."""
        return set(self._text_nodes())

    def add_texts(self, articles: pd.DataFrame) -> None:
        """Read what these articles (``article_id``, ``text``) write before their bare names, for
        those ``texts_needed`` lists: "Ghazala Khan ... Khan said" gives "Khan" the first name Ghazala."""
        mine = self._text_nodes()
        for aid, text in zip(articles["article_id"].tolist(), articles["text"].tolist()):
            if aid in mine:  # one pass over the text for all its bare names
                before = _names_before(text, {node[1] for node in mine[aid]})
                for node in mine[aid]:
                    self.singles[node].given = before.get(node[1], set())
        self._labels = None

    def _owners(self, ids: _Identities) -> tuple[dict[str, dict[tuple, set[str]]], dict[tuple, Counter]]:
        """Full names by surname (root -> spellings), and the role heads of each name's node."""
        by_surname: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
        for key, spellings in self.persons.items():
            if len(key) >= 2:
                by_surname[_surname(key)][ids.find(key)] |= spellings
        roles: dict[tuple, Counter] = defaultdict(Counter)
        for name, node in self.node.items():
            roles[node].update(self.roles[name])
        return by_surname, roles

    def _join_single(self, ids: _Identities) -> None:
        """A one-word person name ("Obama", "Mr. Clinton") joins the one full name that owns it.

        The owner is, in order: the one speaker of the same article with that surname (or, only
        there, that first name: "Jayme" -> "Jayme Closs"); the one person of the corpus with that
        surname whose full name the article writes, when it writes one (given its text); the one
        person of the corpus with that surname, unless the article writes that surname with another
        first name ("Julianne Moore" is not the corpus's Stephen Moore); the owner that holds its
        role (``_by_role``). Otherwise the word stays its own identity, one for the corpus
        ("Clinton" when both Hillary and Bill Clinton speak elsewhere and the article names neither
        in full).
        """
        by_surname, roles = self._owners(ids)
        for node, single in self.singles.items():
            word = node[1]
            if word in _common_words() or all(sp.isupper() for sp in single.spellings):
                ids.join(node, (_WORDING, word))  # a heading word or a common noun: never a surname
                continue
            here = self._here(node, ids)
            owners = by_surname.get(word, {})
            given = (single.given or set()) if len(here) != 1 else set()
            if len(here) != 1 and len(given) == 1:  # the one full name the article writes
                here = _owners_named(given, owners)
            if len(here) != 1 and len(owners) == 1 and (not given or _owners_named(given, owners)):
                here = set(owners)  # the corpus's one owner, unless the article names someone else
            if len(here) != 1 and len(owners) > 1 and single.roles:
                here = _by_role(owners, single.roles, roles, ids, self.persons)
            ids.join(node, next(iter(here)) if len(here) == 1 else (_WORDING, word))

    def _label_of(self) -> dict[tuple, str]:
        """Root of each identity -> its canonical spelling."""
        if self._labels is not None:
            return self._labels
        ids = self._join()
        self._join_single(ids)
        groups: dict[tuple, Counter] = defaultdict(Counter)
        for name, n in self.counts.items():
            groups[ids.find(self.node[name])][name] += n
        for node, single in self.singles.items():
            for name, n in single.spellings.items():
                groups[ids.find(node)][name] += n
        label: dict[tuple, str] = {}
        for root, spellings in groups.items():
            kind = "person" if any(self.kinds[s] == "person" for s in spellings) else self.kinds[next(iter(spellings))]
            label[root] = _canonical(spellings, kind)
        self._labels = label
        self._joined = None  # the bare names' joins are in: a later add() starts over
        self._final = ids
        return label

    def ids(self, quotes: pd.DataFrame) -> list[str | None]:
        """The ``speaker_id`` of every quote of ``quotes`` (a part given to ``add``); None without a name."""
        label = self._label_of()
        ids = self._final
        arts = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * len(quotes)
        out: list[str | None] = []
        for name, aid in zip(quotes["speaker_name"].tolist(), arts):
            node = None
            if isinstance(name, str) and name.strip():
                name = name.strip()
                node = (_SINGLE, self.keys[name][0], aid) if self._is_single(name) else self.node.get(name)
            out.append(label.get(ids.find(node)) if node is not None and (node in ids.parent) else None)
        return out


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
    tally = SpeakerIdentities()
    tally.add(quotes)
    if articles is not None and {"article_id", "text"} <= set(articles.columns):
        tally.add_texts(articles)
    out = quotes.copy()
    out["speaker_id"] = pd.Series(tally.ids(quotes), index=quotes.index, dtype=object)
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

