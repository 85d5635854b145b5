#!/usr/bin/env node
// Records the contract test's own request set: starts the real server on a
// free loopback port (tests/lib/server.cjs) four times (default settings; a
// CORS origin list with a base path and a trusted proxy; no API
// description; over its connection limit), sends every request below and
// writes one JSON object per exchange to the output file:
//
//   {"method", "target", "status", "headers": {lower-cased}, "body": text or
//    null (HEAD, 204, 304), "request_headers": {...}, "base_path": "/pf"?}
//
// The same format is what the integration tests write to
// tests/out/responses.jsonl; tests/contract/validate.mjs checks both.
//
// Usage: node tests/contract/record.mjs [--bin build/policyfacts]
//          [--db build/policyfacts.db] [--spec api-spec/openapi.json]
//          [--out tests/out/contract-responses.jsonl]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const server = createRequire(import.meta.url)('../lib/server.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = { bin: process.env.PF_BIN || 'build/policyfacts', db: 'build/policyfacts.db',
  spec: 'api-spec/openapi.json', out: 'tests/out/contract-responses.jsonl' };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args) || process.argv[i + 1] === undefined) {
    console.error(`record.mjs: unknown or incomplete option ${process.argv[i]}`);
    process.exit(2);
  }
  args[k] = process.argv[i + 1];
}
const abs = (p) => path.resolve(root, p);

// ---- the server --------------------------------------------------------
// Started and stopped as every test does it (tests/lib/server.cjs); the four
// servers' output goes to contract-server.log next to the output file.

const serverLog = () => path.join(path.dirname(abs(args.out)), 'contract-server.log');

function startServer(extra) {
  return server.startServer({ bin: abs(args.bin), args: ['--db', abs(args.db), '--threads', '2', ...extra],
    log: serverLog(), append: true, cwd: root, timeoutMs: 10000 });
}

function stopServer(srv) {
  return server.stopServer(srv, 15000);
}

// ---- one exchange ----------------------------------------------------------

function send(port, method, target, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent: false,
      insecureHTTPParser: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let buf = Buffer.concat(chunks);
        const h = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const k = res.rawHeaders[i].toLowerCase();
          h[k] = k in h ? `${h[k]}, ${res.rawHeaders[i + 1]}` : res.rawHeaders[i + 1];
        }
        if (h['content-encoding'] === 'gzip' && buf.length) buf = zlib.gunzipSync(buf);
        const noBody = method === 'HEAD' || res.statusCode === 304 || res.statusCode === 204;
        if (noBody && buf.length) h['x-contract-unexpected-body-bytes'] = String(buf.length);
        resolve({ status: res.statusCode, headers: h, body: noBody ? null : buf.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(10000, () => req.destroy(new Error(`timeout: ${method} ${target}`)));
    req.on('error', reject);
    req.end();
  });
}

const records = [];
async function x(srv, method, target, headers = {}, extra = {}) {
  const r = await send(srv.port, method, target, headers);
  records.push({ method, target, status: r.status, headers: r.headers, body: r.body,
    request_headers: headers, ...extra });
  return r;
}
const get = (srv, target, headers) => x(srv, 'GET', target, headers);
const json = (r) => JSON.parse(r.body);

// ---- the request set -------------------------------------------------------

const ROUTES = ['/', '/assets/app.js', '/vendor/chart.js', '/v1', '/v1/dataset', '/v1/facts',
  '/v1/facts/seed.01', '/v1/targets', '/v1/targets/target.mic2025.domestic-content.2025', '/v1/tariffs',
  '/v1/tariffs/USA/CHN?on=2025-04-20',
  '/v1/gdp-shares?country=CHN&latest=2', '/v1/indicators/gdp_growth?country=CHN&latest=3',
  '/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=USA,CHN',
  '/v1/compare?measure=gdp_growth&entities=all&period=2020', '/v1/datapackage.json', '/v1/sources',
  '/v1/sources/wdi-open-numbers', '/v1/entities', '/v1/entities/CHN', '/v1/measures',
  '/v1/measures/household_consumption_share_of_gdp', '/v1/vocabulary', '/openapi.json', '/healthz', '/readyz',
  '/metrics'];

// Every page of a collection, following links.next.
async function allPages(srv, target, headers) {
  let r = await get(srv, target, headers);
  let pages = 1;
  while (r.status === 200 && json(r).links && json(r).links.next && pages < 20) {
    const next = new URL(json(r).links.next);
    r = await get(srv, next.pathname + next.search, headers);
    pages++;
  }
}

async function defaultServer(srv) {
  // every route: GET, HEAD, OPTIONS (as a browser preflight), and a
  // conditional GET with the ETag just received
  for (const t of ROUTES) {
    const r = await get(srv, t);
    await x(srv, 'HEAD', t);
    await x(srv, 'OPTIONS', t.split('?')[0], { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'If-None-Match' });
    if (r.headers.etag) {
      await get(srv, t, { 'If-None-Match': r.headers.etag });
      await x(srv, 'HEAD', t, { 'If-None-Match': r.headers.etag });
    }
    // every error class on every route
    const sep = t.includes('?') ? '&' : '?';
    await get(srv, `${t}${sep}bogus=1`);
    await x(srv, 'HEAD', `${t}${sep}bogus=1`);
    await get(srv, t, { Accept: 'image/png' });
    await x(srv, 'HEAD', t, { Accept: 'image/png' });
    await get(srv, `${t}${sep}q=${'a'.repeat(5000)}`);
    await x(srv, 'OPTIONS', `${t.split('?')[0]}?q=${'a'.repeat(5000)}`);
    await get(srv, t, { 'X-Big': 'c'.repeat(9000) });
    await x(srv, 'OPTIONS', t.split('?')[0], { 'X-Big': 'c'.repeat(9000) });
  }
  // whole collections, every item validated
  await allPages(srv, '/v1/facts?rank=all&limit=1000');
  await allPages(srv, '/v1/targets?rank=all&limit=1000');
  await allPages(srv, '/v1/tariffs?rank=all&limit=1000');
  await allPages(srv, '/v1/sources?limit=10');
  await allPages(srv, '/v1/entities?limit=5');
  await allPages(srv, '/v1/measures?limit=10');
  await allPages(srv, '/v1/facts?sort=-known_from&limit=400&rank=all');
  await allPages(srv, '/v1/facts?sort=valid_from&subject=USA&limit=50');
  await get(srv, '/v1/gdp-shares');
  await get(srv, '/v1/gdp-shares?as_of=2020');

  // facts: filters, valid time, knowledge time, ranks, search
  for (const q of ['limit=2', 'kind=target,statement', 'kind=growth_target',
    'subject=CHN&measure=household_consumption_share_of_gdp&from=2020&to=2023',
    'subject=USA&object=CHN&on=2025-04-20', 'subject=USA&object=CHN&on=2025-05-20&as_of=2025-05-13',
    'as_of=2025-05&subject=USA&object=CHN', 'q=tariff*&limit=5', 'q=%22Made+in+China%22', 'q=zzzznothing',
    'rank=deprecated', 'rank=preferred,normal&limit=3', 'source=wdi-open-numbers&limit=3',
    'series=usa-chn-average', 'sort=-id&limit=3', 'sort=known_from&limit=3', 'from=2025-04&to=2025-04',
    'measure=headline_total_tariff_rate&rank=all', 'limit=1000&rank=all&sort=-valid_from']) {
    await get(srv, `/v1/facts?${q}`);
  }
  for (const id of ['gdp.household-consumption.chn.2023', 'tariff.usa-chn-ieepa-total.2025-04-10', 'seed.06', 'seed.08']) {
    await get(srv, `/v1/facts/${id}`);
    await get(srv, `/v1/facts/${id}?format=csv`);
    await get(srv, `/v1/facts/${id}?format=ndjson`);
  }
  // targets and tariffs
  for (const q of ['programme=MIC2025', 'programme=CHN_NEXT_FYP', 'deadline=2025', 'subject=CHN&limit=3', 'q=manufacturing',
    'as_of=2020', 'status=no_data', 'status=met,missed', 'status=pending&as_of=2015']) await get(srv, `/v1/targets?${q}`);
  for (const q of ['', '?as_of=2016', '?format=csv', '?format=ndjson'])
    await get(srv, `/v1/targets/target.mic2025.domestic-content.2025${q}`);
  for (const q of ['imposer=USA&limit=3', 'imposer=USA&target=CHN&kind=additional', 'kind=average', 'kind=total,effective',
    'target=WLD&on=2025-06-01', 'imposer=CHN&target=USA', 'series=usa-chn-ieepa-total&rank=all', 'as_of=2025-04-15&target=CHN'])
    await get(srv, `/v1/tariffs?${q}`);
  for (const t of ['/v1/tariffs/USA/CHN?on=2025-05-20', '/v1/tariffs/USA/CHN?on=2025-04-20&as_of=2025-04-15',
    '/v1/tariffs/USA/CHN?on=2019-01-01', '/v1/tariffs/USA/CAN?on=2025-03-10', '/v1/tariffs/CHN/USA?on=2025-04-20',
    '/v1/tariffs/USA/WLD?on=2025-08-07', '/v1/tariffs/USA/EUU?on=2025-08-07', '/v1/tariffs/USA/JPN?on=2025-09-20',
    '/v1/tariffs/USA/CHN?on=2025-11-15', '/v1/tariffs/USA/CHN?on=2025-04-03', '/v1/tariffs/USA/CHN?on=2025-06-03',
    '/v1/tariffs/USA/CHN?on=2025-11-15&format=csv', '/v1/tariffs/USA/CHN?on=2025-04-03&format=ndjson'])
    await get(srv, t);
  // GDP and compare
  for (const q of ['country=CHN&component=household_consumption&latest=3', 'country=CHN,USA&component=investment&from=2015&to=2020',
    'component=NE.CON.PRVT.ZS&latest=1', 'country=USA', 'country=CHN&from=2024'])
    await get(srv, `/v1/gdp-shares?${q}`);
  for (const q of ['measure=gross_capital_formation_share_of_gdp&entities=USA,CHN',
    'measure=gross_capital_formation_share_of_gdp&entities=USA,CHN,DEU,JPN&period=2023',
    'measure=household_consumption_share_of_gdp&entities=CHN,USA&period=1990',
    'measure=household_consumption_share_of_gdp&entities=CHN,USA&as_of=2020'])
    await get(srv, `/v1/compare?${q}`);
  // every economy: indicators, world comparisons, entity types, World Bank codes
  for (const t of ['/v1/indicators/NY.GDP.MKTP.KD.ZG?country=CHN,WLD&from=2015', '/v1/indicators/cpi_inflation?latest=1',
    '/v1/indicators/gross_capital_formation_share_of_gdp?country=USA,CHN,HIC&to=1990',
    '/v1/indicators/household_consumption_share_of_gdp?country=CHN&as_of=2020', '/v1/indicators/unemployment_rate_ilo?country=ZAF',
    '/v1/compare?measure=NE.GDI.TOTL.ZS&entities=all&period=2023&references=WLD,EAS',
    '/v1/compare?measure=gdp_current_usd&entities=all&period=2024&references=none',
    '/v1/compare?measure=life_expectancy_at_birth&entities=all&period=2022&as_of=2026-07-01',
    '/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=CHN,USA,WLD,EUU&period=2024',
    '/v1/entities?type=aggregate', '/v1/entities?type=country&limit=5', '/v1/entities?type=programme,group',
    '/v1/measures/NE.IMP.GNFS.ZS', '/v1/facts?measure=NE.IMP.GNFS.ZS&subject=CHN&limit=3',
    '/v1/gdp-shares?country=CHN&component=imports,savings,NV.AGR.TOTL.ZS&latest=3', '/v1/gdp-shares?latest=1&country=BRA,IND'])
    await get(srv, t);
  await allPages(srv, '/v1/entities?type=aggregate&limit=20');

  // formats: by parameter and by Accept, on every negotiable resource
  const negotiable = ['/v1/facts?limit=3', '/v1/facts/seed.01', '/v1/targets?limit=3', '/v1/tariffs?limit=3',
    '/v1/tariffs/USA/CHN?on=2025-05-20', '/v1/gdp-shares?country=CHN&latest=2',
    '/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=USA,CHN', '/v1/sources?limit=3',
    '/v1/sources/wdi-open-numbers', '/v1/entities?limit=3', '/v1/entities/CHN', '/v1/measures?limit=3',
    '/v1/measures/household_consumption_share_of_gdp', '/v1/indicators/gdp_growth?country=CHN&latest=2',
    '/v1/compare?measure=gdp_growth&entities=all&period=2020&references=WLD'];
  for (const t of negotiable) {
    const sep = t.includes('?') ? '&' : '?';
    for (const f of ['json', 'csv', 'ndjson']) await get(srv, `${t}${sep}format=${f}`);
    await get(srv, t, { Accept: 'text/csv' });
    await get(srv, t, { Accept: 'application/x-ndjson' });
  }
  await get(srv, '/v1/facts?q=zzzznothing&format=csv');
  await get(srv, '/v1/facts?q=zzzznothing&format=ndjson');
  await get(srv, '/v1/facts?limit=2', { Accept: 'application/ndjson' });
  await get(srv, '/v1/facts?limit=2', { Accept: 'text/csv;q=0.5, application/json' });
  await get(srv, '/v1/facts?limit=2', { Accept: 'text/*' });
  await get(srv, '/v1/facts?limit=2', { Accept: '*/*' });
  await get(srv, '/v1', { Accept: 'application/json, text/html;q=0.9' });
  await get(srv, '/metrics', { Accept: 'text/plain;version=0.0.4;q=0.3,*/*;q=0.2' });
  await get(srv, '/metrics', { Accept: 'text/plain' });
  await x(srv, 'HEAD', '/v1/facts?limit=3&format=csv');
  await x(srv, 'HEAD', '/v1/facts?limit=3', { Accept: 'application/x-ndjson' });

  // compression, request ids, conditional requests
  await get(srv, '/v1/facts?limit=50', { 'Accept-Encoding': 'gzip' });
  await get(srv, '/v1/facts?limit=50&format=csv', { 'Accept-Encoding': 'gzip, deflate' });
  await x(srv, 'HEAD', '/v1/facts?limit=50', { 'Accept-Encoding': 'gzip' });
  await get(srv, '/openapi.json', { 'Accept-Encoding': 'gzip' });
  await get(srv, '/v1/facts/seed.01', { 'Accept-Encoding': 'gzip' });
  await get(srv, '/v1', { 'X-Request-Id': 'contract-test-0001' });
  await get(srv, '/v1', { 'X-Request-Id': 'not a sane id!' });
  const gz = await get(srv, '/v1/facts?limit=50', { 'Accept-Encoding': 'gzip' });
  await get(srv, '/v1/facts?limit=50', { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag });
  await get(srv, '/v1/facts?limit=2', { 'If-None-Match': '"nope", *' });
  await get(srv, '/v1/facts?limit=2', { 'If-None-Match': '"0000000000000000-0000000000000000"' });
  const lm = (await get(srv, '/v1/dataset')).headers['last-modified'];
  await get(srv, '/v1/dataset', { 'If-Modified-Since': lm });
  await get(srv, '/v1/vocabulary', { 'If-None-Match': (await get(srv, '/v1/vocabulary')).headers.etag });
  await get(srv, '/v1/facts?limit=2&sort=id', { 'If-None-Match': (await get(srv, '/v1/facts?limit=2')).headers.etag });

  // errors: every class
  for (const t of ['/v1/facts?bogus=1', '/v1/facts?from=2025-13', '/v1/facts?on=2025', '/v1/facts?limit=0',
    '/v1/facts?limit=5000', '/v1/facts?limit=abc', '/v1/facts?cursor=abc', '/v1/facts?cursor=not*base64',
    '/v1/facts?q=%22unbalanced', '/v1/facts?q=AND', '/v1/facts?subject=XXX', '/v1/facts?subject=CHN,,USA',
    '/v1/facts?kind=foo', '/v1/facts?rank=best', '/v1/facts?sort=value', '/v1/facts?limit=2&limit=3',
    '/v1/facts?from=2025&to=2024', '/v1/facts?source=nope', '/v1/facts?measure=nope', '/v1/facts?q=%FF',
    '/v1/facts?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10', '/v1/facts?=1', '/v1/facts?format=xml',
    '/v1/facts?cursor=djEKaWQKZ2RwLmNvbnN1bXB0aW9uLmNobi4yMDAxCmdkcC5jb25zdW1wdGlvbi5jaG4uMjAwMQ&sort=-valid_from',
    '/v1/targets?deadline=20x5', '/v1/targets?programme=NOPE', '/v1/tariffs?kind=fake', '/v1/tariffs?imposer=usa',
    '/v1/tariffs/USA/CHN', '/v1/tariffs/USA/CHN?on=2025-04', '/v1/tariffs/USA/CHN?on=2025-04-20&limit=5',
    '/v1/gdp-shares?component=bogus', '/v1/gdp-shares?from=20x0', '/v1/gdp-shares?latest=0', '/v1/gdp-shares?from=2020&to=2010',
    '/v1/gdp-shares?country=ZZZ', '/v1/compare?entities=USA,CHN', '/v1/compare?measure=gross_capital_formation_share_of_gdp',
    '/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=USA', '/v1/compare?measure=nope&entities=USA,CHN',
    '/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=USA,CHN&period=20250',
    '/v1/compare?measure=gdp_growth&entities=all', '/v1/compare?measure=gdp_growth&entities=all&period=2020&references=CHN',
    '/v1/compare?measure=gdp_growth&entities=CHN,USA&references=WLD', '/v1/compare?entities=all&period=2020',
    '/v1/indicators/gdp_growth?country=ZZZ', '/v1/indicators/gdp_growth?latest=0', '/v1/entities?type=bogus', '/v1/gdp-shares',
    '/v1/gdp-shares?component=gdp_growth', '/v1/datapackage.json?x=1',
    '/v1/sources?limit=100001', '/v1/entities?cursor=%%', '/v1/measures?sort=id', '/v1/sources/wdi-open-numbers?limit=1',
    '/v1?x=1', '/v1/dataset?format=json', '/v1/vocabulary?format=csv', '/healthz?probe=1', '/readyz?x', '/metrics?x=1', '/openapi.json?v=2',
    '/vendor/chart.js?v=3', '/?x=1', '/v1/facts/%ZZ', '/v1/facts/%C3%28']) await get(srv, t);
  for (const t of ['/v1/facts/nope', '/v1/sources/nope', '/v1/entities/XXX', '/v1/measures/nope', '/v1/indicators/nope', '/v1/tariffs/USA/ZZZ?on=2025-01-01',
    '/v1/tariffs/ZZZ/CHN?on=2025-01-01', '/v1/compare?measure=gdp_growth_target&entities=CHN,USA',
    '/v1/nope', '/v2', '/v1/facts/', '/v1/tariffs/USA', '/assets/.env', '/assets/missing.js', '/assets/..%2F..%2Fetc%2Fpasswd',
    '/favicon.ico', '/V1']) {
    await get(srv, t);
    await x(srv, 'HEAD', t);
  }
  await x(srv, 'OPTIONS', '/v1/nope');
  for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    await x(srv, m, '/v1/facts');
    await x(srv, m, '/v1/facts/seed.01');
  }
  await x(srv, 'POST', '/healthz');
  await x(srv, 'POST', '/v1/nope');
  for (const [t, a] of [['/v1/facts', 'text/html'], ['/v1/facts/seed.01', 'application/xml'], ['/v1', 'text/csv'],
    ['/v1/dataset', 'application/x-ndjson'], ['/healthz', 'text/plain'], ['/readyz', 'text/html'],
    ['/openapi.json', 'application/yaml'], ['/v1/facts', 'application/json;q=0'], ['/v1/tariffs/USA/CHN?on=2025-04-20', 'image/png']]) {
    await get(srv, t, { Accept: a });
    await x(srv, 'HEAD', t, { Accept: a });
  }
  await get(srv, `/v1/facts?q=${'a'.repeat(5000)}`);
  await get(srv, `/v1/nope/${'b'.repeat(5000)}`);
  await x(srv, 'HEAD', `/v1/facts?q=${'a'.repeat(5000)}`);
  await get(srv, '/v1', { 'X-Big': 'c'.repeat(9000) });
  await get(srv, '/healthz', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`X-H${i}`, 'v'])));
  await x(srv, 'OPTIONS', '/v1', { 'X-Big': 'c'.repeat(9000) });
}

// A CORS origin list, a base path and a trusted proxy.
async function proxiedServer(srv) {
  const bp = { base_path: '/pf' };
  const xx = (method, target, headers = {}) => x(srv, method, target, headers, bp);
  for (const t of ['/pf/v1', '/pf/v1/facts?limit=2', '/pf/v1/facts/seed.01', '/pf/v1/sources?limit=2&format=csv',
    '/pf/openapi.json', '/pf/healthz']) {
    const r = await xx('GET', t, { Origin: 'http://app.example' });
    await xx('GET', t, { Origin: 'http://evil.example' });
    await xx('GET', t);
    if (r.headers.etag) await xx('GET', t, { Origin: 'http://app.example', 'If-None-Match': r.headers.etag });
    await xx('OPTIONS', t.split('?')[0], { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' });
    await xx('OPTIONS', t.split('?')[0], { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' });
  }
  // links built from a trusted proxy's headers (the recorder connects from
  // 127.0.0.1, configured as trusted)
  const fwd = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'api.example.org', 'X-Forwarded-Prefix': '/policy' };
  await xx('GET', '/pf/v1/facts?limit=2', fwd);
  await xx('GET', '/pf/v1', { Forwarded: 'proto=https;host=data.example.org' });
  await xx('GET', '/pf/openapi.json', fwd);
  await xx('GET', '/pf/v1/nope', { Origin: 'http://app.example' });
  await xx('GET', '/pf/v1/facts?bogus=1', { Origin: 'http://app.example' });
  await xx('DELETE', '/pf/v1/facts', { Origin: 'http://app.example' });
  await x(srv, 'GET', '/v1/facts?limit=1'); // outside the base path: 404
}

// Started without an API description: /openapi.json is a 404.
async function bareServer(srv) {
  await get(srv, '/openapi.json');
  await x(srv, 'HEAD', '/openapi.json');
  await get(srv, '/v1');
}

// Over --max-connections 1 (one idle connection held open): every route
// answers 503 overloaded with Retry-After and closes.
async function overloadedServer(srv) {
  const hold = net.connect(srv.port, '127.0.0.1');
  await new Promise((resolve) => hold.on('connect', resolve));
  await new Promise((resolve) => setTimeout(resolve, 300)); // accepted and counted
  try {
    for (const t of ['/healthz', '/', '/v1/facts?limit=1', '/metrics', '/openapi.json']) {
      const r = await get(srv, t);
      if (r.status !== 503) throw new Error(`over --max-connections: GET ${t} answered ${r.status}, not 503`);
      await x(srv, 'HEAD', t);
    }
    await x(srv, 'OPTIONS', '/v1', { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' });
  } finally {
    hold.destroy();
  }
}

async function main() {
  const runs = [
    [[], defaultServer, '--spec', abs(args.spec)],
    [['--cors-origins', 'http://app.example,https://app.example', '--base-path', '/pf',
      '--trusted-proxies', '127.0.0.1/32', '--max-age', '60'], proxiedServer, '--spec', abs(args.spec)],
    [[], bareServer, '--spec', abs('build/no-such-openapi.json')],
    [['--max-connections', '1', '--timeout', '30'], overloadedServer, '--spec', abs(args.spec)],
  ];
  fs.mkdirSync(path.dirname(abs(args.out)), { recursive: true });
  fs.writeFileSync(serverLog(), '');
  for (const [extra, fn, ...specArgs] of runs) {
    const srv = await startServer([...extra, ...specArgs]);
    try {
      await fn(srv);
    } finally {
      await stopServer(srv);
    }
  }
  fs.mkdirSync(path.dirname(abs(args.out)), { recursive: true });
  fs.writeFileSync(abs(args.out), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`record.mjs: ${records.length} exchanges -> ${args.out}`);
}

main().catch((e) => {
  console.error(`record.mjs: ${e.stack || e}`);
  process.exit(1);
});
