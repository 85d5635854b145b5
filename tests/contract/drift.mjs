#!/usr/bin/env node
// Drift check between the server's tables and api-spec/openapi.json, so a
// route or query parameter added on one side only fails `make contract`
// even before any request exercises it:
//   - the paths of src/api/router.c and the spec's paths are the same set, and
//     every path has GET, HEAD and OPTIONS operations;
//   - each route's parameter table (the *_params[] arrays of src/h_*.c,
//     with PARAMS_FACT_COMMON from include/api/params.h) names exactly the
//     spec's query parameters of that path's GET and HEAD operations, with
//     the same defaults, and P_ENUM words equal to the schema's enum;
//   - routes flagged RF_FORMATS offer text/csv and application/x-ndjson in
//     their 200 response, the others do not;
//   - the problem codes of src/render/problem.c are the Problem schema's codes.
// Usage: node tests/contract/drift.mjs [--spec api-spec/openapi.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let specPath = path.join(root, 'api-spec/openapi.json');
if (process.argv[2] === '--spec') specPath = process.argv[3];
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const fails = [];
let checks = 0;
const check = (ok, msg) => { checks++; if (!ok) fails.push(msg); };

const deref = (o) => {
  while (o && o.$ref) o = o.$ref.replace(/^#\//, '').split('/').reduce((a, k) => a[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  return o;
};

// word lists: const char *const NAME[] = {"a", "b", NULL};
const sources = fs.readdirSync(path.join(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.c')).map((f) => read(`src/${f}`)).join('\n');
const words = {};
for (const m of sources.matchAll(/const char \*const (\w+)\[\]\s*=\s*\{([^}]*)\}/g)) {
  words[m[1]] = [...m[2].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
}

// parameter tables
const common = read('include/api/params.h').match(/#define PARAMS_FACT_COMMON([\s\S]*?)\n\n/)[1].replace(/\\\n/g, ' ');
const tables = {};
for (const m of sources.matchAll(/const struct pf_pspec (\w+)\[\]\s*=\s*\{([\s\S]*?)\n?\};/g)) {
  const body = m[2].replace(/PARAMS_FACT_COMMON/g, common);
  tables[m[1]] = [...body.matchAll(/\{\s*"(\w+)",\s*(P_\w+),\s*(NULL|"[^"]*"),\s*(-?\d+),\s*(-?\d+),\s*(\w+)\s*\}/g)].map((r) => ({
    name: r[1], type: r[2], def: r[3] === 'NULL' ? null : r[3].slice(1, -1), min: +r[4], max: +r[5], words: r[6] === 'NULL' ? null : r[6],
  }));
}

// routes
const router = read('src/api/router.c');
const defines = Object.fromEntries([...router.matchAll(/#define (\w+) \(([^)]*)\)/g)].map((m) => [m[1], m[2]]));
const routes = [...router.matchAll(/\{\s*"(\/[^"]*)",\s*"(\w+)",\s*(\w+),\s*(\w+),\s*([^}]*?)\s*\}/g)].map((m) => {
  const flags = m[5].split('|').map((s) => s.trim()).flatMap((s) => (defines[s] ? defines[s].split('|').map((x) => x.trim()) : [s]));
  return { path: m[1], name: m[2], params: m[4], flags };
});
check(routes.length > 10, `found only ${routes.length} routes in src/api/router.c`);

const specPaths = Object.keys(spec.paths);
for (const r of routes) check(specPaths.includes(r.path), `route ${r.path} (src/api/router.c) is not in the spec`);
for (const p of specPaths) check(routes.some((r) => r.path === p), `spec path ${p} is not a route of src/api/router.c`);

for (const r of routes) {
  const item = spec.paths[r.path];
  if (!item) continue;
  for (const m of ['get', 'head', 'options']) check(item[m], `${r.path}: no ${m.toUpperCase()} operation`);
  check(item.options?.responses['503']?.$ref === '#/components/responses/Overloaded',
    `OPTIONS ${r.path}: 503 should be Overloaded`);
  const table = tables[r.params];
  check(table, `${r.path}: parameter table ${r.params} not found`);
  if (!table || !item.get) continue;
  for (const m of ['get', 'head']) {
    const op = item[m];
    if (!op) continue;
    const qps = (op.parameters || []).map(deref).filter((p) => p.in === 'query');
    const names = qps.map((p) => p.name).sort();
    const want = table.map((t) => t.name).sort();
    check(JSON.stringify(names) === JSON.stringify(want),
      `${m.toUpperCase()} ${r.path}: spec query parameters [${names}] != ${r.params} [${want}]`);
    for (const t of table) {
      const p = qps.find((q) => q.name === t.name);
      if (!p) continue;
      const schema = deref(p.schema);
      if (t.def !== null) check(String(schema.default) === t.def, `${r.path} ${t.name}: default ${t.def} in ${r.params}, ${schema.default} in the spec`);
      if (t.words) {
        const w = words[t.words] || [];
        check(JSON.stringify([...(schema.enum || [])].sort()) === JSON.stringify([...w].sort()),
          `${r.path} ${t.name}: enum [${schema.enum}] != ${t.words} [${w}]`);
      }
      if (t.type === 'P_INT') check(schema.type === 'integer' && schema.minimum === t.min && schema.maximum <= t.max,
        `${r.path} ${t.name}: integer ${t.min}..${t.max} in ${r.params}, ${schema.type} ${schema.minimum}..${schema.maximum} in the spec`);
      if (t.type === 'P_SET' || t.type === 'P_LIST') check(schema.type === 'array' && p.explode === false,
        `${r.path} ${t.name}: a comma list (${t.type}) should be an array with style form, explode false`);
    }
    const ok = deref(op.responses['200']);
    const media = Object.keys(ok?.content || {});
    const formats = r.flags.includes('RF_FORMATS');
    for (const mt of ['text/csv', 'application/x-ndjson']) {
      check(media.includes(mt) === formats, `${m.toUpperCase()} ${r.path}: 200 ${formats ? 'lacks' : 'should not offer'} ${mt}`);
    }
    check(!!op.responses['304'] === r.flags.includes('RF_CACHE'), `${m.toUpperCase()} ${r.path}: 304 declared ${!!op.responses['304']}, RF_CACHE ${r.flags.includes('RF_CACHE')}`);
    // Every route answers 503 over --max-connections; those that need the
    // database (and /readyz) also when none is loaded.
    const want503 = r.flags.includes('RF_DATA') || r.name === 'readyz' ? 'NotReady' : 'Overloaded';
    check(op.responses['503']?.$ref === `#/components/responses/${want503}`,
      `${m.toUpperCase()} ${r.path}: 503 should be ${want503}, is ${JSON.stringify(op.responses['503'])}`);
    check(!!op.responses['406'] === !r.flags.includes('RF_STATIC'), `${m.toUpperCase()} ${r.path}: 406 declared ${!!op.responses['406']}, RF_STATIC ${r.flags.includes('RF_STATIC')}`);
  }
}

// problem codes
const problem = read('src/render/problem.c');
const codes = [...problem.matchAll(/\[PROB_\w+\]\s*=\s*\{\s*(\d+),\s*"([a-z-]+)"/g)].map((m) => m[2]).sort();
const specCodes = [...spec.components.schemas.Problem.properties.code.enum].sort();
check(codes.length > 5 && JSON.stringify(codes) === JSON.stringify(specCodes), `problem codes of src/render/problem.c [${codes}] != Problem.code enum [${specCodes}]`);

for (const f of fails) console.log(`FAIL drift: ${f}`);
console.log(`drift: ${routes.length} routes, ${Object.keys(tables).length} parameter tables; ${checks - fails.length} passed, ${fails.length} failed`);
process.exit(fails.length ? 1 : 0);
