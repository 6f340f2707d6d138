# The project's commands. `make serve` to preview, `make test` for every check.
# Everything runs from .venv (Python) and node_modules (mermaid, axe-core, linters),
# which `make install` creates from the pinned requirements.txt and package-lock.json.

PY      := .venv/bin/python
# Material's MkDocs 2.0 notice, and the ProperDocs paragraph it adds when ProperDocs is
# installed (material/templates/__init__.py): both off, so build logs stay readable.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install validate build serve check smoke test test-unit test-node test-browser lint links bench canary lock clean

# Each stage of `make test` says how long it took: `$(started)` first in its recipe, `$(took)`
# last; `make test` lists them all again at the end (.stage-times).
started = @date +%s.%N > .stage-$@.start
took = @printf '%-13s %6.1f s\n' '$@' "$$(awk "BEGIN{print $$(date +%s.%N) - $$(cat .stage-$@.start)}")" | tee -a .stage-times; rm -f .stage-$@.start

# pytest on every core (pytest-xdist), a test file per worker at a time, so a file's
# module fixtures (a site it builds) are made once. Exit 5 (nothing collected) is a failure.
PYTEST := $(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadfile
no_tests = rc=$$?; [ $$rc -ne 5 ] || { echo "$(1): no tests collected"; exit 1; }; exit $$rc

install: .venv/.installed node_modules/.installed

.venv/.installed: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

validate: install
	$(started)
	$(PY) -m generator validate
	$(took)

# Build into a fresh folder and swap it in only when the build succeeds,
# so a failed build leaves the previous site/ exactly as it was. No --quiet: MkDocs
# counts warnings for --strict only when it logs them (the hook makes sure it does).
# English at the root, each translation (mkdocs.<language>.yml) in its own folder.
# Then the site's own scripts are minified (tools/minify-js.mjs; `make serve` serves
# them as written).
# The languages are the folders of content/translations/, as `python -m generator languages`
# prints them after checking them (each has its mkdocs.<language>.yml): the same list
# validate checks and the language switcher links.
# The progression diagram is drawn to SVG at build time, as the deploy workflow does, so
# what you build is what is published (generator/drawing.py; where no browser can draw,
# the page keeps drawing it in the reader's browser). PRERENDER_DIAGRAMS=0 turns it off.
build serve: export PRERENDER_DIAGRAMS ?= 1
build: install
	$(started)
	rm -rf site.new
	langs=$$($(PY) -m generator languages) || exit 1; \
	$(PY) -m mkdocs build --strict -d site.new || { rm -rf site.new; exit 1; }; \
	for lang in $$langs; do \
	  $(PY) -m mkdocs build --strict -f mkdocs.$$lang.yml -d site.new/$$lang || { rm -rf site.new; exit 1; }; \
	done
	node tools/minify-js.mjs site.new || { rm -rf site.new; exit 1; }
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.new site
	rm -rf site.old
	@langs=$$(echo $$($(PY) -m generator languages)); all=$$(find site -name index.html | grep -Ecv "^site/($$(echo $$langs | tr ' ' '|'))/"); \
	hand=$$(find content/pages -name '*.md' | wc -l); \
	echo "built site/: $$all pages, $$((all - hand)) generated from content/*.yml and $$hand hand-written in content/pages/; and the same in $$langs (site/<language>/)"
	$(took)

# The first build is as strict as `make build`: a warning stops it. After that, a save
# that makes the content invalid keeps the last good pages and lists the problems on
# every page (generator/mkdocs_hook.py).
# One language at a time: English, or `make serve LANG=ja` (any mkdocs.<language>.yml).
# LANG counts only when given on the command line: the environment's LANG is a locale.
SERVE_ADDR := 127.0.0.1:8000
SERVE_CONFIG := $(if $(filter command line,$(origin LANG)),$(if $(filter en,$(LANG)),mkdocs.yml,mkdocs.$(LANG).yml),mkdocs.yml)
serve: install
	$(PY) -m mkdocs serve --strict -f $(SERVE_CONFIG) -a $(SERVE_ADDR) --livereload

lint: install
	$(started)
	$(PY) -m ruff check
	$(PY) -m yamllint -f parsable content .github
	node tests/js/lint-workflows.mjs
	$(took)

test-unit: install
	$(started)
	$(PYTEST) --ignore=tests/browser --ignore=tests/canary tests; $(call no_tests,unit)
	$(took)

test-node: install
	$(started)
	node --test tests/js/
	$(took)

# linkchecker drops root to `nobody`, so it checks the site over HTTP on 127.0.0.1.
links: build
	$(started)
	$(PY) tests/check_links.py site
	$(took)

test-browser: build
	$(started)
	SITE_DIR=site $(PYTEST) tests/browser; $(call no_tests,browser)
	$(took)

# The quick loop while editing (under a minute): validate, lint, the scripts' tests and the
# unit tests that build no site. `make test` runs everything.
check: validate lint test-node
	$(started)
	$(PYTEST) --ignore=tests/browser --ignore=tests/canary -m "not build" tests; $(call no_tests,check)
	$(took)

# The self-assessment in Chromium on the built site, the content's own model: every band
# edge scores its level, and a share link and a download bring the result back. The pull
# request's quick job runs it after `make check links`, before the whole suite.
smoke: build
	$(started)
	SITE_DIR=site $(PYTEST) tests/browser/test_model_shapes.py -k "content"; $(call no_tests,smoke)
	$(took)

test:
	@rm -f .stage-times
	@$(MAKE) --no-print-directory validate lint test-node test-unit links test-browser
	@echo "make test: all checks passed; each stage took:"; cat .stage-times

bench: build
	$(PY) bench/run.py
	$(PY) bench/engines.py
	$(PY) bench/engines_report.py

# The site built by other engines, with the same checks each (tests/canary, ENGINES.md):
# ProperDocs and Zensical must both pass. The outcome goes to bench/canary.json,
# which bench/engines_report.py shows in bench/results.md. About 1.5 minutes; not in `make test`.
CANARY_REPORT ?= bench/canary.json
canary: install
	CANARY_REPORT=$(CANARY_REPORT) $(PY) -m pytest -q -p no:cacheprovider -rxX tests/canary

lock:
	$(PY) -m pip install --quiet -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in: every Python package, pinned."; $(PY) -m pip freeze; } > requirements.txt

clean:
	rm -rf site site.new site.old .pytest_cache .stage-*
