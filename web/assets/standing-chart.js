/* The ranking chart (#standing-chart): every economy with a figure as a
 * dot, its value across and its rank down (1 at the top), so that a
 * phone's width still shows the whole field; China and the chosen economy
 * as large labelled dots; the reference aggregates as dashed lines with
 * their names (chart-ranks.js). A click on a dot picks that economy.
 * Draws a standingModel(). */
import { fmtNum, withUnit } from './format.js';
import { baseOptions, drawChart, setEmpty } from './charts.js';
import { ranksPlugin } from './chart-ranks.js';

export const COLORS = { china: '#b1392b', chosen: '#1d4e89', field: '#9aa3ad', ref: '#4a5a78' };

const point = (r) => ({ x: r.value, y: r.rank, id: r.entity.id, fact: r.fact.id });

function highlight(key, r, color) {
  return {
    label: r.entity.name, pfKey: key, showLine: false, data: [point(r)],
    backgroundColor: color, borderColor: '#ffffff', borderWidth: 2, pointRadius: 7, pointHoverRadius: 9,
  };
}

function datasets(m) {
  const sets = [{
    label: 'Every economy', pfKey: 'economies', showLine: false, data: m.ranked.map(point),
    backgroundColor: COLORS.field, borderColor: COLORS.field, pointRadius: 2.5, pointHoverRadius: 5, pointHitRadius: 4,
  }];
  if (m.china) sets.push(highlight('china', m.china, COLORS.china));
  if (m.chosen && m.chosen.rank !== null) sets.push(highlight('chosen', m.chosen, COLORS.chosen));
  return sets;
}

function decorations(m) {
  const ref = (r) => r.entity.id === m.economy;
  return {
    lines: m.refs.map((r) => ({ x: r.value, label: r.entity.name, color: ref(r) ? COLORS.chosen : COLORS.ref })),
    labels: [m.china, m.chosen].filter((r) => r && r.rank !== null).map((r) => ({
      x: r.value, y: r.rank, text: `${r.entity.name} #${r.rank}`, color: r === m.china ? COLORS.china : COLORS.chosen,
    })),
  };
}

function scales(m) {
  return {
    x: {
      type: 'linear', beginAtZero: true,
      title: { display: true, text: m.measure.unit },
      ticks: { callback: (v) => withUnit(v, m.measure.unit.startsWith('percent') ? 'percent' : '', 1), maxRotation: 0 },
      grid: { color: '#e7e9ee' },
    },
    y: {
      type: 'linear', reverse: true, min: 0, max: m.ranked.length + 1,
      title: { display: true, text: 'rank (1 = highest)' },
      ticks: { callback: (v) => (v >= 1 && Number.isInteger(v) ? String(v) : '') },
      grid: { color: '#eef0f3' },
    },
  };
}

function tooltip(m) {
  const byId = new Map(m.rows.map((r) => [r.entity.id, r]));
  return {
    title: (items) => (items[0] ? byId.get(items[0].raw.id).entity.name : ''),
    label(ctx) {
      const r = byId.get(ctx.raw.id);
      return `${withUnit(r.value, m.measure.unit, 1)}: rank ${r.rank} of ${m.ranked.length}`;
    },
    afterLabel(ctx) {
      const r = byId.get(ctx.raw.id);
      return r.percentile === null ? '' : `higher than ${fmtNum(r.percentile, 1)}% of the other economies`;
    },
  };
}

/* m: standingModel(); empty: the note when nothing is ranked; onPick(id) on a click. */
export function renderStandingChart(m, empty, onPick) {
  setEmpty('standing-chart', m.ranked.length ? '' : empty);
  const opts = baseOptions('standing-chart');
  opts.scales = scales(m);
  opts.interaction = { mode: 'nearest', intersect: true };
  opts.plugins.tooltip.callbacks = tooltip(m);
  opts.plugins.pfRanks = decorations(m);
  opts.plugins.legend.labels.usePointStyle = true;
  opts.plugins.legend.labels.boxHeight = 8;
  opts.onClick = (evt, els, chart) => {
    if (!els.length) return;
    const el = els[els.length - 1];
    onPick(chart.data.datasets[el.datasetIndex].data[el.index].id);
  };
  drawChart('standing-chart', { type: 'scatter', data: { datasets: datasets(m) }, options: opts, plugins: [ranksPlugin] });
}
