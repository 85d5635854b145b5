#!/usr/bin/env node
// Contract test of /v1/datapackage.json with the Frictionless project's own
// validator (datapackage-js, pinned in package-lock.json; Node 18 or newer):
// starts the real server (tests/lib/server.cjs), loads the served descriptor
// with Package.load (the descriptor checked against the tabular-data-package
// profile), then, for every resource, fetches the CSV URL it names and
// checks that
//   - it answers 200 text/csv with the declared columns, in order (the
//     header row equals the Table Schema's field names);
//   - every row casts to the declared types (Resource.read with cast) and
//     the foreign keys resolve against the other resources (relations);
//   - the primary key is unique;
// and that the package names every measure with a World Bank code and the
// three reference tables. Exit status 1 on any failure.
//
// Usage: node tests/contract/datapackage.mjs [--bin build/policyfacts]
//          [--db build/policyfacts.db]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Package } = require('datapackage');
const server = require('../lib/server.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = { bin: process.env.PF_BIN || 'build/policyfacts', db: 'build/policyfacts.db' };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];

const fails = [];
let checks = 0;
const check = (ok, msg) => { checks++; if (!ok) { fails.push(msg); console.log(`  FAIL: ${msg}`); } };

function parseCsvHeader(text) {
  const line = text.slice(0, text.search(/\r?\n/));
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

async function checkResource(base, pkg, r) {
  const d = r.descriptor;
  const res = await fetch(d.path);
  check(res.status === 200, `${d.name}: GET ${d.path} answered ${res.status}`);
  check((res.headers.get('content-type') || '').startsWith('text/csv'), `${d.name}: content type ${res.headers.get('content-type')}`);
  const text = await res.text();
  const header = parseCsvHeader(text);
  const fields = d.schema.fields.map((f) => f.name);
  check(JSON.stringify(header) === JSON.stringify(fields),
    `${d.name}: CSV header [${header}] is not the schema's fields [${fields}]`);
  let rows = [];
  try {
    rows = await r.read({ keyed: true, cast: true, relations: true });
  } catch (e) {
    const detail = (e.errors || []).slice(0, 3).map((x) => x.message).join('; ');
    check(false, `${d.name}: rows do not cast or their foreign keys do not resolve: ${e.message} ${detail}`);
    return 0;
  }
  // with relations, a foreign key's value reads as the row it names
  const val = (v) => (v && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : String(v));
  const pk = [].concat(d.schema.primaryKey || []);
  const keys = new Set(rows.map((row) => pk.map((k) => val(row[k])).join('\u001f')));
  check(keys.size === rows.length, `${d.name}: primary key [${pk}] repeats (${rows.length} rows, ${keys.size} keys)`);
  check(rows.length > 0, `${d.name}: no rows`);
  return rows.length;
}

async function main() {
  fs.mkdirSync(path.resolve(root, 'tests/out'), { recursive: true });
  const srv = await server.startServer({ bin: path.resolve(root, args.bin),
    args: ['--db', path.resolve(root, args.db), '--threads', '2'],
    log: path.resolve(root, 'tests/out/datapackage-server.log'), cwd: root, timeoutMs: 10000 });
  try {
    const base = `http://127.0.0.1:${srv.port}`;
    const pkg = await Package.load(`${base}/v1/datapackage.json`);
    check(pkg.valid, `descriptor invalid: ${pkg.errors.map((e) => e.message).join('; ')}`);
    const names = pkg.resources.map((r) => r.name);
    const measures = await (await fetch(`${base}/v1/measures?limit=1000`)).json();
    for (const m of measures.data.filter((x) => x.code)) check(names.includes(m.id), `no resource for measure ${m.id}`);
    for (const t of ['measures', 'entities', 'sources']) check(names.includes(t), `no resource ${t}`);
    let total = 0;
    for (const r of pkg.resources) {
      check(r.tabular && r.descriptor.path.startsWith(base), `${r.name}: not a tabular resource under ${base}`);
      total += await checkResource(base, pkg, r);
    }
    console.log(`datapackage: ${pkg.resources.length} resources, ${total} rows read and cast; ` +
      `${checks - fails.length} checks passed, ${fails.length} failed`);
  } finally {
    await server.stopServer(srv, 15000);
  }
  process.exit(fails.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`datapackage.mjs: ${e.stack || e}`);
  process.exit(1);
});
