# The dashboard in a real browser (tests/e2e/): Debian's chromium driven by
# playwright-core from npm (no browser download). `make e2e` on its own, and
# `make test` runs it after the unit and integration tests. Screenshots and
# server logs land in tests/out/e2e/.

E2E_DIR := tests/e2e

.PHONY: e2e e2e-deps

e2e-deps:
	@tools/deps.sh e2e
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || tools/deps.sh test
	@if [ ! -f $(E2E_DIR)/node_modules/.package-lock.json ] || \
	    ! cmp -s $(E2E_DIR)/package-lock.json $(E2E_DIR)/node_modules/.e2e-lock; then \
	    echo "npm ci --prefix $(E2E_DIR)"; \
	    npm ci --prefix $(E2E_DIR) --no-audit --no-fund --loglevel=error && \
	    cp $(E2E_DIR)/package-lock.json $(E2E_DIR)/node_modules/.e2e-lock; \
	fi

e2e: e2e-deps $(BIN) $(DB)
	PF_BIN=$(BIN) PF_DBFILE=$(DB) node --test $(E2E_DIR)/dashboard.test.js $(E2E_DIR)/clients.test.js

TEST_EXTRA += e2e
