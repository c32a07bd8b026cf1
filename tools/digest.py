#!/usr/bin/env python3
"""Output-identity gate: a digest of every article's rows, to prove a restructuring changed nothing.

    python tools/digest.py --write digest.json          # digest of the working tree's newslab
    python tools/digest.py --against HEAD               # compare the working tree with a commit
    python tools/digest.py --against 72342f1 --tables quotes speakers
    python tools/digest.py --against main --tables stance stance_matrix

The fixed corpus is: the seed article, every text of 40 characters or more written in the tests
(``tests/*.py`` string literals, read with ``ast``), the Wikinews sample when ``data/`` or
``../shared/corpus`` holds it, and the quote sets of ``../shared/eval`` when that folder is present
(they are read, never copied). Tables: ``sentences``, ``quotes`` (with ``convention="attributions"``
where ``newslab.quotes`` takes the parameter, so that the digest compares like with like across the
convention change), ``quotes_default`` (the plain default, when it differs from the former) and
``speakers`` (of the quotes); on request (not in the default ``--tables``, as stance is slower to
compute) ``stance`` (``nl.stance`` of every article's sentences against the CLI's default targets
for the whole corpus, ``newslab.cli.default_targets``) and ``stance_matrix`` (``nl.stance_matrix`` of
the default quotes against the same targets). Every column is hashed per article with its dtype, so the comparison
says which table, which column and which article changed, and which columns were added or removed.

``--against REV`` checks REV out into a temporary git worktree and runs this same script there (the
copy of this file in the working tree, on REV's package), so the two digests come from one corpus.
Exit status: 0 identical, 1 different (added columns alone count as different unless
``--allow-added`` is given), 2 usage errors.
"""
from __future__ import annotations

import argparse
import ast
import glob
import hashlib
import inspect
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MIN_TEST_TEXT = 40


def test_texts(root: Path) -> list[str]:
    """String literals of at least MIN_TEST_TEXT characters in the tests, in file and line order."""
    out: list[str] = []
    for path in sorted((root / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= MIN_TEST_TEXT:
                out.append(node.value)
    return list(dict.fromkeys(out))  # unique, first occurrence kept


def test_id(text: str) -> str:
    """A test text's article id, from its content: adding a test text shifts no other text's id."""
    return "test-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def corpus(root: Path) -> object:
    """The fixed corpus as an articles DataFrame (article_id, text)."""
    import pandas as pd

    ids: list[str] = []
    texts: list[str] = []
    seed = sorted(glob.glob(str(SHARED / "seed" / "*.txt"))) or sorted(glob.glob(str(root / "data" / "*.txt")))
    for p in seed[:1]:
        ids.append("seed")
        texts.append(Path(p).read_text(encoding="utf-8"))
    for t in test_texts(root):
        ids.append(test_id(t))
        texts.append(t)
    for p in sorted(glob.glob(str(SHARED / "corpus" / "wikinews" / "*.csv"))):
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
        for j, t in enumerate(df["text"]):
            ids.append(f"wikinews/{Path(p).stem}/{j:04d}")
            texts.append(t)
    for p in sorted(glob.glob(str(SHARED / "eval" / "quotes_*.jsonl"))):
        with open(p, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if "id" in r and "text" in r:  # case suites (no id) are short texts, not articles
                    ids.append(f"{Path(p).stem}/{r['id']}")
                    texts.append(r["text"])
    return pd.DataFrame({"article_id": ids, "text": texts})


def _value(v: object) -> str:
    try:
        import pandas as pd

        if v is None or (not isinstance(v, (list, tuple, dict)) and pd.isna(v)):
            return "<NA>"
    except (TypeError, ValueError):
        pass
    return repr(v)


def table_digest(df: object) -> dict:
    """{"dtypes": {col: dtype}, "rows": {article_id: n}, "cols": {col: {article_id: sha1}}}."""
    import pandas as pd

    assert isinstance(df, pd.DataFrame)
    out: dict = {"dtypes": {c: str(t) for c, t in df.dtypes.items()}, "rows": {}, "cols": {}}
    if "article_id" not in df.columns:  # an aggregate table (speakers): hash it whole, row order kept
        out["rows"]["*"] = len(df)
        for c in df.columns:
            out["cols"][c] = {"*": hashlib.sha1("\x1f".join(map(_value, df[c].tolist())).encode()).hexdigest()}
        return out
    groups = df.groupby("article_id", sort=False).indices
    for aid, idx in groups.items():
        out["rows"][str(aid)] = len(idx)
    for c in df.columns:
        values = df[c].tolist()
        col: dict[str, str] = {}
        for aid, idx in groups.items():
            col[str(aid)] = hashlib.sha1("\x1f".join(_value(values[i]) for i in idx).encode()).hexdigest()
        out["cols"][c] = col
    return out


def compute(tables: list[str]) -> dict:
    import newslab as nl

    arts = corpus(ROOT)
    res: dict = {"n_articles": len(arts)}
    if "sentences" in tables:
        res["sentences"] = table_digest(nl.sentences(arts))
    takes = "convention" in inspect.signature(nl.quotes).parameters
    q = nl.quotes(arts, convention="attributions") if takes else nl.quotes(arts)
    if "quotes" in tables:
        res["quotes"] = table_digest(q)
    if "quotes_default" in tables and takes:
        res["quotes_default"] = table_digest(nl.quotes(arts))
    if "speakers" in tables:
        res["speakers"] = table_digest(nl.speakers(q))
    if "stance" in tables or "stance_matrix" in tables:
        from newslab.cli import default_targets

        targets = default_targets(arts)
        res["stance_targets"] = sorted(targets)
        if "stance" in tables:
            res["stance"] = table_digest(nl.stance(nl.sentences(arts), targets=targets))
        if "stance_matrix" in tables:
            res["stance_matrix"] = table_digest(nl.stance_matrix(nl.quotes(arts), targets))
    return res


def compare(old: dict, new: dict, allow_added: bool) -> tuple[bool, list[str]]:
    same, lines = True, []
    if old.get("n_articles") != new.get("n_articles"):  # only when comparing with a saved .json
        lines.append(f"corpus: {old.get('n_articles')} articles before, {new.get('n_articles')} now")
        same = False
    for t in sorted(set(old) | set(new)):
        if t == "n_articles":
            continue
        if t == "stance_targets":
            if old.get(t) != new.get(t):
                lines.append(f"stance targets: {old.get(t)} before, {new.get(t)} now")
                same = False
            continue
        if t not in old or t not in new:
            lines.append(f"{t}: only {'now' if t in new else 'before'}")
            continue
        a, b = old[t], new[t]
        if a["rows"] != b["rows"]:
            diff = [k for k in set(a["rows"]) | set(b["rows"]) if a["rows"].get(k) != b["rows"].get(k)]
            lines.append(f"{t}: row counts differ in {len(diff)} articles, e.g. "
                         + ", ".join(f"{k} {a['rows'].get(k, 0)}->{b['rows'].get(k, 0)}" for k in sorted(diff)[:5]))
            same = False
        added = [c for c in b["dtypes"] if c not in a["dtypes"]]
        removed = [c for c in a["dtypes"] if c not in b["dtypes"]]
        if added:
            lines.append(f"{t}: added columns {added}")
            same = same and allow_added
        if removed:
            lines.append(f"{t}: REMOVED columns {removed}")
            same = False
        for c in a["dtypes"]:
            if c in b["dtypes"]:
                if a["dtypes"][c] != b["dtypes"][c]:
                    lines.append(f"{t}.{c}: dtype {a['dtypes'][c]} -> {b['dtypes'][c]}")
                    same = False
                diff = [k for k in a["cols"][c] if a["cols"][c][k] != b["cols"][c].get(k)]
                if diff:
                    lines.append(f"{t}.{c}: differs in {len(diff)} articles, e.g. {sorted(diff)[:5]}")
                    same = False
    return same, lines


def digest_at(rev: str, tables: list[str]) -> dict:
    """Run this script on the package as it was at `rev` (a temporary worktree)."""
    with tempfile.TemporaryDirectory(prefix="newslab-digest-") as tmp:
        wt = Path(tmp) / "wt"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(wt), rev],
                       check=True, capture_output=True)
        try:
            out = Path(tmp) / "digest.json"
            # This file's copy runs against the old package; the old tests/ give the old test texts,
            # so the corpus is the union: run both from here, with the package on PYTHONPATH.
            env = dict(os.environ, PYTHONPATH=str(wt), NEWSLAB_DIGEST_ROOT=str(ROOT))
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--write", str(out), "--tables", *tables],
                           check=True, env=env, cwd=str(wt))
            return json.loads(out.read_text(encoding="utf-8"))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(wt)], capture_output=True, check=False)


def main() -> int:
    global ROOT, SHARED
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", help="write the working tree's digest to this JSON file")
    ap.add_argument("--against", help="a commit (or a digest .json) to compare the working tree with")
    ap.add_argument("--tables", nargs="*", default=["sentences", "quotes", "quotes_default", "speakers"],
                    help="also: stance, stance_matrix (not computed unless asked)")
    ap.add_argument("--allow-added", action="store_true", help="added columns alone do not fail the check")
    a = ap.parse_args()
    if os.environ.get("NEWSLAB_DIGEST_ROOT"):  # the corpus always comes from the tree that asked
        ROOT = Path(os.environ["NEWSLAB_DIGEST_ROOT"])
        SHARED = ROOT.parent / "shared"
    if not a.write and not a.against:
        ap.error("give --write FILE or --against REV")
    if a.against and not a.write:
        sys.path.insert(0, str(ROOT))
    new = compute(a.tables)
    if a.write:
        Path(a.write).write_text(json.dumps(new, sort_keys=True), encoding="utf-8")
        if not a.against:
            print(f"wrote {a.write}: {new['n_articles']} articles, tables "
                  + ", ".join(f"{t} {sum(new[t]['rows'].values())} rows" for t in a.tables if t in new))
            return 0
    if a.against.endswith(".json"):
        old = json.loads(Path(a.against).read_text(encoding="utf-8"))
    else:
        old = digest_at(a.against, a.tables)
    same, lines = compare(old, new, a.allow_added)
    for line in lines:
        print(line)
    rows = ", ".join(f"{t} {sum(new[t]['rows'].values())} rows" for t in a.tables if t in new)
    print(f"{'IDENTICAL' if same else 'DIFFERENT'} against {a.against}: {new['n_articles']} articles, {rows}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
