# Two commands: `make run` (the main job on the bundled data/) and `make test` (the whole suite).
# Each creates the virtual environment it needs, so a fresh clone with Python >= 3.10 and pip is enough.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: run test lab bench score clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newslab analyze data --out $(OUT) --notebooks

test: $(STAMP)
	$(PY) -m pytest -q

# JupyterLab on localhost with its token on; the project's environment is the "Python (newslab)" kernel.
# (Jupyter refuses to run as root unless told; containers often are root.)
lab: $(STAMP)
	$(PY) -m ipykernel install --sys-prefix --name newslab --display-name "Python (newslab)" >/dev/null
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) benchmarks/run.py

score: $(STAMP)
	$(PY) ../shared/eval/score.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
