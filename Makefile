# Two commands: `make run` (the main job on the bundled data/) and `make test` (the whole suite).
# Each creates the virtual environment it needs, so a fresh clone with Python >= 3.10 and pip is enough.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: run test lab bench score clean browser

SEED   := data/2023-12-05_wions_north-korea-russia-ties.txt
CORPUS := data/wikinews/wikinews.jsonl

# One line per step, and pip's own progress (a first install takes a few minutes).
$(STAMP): pyproject.toml
	@echo "==> [1/3] creating the virtual environment $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> [2/3] upgrading pip"
	$(PY) -m pip install --upgrade --progress-bar on pip
	@echo "==> [3/3] installing newslab with its dependencies and test tools (pandas, matplotlib, jupyterlab, ...)"
	$(PY) -m pip install --progress-bar on -e ".[dev]"
	touch $(STAMP)
	@echo "==> installed; the environment is $(VENV)"

# The seed article and the Wikinews corpus are analysed as separate runs, each with its own tables,
# charts and report.html; the notebooks (which start from the seed, then read the corpus) run with the corpus.
run: $(STAMP)
	@echo "==> the seed article -> $(OUT)/seed/"
	$(VENV)/bin/newslab analyze $(SEED) --out $(OUT)/seed
	@echo "==> the Wikinews corpus -> $(OUT)/wikinews/ (and the notebooks -> $(OUT)/wikinews/notebooks/)"
	$(VENV)/bin/newslab analyze $(CORPUS) --out $(OUT)/wikinews --notebooks
	@echo "==> open $(OUT)/seed/report.html and $(OUT)/wikinews/report.html"

test: $(STAMP)
	$(PY) -m pytest -q

# JupyterLab on localhost with its token on; the project's environment is the "Python (newslab)" kernel.
# (Jupyter refuses to run as root unless told; containers often are root.)
lab: $(STAMP)
	$(PY) -m ipykernel install --sys-prefix --name newslab --display-name "Python (newslab)" >/dev/null
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# The browser tests (tests/test_browser.py) drive Debian's Chromium through Playwright (in the dev
# extra); they skip without it. Never `playwright install`: that downloads a browser of its own.
browser:
	@command -v chromium >/dev/null && echo "chromium is installed: $$(command -v chromium)" || \
	  { echo "==> installing chromium with apt-get (needs root)"; apt-get update && apt-get install -y chromium; }

bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) benchmarks/run.py

score: $(STAMP)
	$(PY) ../shared/eval/score.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
