# policyfacts — build, run and test. `make run` and `make test` install the
# Debian packages they need (tools/deps.sh) and build everything first.

SAN      ?=
PREFIX   ?= /usr/local
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo dev)

ifeq ($(SAN),)
BUILD    := build
SANFLAGS :=
else ifeq ($(SAN),asan)
BUILD    := build/asan
SANFLAGS := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else ifeq ($(SAN),tsan)
BUILD    := build/tsan
SANFLAGS := -O1 -fno-omit-frame-pointer -fsanitize=thread
else
$(error SAN must be asan or tsan)
endif

CC       ?= cc
PKGS     := libmicrohttpd jansson sqlite3 libxxhash zlib
WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes \
            -Wmissing-prototypes -Wnull-dereference -Wconversion -Wno-sign-conversion
HARDEN   := -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
CFLAGS   ?= -O2 -g
ALLCFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(CFLAGS) $(WARN) $(HARDEN) $(SANFLAGS) \
            -Iinclude -DPF_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -MMD -MP
LDFLAGS  += -pie -Wl,-z,relro,-z,now $(SANFLAGS)
LDLIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm

SRC      := $(wildcard src/*.c src/*/*.c)
LIBSRC   := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIBOBJ   := $(LIBSRC:src/%.c=$(BUILD)/obj/%.o)
BIN      := $(BUILD)/policyfacts
DB       := build/policyfacts.db
DATA     := $(wildcard data/*.csv data/wdi/*)
UNIT     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps run test unit integration check format format-check clean install

# a recipe killed half-way must not leave a target that looks up to date
.DELETE_ON_ERROR:

all: $(BIN) $(DB)

deps:
	@tools/deps.sh build run

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -c $< -o $@

$(BIN): $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libpf.a: $(LIBOBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tests:
	mkdir -p $@

# The bundled database: rebuilt when the data or the loader changes.
$(DB): $(DATA) $(BIN)
	$(BIN) load data -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpf.a tests/unit/check.h | $(BUILD)/tests
	$(CC) $(ALLCFLAGS) -Itests/unit -o $@ $< $(BUILD)/libpf.a $(LDFLAGS) $(LDLIBS)

run: deps all
	$(BIN) serve --db $(DB)

unit: $(UNIT) $(BIN)
	@set -e; for t in $(UNIT); do echo "== $$t"; PF_BIN=$(BIN) $$t; done

integration: $(BIN) $(DB)
	PF_BIN=$(BIN) tests/integration/run.sh

# Each mk/*.mk fragment may add targets to TEST_EXTRA (contract, proxy,
# e2e, ...); `make test` runs them all after the unit and integration tests.
TEST_EXTRA ?=
# style is checked too where clang-format is installed (it is on these machines)
ifneq ($(shell command -v clang-format 2>/dev/null),)
TEST_EXTRA += format-check
endif

test: deps
	@tools/deps.sh test
	$(MAKE) all
	@mkdir -p $(BUILD) && touch $(BUILD)/.test-start
	$(MAKE) unit integration $(TEST_EXTRA)
	@tools/sanitizer_logs.sh $(BUILD)/.test-start

CSOURCES = $(shell git ls-files '*.c' '*.h' 2>/dev/null || ls src/*.c src/*/*.c include/*.h include/*/*.h)

format:
	clang-format -i $(CSOURCES)

format-check:
	clang-format --dry-run -Werror $(CSOURCES)

install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/policyfacts

clean:
	rm -rf build

-include $(OBJ:.o=.d)
-include $(wildcard mk/*.mk)
