// The dashboard in a real browser: starts policyfacts on a free loopback
// port, drives Debian's Chromium with playwright-core (no browser download)
// and checks the page against the API it is built on, under the
// Content-Security-Policy the server sends with it.
//
//   node --test tests/e2e/dashboard.test.js      (from the repository root,
//   or `make e2e`; PF_BIN, PF_DBFILE, PF_CHROMIUM and PF_CHARTJS override
//   the defaults)
//
// Screenshots and the server logs go to tests/out/e2e/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  ROOT, OUT, SERVE_WEB, CSP, PAIRS, getJSON, qs, apiTariffSeries, readChart, loads, waitReady, assertTariffChart,
  watch, until, openDashboard, startServer, stopServer,
} = require('./pagekit');

const PREFIX = '/policyfacts';
const DEFAULT_COUNTRIES = ['CHN', 'USA', 'DEU', 'JPN'];
const REFERRER_POLICY = 'no-referrer';
// every ES module of the dashboard, served flat under /assets/
const MODULES = fs.readdirSync(path.join(ROOT, 'web', 'assets')).filter((f) => f.endsWith('.js')).sort();

// ------------------------------------------------------------------ helpers

async function apiGdp(base, countries, component, asOf) {
  const body = await getJSON(`${base}/v1/gdp-shares?${qs({ country: countries.join(','), component, as_of: asOf })}`);
  return body.data;
}

function assertGdpChart(chart, series, what) {
  assert.ok(chart, `${what}: GDP chart exists`);
  const lines = chart.datasets.filter((d) => d.kind === 'series');
  assert.deepEqual(lines.map((d) => d.key).sort(), series.map((s) => `${s.country.id}:${s.measure.id}`).sort(),
    `${what}: one line per series the API returns`);
  for (const s of series) {
    const d = lines.find((x) => x.key === `${s.country.id}:${s.measure.id}`);
    assert.equal(d.points.length, s.points.length, `${what}: ${d.key} has as many points as the API`);
    assert.equal(d.drawn, s.points.length, `${what}: ${d.key}: every point was laid out`);
    assert.deepEqual(d.points.map((p) => p.fact), s.points.map((p) => p.fact_id), `${what}: ${d.key} fact ids`);
    assert.deepEqual(d.points.map((p) => [p.x, p.y]), s.points.map((p) => [p.year, p.value]), `${what}: ${d.key} values`);
  }
}

/* Every panel drew: the charts laid out, the measure list, the on-day
 * cards, the GDP cards and table, both programmes' targets, the growth
 * table and the scorecard, the footer's dataset line. */
async function assertPanelsRendered(p, what) {
  for (const id of ['tariff-chart', 'gdp-chart', 'growth-chart', 'standing-chart']) {
    const chart = await readChart(p, id);
    assert.ok(chart && chart.datasets.length > 0 && chart.datasets.every((d) => d.drawn === d.points.length),
      `${what}: ${id} drawn`);
  }
  for (const sel of ['#measure-list a[data-fact]', '#tariff-table tbody tr', '#tariff-day .day-card', '#gdp-stats .stat',
    '#gdp-table tbody tr', '#standing-table tbody tr', '#prog-MIC2025 a[data-fact]', '#prog-CHN_NEXT_FYP a[data-fact]', '#growth-table tbody tr',
    '#scorecard tbody tr', '#dataset-line a'])
    assert.ok(await p.locator(sel).count() > 0, `${what}: ${sel} rendered`);
  assert.equal(await p.locator('[data-error]:not([hidden]), #page-error:not([hidden])').count(), 0, `${what}: no error box`);
}

// ------------------------------------------------------------------ setup

let session;
let srv;
let context;
let page;
let seen;
const started = Date.now();

before(async () => {
  session = await openDashboard('e2e');
  ({ srv, context, page, seen } = session);
});

after(async () => {
  if (session) await session.close();
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, OUT)}/`);
});

// ------------------------------------------------------------------ tests

test('the page loads its assets and Chart.js from the server, relative URLs only', { timeout: 60000 }, async () => {
  const res = await page.goto(`${srv.base}/`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/html/);
  assert.equal(res.headers()['content-security-policy'], CSP, 'the page runs under its Content-Security-Policy');
  await waitReady(page, 0);
  const urls = seen.requests.map((u) => new URL(u).pathname);
  for (const p of ['/assets/style.css', '/assets/app.js', '/vendor/chart.js', '/v1/tariffs', '/v1/gdp-shares', '/v1/targets'])
    assert.ok(urls.includes(p), `the page requested ${p}`);
  for (const m of MODULES) assert.ok(urls.includes(`/assets/${m}`), `the page loaded the module ${m}`);
  const absolute = await page.evaluate(() => Array.from(document.querySelectorAll('script[src], link[href]'))
    .map((e) => e.getAttribute('src') || e.getAttribute('href'))
    .filter((u) => /^(\/|[a-z]+:)/i.test(u)));
  assert.deepEqual(absolute, [], 'scripts and stylesheets use relative URLs');
  assert.equal(await page.evaluate(() => typeof Chart.getChart), 'function', 'Chart.js 3 loaded from vendor/chart.js');
  assert.deepEqual(seen.problems, []);
});

test('the page carries its Content-Security-Policy and Referrer-Policy, and needs no exception to them', async () => {
  for (const method of ['GET', 'HEAD']) {
    const res = await fetch(`${srv.base}/`, { method });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CSP, `${method} /: Content-Security-Policy`);
    assert.equal(res.headers.get('referrer-policy'), REFERRER_POLICY, `${method} /: Referrer-Policy`);
  }
  // the policy allows no inline code, so the page holds none
  const html = await (await fetch(`${srv.base}/`)).text();
  const scripts = html.match(/<script\b[^>]*>/gi);
  assert.ok(scripts.length >= 2);
  for (const tag of scripts) assert.match(tag, /\ssrc="[^"]+"/, `no inline script: ${tag}`);
  assert.doesNotMatch(html, /<script\b[^>]*>[^<]/i, 'no script body');
  assert.match(html, /<script type="module" src="assets\/app\.js"><\/script>/, 'the dashboard is an ES module');
  assert.doesNotMatch(html, /<style\b/i, 'no <style> block');
  assert.doesNotMatch(html, /<[^>]+\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(html, /javascript:/i, 'no javascript: URL');
});

test('static files: types, ETags, caching, and Chart.js from the Debian package', async () => {
  const types = {
    '/': /^text\/html; charset=utf-8$/,
    '/assets/app.js': /^text\/javascript/,
    '/assets/style.css': /^text\/css/,
    '/assets/favicon.svg': /^image\/svg\+xml/,
    '/vendor/chart.js': /^text\/javascript/,
  };
  // module scripts load only when served as JavaScript
  for (const m of MODULES) types[`/assets/${m}`] = /^text\/javascript/;
  for (const [p, type] of Object.entries(types)) {
    const res = await fetch(`${srv.base}${p}`);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type'), type, `${p} type`);
    const etag = res.headers.get('etag');
    assert.ok(etag, `${p} has an ETag`);
    assert.match(res.headers.get('cache-control') || '', /max-age=\d+/, `${p} is cacheable`);
    const body = Buffer.from(await res.arrayBuffer());
    if (p === '/vendor/chart.js') {
      const debian = fs.readFileSync(process.env.PF_CHARTJS || '/usr/share/javascript/chart.js/chart.min.js');
      assert.ok(body.equals(debian), 'vendor/chart.js is the installed Debian file');
      assert.match(body.subarray(0, 200).toString(), /Chart\.js v3\./);
    } else if (p !== '/') {
      assert.ok(body.equals(fs.readFileSync(path.join(ROOT, 'web', 'assets', p.slice('/assets/'.length)))), `${p} is the file`);
    }
    const again = await fetch(`${srv.base}${p}`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304, `${p} revalidates with its ETag`);
  }
  for (const bad of ['/assets/..%2Fapp.js', '/assets/.hidden', '/assets/nope.js'])
    assert.equal((await fetch(`${srv.base}${bad}`)).status, 404, `${bad} is not served`);
});

test('the tariff chart holds exactly the facts the API returns', { timeout: 60000 }, async () => {
  const expected = await apiTariffSeries(srv.base, null);
  const lineOf = (dir, m) => Array.from(expected.entries()).find(([k, l]) => k.startsWith(`${dir}:`) && l[0].measure === m);
  assert.ok(lineOf('USA-CHN', 'average_tariff_rate')[1].length >= 5, 'the data has a US average series');
  assert.ok(lineOf('USA-CHN', 'headline_total_tariff_rate')[1].length >= 1, 'the data has a US headline total');
  assert.ok(lineOf('USA-CHN', 'effective_tariff_rate')[1].length >= 1, 'the data has a US effective rate');
  assert.ok(lineOf('CHN-USA', 'average_tariff_rate')[1].length >= 1, 'the data has a Chinese average series');
  assertTariffChart(await readChart(page, 'tariff-chart'), expected, 'latest');
  // the text alternative: a table row per point, and a summary
  const total = Array.from(expected.values()).reduce((n, l) => n + l.length, 0);
  assert.equal(await page.locator('#tariff-table tbody tr').count(), total, 'data table: one row per point');
  assert.ok((await page.locator('#tariff-summary').textContent()).length > 40, 'chart summary text');
  // the 2025 close-up shows the same facts
  const before2025 = await readChart(page, 'tariff-chart');
  await page.locator('label[for="zoom-2025"]').click();
  const zoomed = await readChart(page, 'tariff-chart');
  assert.deepEqual(zoomed.datasets.map((d) => d.points), before2025.datasets.map((d) => d.points));
  assert.match(await page.locator('#tariff-caption').textContent(), /2025–2026: rates in force/);
  await page.locator('label[for="zoom-all"]').click();
  assert.deepEqual(seen.problems, []);
});

test('the measures list links each figure to the source the API names', { timeout: 60000 }, async () => {
  // an independent question to the API: what was in force on 20 April 2025
  const on = await getJSON(`${srv.base}/v1/tariffs/USA/CHN?on=2025-04-20`);
  // the stated headline beside the computed one (design C1)
  const headline = on.headline_total.stated;
  assert.ok(headline && headline.source.url, 'the API names a stated headline total with a source URL');
  assert.equal(on.headline_total.value, headline.value, 'the computed headline matches the stated one');
  const link = page.locator(`#measure-list a[data-fact="${headline.id}"]`);
  assert.equal(await link.count(), 1, 'the headline fact is listed');
  assert.equal(await link.getAttribute('href'), headline.source.url, 'its figure links to the source URL');
  assert.ok((await link.textContent()).includes(String(headline.value)), 'the link text is the figure');

  // every linked figure in the list, both directions, against the API lists
  for (const [imp, tgt] of PAIRS) {
    await page.locator(`label[for="dir-${imp.toLowerCase()}-${tgt.toLowerCase()}"]`).click();
    const facts = (await getJSON(`${srv.base}/v1/tariffs?imposer=${imp}&target=${tgt}&limit=1000`)).data;
    const links = await page.$$eval('#measure-list a[data-fact]', (as) => as.map((a) => [a.dataset.fact, a.getAttribute('href')]));
    const want = new Map(facts.map((f) => [f.id, f.source.url || `v1/facts/${f.id}`]));
    assert.deepEqual(Array.from(new Set(links.map((l) => l[0]))).sort(), Array.from(want.keys()).sort(),
      `${imp}→${tgt}: every fact the API returns is listed`);
    for (const [id, href] of links) assert.equal(href, want.get(id), `${imp}→${tgt}: link of ${id}`);
  }
  await page.locator('label[for="dir-usa-chn"]').click();
  assert.deepEqual(seen.problems, []);
});

test('every figure on the page links to its source', { timeout: 60000 }, async () => {
  const want = new Map();
  const add = (f) => want.set(f.id, f.source && f.source.url ? f.source.url : `v1/facts/${f.id}`);
  for (const [imp, tgt] of PAIRS)
    (await getJSON(`${srv.base}/v1/tariffs?imposer=${imp}&target=${tgt}&limit=1000`)).data.forEach(add);
  for (const p of ['MIC2025', 'CHN_NEXT_FYP', 'CHN_GWR', 'CHN_FYP14'])
    (await getJSON(`${srv.base}/v1/targets?programme=${p}&limit=1000`)).data.forEach((t) => {
      add(t);
      if (t.outcome.fact_id) add({ id: t.outcome.fact_id, source: t.outcome.source });
      for (const x of t.outcome.proxies) if (x.fact_id) add({ id: x.fact_id, source: x.source });
    });
  (await getJSON(`${srv.base}/v1/facts?measure=gdp_growth&subject=CHN&limit=1000`)).data.forEach(add);
  // the on-day summary's figures: today's answer, both directions
  const today = new Date().toISOString().slice(0, 10);
  for (const [imp, tgt] of PAIRS) {
    const a = await getJSON(`${srv.base}/v1/tariffs/${imp}/${tgt}?on=${today}`);
    [].concat(a.measures, a.also_applicable, a.average || [], a.effective, a.headline_total.stated || []).forEach(add);
  }
  for (const s of await apiGdp(srv.base, DEFAULT_COUNTRIES, 'household_consumption'))
    for (const pt of s.points) want.set(pt.fact_id, s.sources.find((x) => x.id === pt.source_id).url);
  // the ranking: the facts of the comparison the page asked for
  const compare = seen.requests.filter((u) => new URL(u).pathname === '/v1/compare').pop();
  assert.ok(compare, 'the page asked for a ranking');
  (await getJSON(compare)).data.forEach((r) => add(r.fact));
  (await getJSON(`${srv.base}/v1/facts?kind=gdp_share&measure=household_consumption_share_of_gdp&subject=developed_economies,${DEFAULT_COUNTRIES.join(',')}&limit=1000`))
    .data.forEach(add);
  const links = await page.$$eval('main a[data-fact]', (as) => as.map((a) => [a.dataset.fact, a.getAttribute('href')]));
  assert.ok(links.length > 100, `many linked figures (${links.length})`);
  for (const [id, href] of links) {
    assert.ok(want.has(id), `linked fact ${id} is one the API returned`);
    assert.equal(href, want.get(id), `link of ${id}`);
  }
  // targets: every fact of both programmes is on the page
  for (const p of ['MIC2025', 'CHN_NEXT_FYP']) {
    const ids = (await getJSON(`${srv.base}/v1/targets?programme=${p}&limit=1000`)).data.map((f) => f.id).sort();
    const shown = await page.$$eval(`#prog-${p} a[data-fact]`, (as) => Array.from(new Set(as.map((a) => a.dataset.fact))).sort());
    assert.deepEqual(shown, ids, `${p}: every target the API returns is shown`);
    assert.ok(await page.locator(`#prog-${p} blockquote`).count() > 0, `${p}: quoted wording shown`);
  }
  // a source without a public address: the link opens the fact record
  const range = await page.locator('#gdp-stats a[data-fact]').evaluateAll((as) =>
    as.map((a) => [a.dataset.fact, a.href]));
  for (const [id, href] of range.filter(([, h]) => h.includes('/v1/facts/'))) {
    assert.equal(href, `${srv.base}/v1/facts/${id}`);
    const rec = await getJSON(href);
    assert.ok(rec.data.quote, `fact record ${id} carries the quotation`);
  }
  assert.deepEqual(seen.problems, []);
});

test('the GDP chart shows the API series and the developed-economy range', { timeout: 60000 }, async () => {
  const series = await apiGdp(srv.base, DEFAULT_COUNTRIES, 'household_consumption');
  assert.ok(series.some((s) => s.country.id === 'CHN'), 'the API has China');
  assertGdpChart(await readChart(page, 'gdp-chart'), series, 'default');
  const chart = await readChart(page, 'gdp-chart');
  const ranges = (await getJSON(`${srv.base}/v1/facts?measure=household_consumption_share_of_gdp&subject=developed_economies`))
    .data.filter((f) => f.value_low !== null && f.value_high !== null);
  assert.ok(ranges.length >= 1, 'the API holds a developed-economy range');
  assert.deepEqual(chart.bands.map((b) => [b.fact, b.low, b.high]), ranges.map((f) => [f.id, f.value_low, f.value_high]),
    'the shaded band is the range the API holds');
  const cards = await page.locator('#gdp-stats').textContent();
  assert.ok(cards.includes(`${ranges[0].value_low}–${ranges[0].value_high}%`), 'the range is stated in figures');
  assert.ok(cards.includes('China'), 'China is stated against it');
  assert.deepEqual(seen.problems, []);
});

test('changing countries and the component updates the GDP chart', { timeout: 60000 }, async () => {
  // add France with the mouse
  let n = await loads(page);
  await page.locator('label[for="country-FRA"]').click();
  await waitReady(page, n);
  let countries = DEFAULT_COUNTRIES.concat('FRA');
  let chart = await readChart(page, 'gdp-chart');
  assert.ok(chart.datasets.some((d) => d.key.startsWith('FRA:')), 'France appears');
  assertGdpChart(chart, await apiGdp(srv.base, countries, 'household_consumption'), '+FRA');

  // drop Japan with the keyboard
  n = await loads(page);
  await page.focus('#country-JPN');
  await page.keyboard.press('Space');
  await waitReady(page, n);
  countries = countries.filter((c) => c !== 'JPN');
  chart = await readChart(page, 'gdp-chart');
  assert.ok(!chart.datasets.some((d) => d.key.startsWith('JPN:')), 'Japan is gone');
  assertGdpChart(chart, await apiGdp(srv.base, countries, 'household_consumption'), '-JPN');
  const inHash = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('countries').split(',').sort();
  assert.deepEqual(inHash, countries.slice().sort(), 'the selection is kept in the URL fragment');

  // another component: investment has no developed-economy range
  n = await loads(page);
  await page.selectOption('#gdp-component', 'investment');
  await waitReady(page, n);
  chart = await readChart(page, 'gdp-chart');
  assertGdpChart(chart, await apiGdp(srv.base, countries, 'investment'), 'investment');
  const ranges = (await getJSON(`${srv.base}/v1/facts?measure=gross_capital_formation_share_of_gdp&subject=developed_economies`)).data;
  assert.equal(chart.bands.length, ranges.length, 'bands follow the component');

  // back to the default view
  n = await loads(page);
  await page.selectOption('#gdp-component', 'household_consumption');
  await waitReady(page, n);
  n = await loads(page);
  await page.locator('label[for="country-FRA"]').click();
  await waitReady(page, n);
  n = await loads(page);
  await page.locator('label[for="country-JPN"]').click();
  await waitReady(page, n);
  assertGdpChart(await readChart(page, 'gdp-chart'), await apiGdp(srv.base, DEFAULT_COUNTRIES, 'household_consumption'), 'reset');
  assert.deepEqual(seen.problems, []);
});

test('the as-of date asks the API again and changes what is shown', { timeout: 60000 }, async () => {
  const asOf = '2025-05-01';
  const latest = await apiTariffSeries(srv.base, null);
  const then = await apiTariffSeries(srv.base, asOf);
  const count = (m) => Array.from(m.values()).reduce((k, l) => k + l.length, 0);
  assert.notEqual(count(then), count(latest), 'the record differs between then and now');

  let n = await loads(page);
  await page.fill('#as-of', asOf);
  await waitReady(page, n);
  assert.ok(seen.requests.some((u) => u.includes('/v1/tariffs?') && u.includes(`as_of=${asOf}`)), 'tariffs asked with as_of');
  assert.ok(seen.requests.some((u) => u.includes('/v1/targets?') && u.includes(`as_of=${asOf}`)), 'targets asked with as_of');
  assertTariffChart(await readChart(page, 'tariff-chart'), then, `as of ${asOf}`);
  assert.match(await page.locator('#asof-status').textContent(), /1 May 2025/);
  assert.match(page.url(), /as_of=2025-05-01/);

  // GDP: whatever the API knows then, and a word when it knows nothing
  const gdpThen = await apiGdp(srv.base, DEFAULT_COUNTRIES, 'household_consumption', asOf);
  assertGdpChart(await readChart(page, 'gdp-chart'), gdpThen, `GDP as of ${asOf}`);
  if (!gdpThen.length) assert.ok(await page.locator('[data-empty="gdp-chart"]').isVisible(), 'empty GDP chart explained');

  // targets: exactly the facts known then
  for (const p of ['MIC2025', 'CHN_NEXT_FYP']) {
    const ids = (await getJSON(`${srv.base}/v1/targets?programme=${p}&limit=1000&as_of=${asOf}`)).data.map((f) => f.id).sort();
    const shown = await page.$$eval(`#prog-${p} a[data-fact]`, (as) => Array.from(new Set(as.map((a) => a.dataset.fact))).sort());
    assert.deepEqual(shown, ids, `${p} as of ${asOf}`);
  }
  await page.screenshot({ path: path.join(OUT, 'dashboard-as-of-2025-05-01.png'), fullPage: true });

  // "Latest" returns to everything known now
  n = await loads(page);
  await page.click('#asof-latest');
  await waitReady(page, n);
  assertTariffChart(await readChart(page, 'tariff-chart'), latest, 'latest again');
  assertGdpChart(await readChart(page, 'gdp-chart'), await apiGdp(srv.base, DEFAULT_COUNTRIES, 'household_consumption'), 'GDP latest again');
  assert.ok(await page.locator('[data-empty="gdp-chart"]').isHidden(), 'no empty-chart note once data is back');
  assert.ok((await page.locator('#gdp-chart').boundingBox()).height > 200, 'the GDP chart has its height back');
  assert.doesNotMatch(page.url(), /as_of=/);
  assert.deepEqual(seen.problems, []);
});

test('accessible structure: headings, labels, chart descriptions, keyboard', { timeout: 60000 }, async () => {
  assert.equal(await page.locator('h1').count(), 1);
  const h2 = await page.$$eval('h2', (hs) => hs.map((x) => x.textContent));
  for (const w of ['Tariffs', 'GDP composition', 'Where does it stand', 'Industrial-policy targets', 'Targets against outcomes'])
    assert.ok(h2.some((t) => t.includes(w)), `h2 ${w}`);
  const unlabelled = await page.$$eval('input, select, button', (els) => els
    .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
    .map((e) => e.outerHTML));
  assert.deepEqual(unlabelled, [], 'every control has a label');
  for (const id of ['tariff-chart', 'gdp-chart', 'growth-chart', 'standing-chart']) {
    const a = await page.$eval(`#${id}`, (c) => ({
      role: c.getAttribute('role'),
      name: (document.getElementById(c.getAttribute('aria-labelledby')) || {}).textContent || '',
      desc: (document.getElementById(c.getAttribute('aria-describedby')) || {}).textContent || '',
    }));
    assert.equal(a.role, 'img', `${id} role`);
    assert.ok(a.name.trim().length > 10, `${id} has a name`);
    assert.ok(a.desc.trim().length > 40, `${id} has a description`);
  }
  // keyboard: on a fresh load the first Tab reaches the skip link
  await page.reload();
  await waitReady(page, 0);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#main');
  // the direction switch works from the keyboard
  await page.focus('#dir-usa-chn');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'dir-chn-usa');
  assert.match(await page.locator('#measure-list').getAttribute('aria-label'), /China on US/);
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(seen.problems, []);
});

test('screenshots: desktop and 375 px wide, with nothing wider than the screen', { timeout: 60000 }, async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(OUT, 'dashboard-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForFunction(() => Chart.getChart(document.getElementById('tariff-chart')).width <= 375);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `page is ${overflow}px wide at 375px`);
  assertTariffChart(await readChart(page, 'tariff-chart'), await apiTariffSeries(srv.base, null), 'narrow');
  await page.screenshot({ path: path.join(OUT, 'dashboard-375.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(seen.problems, []);
});

test('Content-Security-Policy: the dashboard ran every panel and control with no violation', { timeout: 60000 }, async () => {
  // the tests above loaded the page twice and used every control on it
  await assertPanelsRendered(page, 'under the policy');
  assert.ok(seen.requests.filter((u) => new URL(u).pathname === '/').length >= 2, 'the page was loaded and reloaded');
  assert.deepEqual(seen.csp, [], 'no securitypolicyviolation event and no console message about the policy');
  assert.deepEqual(seen.problems, []);
});

test('Content-Security-Policy: an inline script injected into a copy of the page is blocked', { timeout: 60000 }, async () => {
  const INJECTED = '<script>window.__injected = 1</script>';
  const p3 = await context.newPage();
  try {
    const w = await watch(p3, srv.base);
    // the real answer for /, its headers kept (but the length and encoding
    // of a body that changes), with the script added to its head
    await p3.route(`${srv.base}/`, async (route) => {
      const response = await route.fetch();
      const headers = Object.fromEntries(Object.entries(response.headers())
        .filter(([k]) => !['content-length', 'content-encoding'].includes(k.toLowerCase())));
      const html = await response.text();
      assert.ok(html.includes('</head>'));
      await route.fulfill({ response, headers, body: html.replace('</head>', `${INJECTED}\n</head>`) });
    });
    const res = await p3.goto(`${srv.base}/`);
    assert.equal(res.headers()['content-security-policy'], CSP, 'the copy carries the real policy');
    assert.ok((await res.text()).includes(INJECTED), 'the copy holds the injected script');
    await waitReady(p3, 0);
    assert.equal(await p3.evaluate(() => typeof window.__injected), 'undefined', 'the injected script did not run');
    await until('the violation report', () => w.csp.some((v) => v.event && v.event.blocked === 'inline'));
    const ev = w.csp.find((v) => v.event && v.event.blocked === 'inline').event;
    assert.match(ev.directive, /^script-src/, 'refused by script-src');
    assert.ok(w.csp.some((v) => v.console), 'Chromium said so in the console');
    await assertPanelsRendered(p3, 'the copy');
    assert.deepEqual(w.problems.filter((x) => !x.startsWith('CSP violation')), [], 'nothing else went wrong');
  } finally {
    await p3.close();
  }
});

test(`behind a path prefix (${PREFIX}/): relative URLs keep every request under it`, { timeout: 60000 }, async () => {
  const prefixed = await startServer('e2e-prefix', [...SERVE_WEB, '--base-path', PREFIX]);
  const p2 = await context.newPage();
  try {
    const w = await watch(p2, `${prefixed.base}${PREFIX}`);
    const res = await p2.goto(`${prefixed.base}${PREFIX}/`);
    assert.equal(res.status(), 200);
    await waitReady(p2, 0);
    assert.ok(w.requests.length > 8);
    for (const u of w.requests) assert.ok(new URL(u).pathname.startsWith(`${PREFIX}/`), `under the prefix: ${u}`);
    const api = `${prefixed.base}${PREFIX}`;
    assertTariffChart(await readChart(p2, 'tariff-chart'), await apiTariffSeries(api, null), 'prefixed');
    const gdp = await apiGdp(api, DEFAULT_COUNTRIES, 'household_consumption');
    assertGdpChart(await readChart(p2, 'gdp-chart'), gdp, 'prefixed');
    const href = await p2.locator('#measure-list a[data-fact]').first().getAttribute('href');
    assert.ok(!href.startsWith('/'), 'source links are absolute URLs or relative to the prefix');
    await p2.screenshot({ path: path.join(OUT, 'dashboard-prefix.png') });
    assert.deepEqual(w.problems, []);
  } finally {
    await p2.close();
    await stopServer(prefixed);
  }
});
