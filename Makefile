# Prongsai: the two commands a person needs, and the steps behind them.
#
#   make run    install what is missing, build, start the server on ./var/prongsai.db
#   make test   install what is missing, build, run every test through ctest
#
# Both run as root on a fresh Debian 12 machine: `deps` installs only the Debian and npm
# packages that are not there yet, so a second run costs a few dpkg look-ups.

PORT       ?= 8080
HOST       ?= 127.0.0.1
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
DB         ?= var/prongsai.db
AGENCY     ?= องค์การบริหารส่วนตำบลนาหม่อม
JOBS       ?= $(shell nproc)

# Libraries the build links, tools the tests drive, the font PDFs use. Keep in step with
# docs in HACKING.md; each line says who needs it.
DEB_BUILD = build-essential cmake ninja-build pkg-config libpq-dev \
            libboost1.81-dev libboost-url1.81-dev libsqlite3-dev libicu-dev \
            nlohmann-json3-dev libkainjow-mustache-dev libsodium-dev libexpected-dev \
            libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev \
            libpango1.0-dev libcairo2-dev fonts-tlwg-laksaman libzip-dev libxlsxwriter-dev \
            libqrencode-dev libcurl4-openssl-dev libssl-dev libqpdf-dev libxml2-dev zlib1g-dev libbrotli-dev \
            libpoppler-cpp-dev libtesseract-dev tesseract-ocr-tha tesseract-ocr-eng
# pdftotext/pdfinfo and xmllint check the documents the tests make; zbarimg reads QR codes back;
# systemd-analyze, nginx and openssl check deploy/ (tests/deploy/check.sh).
DEB_TEST  = chromium curl sqlite3 postgresql poppler-utils libxml2-utils zbar-tools python3-icalendar \
            systemd openssl
# Node and npm: Debian's (Node 18) unless the machine has them already from elsewhere.
DEB_NODE  = $(if $(shell command -v node),,nodejs) $(if $(shell command -v npm),,npm)
DEB_BENCH = wrk nginx-light
DEB_ALL   = $(DEB_BUILD) $(DEB_TEST) $(DEB_BENCH) $(DEB_NODE)

.PHONY: run test build deps deps-deb deps-npm configure bench bench-national lint clean help

help:
	@echo "make run    build and serve http://$(HOST):$(PORT) (PORT=... to change)"
	@echo "make test   build and run every test (ctest)"
	@echo "make bench  measure public pages (home, ITA, news, Q&A) against nginx, the plan pages, uploads, large refused bodies, the home page while office files download, search, survey submissions, two nodes against one, one agency's page while others are written to, procurement imports and documents at 10,000 projects (bench/results/)"
	@echo "make bench-national  a national host of 8,317 agencies on PostgreSQL: page times, cache memory, audit verify, backup and restore (~15 min, ~13 GB of disk)"

deps: deps-deb deps-npm

# dpkg-query answers for installed packages only; whatever it does not list is installed.
deps-deb:
	@missing=""; for p in $(DEB_ALL); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The web font (Sarabun, OFL) and the browser-test tools come from npm, pinned by package-lock.json.
deps-npm:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; \
	fi

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  $(BUILD_DIR)/prongsai init --db sqlite:$(DB) --agency "$(AGENCY)" --demo \
	    --password-file $(dir $(DB))admin-password.txt && \
	  $(BUILD_DIR)/prongsai import report data/seed/o43-report-na-mom-2566.txt --year 2566 --db sqlite:$(DB) && \
	  { $(BUILD_DIR)/prongsai demo --db sqlite:$(DB) || echo "  (the current year's demo data was not filled: see above)"; }; \
	fi
	@echo ""
	@echo "  Prongsai: http://$(HOST):$(PORT)/"
	@echo "  log in at http://$(HOST):$(PORT)/login as admin@example.org"
	@echo "  password: $$(cat $(dir $(DB))admin-password.txt 2>/dev/null || echo '(set at first init; reset with: $(BUILD_DIR)/prongsai user passwd admin@example.org)')"
	@echo ""
	@exec $(BUILD_DIR)/prongsai serve --db sqlite:$(DB) --listen $(HOST):$(PORT)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

bench: build
	@bench/home_vs_nginx.sh $(BUILD_DIR)/prongsai
	@bench/ita_vs_nginx.sh $(BUILD_DIR)/prongsai
	@bench/ita_vs_nginx.sh $(BUILD_DIR)/prongsai 10 32
	@ENCODING=gzip bench/ita_vs_nginx.sh $(BUILD_DIR)/prongsai
	@bench/plan_pages.sh $(BUILD_DIR)/prongsai
	@bench/channels_vs_nginx.sh $(BUILD_DIR)/prongsai
	@bench/upload_memory.sh $(BUILD_DIR)/prongsai
	@bench/big_bodies.sh $(BUILD_DIR)/prongsai
	@bench/downloads.sh $(BUILD_DIR)/prongsai
	@bench/search.sh $(BUILD_DIR)/bench/search_bench
	@bench/survey_submissions.sh $(BUILD_DIR)/prongsai
	@bench/pg_submissions.sh $(BUILD_DIR)/prongsai
	@bench/two_nodes.sh $(BUILD_DIR)/prongsai
	@bench/neighbours.sh $(BUILD_DIR)/prongsai 10 64 3 20
	@bench/neighbours.sh $(BUILD_DIR)/prongsai 10 64 3 150
	@bench/procurement.sh $(BUILD_DIR)/prongsai

# Apart from `make bench`: ~15 minutes and ~13 GB of disk (the database and its dump).
bench-national: build
	@bench/national_host.sh $(BUILD_DIR)/prongsai 8317

lint:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR)
