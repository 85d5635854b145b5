# The dashboard in a real browser (tests/e2e/): Debian's chromium driven by
# playwright-core from npm (no browser download), on Node.js 18 or newer
# (playwright-core 1.61 is the last release that runs on Debian 12's 18).
# `make e2e` on its own installs what it needs; `make test` runs it after the
# unit and integration tests. Screenshots and server logs land in
# tests/out/e2e/.

E2E_DIR := tests/e2e
E2E_NPM := $(E2E_DIR)/node_modules/.package-lock.json

.PHONY: e2e e2e-deps

TEST_EXTRA += e2e
SUITE_TOOLS_e2e := node chromium
NPM_DEPS += $(E2E_NPM)

$(E2E_NPM): $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json | e2e-deps
	npm ci --prefix $(E2E_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

e2e-deps:
	@tools/deps.sh test e2e

e2e: e2e-deps $(E2E_NPM) $(BIN) $(DB)
	PF_BIN=$(BIN) PF_DBFILE=$(DB) node --test $(E2E_DIR)/dashboard.test.js $(E2E_DIR)/views.test.js $(E2E_DIR)/clients.test.js
