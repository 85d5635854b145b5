# Contract tests (owned with api-spec/ and tests/contract/), self-contained:
#   1. lint api-spec/openapi.json with Redocly's linter (tests/contract/lint.mjs,
#      api-spec/redocly.yaml), and check it against the server's route and
#      parameter tables (tests/contract/drift.mjs);
#   2. record the contract's own request set against the real server
#      (tests/contract/record.mjs -> $(CONTRACT_OUT)), and the integration
#      tests' HTTP exchanges (tests/integration/run.sh -k api, recorded to
#      $(CONTRACT_INT));
#   3. validate every recorded response against the spec with ajv
#      (tests/contract/validate.mjs);
#   4. validate the served /v1/datapackage.json with the Frictionless
#      project's validator (datapackage-js), reading every CSV resource it
#      names (tests/contract/datapackage.mjs).
# Node.js (18 or newer) and npm come from `tools/deps.sh test`; the npm
# packages are pinned in tests/contract/package-lock.json (`npm ci`).

CONTRACT_DIR := tests/contract
CONTRACT_OUT := tests/out/contract-responses.jsonl
CONTRACT_INT := tests/out/contract-integration.jsonl
CONTRACT_NPM := $(CONTRACT_DIR)/node_modules/.package-lock.json

.PHONY: contract contract-lint contract-drift contract-record contract-validate contract-datapackage

contract: contract-lint contract-drift contract-validate contract-datapackage

TEST_EXTRA += contract
SUITE_TOOLS_contract := node python3
NPM_DEPS += $(CONTRACT_NPM)

$(CONTRACT_NPM): $(CONTRACT_DIR)/package.json $(CONTRACT_DIR)/package-lock.json
	@command -v npm >/dev/null || tools/deps.sh test
	npm ci --prefix $(CONTRACT_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

contract-lint: $(CONTRACT_NPM)
	node $(CONTRACT_DIR)/lint.mjs --config api-spec/redocly.yaml api-spec/openapi.json

contract-drift:
	node $(CONTRACT_DIR)/drift.mjs --spec api-spec/openapi.json

contract-record: $(CONTRACT_NPM) $(BIN) $(DB)
	node $(CONTRACT_DIR)/record.mjs --bin $(BIN) --db $(DB) --out $(CONTRACT_OUT)
	@# test_api.py's own checks are the integration suite's to report; here
	@# only its exchanges count
	PF_BIN=$(BIN) PF_DBFILE=$(DB) tests/integration/run.sh -k api --record $(CONTRACT_INT) \
	    >tests/out/contract-integration.out || echo "contract: test_api.py reported failures (make integration shows them)"
	@test -s $(CONTRACT_INT) || { tail -n 20 tests/out/contract-integration.out; echo "contract: nothing recorded"; exit 1; }
	@echo "contract: $$(wc -l <$(CONTRACT_INT)) integration exchanges -> $(CONTRACT_INT)"

contract-validate: contract-record
	node $(CONTRACT_DIR)/validate.mjs --spec api-spec/openapi.json --require-coverage $(CONTRACT_OUT)
	node $(CONTRACT_DIR)/validate.mjs --spec api-spec/openapi.json $(CONTRACT_INT)

contract-datapackage: $(CONTRACT_NPM) $(BIN) $(DB)
	node $(CONTRACT_DIR)/datapackage.mjs --bin $(BIN) --db $(DB)
