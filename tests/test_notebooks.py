"""The notebooks run headless without errors, draw their charts, and are committed without outputs.

Also tests the runner (newslab.notebooks): parameters injected after the `parameters` cell, the kernel is
this interpreter, HTML written with the charts embedded, failures reported with the cell's traceback.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

from newslab import notebooks as runner

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
POLNEAR_DEV = EVAL / "quotes_polnear_dev.jsonl"
ALLOWED_IMPORTS = {"newslab", "pandas", "matplotlib"}


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _pngs(nb) -> int:
    return sum("image/png" in out.get("data", {}) for c in nb.cells if c.cell_type == "code" for out in c.outputs)


_RUNS: dict = {}


def _execute_default(path: Path):
    """The notebook run once with its own parameters (the bundled corpus); shared by the tests below."""
    if path not in _RUNS:
        _RUNS[path] = _execute(path)
    return _RUNS[path]


def _printed(nb) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def _execute(path: Path, parameters=None, timeout: int = 300):
    try:
        return runner.execute_notebook(path, parameters, timeout=timeout)
    except runner.NotebookError as err:  # show the failing cell and its traceback, not the runner's stack
        pytest.fail(str(err), pytrace=False)


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 5, [p.name for p in NOTEBOOKS]


# ------------------------------------------------------------------------------------------------ hygiene
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, (f"{path.name}: cells {dirty} have outputs or execution counts; strip them before "
                       "committing (Jupyter: Edit > Clear Outputs of All Cells, or "
                       "`jupyter nbconvert --clear-output --inplace notebooks/*.ipynb`)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_parameters_cell_points_at_bundled_data(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: one cell must be tagged 'parameters'"
    values = {}
    for node in ast.parse(tagged[0].source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            values[node.targets[0].id] = ast.literal_eval(node.value)
    assert values.get("corpus") == "../data/wikinews/wikinews.jsonl"  # the bundled corpus; the seed comes first
    assert (path.parent / values["corpus"]).resolve() == (ROOT / "data" / "wikinews" / "wikinews.jsonl").resolve()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_code_uses_only_newslab_pandas_matplotlib(path):
    nb = nbformat.read(path, as_version=4)
    used = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                used |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                used.add(node.module.split(".")[0])
    assert used <= ALLOWED_IMPORTS, f"{path.name} imports {sorted(used - ALLOWED_IMPORTS)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_markdown_tells_the_story(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    for heading in ("known limits", "adapting it", "seed article"):
        assert heading in text, f"{path.name}: no section on {heading!r}"


# ------------------------------------------------------------------------------------------- execution
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs_on_bundled_data(path):
    nb = _execute_default(path)
    assert _pngs(nb) >= 1, f"{path.name} drew no chart"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


def test_every_notebook_starts_from_the_seed():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        first = next(c.source for c in nb.cells if c.cell_type == "code" and "load_articles" in c.source)
        assert "nl.load_articles(nl.SEED)" in first, path.name


def test_corpus_overview_shows_real_findings_on_wikinews():
    nb = _execute_default(NOTEBOOK_DIR / "05_corpus_overview.ipynb")
    out = _printed(nb)
    m = re.search(r"(\d+) named people quoted; timeline over (\d+) months", out)
    assert m, out[-2000:]
    assert int(m.group(1)) >= 20 and int(m.group(2)) >= 12, m.group(0)
    targets = re.search(r"targets: (.*)", out).group(1)
    assert "United States" in targets
    assert re.search(r"[1-9]\d* target mention\(s\) in", out)
    assert _pngs(nb) >= 7


def test_quotes_notebook_shows_the_article_viewer():
    nb = _execute_default(NOTEBOOK_DIR / "02_quotes_and_speakers.ipynb")
    shown = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if "text/html" in o.get("data", {}) and 'class="nlv"' in o["data"]["text/html"]]
    assert len(shown) == 2  # the seed, then an article of the corpus
    assert "Kremlin Spokesperson Dmitry Peskov</mark>" in shown[0]


def test_quotes_notebook_shows_provenance_conventions_identity_and_gender():
    nb = _execute_default(NOTEBOOK_DIR / "02_quotes_and_speakers.ipynb")
    out = _printed(nb)
    html = "\n".join(o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if "text/html" in o.get("data", {}))
    for column in ("rule", "cue_class", "name_rule", "confidence", "spellings", "gender_evidence", "content_spans"):
        assert f"<th>{column}</th>" in html, column
    counts = re.search(r"seed article: quotes convention: (\d+) rows; attributions convention: (\d+) rows", out)
    assert counts and int(counts.group(2)) > int(counts.group(1)) > 0, out[-2000:]
    # the example: the mayor's split quotation is two quotes but one attribution; the belief is only an attribution
    def rows(convention, who):
        return len(re.findall(rf"<td>{convention}</td>\s*<td>\w+</td>\s*<td>{who}</td>", html))
    assert (rows("quotes", "Mayor Ana Ruiz"), rows("attributions", "Mayor Ana Ruiz")) == (2, 1)
    assert (rows("quotes", "Engineers"), rows("attributions", "Engineers")) == (0, 1)
    ids = re.search(r"(\d+) distinct speaker names -> (\d+) identities; (\d+) identities join several", out)
    assert ids and int(ids.group(2)) < int(ids.group(1)) and int(ids.group(3)) >= 5, out[-2000:]
    assert re.search(r"of the quotes whose speaker's gender the articles state, \d+% are by women", out)
    # gender as the seed states it: Peskov is "he", Choe Son Hui has no pronoun or honorific
    assert re.search(r"<td>Dmitry Peskov</td>\s*<td>person</td>\s*<td>man</td>\s*<td>he \(", html)
    assert re.search(r"<td>Choe Son Hui</td>\s*<td>person</td>\s*<td>unknown</td>", html)


def test_corpus_overview_on_a_corpus_that_names_no_country(tmp_path):
    # issue 16: KeyError 'target' when no country is mentioned
    rows = [
        {"id": "n1", "date": "2024-02-01", "title": "Library hours extended",
         "text": "The county library will stay open until 9 p.m. on weekdays, director Helen Marsh said on Monday. "
                 "\"Students asked for it, and we listened,\" Marsh said."},
        {"id": "n2", "date": "2024-03-05", "title": "Bridge repairs finish early",
         "text": "Repairs to the Mill Street bridge ended two weeks early, city engineer Raj Patel told reporters. "
                 "\"The mild winter helped,\" Patel said."},
    ]
    corpus = tmp_path / "local.jsonl"
    corpus.write_text("\n".join(__import__("json").dumps(r) for r in rows), encoding="utf-8")
    nb = _execute(NOTEBOOK_DIR / "05_corpus_overview.ipynb", {"corpus": str(corpus)})
    out = _printed(nb)
    assert "targets: none" in out and "0 target mention(s)" in out and "no quote mentions a target" in out


def test_notebook_html_loads_nothing_from_the_network(tmp_path):
    _notebook(tmp_path, "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()", name="c.ipynb")
    page = runner.run_notebooks(tmp_path, tmp_path / "html")[0].read_text(encoding="utf-8")
    assert not re.search(r"""<script[^>]+src=["']?(https?:)?//""", page), "a script from the network"
    assert "require.min.js" not in page and "MathJax.js" not in page and "mathjax@" not in page.lower()
    assert "cdnjs" not in page and "unpkg.com" not in page and "cdn.jsdelivr" not in page


def test_cli_path_parameters_are_relative_to_where_it_runs(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("ferry timetable", encoding="utf-8")
    (tmp_path / "nbs").mkdir()
    _notebook(tmp_path / "nbs", "print(open(corpus).read(), top)", params="corpus = '../data'\ntop = 1")
    monkeypatch.chdir(tmp_path)
    assert runner.main(["nbs", "out", "--param", "corpus=corpus/a.txt", "--param", "top=2"]) == 0
    assert "ferry timetable 2" in (tmp_path / "out" / "t.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="../shared/eval is not available")
def test_corpus_overview_on_polnear_dev():
    path = next((p for p in NOTEBOOKS if "corpus" in p.stem), None)
    assert path is not None, "no corpus overview notebook"
    nb = _execute(path, {"corpus": str(POLNEAR_DEV)}, timeout=600)
    out = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "84 article(s)" in out  # every dev article loaded
    assert _pngs(nb) >= 5, "the corpus charts did not come out"


# ---------------------------------------------------------------------------------------------- runner
def _notebook(tmp_path: Path, *sources: str, name: str = "t.ipynb", params: str | None = None) -> Path:
    cells = []
    if params is not None:
        cells.append(nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    path = tmp_path / name
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_kernel_is_this_interpreter(tmp_path):
    path = _notebook(tmp_path, "import sys; print(sys.executable)")
    nb = runner.execute_notebook(path)
    assert Path(nb.cells[0].outputs[0]["text"].strip()).resolve() == Path(sys.executable).resolve()


def test_kernel_start_is_quiet_but_cell_output_is_kept(tmp_path, capfd):
    # The kernel inherits our stderr: its TCP warning used to print on every notebook run.
    path = _notebook(tmp_path, "import sys; print('to stderr', file=sys.stderr)")
    nb = runner.execute_notebook(path)
    assert nb.cells[0].outputs[0]["text"] == "to stderr\n"
    assert "without encryption" not in capfd.readouterr().err


def test_parameters_injected_after_the_tagged_cell(tmp_path):
    path = _notebook(tmp_path, "print(corpus, top)", params="corpus = '../data'\ntop = 5")
    nb = runner.execute_notebook(path, {"corpus": "x.jsonl", "top": 3})
    assert [c.metadata.get("tags", []) for c in nb.cells][:2] == [["parameters"], ["injected-parameters"]]
    assert nb.cells[2].outputs[0]["text"].strip() == "x.jsonl 3"


def test_runs_in_the_notebook_folder(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text("hello", encoding="utf-8")
    sub = tmp_path / "notebooks"
    sub.mkdir()
    path = _notebook(sub, "print(open('../data/a.txt').read())")
    assert runner.execute_notebook(path).cells[0].outputs[0]["text"].strip() == "hello"


def test_run_notebooks_writes_html_with_embedded_charts(tmp_path):
    _notebook(tmp_path, "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()", name="b.ipynb")
    _notebook(tmp_path, "1 + 1", name="a.ipynb")
    out = runner.run_notebooks(tmp_path, tmp_path / "html")
    assert [p.name for p in out] == ["a.html", "b.html"]
    page = (tmp_path / "html" / "b.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert "<title>b</title>" in page


def test_failure_names_notebook_and_cell_and_still_writes_html(tmp_path):
    _notebook(tmp_path, "x = 1", "raise ValueError('bad corpus path')", name="broken.ipynb")
    _notebook(tmp_path, "2 + 2", name="fine.ipynb")
    with pytest.raises(runner.NotebookError) as info:
        runner.run_notebooks(tmp_path, tmp_path / "html")
    message = str(info.value)
    assert "broken.ipynb" in message and "ValueError: bad corpus path" in message
    assert "\x1b[" not in message  # no terminal colour codes
    assert (tmp_path / "html" / "broken.html").exists() and (tmp_path / "html" / "fine.html").exists()


def test_cli_prints_where_the_html_went(tmp_path, capsys):
    _notebook(tmp_path, "print(n)", params="n = 1")
    assert runner.main([str(tmp_path), str(tmp_path / "out"), "--param", "n=41"]) == 0
    printed = capsys.readouterr().out
    assert str((tmp_path / "out").resolve()) in printed and "t.html" in printed
    assert "41" in (tmp_path / "out" / "t.html").read_text(encoding="utf-8")


def test_cli_errors(tmp_path, capsys):
    assert runner.main([str(tmp_path), str(tmp_path / "out")]) == 2  # no notebooks
    _notebook(tmp_path, "1/0")
    assert runner.main([str(tmp_path), str(tmp_path / "out")]) == 1
    assert "ZeroDivisionError" in capsys.readouterr().err
    assert runner.main([str(tmp_path), str(tmp_path / "out"), "--param", "novalue"]) == 2
