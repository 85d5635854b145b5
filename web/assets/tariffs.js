/* The tariffs panel (section #tariffs): asks the API for both directions'
 * average and headline rates (the chart) and for every measure (the list),
 * keeps the newest answer so that the direction and period switches redraw
 * without asking again, and wires those two switches. Drawing is in
 * tariff-chart.js, tariff-text.js and measures.js.
 *
 *   chart  v1/tariffs?imposer=USA&target=CHN&kind=average,total
 *            &from=2017-01-01&to=2025-12-31&limit=1000
 *            &rank=preferred        (or &as_of=DATE instead of rank)
 *   list   v1/tariffs?imposer=USA&target=CHN&limit=1000[&as_of=DATE] */
import { getAll, withAsOf } from './api.js';
import { setView, view } from './state.js';
import { PAIRS, WINDOW, ZOOMS } from './tariff-common.js';
import { renderTariffChart } from './tariff-chart.js';
import { renderTariffText } from './tariff-text.js';
import { renderMeasureList } from './measures.js';

// the newest answer: {series, lists} (one array per direction) and facts (id -> fact)
let shown = null;

function chartParams(pair, asOf) {
  const p = {
    imposer: pair.imposer,
    target: pair.target,
    kind: 'average,total',
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
  const sets = renderTariffChart(shown, view());
  renderTariffText(sets, shown.facts, view());
}

function drawList() {
  if (shown) renderMeasureList(shown.lists, view());
}

async function load() {
  const { asOf } = view();
  const [series, lists] = await Promise.all([
    Promise.all(PAIRS.map((pair) => getAll('v1/tariffs', chartParams(pair, asOf)))),
    Promise.all(PAIRS.map((pair) => getAll('v1/tariffs', listParams(pair, asOf)))),
  ]);
  return () => {
    const facts = new Map();
    series.concat(lists).forEach((list) => list.forEach((f) => facts.set(f.id, f)));
    shown = { series, lists, facts };
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
    };
  },
  load,
};
