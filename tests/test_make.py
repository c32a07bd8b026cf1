"""The Makefile shows install progress and runs the seed and the corpus; CI installs the browser tests' needs."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n|\n)+?)(?=\S|\Z)", text, re.MULTILINE)
    assert m, target
    return m.group(1)


def test_install_prints_a_line_per_step_and_pip_progress():
    install = _recipe("$(STAMP)")
    assert "--quiet" not in install and " -q " not in install
    assert len(re.findall(r"@echo \"==> \[\d/3\]", install)) == 3


def test_make_run_analyses_the_seed_and_the_corpus_separately():
    run = _recipe("run")
    assert "analyze $(SEED) --out $(OUT)/seed" in run
    assert "analyze $(CORPUS) --out $(OUT)/wikinews --notebooks" in run
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for var in ("SEED", "CORPUS"):
        path = re.search(rf"^{var}\s*:?=\s*(\S+)", text, re.MULTILINE).group(1)
        assert (ROOT / path).is_file(), path


def test_ci_installs_chromium_and_the_dev_extra_has_playwright():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in ci and "chromium" in ci and "make test" in ci
    assert "playwright install" not in ci  # it would download a browser of its own
    assert re.search(r'"playwright>=', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
