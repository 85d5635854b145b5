/* The tariff chart (#tariff-chart), exactly one point per fact, over
 * 2017–2026 or 2025–2026 in detail: a rate in force (a headline total) as
 * steps, each holding until the next; an estimate (an average, an effective
 * rate) as a point, joined to the next only while it was current, its stale
 * stretches hatched (chart-estimates.js); the on-day summary's day as a
 * dotted line; tooltips naming each figure's source and an estimate's
 * status. A click picks the day. Returns the datasets drawn, for the text
 * alternative (tariff-text.js). */
import { DAY_MS, dayMs, factValue, fmtDate, sourceName, validText } from './format.js';
import { baseOptions, drawChart, setEmpty } from './charts.js';
import { dayPlugin, stepPlugin } from './chart-plugins.js';
import { estimatePlugin, hatch } from './chart-estimates.js';
import { $ } from './dom.js';
import { tariffScales } from './tariff-axis.js';
import { CHART_MEASURES, PAIRS, ZOOMS, isEstimate, lineOf, positionIn, shortMeasureName } from './tariff-common.js';

/* facts of one direction with a start date and a figure, by line, each sorted by start */
function byLine(facts) {
  const out = new Map();
  for (const f of facts) {
    if (!f.valid_from || f.value === null || f.value === undefined) continue;
    if (!out.has(lineOf(f))) out.set(lineOf(f), []);
    out.get(lineOf(f)).push(f);
  }
  for (const list of out.values())
    list.sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
  return out;
}

/* A rate in force: a dashed step line with diamonds. */
function stepDataset(pair, facts) {
  return {
    pfSteps: true,
    showLine: false,
    borderColor: pair.color,
    backgroundColor: '#ffffff',
    borderWidth: 2,
    borderDash: [7, 4],
    pointStyle: 'rectRot',
    pointRadius: 4.5,
    data: facts.map((f) => ({
      x: dayMs(f.valid_from), y: f.value, end: f.valid_to ? dayMs(f.valid_to) + DAY_MS : null, fact: f.id,
    })),
  };
}

/* An estimate: dots (averages) or open triangles (effective rates), joined while current. */
function estimateDataset(pair, facts, status) {
  const effective = facts[0].category === 'effective';
  const point = (f, k) => {
    const st = status.get(f.id) || {};
    const next = facts[k + 1];
    return {
      x: dayMs(f.valid_from), y: f.value, fact: f.id,
      joined: Boolean(st.joined && next),
      staleFrom: st.staleFrom ? dayMs(st.staleFrom) : null,
      staleTo: st.staleFrom && next ? dayMs(next.valid_from) : null,
    };
  };
  return {
    pfEstimate: true,
    pfPair: pair.key,
    showLine: false,
    borderColor: pair.color,
    backgroundColor: effective ? '#ffffff' : pair.color,
    borderWidth: 2.5,
    pointStyle: effective ? 'triangle' : 'circle',
    pointRadius: effective ? 5 : 3.5,
    pointBorderWidth: 2,
    data: facts.map(point),
  };
}

/* The legend entry that shows (and hides) one direction's stale stretches. */
function staleLegend(pair, k) {
  return {
    label: `${pair.name}: estimate out of date`,
    pfKey: `${pair.key}:stale`,
    pfStaleFor: pair.key,
    data: [],
    borderColor: pair.color,
    backgroundColor: hatch(pair.color, k === 0),
    pfSwatch: hatch(pair.color, k === 0, true),
  };
}

/* Every line of both directions, then one stale entry per direction that has stale stretches. */
export function tariffDatasets(series, statuses) {
  const sets = [];
  const stale = [];
  const rank = positionIn(CHART_MEASURES);
  PAIRS.forEach((pair, i) => {
    const lines = Array.from(byLine(series[i]).values())
      .sort((a, b) => rank(a[0].measure) - rank(b[0].measure) || (lineOf(a[0]) < lineOf(b[0]) ? -1 : 1));
    for (const facts of lines) {
      const est = isEstimate(facts[0]);
      const ds = est ? estimateDataset(pair, facts, statuses[i]) : stepDataset(pair, facts);
      const twin = lines.some((o) => o !== facts && o[0].measure === facts[0].measure);
      ds.label = `${pair.name}: ${shortMeasureName(facts[0].measure)}${twin ? ` (${lineOf(facts[0])})` : ''}`;
      ds.pfKey = `${pair.key}:${lineOf(facts[0])}`;
      sets.push(ds);
    }
    const stretches = sets.some((d) => d.pfPair === pair.key && d.data.some((p) => p.staleFrom !== null));
    if (stretches) stale.push(staleLegend(pair, i));
  });
  return sets.concat(stale);
}

/* An estimate's status in a tooltip line. */
function statusLine(p) {
  if (p.staleFrom !== null && p.staleFrom !== undefined)
    return `Out of date from ${fmtDate(new Date(p.staleFrom).toISOString().slice(0, 10))}: the rates it measured changed`;
  return p.joined ? 'Still current when the next estimate was made' : 'Still current';
}

function tooltip(facts) {
  return {
    title(items) {
      const f = items.length && facts.get(items[0].raw.fact);
      return f ? validText(f) : '';
    },
    label(ctx) {
      const f = facts.get(ctx.raw.fact);
      return `${ctx.dataset.label}: ${f ? factValue(f) : `${ctx.raw.y}%`}`;
    },
    afterLabel(ctx) {
      const f = facts.get(ctx.raw.fact);
      const src = f ? `Source: ${sourceName(f.source)}` : '';
      return ctx.dataset.pfEstimate ? [statusLine(ctx.raw), src] : src;
    },
  };
}

/* Legend: estimates by their point, rates in force as lines, stale stretches by their hatch. */
function legendLabels(labels) {
  labels.usePointStyle = true;
  labels.boxHeight = 9;
  labels.generateLabels = (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart).map((it) => {
    const ds = chart.data.datasets[it.datasetIndex];
    if (ds.pfStaleFor) Object.assign(it, { pointStyle: 'rect', fillStyle: ds.pfSwatch, lineWidth: 1 });
    else if (ds.pfSteps) Object.assign(it, { pointStyle: 'line', lineWidth: 3 });
    else Object.assign(it, { pointStyle: ds.pointStyle, lineWidth: 2 });
    return it;
  });
}

/* Draws shown ({series, statuses, facts} from tariffs.js) for view v, the
 * day day marked; onPick(day) when a reader clicks the plot. */
export function renderTariffChart(shown, v, day, onPick) {
  const sets = tariffDatasets(shown.series, shown.statuses);
  const zoom = ZOOMS[v.zoom] || ZOOMS.all;
  const total = sets.reduce((n, s) => n + s.data.length, 0);
  setEmpty('tariff-chart', total ? '' : v.asOf
    ? `No average, effective or headline rate in this window had been published by ${fmtDate(v.asOf)}.`
    : 'No average, effective or headline rates in this window.');
  const opts = baseOptions('tariff-chart');
  $('#tariff-caption').textContent = `Tariff rates in percent, ${zoom.label}: ` +
    'rates in force from the day they took effect, estimates on the day they describe';
  opts.scales = tariffScales(zoom);
  opts.plugins.tooltip.callbacks = tooltip(shown.facts);
  opts.plugins.pfDay = { x: dayMs(day), label: fmtDate(day) };
  legendLabels(opts.plugins.legend.labels);
  opts.onClick = (evt, els, chart) => {
    const a = chart.chartArea;
    if (evt.x < a.left || evt.x > a.right || evt.y < a.top || evt.y > a.bottom) return;
    const x = chart.scales.x.getValueForPixel(evt.x);
    if (Number.isFinite(x)) onPick(new Date(x).toISOString().slice(0, 10));
  };
  const plugins = [stepPlugin, estimatePlugin, dayPlugin];
  drawChart('tariff-chart', { type: 'line', data: { datasets: sets }, options: opts, plugins });
  return sets;
}
