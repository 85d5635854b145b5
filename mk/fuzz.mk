# libFuzzer targets (tests/fuzz). `make fuzz FUZZ_SECONDS=N` builds every
# target with clang (-fsanitize=fuzzer,address,undefined) and runs each for
# N seconds, one after the other, at the lowest CPU priority. New corpus
# entries go to build/fuzz/corpus/<target> (the committed seeds in
# tests/fuzz/corpus/<target> are only read); crashes, leaks and invariant
# failures are written to build/fuzz/artifacts/ and fail the run.
# `make fuzz-smoke` is the short run CI does (FUZZ_SMOKE_SECONDS each).

FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_TARGETS       := query router cursor headers csv
FUZZ_CC            ?= clang
FUZZ_DIR           ?= build/fuzz
FUZZ_SAN           := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS         = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -g -O1 \
                      -fno-omit-frame-pointer $(FUZZ_SAN) -Iinclude -Itests/fuzz \
                      -DPF_VERSION='"fuzz"' $(PKG_CFLAGS)
FUZZ_LIBOBJ        := $(LIBSRC:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_BINS          := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_RUN           = tests/fuzz/run.sh

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-deps

fuzz-deps:
	@tools/deps.sh build fuzz

$(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_LIBOBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIBOBJ) $(LDLIBS)

fuzz-build: fuzz-deps
	$(MAKE) -j$$(nproc 2>/dev/null || echo 1) $(FUZZ_BINS)

fuzz: fuzz-build
	@FUZZ_DIR=$(FUZZ_DIR) $(FUZZ_RUN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	@FUZZ_DIR=$(FUZZ_DIR) $(FUZZ_RUN) $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

# the instrumented objects are intermediate to make: keep them
.SECONDARY: $(FUZZ_LIBOBJ)

TEST_EXTRA += fuzz-smoke
SUITE_TOOLS_fuzz-smoke := clang

-include $(FUZZ_LIBOBJ:.o=.d)
