# flexaudit: plain GNU Makefile. Objects in build/, quiet unless V=1.
# Targets: all check demo asan tsan faults fuzz fuzz-run bench bench-serve
# install lint format format-check clean deps. See README.md.
# bench (the CLI on a 50,000-worker package) and bench-serve (the portal
# under 50 members at once, docs/serve-capacity.md) are not part of check.

PREFIX ?= /usr/local
CC ?= cc
PKGS := libxml-2.0 libzip sqlite3 nettle jansson xlsxwriter libsodium \
	libmicrohttpd
# The Debian python3 that scripts/deps.sh gives python3-jsonschema; another
# python3 earlier in PATH may lack it.
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
	-Wwrite-strings -Wformat=2 -Wundef -Wvla -Wcast-align -fno-common
CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L
OPT ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -pthread
# A subsystem's folder (src/lib/<name>/) is searched for headers too, so
# that its modules and their tests include them by their plain names.
SUB_INC = $(patsubst %/,-iquote %,$(wildcard src/lib/*/))
CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(WERROR) $(SAN) -pthread -MMD -MP \
	-iquote src/lib $(SUB_INC) -iquote $(B)/gen -DFA_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

B ?= build
ifeq ($(V),1)
Q :=
else
Q := @
endif

# A subsystem with a library of its own has a folder: src/lib/<name>/.
LIB_SRC := $(wildcard src/lib/*.c src/lib/*/*.c)
LIB_OBJ := $(LIB_SRC:src/lib/%.c=$(B)/lib/%.o) $(B)/gen/manifest_xsd.o \
	$(B)/gen/ruleset_xsd.o $(B)/gen/mapping_xsd.o $(B)/gen/pack_xsd.o \
	$(B)/gen/waivers_xsd.o
CLI_SRC := $(wildcard src/cli/*.c)
CLI_OBJ := $(CLI_SRC:src/cli/%.c=$(B)/cli/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/replay/%)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)

.PHONY: all check demo asan tsan faults fuzz fuzz-run bench bench-serve \
	install lint format format-check clean deps unit cli-tests replay \
	packages docs-check rules-check html-check serve-check report-check \
	privacy-check nl-check
.DELETE_ON_ERROR:

all: $(B)/flexaudit $(B)/fa-gen $(B)/libflexaudit.so

# ---- dependencies -------------------------------------------------------
deps:
	$(Q)sh scripts/deps.sh

# ---- library, CLI, tools --------------------------------------------------
# The library's objects: position-independent (they make the shared
# object too) and hidden but for the functions flexaudit.h marks FA_API.
# They depend on the Makefile: an object built with other flags would
# export what the lint of the shared object refuses.
LIB_CFLAGS := -fPIC -fvisibility=hidden

$(B)/lib/%.o: src/lib/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) $(LIB_CFLAGS) -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -iquote src/cli -c -o $@ $<

$(B)/tools/%.o: src/tools/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/measure: src/tools/measure.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 -O1 -o $@ $<

$(B)/embed: src/tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CSTD) -O1 -o $@ $<

$(B)/gen/manifest_xsd.c: schemas/manifest.xsd $(B)/embed
	@mkdir -p $(@D)
	$(Q)$(B)/embed fa_manifest_xsd < $< > $@

$(B)/gen/manifest_xsd.o: $(B)/gen/manifest_xsd.c Makefile
	$(Q)$(CC) $(CSTD) $(OPT) $(SAN) $(LIB_CFLAGS) -c -o $@ $<

$(B)/gen/ruleset_xsd.c: schemas/ruleset.xsd $(B)/embed
	@mkdir -p $(@D)
	$(Q)$(B)/embed fa_ruleset_xsd < $< > $@

$(B)/gen/ruleset_xsd.o: $(B)/gen/ruleset_xsd.c Makefile
	$(Q)$(CC) $(CSTD) $(OPT) $(SAN) $(LIB_CFLAGS) -c -o $@ $<

$(B)/gen/mapping_xsd.c: schemas/mapping.xsd $(B)/embed
	@mkdir -p $(@D)
	$(Q)$(B)/embed fa_mapping_xsd < $< > $@

$(B)/gen/mapping_xsd.o: $(B)/gen/mapping_xsd.c Makefile
	$(Q)$(CC) $(CSTD) $(OPT) $(SAN) $(LIB_CFLAGS) -c -o $@ $<

$(B)/gen/pack_xsd.c: schemas/pack.xsd $(B)/embed
	@mkdir -p $(@D)
	$(Q)$(B)/embed fa_pack_xsd < $< > $@

$(B)/gen/pack_xsd.o: $(B)/gen/pack_xsd.c Makefile
	$(Q)$(CC) $(CSTD) $(OPT) $(SAN) $(LIB_CFLAGS) -c -o $@ $<

$(B)/gen/waivers_xsd.c: schemas/waivers.xsd $(B)/embed
	@mkdir -p $(@D)
	$(Q)$(B)/embed fa_waivers_xsd < $< > $@

$(B)/gen/waivers_xsd.o: $(B)/gen/waivers_xsd.c Makefile
	$(Q)$(CC) $(CSTD) $(OPT) $(SAN) $(LIB_CFLAGS) -c -o $@ $<

$(B)/libflexaudit.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The same objects as a shared object: what it exports is the public API
# (make lint compares its symbols with flexaudit.h). The tool and the
# tests link the static library. The version script keeps the linker's
# own symbols (_end, _edata, __bss_start) local too: ld exports them when
# a library linked in exports its own, as Debian's libxlsxwriter does.
$(B)/libflexaudit.so: $(LIB_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)printf '{ global: fa_*; local: *; };\n' > $(B)/libflexaudit.map
	$(Q)$(CC) -shared $(LDFLAGS_ALL) -Wl,--version-script=$(B)/libflexaudit.map \
		-o $@ $^ $(PKG_LIBS)

$(B)/flexaudit: $(CLI_OBJ) $(B)/libflexaudit.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(B)/libflexaudit.a $(PKG_LIBS)

$(B)/fa-gen: $(B)/tools/fa-gen.o $(B)/libflexaudit.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libflexaudit.a $(PKG_LIBS)

# ---- tests ---------------------------------------------------------------
$(B)/tests/%: tests/unit/%.c $(B)/libflexaudit.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -iquote tests/unit -o $@ $< $(B)/libflexaudit.a \
		$(PKG_LIBS) $(shell pkg-config --libs cmocka) $(LDFLAGS_ALL)

# Fuzz targets replayed over their corpus with a plain driver (no clang).
$(B)/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/libflexaudit.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay.c \
		$(B)/libflexaudit.a $(PKG_LIBS) $(LDFLAGS_ALL)

# The unit tests and CLI scripts left out (by name: test_store; store,
# pack, user): tsan sets them.
UNIT_SKIP ?=
CLI_SKIP ?=
skip = $(filter $(1),$(CLI_SKIP))

unit: $(TEST_BIN) packages
	$(Q)set -e; for t in $(filter-out $(addprefix $(B)/tests/,$(UNIT_SKIP)),$(TEST_BIN)); do \
		echo "  TEST    $$t"; \
		CMOCKA_MESSAGE_OUTPUT=stdout FA_FIXTURES=fixtures FA_PACKAGES=$(B)/packages $$t > $$t.log 2>&1 \
		|| { cat $$t.log; echo "FAILED: $$t"; exit 1; }; \
		grep -h '^\[  PASSED  \]' $$t.log | sed 's/^/          /'; \
	done

replay: $(REPLAY_BIN)
	$(Q)set -e; for t in $(REPLAY_BIN); do \
		n=$$(basename $$t); \
		echo "  REPLAY  $$n"; \
		$$t tests/fuzz/corpus/$$n; \
	done

packages: $(B)/flexaudit
	$(Q)sh scripts/zip-fixtures.sh $(B)

cli-tests: $(B)/flexaudit $(B)/fa-gen packages
	$(Q)sh tests/cli/run.sh $(B)
	$(Q)$(B)/flexaudit schema --manifest-xsd | cmp - schemas/manifest.xsd
	@echo "          schema: --manifest-xsd prints schemas/manifest.xsd byte for byte"
	$(Q)sh tests/cli/progress.sh $(B)
	$(Q)sh tests/cli/outputs.sh $(B)
	$(Q)sh tests/cli/signals.sh $(B)
	$(Q)sh tests/cli/resources.sh $(B)
	$(if $(call skip,pack),,$(Q)PYTHON=$(PYTHON) sh tests/cli/pack.sh $(B))
	$(if $(call skip,pack),,$(Q)sh tests/cli/pack-hostile.sh $(B))
	$(if $(call skip,store),,$(Q)sh tests/cli/store.sh $(B))
	$(Q)$(PYTHON) tests/serve/security.py $(B)
	$(if $(call skip,user),,$(Q)sh tests/cli/user.sh $(B))

check: deps
	$(Q)$(MAKE) --no-print-directory all unit replay cli-tests rules-check lint docs-check \
		html-check serve-check report-check privacy-check nl-check \
		format-check

# The bundled rule sets: valid, and every rule's own tests pass.
rules-check: $(B)/flexaudit
	$(Q)$(B)/flexaudit rules lint rules/
	$(Q)$(B)/flexaudit rules test rules/

# The HTML report as a browser shows and prints it: headless Chromium
# renders reports to PDF and PNG in $(B)/html and checks that the page
# made no network request (tests/html/render.sh), and that they print to
# at most 15 A4 pages (the demo, English and Dutch) and 40 (fa-gen's
# 5,000-worker member, English and Dutch); the Dutch inspection-mode page
# of the unit test (FA_HTML_OUT) is rendered too. Then the filters in a
# real browser (tests/html/filters.py, Selenium with chromedriver),
# against the numbers of the JSON report of the same run. demo-en.png is
# the first screen docs/report-first-page.png shows.
HTML_GEN := --workers 5000 --locations 500 --rooms 2000 --weeks 52 --seed 1

$(B)/html/gen5000.zip: $(B)/fa-gen
	@mkdir -p $(@D)
	$(Q)rm -rf $(B)/html/gen5000 $@
	$(Q)t0=$$(date +%s); $(B)/fa-gen $(HTML_GEN) -o $(B)/html/gen5000 && \
		(cd $(B)/html/gen5000 && find . -type f | LC_ALL=C sort | \
		sed 's#^\./##' | zip -q -X -D -@ ../gen5000.zip) && \
		echo "  GEN     $@ ($$(( $$(date +%s) - t0 )) s)"
	$(Q)rm -rf $(B)/html/gen5000

html-check: $(B)/flexaudit $(B)/tests/test_report_html packages \
		$(B)/html/gen5000.zip
	$(Q)mkdir -p $(B)/html/unit
	$(Q)for l in en nl; do \
		$(B)/flexaudit audit $(B)/packages/demo.zip --lang $$l \
			--generated-at 2026-12-01T00:00:00Z \
			-o $(B)/html/demo-$$l.html -o $(B)/html/demo-$$l.json; \
		[ $$? -le 1 ] || exit 1; \
		t0=$$(date +%s); \
		$(B)/flexaudit audit $(B)/html/gen5000.zip --lang $$l \
			--generated-at 2026-12-01T00:00:00Z \
			-o $(B)/html/gen5000-$$l.html; \
		[ $$? -le 1 ] || exit 1; \
		echo "  AUDIT   gen5000 ($$l): $$(( $$(date +%s) - t0 )) s"; \
	done
	$(Q)CMOCKA_MESSAGE_OUTPUT=stdout FA_PACKAGES=$(B)/packages \
		FA_HTML_OUT=$(B)/html/unit $(B)/tests/test_report_html \
		> $(B)/html/test.log 2>&1 || { cat $(B)/html/test.log; exit 1; }
	$(Q)sh tests/html/render.sh --self-test --max-pages 15 $(B)/html/demo-en.html
	$(Q)sh tests/html/render.sh --max-pages 15 $(B)/html/demo-nl.html
	$(Q)sh tests/html/render.sh --max-pages 40 $(B)/html/gen5000-en.html
	$(Q)sh tests/html/render.sh --max-pages 40 $(B)/html/gen5000-nl.html
	$(Q)sh tests/html/render.sh $(B)/html/unit/demo-nl.html
	$(Q)$(PYTHON) tests/html/filters.py $(B)/html/demo-en.html $(B)/html/demo-en.json
	$(Q)$(PYTHON) tests/html/filters.py $(B)/html/demo-nl.html $(B)/html/demo-nl.json

# The portal end to end in a real browser (tests/serve/flow.py: headless
# Chromium with Selenium, as html-check): against a server started on a
# loopback port, the administrator, the member and the inspector do every
# step through the pages, from adding the organisation to the issued
# report whose SHA-256 the upload page states, in English and with the
# member switching to Dutch; sign-in by keyboard only, every form control
# labelled. A screenshot of each step goes to $(B)/serve.
serve-check: $(B)/flexaudit packages
	$(Q)$(PYTHON) tests/serve/flow.py $(B)

# The JSON report against docs/report-json.schema.json: documents from
# the CLI (tests/report/validate-json.py runs it) and from the unit test
# (FA_REPORT_OUT), the reports written by hand for the diff's tests
# (fixtures/store/diff), and broken documents that the schema must refuse.
# Then the inspection sample on the JSON cover against a draw made from
# docs/sampling.md alone (tests/report/sample-draw.py), and the action
# plan of fixtures/packages/plan against rows worked out by hand
# (tests/report/plan.py).
report-check: $(B)/flexaudit $(B)/tests/test_report_json packages
	$(Q)rm -rf $(B)/report && mkdir -p $(B)/report
	$(Q)CMOCKA_MESSAGE_OUTPUT=stdout FA_PACKAGES=$(B)/packages \
		FA_REPORT_OUT=$(B)/report $(B)/tests/test_report_json \
		> $(B)/report/test.log 2>&1 || { cat $(B)/report/test.log; exit 1; }
	$(Q)$(PYTHON) tests/report/validate-json.py $(B) $(B)/report/*.json \
		fixtures/store/diff/*.json
	$(Q)$(PYTHON) tests/report/sample-draw.py $(B)
	$(Q)$(PYTHON) tests/report/plan.py $(B)

# A Dutch report is Dutch throughout: the demo's text reports (short,
# --fails, -v) and HTML report in Dutch hold no English word of
# tests/report/nl-scan.py's list and no amount with a decimal point; the
# English text report must give hits (a scan that finds nothing there
# proves nothing).
nl-check: $(B)/flexaudit packages
	$(Q)rm -rf $(B)/nl && mkdir -p $(B)/nl
	$(Q)for v in "" --fails -v; do \
		$(B)/flexaudit audit $(B)/packages/demo.zip --lang nl $$v \
			-o $(B)/nl/demo$$v.txt || [ $$? -eq 1 ] || exit 1; \
	done
	$(Q)$(B)/flexaudit audit $(B)/packages/demo.zip --lang nl \
		-o $(B)/nl/demo.html || [ $$? -eq 1 ]
	$(Q)$(B)/flexaudit audit $(B)/packages/demo.zip -o $(B)/nl/en.txt \
		|| [ $$? -eq 1 ]
	$(Q)$(PYTHON) tests/report/nl-scan.py $(B)/nl/en.txt > $(B)/nl/en.log; \
		[ $$? -eq 1 ] || { echo "nl-scan: no hit in an English report"; exit 1; }
	$(Q)$(PYTHON) tests/report/nl-scan.py $(B)/nl/demo*.txt \
		$(B)/nl/demo.html

# No worker's name, BSN or birth date in any report format unless
# --reveal-personal-data is given (tests/report/privacy.sh).
privacy-check: $(B)/flexaudit packages
	$(Q)PYTHON=$(PYTHON) sh tests/report/privacy.sh $(B)

docs-check: $(B)/flexaudit
	$(Q)sh scripts/docs-schema.sh $(B)

# The full audit of the demo package: the report as HTML, JSON and text,
# then the summary. The demo member has deviations on purpose, so exit 1
# (non-compliant) is the expected outcome; 2 and above is a failure.
demo: deps
	$(Q)$(MAKE) --no-print-directory all packages
	$(Q)$(B)/flexaudit audit $(B)/packages/demo.zip \
		-o $(B)/demo-report.html -o $(B)/demo-report.json \
		-o $(B)/demo-report.txt; test $$? -le 1
	$(Q)sed -n '/^housing:/,$$p' $(B)/demo-report.txt | grep -v '^(-v'
	$(Q)echo "report: $(B)/demo-report.html (also $(B)/demo-report.json, $(B)/demo-report.txt)"

ASAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

# (tests/cli/store.sh and test_store kill one writer there instead of
# eight and twenty: each is most of a whole audit, several times slower
# under a sanitizer)
asan:
	$(Q)FA_STORE_KILLS=1 $(MAKE) --no-print-directory B=build/asan OPT="-O1 -g" \
		SAN="$(ASAN)" all unit replay cli-tests

# The binary with allocation failure on demand (tests/faults/shim.c): the
# project's own allocations wrapped at link time, the libraries' through
# their allocator hooks.
FAULT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup \
	-Wl,--wrap=strndup,--wrap=csv_init,--wrap=xmlSchemaNewDocParserCtxt \
	-Wl,--wrap=xmlSchemaParse,--wrap=xmlSchemaNewValidCtxt \
	-Wl,--wrap=xmlSchemaValidateDoc

$(B)/faults/shim.o: tests/faults/shim.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/flexaudit-faults: $(CLI_OBJ) $(B)/faults/shim.o $(B)/libflexaudit.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS_ALL) $(FAULT_WRAP) -o $@ $(CLI_OBJ) \
		$(B)/faults/shim.o $(B)/libflexaudit.a $(PKG_LIBS)

# Fail the Nth allocation of a fixed audit for N = 1, 1 + STRIDE, ... and
# the first allocation of every place in the code that allocates; each
# run must end in a clean error, or as if nothing had failed, under
# AddressSanitizer and LeakSanitizer (tests/faults/run.sh). STRIDE=1:
# every allocation.
FAULTS_STRIDE ?= 1
faults:
	$(Q)$(MAKE) --no-print-directory B=build/asan OPT="-O1 -g" \
		SAN="$(ASAN)" build/asan/flexaudit-faults packages
	$(Q)FAULTS_STRIDE=$(FAULTS_STRIDE) sh tests/faults/run.sh build/asan

# The unit tests and the CLI tests under ThreadSanitizer, the rules on
# four threads (FLEXAUDIT_THREADS) whatever the processors; any report
# stops the program with an error.
#
# ThreadSanitizer finds races between the threads of one process, so it
# runs the tests whose code runs on several threads: the rules, the
# reports and the CLI (FLEXAUDIT_THREADS), and the portal (a thread per
# connection and the audit workers: tests/serve/security.py). The
# store's tests (test_store, test_judgement, store.sh), whose concurrency
# is between processes, and pack's and user's, which run on one thread,
# run under AddressSanitizer only: under ThreadSanitizer they took 3.5
# minutes on two cores (test_store 65 s, store.sh 99 s) and could find
# nothing.
tsan:
	$(Q)FA_STORE_KILLS=1 FLEXAUDIT_THREADS=4 TSAN_OPTIONS="halt_on_error=1 $(TSAN_OPTIONS)" \
		$(MAKE) --no-print-directory B=build/tsan OPT="-O1 -g" \
		SAN="-fsanitize=thread -fno-omit-frame-pointer" \
		UNIT_SKIP="test_store test_judgement" CLI_SKIP="store pack user" \
		all unit cli-tests

# libFuzzer builds need clang. `make fuzz` builds every target; `make
# fuzz-run T=fuzz_csv FUZZ_TIME=1800` fuzzes one (see fuzz-run below).
$(B)/fuzz/%: tests/fuzz/%.c $(LIB_SRC)
	@mkdir -p $(@D)
	$(Q)$(MAKE) --no-print-directory B=build/fuzzlib CC=clang OPT="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link,address,undefined" build/fuzzlib/libflexaudit.a
	$(Q)clang $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined -iquote src/lib $(SUB_INC) \
		$(PKG_CFLAGS) -o $@ $< build/fuzzlib/libflexaudit.a $(PKG_LIBS)

fuzz: $(FUZZ_BIN)
	@echo "fuzz targets in $(B)/fuzz; run one with: make fuzz-run T=fuzz_csv"

# Fuzz target T for FUZZ_TIME seconds. New inputs and crash artifacts go
# to $(B)/fuzzwork/T, never into the committed corpus, which is only
# read; tests/fuzz/T.dict is used if it exists. Afterwards keep only the
# inputs that add coverage:
#   $(B)/fuzz/T -merge=1 tests/fuzz/corpus/T $(B)/fuzzwork/T
FUZZ_TIME ?= 60
fuzz-run:
	$(Q)test -n "$(T)" || { echo "usage: make fuzz-run T=fuzz_csv [FUZZ_TIME=60]"; false; }
	$(Q)$(MAKE) --no-print-directory $(B)/fuzz/$(T)
	$(Q)mkdir -p $(B)/fuzzwork/$(T)
	$(Q)$(B)/fuzz/$(T) -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		$(if $(wildcard tests/fuzz/$(T).dict),-dict=tests/fuzz/$(T).dict) \
		-artifact_prefix=$(B)/fuzzwork/$(T)- \
		$(B)/fuzzwork/$(T) tests/fuzz/corpus/$(T)

bench: all $(B)/measure
	$(Q)sh scripts/bench.sh $(B)

# The portal under load: 50 members at once for 60 s on loopback, browsing
# and uploading; fails on an error, on peak RSS above 1 GiB or on a page's
# p95 above 2 s (tests/serve/load.py, docs/serve-capacity.md).
bench-serve: all packages
	$(Q)$(PYTHON) tests/serve/load.py $(B) --clients 50 --seconds 60

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/flexaudit
	install -m 755 $(B)/flexaudit $(DESTDIR)$(PREFIX)/bin/flexaudit
	cp -r rules schemas mappings $(DESTDIR)$(PREFIX)/share/flexaudit/

lint: $(B)/libflexaudit.so
	$(Q)sh scripts/lint.sh $(B)

FORMAT_SRC := $(wildcard src/lib/*.[ch] src/lib/*/*.[ch] src/cli/*.[ch] \
	src/tools/*.c tests/unit/*.c tests/fuzz/*.c tests/faults/*.c)

format:
	clang-format -i $(FORMAT_SRC)

format-check:
	$(Q)clang-format --dry-run --Werror $(FORMAT_SRC)

clean:
	rm -rf build

-include $(wildcard $(B)/*/*.d $(B)/*/*/*.d)
