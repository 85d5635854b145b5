# policyfacts — build, run and test. `make run` and `make test` install the
# Debian packages they need (tools/deps.sh) first, then build and run in a
# second make, so that the library flags below are read once the packages
# exist. `make` alone builds; `make check` runs the unit and integration
# suites with no root and no network. tests/README.md lists every suite.

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
# The libraries' flags from pkg-config, computed the first time a recipe
# uses them (then kept), never while make reads this file: on a fresh machine
# pkg-config and the -dev packages only exist once tools/deps.sh has run.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
ALLCFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(CFLAGS) $(WARN) $(HARDEN) $(SANFLAGS) \
            -Iinclude -DPF_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += -pie -Wl,-z,relro,-z,now $(SANFLAGS)
LDLIBS    = $(PKG_LIBS) -lcsv -lpthread -lm

SRC      := $(wildcard src/*.c src/*/*.c)
LIBSRC   := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIBOBJ   := $(LIBSRC:src/%.c=$(BUILD)/obj/%.o)
BIN      := $(BUILD)/policyfacts
DB       := build/policyfacts.db
DATA     := $(wildcard data/*.csv data/wdi/*)
UNIT     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps pkgs-present run test test-deps npm-deps check unit integration \
        format format-check clean install

# a recipe killed half-way must not leave a target that looks up to date
.DELETE_ON_ERROR:

comma := ,
empty :=
space := $(empty) $(empty)

all: $(BIN) $(DB)

# The packages `make run` needs (root, or sudo). `make test` installs more.
deps:
	@tools/deps.sh build run

# Checked before the first compile, so that a machine without the -dev
# packages gets one line saying what to run instead of a page of errors.
pkgs-present:
	@pkg-config --exists $(PKGS) 2>/dev/null || { tools/deps.sh --check build; \
	    echo "make: the build packages are missing: run 'make deps' (root or sudo), or 'make run' / 'make test', which install them"; \
	    exit 1; }

$(BUILD)/obj/%.o: src/%.c | pkgs-present
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

# Packages first, then the build in a second make (see PKG_CFLAGS).
run:
	@tools/deps.sh build run
	@$(MAKE) --no-print-directory all
	$(BIN) serve --db $(DB)

# `make unit T=query` (or T=query,cache) runs only those unit suites (T and
# K below are taken from the command line only, never from the environment).
UNIT_T   := $(if $(filter command line,$(origin T)),$(T))
UNIT_RUN := $(if $(UNIT_T),$(patsubst %,$(BUILD)/tests/test_%,$(subst $(comma),$(space),$(UNIT_T))),$(UNIT))
ifneq ($(filter-out $(UNIT),$(UNIT_RUN)),)
$(error T=$(T): no such unit suite; there are: $(patsubst $(BUILD)/tests/test_%,%,$(UNIT)))
endif

unit: $(UNIT_RUN) $(BIN)
	@set -e; for t in $(UNIT_RUN); do echo "== $$t"; PF_BIN=$(BIN) $$t; done

# `make integration K=PATTERN` runs only the parts whose name contains it.
integration: $(BIN) $(DB)
	PF_BIN=$(BIN) PF_DBFILE=$(DB) tests/integration/run.sh $(if $(filter command line,$(origin K)),-k '$(K)')

# The suites. Each mk/*.mk fragment adds its suites to TEST_EXTRA and the
# commands they need to SUITE_TOOLS_<suite>; tests/suites.sh runs each in its
# own make (one failing does not stop the others), checks its commands first,
# times it, and always ends with the sanitizer-log check.
#   make test   installs every package and npm module the suites use, runs
#               them all; a suite that cannot run fails it.
#   make check  no root, no network: builds, runs unit, integration and
#               format-check; a suite whose commands are missing is skipped
#               with one line saying so.
TEST_EXTRA ?=
TEST_NOTE  ?=
SUITE_TOOLS_integration  := python3 curl jq wget promtool
SUITE_TOOLS_format-check := clang-format
suite_args = $(foreach s,$1,$(s)$(if $(strip $(SUITE_TOOLS_$(s))),=$(subst $(space),$(comma),$(strip $(SUITE_TOOLS_$(s))))))

# Every Debian package (tools/deps.sh groups) and npm module the suites use.
TEST_DEPS  := build run test e2e fuzz
NPM_DEPS   ?=
test-deps:
	@tools/deps.sh $(TEST_DEPS)
	@$(MAKE) --no-print-directory npm-deps

npm-deps: $(NPM_DEPS)
	@:

test: test-deps
	@$(MAKE) --no-print-directory all
	@MAKE='$(MAKE)' TEST_NOTE='$(TEST_NOTE)' tests/suites.sh test $(BUILD) \
	    $(call suite_args,unit integration $(TEST_EXTRA) format-check)

check:
	@$(MAKE) --no-print-directory all
	@MAKE='$(MAKE)' tests/suites.sh check $(BUILD) $(call suite_args,unit integration format-check)

CSOURCES = $(shell git ls-files '*.c' '*.h' 2>/dev/null || \
               find src include tests bench -name '*.[ch]' -not -path '*/node_modules/*' | sort)

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
