#!/usr/bin/env node
// Lints the API description with Redocly's linter (@redocly/openapi-core,
// the engine of `redocly lint`), with api-spec/redocly.yaml's rules and
// api-spec/.redocly.lint-ignore.yaml beside it. The library, not the CLI:
// Redocly CLI 2.x needs Node.js >= 20.19, and 1.x pulls in some 240
// packages for its other commands; openapi-core 1.34 runs on Debian 12's
// Node.js 18 with 20. Prints the problems as `redocly lint --format
// stylish` does; exit status 1 on any error.
//
// Usage: node tests/contract/lint.mjs --config api-spec/redocly.yaml api-spec/openapi.json
import { createRequire } from 'node:module';

const { loadConfig, lint, formatProblems, getTotals } =
  createRequire(import.meta.url)('@redocly/openapi-core');

const argv = process.argv.slice(2);
if (argv.length !== 3 || argv[0] !== '--config') {
  console.error('usage: lint.mjs --config REDOCLY_YAML OPENAPI_FILE');
  process.exit(2);
}
const [, configPath, ref] = argv;
const config = await loadConfig({ configPath });
const problems = await lint({ ref, config });
const totals = getTotals(problems);
formatProblems(problems, { format: 'stylish', totals, version: 'openapi-core', maxProblems: 1000 });
console.log(`lint ${ref}: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.ignored} ignored`);
process.exit(totals.errors > 0 ? 1 : 0);
