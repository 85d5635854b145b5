/* The tariffs panel (section #tariffs): asks the API for both directions'
 * averages, effective rates and headline totals (the chart), when each
 * estimate went out of date (tariff-stale.js), and every measure (the
 * list); keeps the newest answer so that the direction and period switches
 * and a new day redraw without asking again, and wires those switches. The
 * on-day summary is a panel of its own (tariff-day.js). Drawing is in
 * tariff-chart.js, tariff-text.js and measures.js.
 *
 *   chart  v1/tariffs?imposer=USA&target=CHN&kind=average,total,effective
 *            &from=2017-01-01&to=2026-12-31&limit=1000
 *            &rank=preferred        (or &as_of=DATE instead of rank)
 *   list   v1/tariffs?imposer=USA&target=CHN&limit=1000[&as_of=DATE] */
import { getAll, withAsOf } from './api.js';
import { setView, view } from './state.js';
import { CHART_KINDS, PAIRS, WINDOW, ZOOMS, dayOf } from './tariff-common.js';
import { estimateStatus, layerFacts } from './tariff-stale.js';
import { renderTariffChart } from './tariff-chart.js';
import { renderTariffText } from './tariff-text.js';
import { renderMeasureList } from './measures.js';
import { pickDay, wireDay } from './tariff-day.js';

// the newest answer: {series, statuses, lists} (one entry per direction) and facts (id -> fact)
let shown = null;

function chartParams(pair, asOf) {
  const p = {
    imposer: pair.imposer,
    target: pair.target,
    kind: CHART_KINDS,
    from: WINDOW.from,
    to: WINDOW.to,
    limit: 1000,
  };
  // Without a date, the preferred answer to each question; with one, the
  // API itself answers each question as of that day.
  if (asOf) p.as_of = asOf;
  else p.rank = 'preferred';
  return p;
}

function listParams(pair, asOf) {
  return withAsOf({ imposer: pair.imposer, target: pair.target, limit: 1000 }, asOf);
}

function drawChart() {
  if (!shown) return;
  const v = view();
  const sets = renderTariffChart(shown, v, dayOf(v), pickDay);
  renderTariffText(sets, shown.facts, v);
}

function drawList() {
  if (shown) renderMeasureList(shown.lists, view());
}

/* One direction's chart facts and the status of each of its estimates. */
async function loadSeries(pair, asOf) {
  const [facts, layers] = await Promise.all([getAll('v1/tariffs', chartParams(pair, asOf)), layerFacts(pair, asOf)]);
  return { facts, status: await estimateStatus(pair, facts, layers, asOf) };
}

async function load() {
  const { asOf } = view();
  const [series, lists] = await Promise.all([
    Promise.all(PAIRS.map((pair) => loadSeries(pair, asOf))),
    Promise.all(PAIRS.map((pair) => getAll('v1/tariffs', listParams(pair, asOf)))),
  ]);
  return () => {
    const facts = new Map();
    series.map((s) => s.facts).concat(lists).forEach((list) => list.forEach((f) => facts.set(f.id, f)));
    shown = { series: series.map((s) => s.facts), statuses: series.map((s) => s.status), lists, facts };
    drawChart();
    drawList();
  };
}

/* A radio group (name) that sets one view field and redraws. */
function wireSwitch(name, field, redraw) {
  document.querySelectorAll(`input[name="${name}"]`).forEach((r) => {
    r.checked = r.value === view()[field];
    r.addEventListener('change', () => {
      if (!r.checked) return;
      setView({ [field]: r.value });
      redraw();
    });
  });
}

export const tariffsPanel = {
  id: 'tariffs',
  accepts: {
    dir: (v) => PAIRS.some((p) => p.key === v),
    zoom: (v) => Object.prototype.hasOwnProperty.call(ZOOMS, v),
  },
  async setup() {
    return () => {
      wireSwitch('dir', 'dir', drawList);
      wireSwitch('zoom', 'zoom', drawChart);
      wireDay(drawChart);
    };
  },
  load,
};
