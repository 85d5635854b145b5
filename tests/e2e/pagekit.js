// What the dashboard's browser tests share (dashboard.test.js,
// views.test.js): asking the API, reading a chart as drawn from the page,
// waiting for the page's loads, watching a page for errors and
// Content-Security-Policy violations, opening the dashboard in Chromium
// against a fresh server, and the tariff chart's expected content.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, BIN, DB, CHROMIUM, OUT, startServer, stopServer, launchChromium } = require('./harness');

// The dashboard's files from this checkout, and the start line the harness waits for.
const SERVE_WEB = ['--log-level', 'info', '--web-dir', path.join(ROOT, 'web')];
// What the server must send with the page at / (the reply layer sets them).
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAIRS = [['USA', 'CHN'], ['CHN', 'USA']];
const WINDOW = { from: '2017-01-01', to: '2026-12-31' };

// ------------------------------------------------------------------ the API

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  assert.equal(res.status, 200, `GET ${url}`);
  return res.json();
}

function qs(params) {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`)
    .join('&');
}

const DAY_MS = 86400000;
const dayMs = (d) => Date.parse(`${d}T00:00:00Z`);
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d, n) => isoDay(dayMs(d) + n * DAY_MS);

/* What the API says the tariff chart must hold: one point per fact, per
 * direction and line (a series, else a measure), in the 2017–2026 window:
 * "USA-CHN:usa-chn-average" -> facts by start. */
async function apiTariffSeries(base, asOf) {
  const out = new Map();
  for (const [imp, tgt] of PAIRS) {
    const p = { imposer: imp, target: tgt, kind: 'average,total,effective', from: WINDOW.from, to: WINDOW.to, limit: 1000 };
    if (asOf) p.as_of = asOf;
    else p.rank = 'preferred';
    const body = await getJSON(`${base}/v1/tariffs?${qs(p)}`);
    assert.equal(body.meta.next_cursor, null);
    for (const f of body.data) {
      if (!f.valid_from || f.value === null) continue;
      const key = `${imp}-${tgt}:${f.series || f.measure}`;
      if (!out.has(key)) out.set(key, []);
      out.get(key).push(f);
    }
  }
  for (const list of out.values()) list.sort((a, b) => (a.valid_from < b.valid_from ? -1 : 1));
  return out;
}

// ------------------------------------------------------------------ the page

/* The chart as drawn: its datasets, their points (with an estimate's
 * joined, staleFrom and staleTo), and how many point elements Chart.js
 * laid out at finite pixel positions. */
function readChart(page, id) {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    const chart = window.Chart && Chart.getChart(canvas);
    if (!chart) return null;
    const pick = (p) => {
      const o = { x: p.x, y: p.y, fact: p.fact };
      for (const k of ['joined', 'staleFrom', 'staleTo', 'status', 'range', 'first', 'id']) if (k in p) o[k] = p[k];
      return o;
    };
    return {
      width: canvas.width,
      height: canvas.height,
      bands: (chart.options.plugins.pfBand && chart.options.plugins.pfBand.bands) || [],
      lines: (chart.options.plugins.pfRanks && chart.options.plugins.pfRanks.lines) || [],
      datasets: chart.data.datasets.map((d, i) => {
        const meta = chart.getDatasetMeta(i);
        return {
          key: d.pfKey,
          kind: d.pfKind || null,
          estimate: Boolean(d.pfEstimate),
          legendOnly: Boolean(d.pfStaleFor || d.pfLegendOnly),
          visible: chart.isDatasetVisible(i),
          label: d.label,
          points: d.data.map(pick),
          drawn: meta.data.filter((el) => Number.isFinite(el.x) && Number.isFinite(el.y)).length,
        };
      }),
    };
  }, id);
}

async function loads(page) {
  return Number(await page.evaluate(() => document.body.dataset.loads));
}
async function waitReady(page, after) {
  await page.waitForFunction(
    (n) => document.body.dataset.state === 'ready' && Number(document.body.dataset.loads) > n,
    after, { timeout: 30000 });
}

/* The tariff chart holds exactly the API's facts: one dataset per
 * direction and line (the stale-stretch legend entries aside), one point
 * per fact at its start and value. */
function assertTariffChart(chart, expected, what) {
  assert.ok(chart, `${what}: tariff chart exists`);
  assert.ok(chart.width > 0 && chart.height > 0, `${what}: tariff chart has a size`);
  const lines = chart.datasets.filter((d) => !d.legendOnly);
  assert.deepEqual(lines.map((d) => d.key).sort(), Array.from(expected.keys()).sort(), `${what}: one dataset per direction and line`);
  for (const d of lines) {
    const facts = expected.get(d.key);
    assert.equal(d.points.length, facts.length, `${what}: ${d.key} has as many points as the API has facts`);
    assert.equal(d.drawn, facts.length, `${what}: ${d.key}: every point was laid out`);
    assert.deepEqual(d.points.map((p) => p.fact), facts.map((f) => f.id), `${what}: ${d.key} fact ids`);
    assert.deepEqual(d.points.map((p) => p.y), facts.map((f) => f.value), `${what}: ${d.key} values`);
    assert.deepEqual(d.points.map((p) => p.x), facts.map((f) => dayMs(f.valid_from)), `${what}: ${d.key} points start on valid_from`);
    assert.equal(d.estimate, facts[0].nature === 'estimate', `${what}: ${d.key} drawn as ${facts[0].nature}`);
  }
}

// ------------------------------------------------------------------ watching

/* Watches a page for console errors, failed or refused requests, any
 * request that leaves the server's own origin, and Content-Security-Policy
 * violations: the securitypolicyviolation events the page fires (reported
 * by the context's init script through pfCspViolation) and any console
 * message about the policy. Each violation is in csp and in problems. */
async function watch(page, origin) {
  const problems = [];
  const requests = [];
  const csp = [];
  const violation = (v) => {
    csp.push(v);
    problems.push(`CSP violation: ${JSON.stringify(v)}`);
  };
  await page.exposeFunction('pfCspViolation', (v) => violation({ event: v }));
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violation({ console: m.text() });
    else if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().startsWith(`${origin}/`) && !r.url().startsWith('data:'))
      problems.push(`request outside the server: ${r.url()}`);
  });
  return { problems, requests, csp };
}

/* Runs in every document of the context before its own scripts (Playwright
 * injects it past the page's CSP): hands each violation event to Node. */
function reportCspViolations() {
  window.addEventListener('securitypolicyviolation', (e) => {
    const v = { directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile };
    if (window.pfCspViolation) window.pfCspViolation(v);
  }, true);
}

async function until(what, test, ms) {
  const end = Date.now() + (ms || 5000);
  while (!test()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ------------------------------------------------------------------ a session

/* A server (its log OUT/<name>-server.log) and Chromium with the CSP
 * watcher: {srv, context, page, seen, close()}. */
async function openDashboard(name) {
  fs.mkdirSync(OUT, { recursive: true });
  assert.ok(fs.existsSync(BIN), `${BIN} missing: run make first`);
  assert.ok(fs.existsSync(DB), `${DB} missing: run make first`);
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} missing: tools/deps.sh e2e installs it`);
  const srv = await startServer(name, SERVE_WEB);
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-chromium-'));
  const context = await launchChromium(userDir, { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await context.addInitScript(reportCspViolations);
  const page = context.pages()[0] || (await context.newPage());
  const seen = await watch(page, srv.base);
  const close = async () => {
    await context.close();
    fs.rmSync(userDir, { recursive: true, force: true });
    await stopServer(srv);
  };
  return { srv, context, page, seen, close };
}

module.exports = {
  ROOT, OUT, SERVE_WEB, CSP, PAIRS, WINDOW, getJSON, qs, dayMs, isoDay, addDays, apiTariffSeries, readChart,
  loads, waitReady, assertTariffChart, watch, until, openDashboard, startServer, stopServer,
};
