"""Run the newslab notebooks headless and write the executed copies as HTML.

Used by ``make run`` and by the test suite::

    python -m newslab.notebooks notebooks out/notebooks --param corpus=../my_corpus.jsonl

On the command line, a parameter naming an existing path (or a glob matching one) is read relative
to where the command runs, like the output folder (see :func:`resolve_paths`).

Parameters are injected the papermill way: a new cell, tagged ``injected-parameters``, right after
the cell tagged ``parameters``, so the notebook's own defaults stay visible above the values used.
The kernel is always the interpreter running this module (``sys.executable``), whatever Jupyter
kernels are installed elsewhere on the machine, so the notebooks see the same newslab.
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["NotebookError", "execute_notebook", "inject_parameters", "main", "resolve_paths", "run_notebooks"]

PARAMETERS_TAG = "parameters"
_ANSI = re.compile(r"\x1b\[[0-9;]{0,20}m")
INJECTED_TAG = "injected-parameters"


class NotebookError(RuntimeError):
    """One or more notebooks failed; the message holds each failing cell's traceback."""


def inject_parameters(nb: Any, parameters: Mapping[str, Any] | None) -> Any:
    """Insert a cell assigning ``parameters`` after the cell tagged ``parameters`` (papermill style).

    Without a tagged cell the new cell goes first. Values are written with ``repr``, so they must
    be Python literals (str, int, float, bool, None, lists, dicts). Returns the same notebook.

    Examples:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook(cells=[
        ...     nbformat.v4.new_code_cell("corpus = '../data'", metadata={"tags": ["parameters"]}),
        ...     nbformat.v4.new_code_cell("print(corpus)")])
        >>> nb = inject_parameters(nb, {"corpus": "my.jsonl"})
        >>> [c.source for c in nb.cells]
        ["corpus = '../data'", "# Parameters\\ncorpus = 'my.jsonl'", 'print(corpus)']
    """
    if not parameters:
        return nb
    import nbformat

    for key in parameters:
        if not str(key).isidentifier():
            raise ValueError(f"parameter name {key!r} is not a Python identifier")
    source = "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    cell.pop("id", None)  # ids are optional before nbformat 4.5; set below when the notebook uses them
    cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    where = next((i + 1 for i, c in enumerate(cells)
                  if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), 0)
    if nb.get("nbformat_minor", 0) >= 5 or any("id" in c for c in cells):
        cell["id"] = "injected-parameters"
    cells.insert(where, cell)
    nb.cells = cells
    return nb


def _kernel_spec_manager(workdir: Path) -> Any:
    """A kernel spec manager whose only ``python3`` kernel is this very interpreter."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec_dir = workdir / "kernels" / "python3"
    spec_dir.mkdir(parents=True, exist_ok=True)
    # The kernel listens on 127.0.0.1 only (KernelManager's default), so its start-up warning about
    # TCP without encryption says nothing useful here and cluttered every run's output; its errors
    # still show.
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--log-level=ERROR"],
            "display_name": "Python 3 (newslab)", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(workdir / "kernels")], ensure_native_kernel=False)


def execute_notebook(path: str | Path, parameters: Mapping[str, Any] | None = None,
                     timeout: int = 600) -> Any:
    """Execute one notebook in its own folder on this interpreter's kernel and return it with outputs.

    Raises:
        NotebookError: a cell failed; the message names the notebook and holds the cell's traceback.
            The partly executed notebook is attached as ``err.notebook``.

    Examples:
        >>> import nbformat, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), d / "t.ipynb")
        >>> execute_notebook(d / "t.ipynb").cells[0].outputs[0]["data"]["text/plain"]
        '2'
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no notebook at {path}")
    nb = inject_parameters(nbformat.read(path, as_version=4), parameters)
    with tempfile.TemporaryDirectory(prefix="newslab-kernel-") as tmp:
        km = KernelManager(kernel_name="python3", kernel_spec_manager=_kernel_spec_manager(Path(tmp)))
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        try:
            client.execute()
        except CellExecutionError as err:
            # the kernel's traceback is coloured for terminals; plain text reads better in logs and tests
            error = NotebookError(f"{path.name} failed:\n{_ANSI.sub('', str(err))}")
            error.notebook = nb  # type: ignore[attr-defined]
            raise error from None
    return nb


#: nbconvert's lab template without its CDN scripts (require.js, MathJax, Mermaid, widgets): the pages
#: open offline; newslab's notebooks use none of them (no LaTeX, no widgets).
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
"""


def _to_html(nb: Any, target: Path) -> Path:
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(embed_images=True,  # charts are base64 PNGs inside the page
                            extra_loaders=[jinja2.DictLoader({"newslab_offline.html.j2": _OFFLINE_TEMPLATE})],
                            template_file="newslab_offline.html.j2")
    # the page title is the notebook's name, so a browser tab says which step it shows
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": target.stem}})
    target.write_text(body, encoding="utf-8")
    return target


def run_notebooks(notebook_dir: str | Path, out_dir: str | Path, parameters: Mapping[str, Any] | None = None,
                  timeout: int = 600, pattern: str = "*.ipynb") -> list[Path]:
    """Execute every notebook in ``notebook_dir`` (in name order) and write each as HTML in ``out_dir``.

    Every notebook runs even when an earlier one fails; a failed notebook is still written (up to
    the failing cell, traceback included) and a :class:`NotebookError` listing every failure is
    raised at the end.

    Args:
        notebook_dir: folder holding the ``.ipynb`` files.
        out_dir: where the ``.html`` files go (created).
        parameters: values injected after each notebook's ``parameters`` cell.
        timeout: seconds allowed per cell.
        pattern: which notebooks to run.

    Returns:
        The HTML paths, one per notebook.

    Examples:
        >>> import nbformat, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> cells = [nbformat.v4.new_code_cell("n = 1", metadata={"tags": ["parameters"]}),
        ...          nbformat.v4.new_code_cell("n * 21")]
        >>> nbformat.write(nbformat.v4.new_notebook(cells=cells), d / "a.ipynb")
        >>> [p.name for p in run_notebooks(d, d / "out", {"n": 2})]
        ['a.html']
        >>> "42" in (d / "out" / "a.html").read_text()
        True
    """
    notebook_dir, out_dir = Path(notebook_dir), Path(out_dir)
    paths = sorted(p for p in notebook_dir.glob(pattern) if ".ipynb_checkpoints" not in p.parts)
    if not paths:
        raise FileNotFoundError(f"no notebooks matching {pattern!r} in {notebook_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[str] = []
    for path in paths:
        try:
            nb = execute_notebook(path, parameters, timeout=timeout)
        except NotebookError as err:
            failures.append(str(err))
            nb = err.notebook  # type: ignore[attr-defined]
        written.append(_to_html(nb, out_dir / f"{path.stem}.html"))
    if failures:
        raise NotebookError("\n\n".join(failures))
    return written


def _parse_params(items: Iterable[str]) -> dict[str, Any]:
    """``["k=3", "name=abc"]`` -> ``{"k": 3, "name": "abc"}`` (Python literals, else strings).

    Examples:
        >>> _parse_params(["top=10", "corpus=../data", "flag=True"])
        {'top': 10, 'corpus': '../data', 'flag': True}
    """
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise argparse.ArgumentTypeError(f"--param wants key=value, got {item!r}")
        try:
            out[key.strip()] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            out[key.strip()] = raw
    return out


def resolve_paths(params: Mapping[str, Any], cwd: str | Path | None = None) -> dict[str, Any]:
    """Make relative paths among ``params`` absolute from ``cwd`` (default: where the command runs).

    A notebook runs in its own folder, so ``corpus=corpus/txt`` typed in a shell would otherwise be
    read from ``notebooks/corpus/txt``. A value is taken as a path when it names an existing file or
    folder, or a glob matching one, relative to ``cwd``; other values are left alone.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()).resolve()
        >>> (d / "corpus").mkdir(); _ = (d / "corpus" / "a.txt").write_text("Rain.")
        >>> out = resolve_paths({"corpus": "corpus", "top": 5, "freq": "M", "files": "corpus/*"}, cwd=d)
        >>> out["corpus"] == str(d / "corpus"), out["top"], out["freq"], out["files"] == str(d / "corpus" / "*")
        (True, 5, 'M', True)
    """
    import glob as _glob
    import os

    base = Path(cwd) if cwd is not None else Path.cwd()
    out = dict(params)
    for key, value in params.items():
        if not isinstance(value, str) or not value or os.path.isabs(os.path.expanduser(value)):
            continue
        candidate = base / value
        if candidate.exists() or (_glob.has_magic(value) and _glob.glob(str(candidate), recursive=True)):
            out[key] = str(candidate.resolve() if candidate.exists() else candidate)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m newslab.notebooks NOTEBOOK_DIR OUT_DIR [--param key=value ...]``.

    Prints one HTML path per notebook and the output folder; returns 0, or 1 when a notebook
    failed (its HTML is still written), or 2 for bad arguments.

    Examples:
        >>> import contextlib, io
        >>> with contextlib.redirect_stderr(io.StringIO()) as err:
        ...     main(["no/such/folder", "out"])
        2
        >>> err.getvalue().startswith("error: no notebooks")
        True
    """
    parser = argparse.ArgumentParser(prog="python -m newslab.notebooks",
                                     description="Execute notebooks headless and write them as HTML.")
    parser.add_argument("notebook_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="set a value of the notebooks' parameters cell (repeatable)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    args = parser.parse_args(argv)
    try:
        params = resolve_paths(_parse_params(args.param))
        paths = run_notebooks(args.notebook_dir, args.out_dir, params, timeout=args.timeout)
    except (FileNotFoundError, argparse.ArgumentTypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except NotebookError as err:
        print(err, file=sys.stderr)
        print(f"Notebooks with errors; executed copies written to {args.out_dir.resolve()}", file=sys.stderr)
        return 1
    for p in paths:
        print(p)
    print(f"Executed {len(paths)} notebook(s); HTML written to {args.out_dir.resolve()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
