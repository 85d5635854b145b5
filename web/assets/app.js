/* policyfacts dashboard: the entry module, loaded by <script type="module">
 * from index.html (ES modules, no build step; every module sits flat in
 * assets/ because the server serves /assets/{file} only). It reads the
 * reference tables, sets up the panels, and loads them all again when the
 * as-of date changes. It draws nothing but the footer's dataset line.
 *
 * Modules: api.js (requests), format.js (text of figures and dates),
 * dom.js (elements), state.js (the view, reference tables, rank order),
 * loader.js (busy state, errors, newest answer wins), charts.js and
 * chart-plugins.js (Chart.js), dates.js (day arithmetic), asof.js (the
 * as-of bar), and one module per panel with its helpers: tariffs.js and
 * tariff-day.js (the chart, the on-day summary), gdp.js, targets.js,
 * growth.js and scorecard.js (targets against outcomes), standing.js (every
 * economy ranked; picker.js is its economy picker). Every request
 * uses a relative URL (v1/...), so the page works at the root and behind a
 * proxy prefix; the view lives in the URL fragment, which the server never
 * sees. Each panel's top comment lists the queries behind it, for people
 * writing their own front end.
 *
 * A panel is an object { id, load, setup?, accepts? }:
 *   id       its section's name: the error box <p data-error="id"> and its run token
 *   load()   asks the API for the current view() and resolves to a function
 *            that draws the answer (run only if no newer load started)
 *   setup()  optional, once at start, in parallel with the reference tables:
 *            resolves to a function that builds and wires its controls
 *   accepts  optional {field: test} for the URL-fragment values it owns
 * Adding one: its section in index.html, its module, a line in PANELS. */
import { getAll, getJSON } from './api.js';
import { fmtDate } from './format.js';
import { $, h, replace } from './dom.js';
import { readViewFromHash, setRanks, setReference } from './state.js';
import { run, setBusy, showError } from './loader.js';
import { applyChartDefaults } from './charts.js';
import { showAsOf, wireAsOf } from './asof.js';
import { tariffsPanel } from './tariffs.js';
import { tariffDayPanel } from './tariff-day.js';
import { gdpPanel } from './gdp.js';
import { targetsPanel } from './targets.js';
import { growthPanel } from './growth.js';
import { scorecardPanel } from './scorecard.js';
import { standingPanel } from './standing.js';

const PANELS = [tariffsPanel, tariffDayPanel, gdpPanel, standingPanel, targetsPanel, growthPanel, scorecardPanel];

function loadAll() {
  showAsOf();
  return Promise.all(PANELS.map(run));
}

function showDataset(index, dataset) {
  const c = dataset.counts || {};
  replace($('#dataset-line'),
    `${index.name || 'policyfacts'} · dataset `, h('a', { href: 'v1/dataset' }, dataset.version),
    `, built ${fmtDate((dataset.build_time || '').slice(0, 10), true)}: ${c.facts} facts from ${c.sources} sources. `,
    'Quotations are short extracts for citation; each source keeps its own licence.');
}

/* The tables every panel reads names from, and the footer's dataset line. */
async function loadReference() {
  const [index, dataset, vocabulary, measures, entities] = await Promise.all([
    getJSON('v1'),
    getJSON('v1/dataset'),
    getJSON('v1/vocabulary'),
    getAll('v1/measures', { limit: 1000 }),
    getAll('v1/entities', { limit: 1000 }),
  ]);
  setRanks(vocabulary.ranks);
  setReference(measures, entities);
  showDataset(index, dataset);
}

async function setUp() {
  const [, ...builds] = await Promise.all([loadReference(), ...PANELS.map((p) => (p.setup ? p.setup() : null))]);
  builds.forEach((build) => build && build());
  wireAsOf(loadAll);
}

async function start() {
  readViewFromHash(Object.assign({}, ...PANELS.map((p) => p.accepts || {})));
  if (!applyChartDefaults())
    showError(null, new Error('the chart library (vendor/chart.js) did not load; the tables below still hold every figure'));
  setBusy(1);
  try {
    await setUp();
    await loadAll();
  } catch (err) {
    showError(null, err);
    console.error('policyfacts dashboard:', err);
  } finally {
    setBusy(-1);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
