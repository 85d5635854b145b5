#!/usr/bin/env node
// Contract test: validates recorded HTTP exchanges against
// api-spec/openapi.json (OpenAPI 3.1, JSON Schema 2020-12, with ajv).
//
// Input: JSONL files, one exchange per line:
//   {"method": "GET", "target": "/v1/facts?limit=2", "status": 200,
//    "headers": {"content-type": "...", ...lower-cased},
//    "body": "<text, or null for HEAD/304>"}
// Optional fields: "base_path" (a --base-path prefix to strip before
// matching paths), "request_headers" (shown in failure reports).
//
// For every exchange it checks that:
//   - the path and method map to an operation (else the answers of
//     x-policyfacts-any-path: 404 unknown path, 405 other methods, 413
//     content, 414, 431)
//     and the status is declared for it;
//   - every required declared header is present and every declared header
//     present matches its schema;
//   - Content-Type is one of the declared media types (with charset=utf-8 for
//     text), and is absent when the response declares no content;
//   - JSON bodies validate against the schema; NDJSON bodies line by line;
//     CSV bodies have a header row equal to the declared x-csv-columns (or
//     one of its lists, for an answer of two shapes) and rows of equal width; HEAD, 204 and 304 have no body;
//   - a few cross-checks the schema cannot express: meta.count equals the
//     number of items, the Link header equals links.next, a problem's status
//     equals the HTTP status, /openapi.json is the spec file itself (but for
//     servers).
// Each failure is reported with the request and the schema path; the exit
// status is 1 if anything failed.
//
// Usage: node validate.mjs [--spec api-spec/openapi.json]
//          [--require-coverage] FILE.jsonl...
//   --require-coverage: also fail if some operation of the spec was never
//   exercised by the exchanges of the files given.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let specPath = path.join(root, 'api-spec/openapi.json');
let requireCoverage = false;
const files = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--spec') specPath = process.argv[++i];
  else if (a === '--require-coverage') requireCoverage = true;
  else if (a.startsWith('--')) { console.error(`validate.mjs: unknown option ${a}`); process.exit(2); }
  else files.push(a);
}
if (!files.length) {
  console.error('usage: node validate.mjs [--spec FILE] [--require-coverage] EXCHANGES.jsonl...');
  process.exit(2);
}

const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
const SPEC_ID = 'https://policyfacts.invalid/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, verbose: true });
addFormats(ajv);
ajv.addSchema(spec, SPEC_ID);

// ---- spec navigation -------------------------------------------------------

// Where each schema object lives in the spec, to name the failing keyword's
// location in reports (ajv's own schemaPath is relative to a $ref target).
const pointerOf = new WeakMap();
(function index(node, ptr) {
  if (!node || typeof node !== 'object') return;
  pointerOf.set(node, ptr);
  for (const [k, v] of Object.entries(node)) index(v, `${ptr}/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`);
})(spec, '#');

const esc = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
function deref(obj, ptr) {
  // follows local $refs; returns [object, JSON pointer of the object]
  let guard = 0;
  while (obj && obj.$ref && guard++ < 20) {
    ptr = obj.$ref.replace(/^#/, '');
    obj = ptr.split('/').slice(1).reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return [obj, ptr];
}

const routes = Object.keys(spec.paths).map((p) => ({
  template: p,
  // a {parameter} is one non-empty path segment, as in src/api/router.c
  re: new RegExp('^' + p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
}));
const METHODS = ['get', 'head', 'options', 'put', 'post', 'delete', 'patch', 'trace'];

const validators = new Map();
function validatorFor(ptr) {
  if (!validators.has(ptr)) validators.set(ptr, ajv.compile({ $ref: `${SPEC_ID}#${ptr}` }));
  return validators.get(ptr);
}

// ---- checks ---------------------------------------------------------------

function decodePath(p) {
  try { return decodeURIComponent(p); } catch { return p; }
}

function findOperation(ex) {
  let target = ex.target;
  const bp = ex.base_path || '';
  const q = target.indexOf('?');
  let p = q >= 0 ? target.slice(0, q) : target;
  if (bp) {
    if (p === bp || p.startsWith(bp + '/')) p = p.slice(bp.length) || '/';
    else return { any: true, reason: `outside base path ${bp}` };
  }
  const decoded = decodePath(p);
  const route = routes.find((r) => r.re.test(decoded)) || routes.find((r) => r.re.test(p));
  if (!route) return { any: true, reason: 'no such path in the spec' };
  const item = spec.paths[route.template];
  const m = ex.method.toLowerCase();
  if (!METHODS.includes(m) || !item[m]) return { any: true, template: route.template, reason: `no ${ex.method} operation` };
  return { template: route.template, method: m, op: item[m], opPtr: `/paths/${esc(route.template)}/${m}` };
}

function mediaTypeOf(ct) {
  return (ct || '').split(';')[0].trim().toLowerCase();
}

function parseCsv(text) {
  // RFC 4180: returns rows of fields; throws on malformed quoting
  const rows = [];
  let row = [], field = '', i = 0, quoted = false, fieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && fieldStart) { quoted = true; fieldStart = false; i++; continue; }
    if (c === '"') throw new Error(`stray quote at byte ${i}`);
    if (c === ',') { row.push(field); field = ''; fieldStart = true; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; fieldStart = true; i += 2; continue; }
    if (c === '\n' || c === '\r') throw new Error(`bare line break at byte ${i} (rows end with CRLF)`);
    field += c; fieldStart = false; i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last row does not end with CRLF');
  return rows;
}

function ajvErrors(validate, ptr) {
  return (validate.errors || []).slice(0, 12).map((e) =>
    `${e.instancePath || '(root)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}` +
    ` [schema ${pointerOf.has(e.parentSchema) ? `${pointerOf.get(e.parentSchema)}/${e.keyword}` : `${ptr} ${e.schemaPath}`}]`);
}

function checkExchange(ex) {
  const fails = [];
  const fail = (msg) => fails.push(msg);
  if (typeof ex.method !== 'string' || typeof ex.target !== 'string' || !Number.isInteger(ex.status) || typeof ex.headers !== 'object') {
    return { fails: ['malformed exchange record (needs method, target, status, headers)'] };
  }
  const h = {};
  for (const [k, v] of Object.entries(ex.headers)) h[k.toLowerCase()] = v;
  const found = findOperation(ex);
  let responses, respBase, where;
  if (found.any) {
    responses = spec['x-policyfacts-any-path'].responses;
    respBase = '/x-policyfacts-any-path/responses';
    where = `x-policyfacts-any-path (${found.reason})`;
  } else {
    responses = found.op.responses;
    respBase = `${found.opPtr}/responses`;
    where = `${found.op.operationId} (${found.method.toUpperCase()} ${found.template})`;
  }
  const key = String(ex.status);
  const declared = responses[key] ?? responses[`${key[0]}XX`] ?? responses.default;
  if (!declared) {
    fail(`status ${ex.status} is not declared for ${where}; declared: ${Object.keys(responses).join(', ')}`);
    return { fails, op: found.any ? null : found.op.operationId };
  }
  const [resp, respPtr] = deref(declared, `${respBase}/${key}`);

  // headers
  for (const [name, hdecl] of Object.entries(resp.headers || {})) {
    const [hd, hptr] = deref(hdecl, `${respPtr}/headers/${esc(name)}`);
    const v = h[name.toLowerCase()];
    if (v === undefined) {
      if (hd.required) fail(`required header ${name} is missing [${hptr}]`);
      continue;
    }
    if (hd.schema) {
      const validate = validatorFor(`${hptr}/schema`);
      if (!validate(v)) fail(`header ${name}: ${JSON.stringify(v)} does not match: ${ajvErrors(validate, `${hptr}/schema`).join('; ')}`);
    }
  }
  if (h['x-contract-unexpected-body-bytes']) fail(`${h['x-contract-unexpected-body-bytes']} body bytes where none are allowed`);

  // content type and body
  const content = resp.content || {};
  const ct = h['content-type'];
  const mt = mediaTypeOf(ct);
  const noBody = ex.method === 'HEAD' || ex.status === 304 || ex.status === 204;
  if (noBody && ex.body !== null && ex.body !== undefined && ex.body !== '') fail(`a ${ex.method} ${ex.status} response has a body`);
  if (!Object.keys(content).length) {
    if (ct) fail(`Content-Type ${ct} on a response that declares no content [${respPtr}]`);
    return { fails, op: found.any ? null : found.op.operationId, status: ex.status };
  }
  if (!ct) {
    fail(`no Content-Type; declared: ${Object.keys(content).join(', ')} [${respPtr}]`);
    return { fails, op: found.any ? null : found.op.operationId, status: ex.status };
  }
  const mkey = Object.keys(content).find((k) => k.toLowerCase() === mt);
  if (!mkey) {
    fail(`Content-Type ${ct} is not declared; declared: ${Object.keys(content).join(', ')} [${respPtr}/content]`);
    return { fails, op: found.any ? null : found.op.operationId, status: ex.status };
  }
  if ((mt.startsWith('text/') || mt.includes('json') || mt === 'image/svg+xml') && !/;\s*charset=utf-8/i.test(ct)) {
    fail(`Content-Type ${ct} does not name charset=utf-8`);
  }
  if (noBody) return { fails, op: found.any ? null : found.op.operationId, status: ex.status };

  const media = content[mkey];
  const schemaPtr = media.schema && (media.schema.$ref && !Object.keys(media.schema).some((k) => k !== '$ref' && k !== 'description')
    ? media.schema.$ref.replace(/^#/, '') : `${respPtr}/content/${esc(mkey)}/schema`);
  const body = ex.body ?? '';
  if (mt === 'application/json' || mt.endsWith('+json')) {
    let doc;
    try { doc = JSON.parse(body); } catch (e) { fail(`body is not JSON: ${e.message}`); return { fails }; }
    const validate = validatorFor(schemaPtr);
    if (!validate(doc)) fail(`body does not match the schema: ${ajvErrors(validate, schemaPtr).join('; ')}`);
    crossChecks(doc, ex, h, fail);
    if (!found.any && found.op.operationId === 'getOpenApi' && ex.status === 200) {
      // the served document is this file, with servers naming the server
      const { servers, ...served } = doc;
      const { servers: _s, ...file } = spec;
      if (JSON.stringify(served) !== JSON.stringify(file)) fail(`/openapi.json differs from ${specPath} (beyond servers)`);
      if (!/^https?:\/\//.test(servers?.[0]?.url ?? '')) fail(`servers[0].url ${servers?.[0]?.url} is not an absolute URL`);
    }
  } else if (mt === 'application/x-ndjson') {
    if (body !== '' && !body.endsWith('\n')) fail('NDJSON body does not end with a line feed');
    const lines = body === '' ? [] : body.replace(/\n$/, '').split('\n');
    const validate = validatorFor(schemaPtr);
    lines.forEach((line, n) => {
      let doc;
      try { doc = JSON.parse(line); } catch (e) { fail(`NDJSON line ${n + 1} is not JSON: ${e.message}`); return; }
      if (!validate(doc)) fail(`NDJSON line ${n + 1} does not match the schema: ${ajvErrors(validate, schemaPtr).join('; ')}`);
    });
  } else if (mt === 'text/csv') {
    let rows;
    try { rows = parseCsv(body); } catch (e) { fail(`CSV is malformed: ${e.message}`); return { fails }; }
    const header = rows[0];
    if (!header || header.length === 0 || header.every((c) => c === '')) {
      fail('CSV has no header row');
    } else {
      const bad = header.filter((c) => !/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/.test(c));
      if (bad.length) fail(`CSV header has columns that are not field names: ${bad.join(', ')}`);
      if (new Set(header).size !== header.length) fail('CSV header repeats a column');
      // one list of columns, or (for an answer with two shapes) a list of them
      const lists = media['x-csv-columns'] ? (Array.isArray(media['x-csv-columns'][0])
        ? media['x-csv-columns'] : [media['x-csv-columns']]) : [];
      const want = lists.find((l) => l.join(',') === header.join(',')) || lists[0];
      if (want && header.join(',') !== want.join(',')) {
        const missing = want.filter((c) => !header.includes(c));
        const extra = header.filter((c) => !want.includes(c));
        fail(`CSV header is not the declared x-csv-columns${missing.length ? `; missing: ${missing.join(', ')}` : ''}` +
          `${extra.length ? `; not declared: ${extra.join(', ')}` : ''}${!missing.length && !extra.length ? '; order differs' : ''}` +
          ` [${respPtr}/content/${esc(mkey)}/x-csv-columns]`);
      }
      rows.slice(1).forEach((r, n) => {
        if (r.length !== header.length) fail(`CSV row ${n + 2} has ${r.length} fields, the header ${header.length}`);
      });
    }
  } else if (!body.length && ex.status === 200) {
    fail(`empty ${mt} body`);
  }
  return { fails, op: found.any ? null : found.op.operationId, status: ex.status };
}

function crossChecks(doc, ex, h, fail) {
  if (!doc || typeof doc !== 'object') return;
  if (doc.meta && Array.isArray(doc.data) && Number.isInteger(doc.meta.count) && doc.meta.count !== doc.data.length) {
    fail(`meta.count is ${doc.meta.count} but data has ${doc.data.length} items`);
  }
  if (doc.meta && 'limit' in doc.meta && Array.isArray(doc.data) && doc.data.length > doc.meta.limit) {
    fail(`data has ${doc.data.length} items, more than meta.limit ${doc.meta.limit}`);
  }
  if (doc.links && 'next' in doc.links) {
    const link = h.link ? (h.link.match(/^<([^>]+)>; rel="next"$/) || [])[1] : null;
    if ((doc.links.next ?? null) !== (link ?? null)) fail(`Link header (${h.link ?? 'absent'}) disagrees with links.next (${doc.links.next})`);
    if ((doc.links.next === null) !== (doc.meta?.next_cursor === null)) fail('links.next and meta.next_cursor disagree about a next page');
  }
  if (mediaTypeOf(h['content-type']) === 'application/problem+json' && doc.status !== ex.status) {
    fail(`problem status ${doc.status} but HTTP status ${ex.status}`);
  }
}

// ---- run ------------------------------------------------------------------

let total = 0, failed = 0;
const covered = new Set();
const statuses = new Map();
for (const file of files) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  lines.forEach((line, n) => {
    total++;
    let ex;
    try { ex = JSON.parse(line); } catch (e) {
      failed++;
      console.log(`FAIL ${file}:${n + 1}: not JSON: ${e.message}`);
      return;
    }
    const r = checkExchange(ex);
    if (r.op) {
      covered.add(r.op);
      if (!statuses.has(r.op)) statuses.set(r.op, new Set());
      statuses.get(r.op).add(String(r.status));
    }
    if (r.fails.length) {
      failed++;
      const rh = ex.request_headers && Object.keys(ex.request_headers).length
        ? ' ' + JSON.stringify(Object.fromEntries(Object.entries(ex.request_headers).map(([k, v]) => [k, String(v).length > 60 ? String(v).slice(0, 60) + '...' : v])))
        : '';
      const tgt = ex.target?.length > 160 ? ex.target.slice(0, 160) + '...' : ex.target;
      console.log(`FAIL ${file}:${n + 1}: ${ex.method} ${tgt}${rh} -> ${ex.status}`);
      for (const f of r.fails) console.log(`    ${f}`);
    }
  });
}

const allOps = [];
for (const [p, item] of Object.entries(spec.paths)) {
  for (const m of METHODS) if (item[m]) allOps.push({ id: item[m].operationId, p, m, declared: Object.keys(item[m].responses) });
}
const uncovered = allOps.filter((o) => !covered.has(o.id));
const neverSeen = [];
for (const o of allOps) {
  const seen = statuses.get(o.id) || new Set();
  const missing = o.declared.filter((s) => !seen.has(s));
  if (missing.length) neverSeen.push(`${o.id}: ${missing.join(', ')}`);
}
console.log(`validate.mjs: ${total} exchanges from ${files.join(', ')}; operations exercised: ${allOps.length - uncovered.length}/${allOps.length}`);
if (uncovered.length) console.log(`  never exercised: ${uncovered.map((o) => o.id).join(', ')}`);
if (process.env.CONTRACT_VERBOSE && neverSeen.length) console.log(`  declared statuses not seen:\n    ${neverSeen.join('\n    ')}`);
let coverageFail = 0;
if (requireCoverage && uncovered.length) {
  coverageFail = 1;
  console.log('FAIL coverage: every operation of the spec must be exercised (--require-coverage)');
}
console.log(`contract: ${total - failed} passed, ${failed + coverageFail} failed`);
process.exit(failed || coverageFail ? 1 : 0);
