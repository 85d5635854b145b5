# Contract tests (owned with api-spec/ and tests/contract/):
#   1. lint api-spec/openapi.json with Redocly CLI (api-spec/redocly.yaml),
#      and check it against the server's route and parameter tables
#      (tests/contract/drift.mjs);
#   2. record the contract's own request set against the real server
#      (tests/contract/record.mjs -> $(CONTRACT_OUT));
#   3. validate every recorded response against the spec with ajv
#      (tests/contract/validate.mjs), and the integration tests' recording
#      tests/out/responses.jsonl too when it exists.
# Node and npm come from `tools/deps.sh test`; the npm packages are pinned in
# tests/contract/package-lock.json and installed with `npm ci`.

CONTRACT_DIR := tests/contract
CONTRACT_OUT := tests/out/contract-responses.jsonl
CONTRACT_NPM := $(CONTRACT_DIR)/node_modules/.package-lock.json
# Redocly CLI: no telemetry, no update notices (CI has no network anyway).
CONTRACT_ENV := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

.PHONY: contract contract-lint contract-drift contract-record contract-validate

contract: contract-lint contract-drift contract-validate

$(CONTRACT_NPM): $(CONTRACT_DIR)/package.json $(CONTRACT_DIR)/package-lock.json
	npm ci --prefix $(CONTRACT_DIR) --no-audit --no-fund --loglevel=error

contract-lint: $(CONTRACT_NPM)
	cd api-spec && $(CONTRACT_ENV) ../$(CONTRACT_DIR)/node_modules/.bin/redocly lint \
	    --config redocly.yaml --format stylish openapi.json

contract-drift:
	node $(CONTRACT_DIR)/drift.mjs --spec api-spec/openapi.json

contract-record: $(CONTRACT_NPM) $(BIN) $(DB)
	node $(CONTRACT_DIR)/record.mjs --bin $(BIN) --db $(DB) --out $(CONTRACT_OUT)

contract-validate: contract-record
	node $(CONTRACT_DIR)/validate.mjs --spec api-spec/openapi.json --require-coverage $(CONTRACT_OUT)
	@if [ -f tests/out/responses.jsonl ]; then \
	    node $(CONTRACT_DIR)/validate.mjs --spec api-spec/openapi.json tests/out/responses.jsonl; \
	else echo "contract: no tests/out/responses.jsonl from the integration tests yet; skipped"; fi

TEST_EXTRA += contract
