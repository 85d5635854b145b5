// The dashboard's views of issues 17 and 18 in a real browser, each checked
// against the API: the tariff chart's estimates (joined only while current,
// stale stretches where the API says so), the on-day summary, targets
// against outcomes (growth targets, the Five-Year Plan scorecard), every
// economy (the picker, the ranking against /v1/compare?entities=all), the
// rank order taken from /v1/vocabulary, and the pages at desktop and
// phone width under the Content-Security-Policy.
//
//   node --test tests/e2e/views.test.js     (or `make e2e`)
//
// Screenshots and the server log go to tests/out/e2e/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const {
  OUT, PAIRS, WINDOW, getJSON, qs, isoDay, addDays, readChart, loads, waitReady, watch, openDashboard,
} = require('./pagekit');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const longDate = (d) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

let session;
let base;
let page;
let seen;

before(async () => {
  session = await openDashboard('e2e-views');
  ({ page, seen } = session);
  base = session.srv.base;
  await page.goto(`${base}/`);
  await waitReady(page, 0);
});

after(async () => {
  if (session) await session.close();
});

// ------------------------------------------------------------------ helpers

/* The day answer's estimate with this id (its average or an effective rate), or null. */
async function estimateOn(imp, tgt, day, id, asOf) {
  const a = await getJSON(`${base}/v1/tariffs/${imp}/${tgt}?${qs({ on: day, as_of: asOf })}`);
  return (a.average ? [a.average] : []).concat(a.effective).find((e) => e.id === id) || null;
}

/* The first day after the estimate's own on which a layer it names in
 * stale_because started or ended (each fact read on its own). */
async function firstChange(e, upto) {
  let first = null;
  for (const id of e.stale_because) {
    const f = (await getJSON(`${base}/v1/facts/${encodeURIComponent(id)}`)).data;
    const days = [f.valid_from, f.valid_to ? addDays(f.valid_to, 1) : null];
    for (const d of days) if (d && d > e.observed_on && d <= upto && (!first || d < first)) first = d;
  }
  return first;
}

async function pickDay(day) {
  const n = await loads(page);
  await page.fill('#tariff-on', day);
  await waitReady(page, n);
}

async function setAsOf(day) {
  const n = await loads(page);
  if (day) await page.fill('#as-of', day);
  else await page.click('#asof-latest');
  await waitReady(page, n);
}

const rowsOf = (sel) => page.$$eval(sel, (trs) => trs.map((tr) => ({ ...tr.dataset, text: tr.textContent })));

// ------------------------------------------------------------------ the tariff chart

test('tariff estimates are points joined only while current; stale stretches start where the API says', { timeout: 120000 }, async () => {
  const chart = await readChart(page, 'tariff-chart');
  const estimates = chart.datasets.filter((d) => d.estimate);
  assert.ok(estimates.length >= 3, 'averages of both directions and an effective rate');
  let joins = 0;
  let stale = 0;
  for (const d of estimates) {
    const [imp, tgt] = d.key.split(':')[0].split('-');
    for (let k = 0; k < d.points.length; k++) {
      const p = d.points[k];
      const next = d.points[k + 1];
      const upto = next ? addDays(isoDay(next.x), -1) : WINDOW.to;
      const e = await estimateOn(imp, tgt, upto, p.fact);
      const what = `${d.key} ${isoDay(p.x)}`;
      assert.ok(e, `${what}: the API answers the day before the next estimate with this one`);
      assert.ok(!(p.joined && p.staleFrom !== null), `${what}: no join across a stale stretch`);
      assert.equal(p.joined, Boolean(next) && !e.stale, `${what}: joined to the next exactly when still current then`);
      assert.equal(p.staleFrom !== null, e.stale, `${what}: a stale stretch exactly when the API says stale`);
      if (!e.stale) {
        if (next) joins++;
        continue;
      }
      stale++;
      const from = isoDay(p.staleFrom);
      assert.equal(from, await firstChange(e, upto), `${what}: the stretch starts on the first change of a layer`);
      assert.equal((await estimateOn(imp, tgt, from, p.fact)).stale, true, `${what}: stale on ${from}`);
      assert.equal((await estimateOn(imp, tgt, addDays(from, -1), p.fact)).stale, false, `${what}: current the day before`);
      assert.equal(p.staleTo, next ? next.x : null, `${what}: the stretch ends at the next estimate or the chart's edge`);
    }
  }
  assert.ok(joins >= 2 && stale >= 2, `joins (${joins}) and stale stretches (${stale}) both occur`);
  // the old chart's fault: the average ran flat at 51.1% into 2026
  const us = estimates.find((d) => d.points.some((p) => p.y === 51.1));
  const last = us.points[us.points.length - 1];
  assert.equal(last.y, 51.1);
  assert.equal(last.joined, false);
  assert.ok(last.staleFrom !== null && isoDay(last.staleFrom) < '2026-01-01', 'the 51.1% average is out of date before 2026');
  // each direction with stale stretches has its legend entry
  for (const [imp, tgt] of PAIRS) {
    const any = estimates.some((d) => d.key.startsWith(`${imp}-${tgt}:`) && d.points.some((p) => p.staleFrom !== null));
    assert.equal(chart.datasets.some((d) => d.key === `${imp}-${tgt}:stale` && d.legendOnly), any, `${imp}→${tgt}: stale legend entry`);
  }
  assert.deepEqual(seen.problems, []);
});

test('the on-day summary: computed headline with its parts beside the stated one; estimates with age and staleness', { timeout: 120000 }, async () => {
  for (const day of ['2025-05-20', '2025-07-01']) {
    await pickDay(day);
    assert.match(page.url(), new RegExp(`on=${day}`));
    for (const [imp, tgt] of PAIRS) {
      const a = await getJSON(`${base}/v1/tariffs/${imp}/${tgt}?on=${day}`);
      const card = page.locator(`#tariff-day .day-card[data-pair="${imp}-${tgt}"]`);
      const what = `${imp}→${tgt} on ${day}`;
      const total = a.headline_total;
      if (total.value === null) assert.match(await card.locator('[data-row="computed"]').textContent(), /no all-goods duty/);
      else assert.equal(Number(await card.locator('[data-row="computed"] .day-figure').getAttribute('data-value')), total.value, `${what}: computed total`);
      const parts = await card.locator('[data-row="computed"] a[data-fact]').evaluateAll((as) => as.map((x) => x.dataset.fact));
      assert.deepEqual(parts, total.parts.map((p) => p.fact_id), `${what}: its parts, each linked`);
      const stated = await card.locator('[data-row="stated"] a[data-fact]').evaluateAll((as) => as.map((x) => x.dataset.fact));
      assert.deepEqual(stated, total.stated ? [total.stated.id] : [], `${what}: the stated headline beside it`);
      for (const e of (a.average ? [a.average] : []).concat(a.effective)) {
        const row = card.locator(`.day-row[data-fact="${e.id}"]`);
        assert.equal(await row.getAttribute('data-stale'), String(e.stale), `${what}: ${e.id} staleness`);
        const text = await row.textContent();
        assert.ok(text.includes(longDate(e.observed_on)), `${what}: the day the estimate describes`);
        assert.match(text, /\d+ (days?|months|years) before this day/, `${what}: its age in words`);
        if (e.stale) assert.ok(text.includes(`Out of date: the rates it measured changed on ${longDate(await firstChange(e, day))}`), `${what}: since when`);
        else assert.match(text, /Still current/);
      }
    }
  }
  // a click on the chart picks the day under the pointer
  const spot = await page.evaluate(() => {
    const c = Chart.getChart(document.getElementById('tariff-chart'));
    return { x: c.scales.x.getPixelForValue(Date.UTC(2025, 2, 1)), y: (c.chartArea.top + c.chartArea.bottom) / 2 };
  });
  let n = await loads(page);
  await page.locator('#tariff-chart').click({ position: spot });
  await waitReady(page, n);
  const picked = await page.inputValue('#tariff-on');
  assert.ok(Math.abs(Date.parse(picked) - Date.UTC(2025, 2, 1)) <= 4 * 86400000, `clicked near 1 Mar 2025, picked ${picked}`);
  n = await loads(page);
  await page.click('#tariff-on-reset');
  await waitReady(page, n);
  assert.doesNotMatch(page.url(), /[#&]on=/, 'back to the default day');
  assert.deepEqual(seen.problems, []);
});

// ------------------------------------------------------------------ targets against outcomes

async function assertGrowth(asOf) {
  const targets = (await getJSON(`${base}/v1/targets?${qs({ programme: 'CHN_GWR', limit: 1000, as_of: asOf })}`)).data;
  const what = asOf ? `as of ${asOf}` : 'now';
  const chart = await readChart(page, 'growth-chart');
  const marks = chart.datasets.find((d) => d.key === 'target').points;
  const numeric = targets.filter((t) => t.value !== null || t.value_low !== null);
  assert.deepEqual(marks.map((p) => [p.x, p.fact]).sort(), numeric.map((t) => [t.deadline, t.id]).sort(), `${what}: a mark per numeric target`);
  const rows = await rowsOf('#growth-table tbody tr');
  for (const t of targets) {
    const r = rows.find((x) => Number(x.year) === t.deadline);
    assert.ok(r, `${what}: a row for ${t.deadline}`);
    assert.equal(r.status, t.outcome.status, `${what}: ${t.deadline} status`);
  }
  const outcomes = chart.datasets.find((d) => d.key === 'outcome').points;
  for (const t of targets.filter((x) => x.outcome.value !== null)) {
    const p = outcomes.find((x) => x.x === t.deadline);
    assert.deepEqual([p.y, p.status], [t.outcome.value, t.outcome.status], `${what}: ${t.deadline} outcome point`);
  }
  return { targets, rows, chart };
}

test('targets against outcomes: growth targets, outcomes and statuses as /v1/targets judges them', { timeout: 120000 }, async () => {
  const { targets, rows, chart } = await assertGrowth('');
  const years = (s) => targets.filter((t) => t.outcome.status === s).map((t) => t.deadline).sort();
  assert.deepEqual(years('missed'), [2014, 2015, 2022], 'the API names the misses');
  const missedMarks = chart.datasets.find((d) => d.key === 'outcome').points.filter((p) => p.status === 'missed');
  assert.deepEqual(missedMarks.map((p) => p.x).sort(), [2014, 2015, 2022], 'the misses marked on the chart');
  assert.match(rows.find((r) => r.year === '2020').text, /no target/, '2020: no target');
  assert.match(rows.find((r) => r.year === '2026').text, /pending/, '2026: pending');
  // revisions: 2007's earlier reports are drawn as small marks beside the
  // outcome, another series' figures (a dataset's rows) apart from them
  const t2007 = targets.find((t) => t.deadline === 2007);
  const others = (await getJSON(`${base}/v1/facts?measure=gdp_growth&subject=CHN&limit=1000`)).data
    .filter((f) => f.period === '2007' && f.id !== t2007.outcome.fact_id);
  const reports = others.filter((f) => f.evidence !== 'data');
  assert.ok(reports.length >= 2, 'the data has earlier reports of 2007');
  const marks = (key) => chart.datasets.find((d) => d.key === key).points.filter((p) => p.x === 2007).map((p) => p.fact).sort();
  assert.deepEqual(marks('reports'), reports.map((f) => f.id).sort(), "2007's earlier reports");
  assert.deepEqual(marks('series'), others.filter((f) => f.evidence === 'data').map((f) => f.id).sort(), "2007's other series");
  // as the record stood in mid-2015: 2014 judged by its first report, 2015 pending
  await setAsOf('2015-06-01');
  const then = await assertGrowth('2015-06-01');
  assert.equal(then.targets.find((t) => t.deadline === 2015).outcome.status, 'pending');
  await setAsOf('');
  assert.deepEqual(seen.problems, []);
});

test('the Five-Year Plan scorecard: each indicator with its target, outcome, status, proxies beside it, match and source', { timeout: 60000 }, async () => {
  for (const plan of ['CHN_FYP14', 'CHN_FYP15']) {
    const n = await loads(page);
    await page.locator(`label[for="plan-${plan.slice(4).toLowerCase()}"]`).click();
    if (plan !== 'CHN_FYP14') await waitReady(page, n);
    const facts = (await getJSON(`${base}/v1/targets?programme=${plan}&limit=1000`)).data;
    const rows = await rowsOf('#scorecard tbody tr');
    const questions = new Set(facts.map((f) => `${f.measure}|${f.deadline}`));
    assert.equal(rows.length, questions.size, `${plan}: one row per indicator`);
    for (const r of rows) {
      const f = facts.find((x) => x.id === r.fact);
      assert.ok(f, `${plan}: ${r.fact} is one the API returned`);
      assert.equal(r.status, f.outcome.status, `${plan}: ${f.id} status`);
      assert.notEqual(f.outcome.match, 'proxy', `${plan}: ${f.id}: a proxy never decides the status`);
      if (f.outcome.source) assert.ok(r.text.includes(f.outcome.source.title), `${plan}: ${f.id} outcome source`);
      // each proxy's figure beside the status: its measure, value and note
      const shown = await page.$$eval(`#scorecard tbody tr[data-fact="${f.id}"] .proxy-fig`,
        (els) => els.map((e) => ({ measure: e.dataset.proxy, title: e.title, text: e.textContent })));
      assert.deepEqual(shown.map((p) => [p.measure, p.title]), f.outcome.proxies.map((p) => [p.measure, p.note]),
        `${plan}: ${f.id} proxies beside the status`);
      for (const [i, p] of f.outcome.proxies.entries()) {
        const name = (await getJSON(`${base}/v1/measures/${p.measure}`)).data.name;
        assert.ok(shown[i].text.includes(name), `${plan}: ${f.id} proxy ${p.measure} named`);
        assert.ok(p.value === null ? /figure known yet/.test(shown[i].text) : shown[i].text.includes(String(Math.round(p.value * 100) / 100)),
          `${plan}: ${f.id} proxy ${p.measure} value ${p.value}: ${shown[i].text}`);
        if (p.source) assert.ok(r.text.includes(p.source.title), `${plan}: ${f.id} proxy source`);
      }
    }
    if (plan === 'CHN_FYP14') {
      const withProxy = facts.filter((f) => f.outcome.proxies.length);
      assert.ok(withProxy.some((f) => f.outcome.status === 'no_data' && f.outcome.proxies.some((p) => p.value !== null)),
        `${plan}: a target judged no_data with a proxy figure beside it`);
    }
    for (const s of ['met', 'missed', 'pending', 'no_data']) {
      const want = rows.filter((r) => r.status === s).length;
      assert.match(await page.locator(`#scorecard-counts [data-count="${s}"]`).textContent(), new RegExp(`: ${want}$`), `${plan}: ${s} count`);
    }
  }
  const n = await loads(page);
  await page.locator('label[for="plan-fyp14"]').click();
  await waitReady(page, n);
  assert.deepEqual(seen.problems, []);
});

// ------------------------------------------------------------------ every economy

/* The ranking the page must open with: gross capital formation (else
 * household consumption), in the latest year with figures for at least 90%
 * as many economies as the best year of the last fifteen. */
async function defaultRanking() {
  const coded = (await getJSON(`${base}/v1/measures?limit=1000`)).data.filter((m) => m.code).map((m) => m.id);
  const measure = ['gross_capital_formation_share_of_gdp', 'household_consumption_share_of_gdp'].find((m) => coded.includes(m));
  const from = new Date().getUTCFullYear() - 15;
  const n = new Map();
  for (const s of (await getJSON(`${base}/v1/indicators/${measure}?from=${from}`)).data)
    if (s.country.type === 'country') for (const p of s.points) n.set(p.year, (n.get(p.year) || 0) + 1);
  const best = Math.max(...n.values());
  const year = Math.max(...Array.from(n.keys()).filter((y) => n.get(y) >= 0.9 * best));
  return { measure, year };
}

async function pickEconomy(field, typed, id) {
  await page.fill(field, typed);
  const options = await page.$$eval(`${field}-list li[data-id]`, (lis) => lis.map((li) => [li.dataset.id, li.textContent]));
  assert.ok(options.some(([x]) => x === id), `typing "${typed}" offers ${id}: ${JSON.stringify(options)}`);
  await page.click(`${field}-list li[data-id="${id}"]`);
  return options;
}

test('every economy: the picker searches all 217 economies and the aggregates, marked as such', { timeout: 60000 }, async () => {
  const choices = await page.evaluate(async () => {
    const m = await import(new URL('assets/picker.js', document.baseURI).href);
    return m.economyChoices().map((e) => [e.id, e.type]);
  });
  for (const type of ['country', 'aggregate']) {
    const ids = (await getJSON(`${base}/v1/entities?type=${type}&limit=1000`)).data.map((e) => e.id).sort();
    assert.deepEqual(choices.filter(([, t]) => t === type).map(([id]) => id).sort(), ids, `every ${type} is a choice`);
  }
  assert.equal(choices.filter(([, t]) => t === 'country').length, 217, 'the 217 economies');
  await page.fill('#standing-economy', 'world');
  const tag = await page.locator('#standing-economy-list li[data-id="WLD"] .picker-tag').textContent();
  assert.equal(tag, 'aggregate', 'an aggregate is marked as such');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#standing-economy-list').isHidden(), 'Escape closes the list');
  await page.fill('#standing-economy', '');
  assert.deepEqual(seen.problems, []);
});

test('where does it stand: the ranking is /v1/compare?entities=all in order; "Vie" finds Viet Nam and highlights it', { timeout: 90000 }, async () => {
  const { measure, year } = await defaultRanking();
  assert.equal(await page.inputValue('#standing-measure'), measure, 'the default indicator');
  assert.equal(await page.inputValue('#standing-year'), String(year), 'the latest year with broad coverage');
  const cmp = await getJSON(`${base}/v1/compare?measure=${measure}&entities=all&period=${year}`);
  const ranked = cmp.data.filter((r) => r.rank !== null);
  assert.ok(ranked.length > 150, `most economies ranked (${ranked.length})`);
  const order = await page.$$eval('#standing-table tbody tr', (trs) => trs.map((tr) => [tr.dataset.id, tr.dataset.rank]));
  assert.deepEqual(order, cmp.data.map((r) => [r.entity.id, r.rank === null ? '' : String(r.rank)]), 'the list is the answer, in order');
  const chart = await readChart(page, 'standing-chart');
  const dots = chart.datasets.find((d) => d.key === 'economies');
  assert.deepEqual(dots.points.map((p) => [p.id, p.x, p.y]), ranked.map((r) => [r.entity.id, r.value, r.rank]), 'a dot per economy');
  assert.equal(dots.drawn, ranked.length, 'every dot laid out');
  const refs = cmp.data.filter((r) => r.rank === null);
  assert.deepEqual(chart.lines.map((l) => [l.label, l.x]), refs.map((r) => [r.entity.name, r.value]), 'reference aggregates as lines');
  assert.ok(refs.some((r) => r.entity.id === 'WLD'), 'the World among the references');
  assert.deepEqual(chart.datasets.find((d) => d.key === 'china').points.map((p) => p.id), ['CHN'], 'China highlighted');

  await pickEconomy('#standing-economy', 'Vie', 'VNM');
  await page.waitForSelector('#standing-table tr.is-chosen[data-id="VNM"]');
  const vnm = cmp.data.find((r) => r.entity.id === 'VNM');
  const chosen = (await readChart(page, 'standing-chart')).datasets.find((d) => d.key === 'chosen');
  assert.deepEqual(chosen.points.map((p) => [p.id, p.y]), [['VNM', vnm.rank]], 'Viet Nam highlighted in the chart');
  const card = await page.locator('#standing-stats .stat-chosen').textContent();
  assert.ok(card.includes(`rank ${vnm.rank} of ${ranked.length}`), `Viet Nam's rank in words: ${card}`);
  assert.ok(card.includes(`higher than ${Math.round(vnm.percentile * 10) / 10}% of the other economies`), 'and its percentile');
  const china = cmp.data.find((r) => r.entity.id === 'CHN');
  assert.ok((await page.locator('#standing-stats .stat-china').textContent()).includes(`rank ${china.rank} of ${ranked.length}`));
  assert.match(page.url(), /economy=VNM/);

  // the keyboard, and an aggregate the answer lacks: asked for again with it as a reference
  const n = await loads(page);
  await page.fill('#standing-economy', 'east asia & pacific');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await waitReady(page, n);
  const eas = await getJSON(`${base}/v1/compare?measure=${measure}&entities=all&period=${year}&references=WLD,HIC,UMC,LMC,LIC,EUU,OED,EAS`);
  const line = (await readChart(page, 'standing-chart')).lines.find((l) => l.label === 'East Asia & Pacific');
  assert.equal(line && line.x, eas.data.find((r) => r.entity.id === 'EAS').value, 'the aggregate as a reference line');
  assert.match(await page.locator('#standing-stats .stat-chosen').textContent(), /an aggregate/);
  await pickEconomy('#standing-economy', 'United States', 'USA');
  await page.waitForSelector('#standing-table tr.is-chosen[data-id="USA"]');
  assert.deepEqual(seen.problems, []);
});

test('the GDP panel adds any economy with the picker', { timeout: 60000 }, async () => {
  const n = await loads(page);
  await pickEconomy('#gdp-add', 'nigeri', 'NGA');
  await waitReady(page, n);
  assert.ok(await page.locator('#country-NGA').isChecked(), 'Nigeria added and checked');
  assert.ok(seen.requests.some((u) => u.includes('/v1/gdp-shares?') && /country=[^&]*NGA/.test(u)), 'asked for its series');
  const m = await loads(page);
  await page.locator('label[for="country-NGA"]').click();
  await waitReady(page, m);
  assert.doesNotMatch(new URL(page.url()).hash, /NGA/);
  assert.deepEqual(seen.problems, []);
});

// ------------------------------------------------------------------ vocabulary

test('the rank order comes from /v1/vocabulary: reversed there, another source is shown first', { timeout: 60000 }, async () => {
  const facts = (await getJSON(`${base}/v1/tariffs?imposer=USA&target=CHN&limit=1000`)).data;
  const groups = new Map();
  for (const f of facts) {
    const k = [f.object, f.measure, f.series || '', f.valid_from || ''].join('|');
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(f);
  }
  const vocab = await getJSON(`${base}/v1/vocabulary`);
  const max = Math.max(...vocab.ranks.map((r) => r.order));
  const reversed = new Map(vocab.ranks.map((r) => [r.id, max - r.order]));
  const split = Array.from(groups.values()).filter((l) => new Set(l.map((f) => f.rank)).size > 1);
  assert.ok(split.length >= 1, 'some question has answers of different ranks');
  const mains = (p) => p.$$eval('#measure-list td.num a[data-fact]', (as) => as.map((a) => a.dataset.fact));
  const shown = await mains(page);
  const p2 = await session.context.newPage();
  try {
    const w = await watch(p2, base);
    await p2.route(`${base}/v1/vocabulary`, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.ranks = body.ranks.map((r) => ({ id: r.id, order: max - r.order }));
      await route.fulfill({ response, json: body });
    });
    await p2.goto(`${base}/`);
    await waitReady(p2, 0);
    const flipped = await mains(p2);
    for (const list of split) {
      const best = (order) => list.slice().sort((a, b) => order(a) - order(b))[0].id;
      const real = best((f) => vocab.ranks.find((r) => r.id === f.rank).order);
      const upside = best((f) => reversed.get(f.rank));
      assert.ok(shown.includes(real) && !shown.includes(upside), `${real} first with the real order`);
      assert.ok(flipped.includes(upside) && !flipped.includes(real), `${upside} first with the order reversed`);
    }
    assert.deepEqual(w.problems, []);
  } finally {
    await p2.close();
  }
});

// ------------------------------------------------------------------ phone and desktop

test('screenshots of the new views at desktop and 375 px, nothing wider than the screen, no CSP violation', { timeout: 60000 }, async () => {
  for (const [name, width] of [['desktop', 1280], ['375', 375]]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction((w) => Chart.getChart(document.getElementById('growth-chart')).width <= w, width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= width, `page is ${overflow}px wide at ${width}px`);
    for (const id of ['tariffs', 'standing', 'outcomes']) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await page.locator(`#${id}`).screenshot({ path: path.join(OUT, `views-${id}-${name}.png`) });
    }
    for (const id of ['growth-chart', 'standing-chart']) {
      const chart = await readChart(page, id);
      assert.ok(chart.width <= width && chart.datasets.every((d) => d.drawn === d.points.length), `${name}: ${id} laid out`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(seen.csp, [], 'no securitypolicyviolation event and no console message about the policy');
  assert.deepEqual(seen.problems, []);
});
