# mk/bench.mk: benchmark targets, included from the top Makefile.
#
#   make bench-floor   build build/bench/floor (server (b) of the benchmark)
#   make bench         build everything and run bench/run.sh (all four servers)
#   make bench-tail    p99 against work per request: policyfacts and the
#                      floor spinning 0-4 µs a request (bench/tail.sh)
#   make bench-data    generate a 1,000,000-fact data directory and load it
#                      into build/facts-1m.db with build/policyfacts load
#   make bench-smoke   quick check of floor, gen_facts.py, make_db_json.py
#                      (added to TEST_EXTRA, so `make test` runs it)
#
# Variables (all overridable): BENCH_SECONDS, BENCH_RUNS, BENCH_CONNS,
# BENCH_ENDPOINTS (see bench/README.md); BENCH_FACTS (default 1000000).
# Every name here starts with BENCH_ or bench so that it cannot clash with the
# top Makefile's own variables and targets.

# Keep whatever default goal the including Makefile has (or will have).
bench_saved_goal := $(.DEFAULT_GOAL)

BENCH_CC       ?= $(CC)
BENCH_CFLAGS   ?= -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g \
                  -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla \
                  -Wstrict-prototypes -Wmissing-prototypes
BENCH_PKGS     := libmicrohttpd
BENCH_BUILD    := build/bench
BENCH_FLOOR    := $(BENCH_BUILD)/floor
BENCH_PF       ?= $(or $(BIN),build/policyfacts)
BENCH_PF_DB    ?= $(or $(DB),build/policyfacts.db)
BENCH_FACTS    ?= 1000000
BENCH_1M_DIR   := $(BENCH_BUILD)/data-1m
BENCH_1M_DB    := build/facts-1m.db

$(BENCH_FLOOR): bench/floor.c mk/bench.mk
	@mkdir -p $(BENCH_BUILD)
	$(BENCH_CC) $(BENCH_CFLAGS) $$(pkg-config --cflags $(BENCH_PKGS)) \
	    -o $@ bench/floor.c $$(pkg-config --libs $(BENCH_PKGS)) -lpthread

.PHONY: bench-floor bench bench-tail bench-data bench-smoke bench-clean
bench-floor: $(BENCH_FLOOR)

bench: $(BENCH_FLOOR) $(BENCH_PF) $(BENCH_PF_DB)
	PF_BIN=$(BENCH_PF) PF_DB=$(BENCH_PF_DB) FLOOR_BIN=$(BENCH_FLOOR) \
	    bash bench/run.sh

bench-tail: $(BENCH_FLOOR) $(BENCH_PF) $(BENCH_PF_DB)
	PF_BIN=$(BENCH_PF) PF_DB=$(BENCH_PF_DB) FLOOR_BIN=$(BENCH_FLOOR) \
	    bash bench/tail.sh

# The generated directory is rebuilt only when the generator or the bundled
# data change; the database only when the directory or the loader change.
$(BENCH_1M_DIR)/.stamp: bench/gen_facts.py $(wildcard data/*.csv)
	rm -rf $(BENCH_1M_DIR)
	python3 bench/gen_facts.py --data data --out $(BENCH_1M_DIR) \
	    --facts $(BENCH_FACTS)
	@touch $@

$(BENCH_1M_DB): $(BENCH_1M_DIR)/.stamp $(BENCH_PF)
	bash bench/load_1m.sh $(BENCH_PF) $(BENCH_1M_DIR) $@

bench-data: $(BENCH_1M_DB)

# A few seconds' check of the benchmark's own parts (floor, generator, db.json),
# run by `make test`.
bench-smoke: $(BENCH_FLOOR) $(BENCH_PF)
	bash bench/smoke.sh $(BENCH_FLOOR) $(BENCH_PF)

TEST_EXTRA += bench-smoke
SUITE_TOOLS_bench-smoke := python3 curl

bench-clean:
	rm -rf $(BENCH_BUILD) $(BENCH_1M_DB) bench/out

.DEFAULT_GOAL := $(bench_saved_goal)
