/* The growth chart (#growth-chart): China's annual growth target (a dash,
 * or a shaded band where the target is a range) against the growth
 * reported for that year as known on the as-of date (a line of points
 * coloured by status: met, missed, no target), the earlier reports of the
 * same year (small open circles: the first-reported figure and the
 * revisions before the current one), and a word over the years that need
 * one: "missed", "no target", "pending". Draws growthRows(). */
import { fmtDate, fmtNum, sourceName } from './format.js';
import { baseOptions, drawChart, setEmpty } from './charts.js';
import { targetsPlugin } from './chart-targets.js';
import { STATUS_COLORS, STATUS_WORDS, YEARS, hasNumber, targetWords } from './outcomes-model.js';

const NAVY = '#14213d';
// a dash about half a year wide, at most 20 px
const dash = (chart) => Math.max(2.5, Math.min(10, chart.width / (YEARS.to - YEARS.from + 2) / 4));
const isRange = (t) => t.value_low !== null && t.value_high !== null;
const numeric = hasNumber;

function targetSet(rows) {
  return {
    label: 'Growth target',
    pfKey: 'target',
    showLine: false,
    pointStyle: 'line',
    borderColor: NAVY,
    backgroundColor: NAVY,
    borderWidth: 3,
    pointRadius: (c) => (c.raw && c.raw.range ? 0 : dash(c.chart)),
    pointHitRadius: 12,
    data: rows.filter((r) => numeric(r.target)).map((r) => ({
      x: r.year, y: isRange(r.target) ? (r.target.value_low + r.target.value_high) / 2 : r.target.value,
      range: isRange(r.target), fact: r.target.id, status: r.status,
    })),
  };
}

function outcomeSet(rows) {
  const color = (c) => STATUS_COLORS[(c.raw && c.raw.status) || 'no_data'] || STATUS_COLORS.no_data;
  return {
    label: 'Growth reported (as known then)',
    pfKey: 'outcome',
    borderColor: '#59636f',
    backgroundColor: STATUS_COLORS.met,
    borderWidth: 1.5,
    pointBackgroundColor: color,
    pointBorderColor: color,
    pointRadius: (c) => (c.raw && c.raw.status === 'missed' ? 6 : 4),
    pointHoverRadius: 7,
    spanGaps: true,
    data: rows.filter((r) => r.figure !== null).map((r) => ({
      x: r.year,
      y: r.figure,
      fact: r.figureFact ? r.figureFact.id : r.outcome.fact_id,
      status: r.target ? r.status : 'no_data',
    })),
  };
}

function reportSet(rows) {
  return {
    label: 'Earlier reports of the same year',
    pfKey: 'reports',
    showLine: false,
    pointStyle: 'circle',
    borderColor: '#7b8591',
    backgroundColor: '#ffffff',
    borderWidth: 1.5,
    pointRadius: 3,
    data: rows.flatMap((r) => r.earlier.map((f) => ({ x: r.year, y: f.value, fact: f.id, first: f === r.first }))),
  };
}

function seriesSet(rows) {
  const all = rows.flatMap((r) => r.series.map((f) => ({ r, f })));
  const publishers = Array.from(new Set(all.map((x) => (x.f.source && x.f.source.publisher) || 'another source')));
  return {
    label: `${publishers.join(', ')} series`,
    pfKey: 'series',
    showLine: false,
    pointStyle: 'rect',
    borderColor: '#0f766e',
    backgroundColor: '#ffffff',
    borderWidth: 1.5,
    pointRadius: 3,
    data: all.map(({ r, f }) => ({ x: r.year, y: f.value, fact: f.id })),
  };
}

/* Legend entries with nothing of their own to draw or hide. */
function legendOnly(label, style, color, fill) {
  return {
    label, pfKey: `legend:${label}`, pfLegendOnly: true, data: [],
    pointStyle: style, borderColor: color, backgroundColor: fill,
  };
}

/* On a narrow chart the red points alone mark the misses (the legend says so). */
function words(rows, narrow) {
  const out = [];
  for (const r of rows) {
    const t = r.target;
    const word = (y, text, color) => out.push({ x: r.year, y, text, color });
    if (t && !numeric(t)) word(r.figure !== null ? r.figure : 8, 'no target', '#59636f');
    else if (r.status === 'pending') word(t.value_high !== null ? t.value_high : t.value, 'pending', STATUS_COLORS.pending);
    else if (r.status === 'missed' && !narrow) word(r.figure - 2.2, 'missed', STATUS_COLORS.missed);
  }
  return out;
}

function tooltip(rows, facts) {
  const row = (x) => rows.find((r) => r.year === x);
  return {
    title: (items) => (items[0] ? String(items[0].raw.x) : ''),
    label(ctx) {
      const r = row(ctx.raw.x);
      const f = facts.get(ctx.raw.fact);
      if (ctx.dataset.pfKey === 'target') return `Target: ${targetWords(r.target)} (set ${fmtDate(r.target.known_from)})`;
      if (ctx.dataset.pfKey === 'series') return `${ctx.dataset.label}: ${fmtNum(ctx.raw.y)}% (${fmtDate(f.known_from)})`;
      if (ctx.dataset.pfKey === 'reports')
        return `${ctx.raw.first ? 'First reported' : 'Earlier report'}: ${fmtNum(ctx.raw.y)}% (${fmtDate(f.known_from)})`;
      const judged = r.target && numeric(r.target) ? ` — target ${STATUS_WORDS[r.status]}` : ' — no numeric target';
      return `Reported: ${fmtNum(ctx.raw.y)}%${judged}`;
    },
    afterLabel(ctx) {
      const f = facts.get(ctx.raw.fact);
      return f ? `Source: ${sourceName(f.source)}` : '';
    },
  };
}

function scales() {
  return {
    x: {
      type: 'linear', min: YEARS.from - 0.5, max: YEARS.to + 0.5,
      afterBuildTicks(axis) {
        axis.ticks = [];
        for (let y = YEARS.from; y <= YEARS.to; y++) axis.ticks.push({ value: y });
      },
      ticks: { callback: (v) => String(v), maxRotation: 0, autoSkipPadding: 6 },
      grid: { color: '#e7e9ee' },
    },
    y: {
      min: 0, suggestedMax: 14, title: { display: true, text: 'percent' },
      ticks: { callback: (v) => `${v}%` }, grid: { color: '#e7e9ee' },
    },
  };
}

function legend(labels) {
  labels.usePointStyle = true;
  labels.boxHeight = 9;
}

/* rows: growthRows(); facts: id -> fact (targets and reports); asOf: the view's date. */
export function renderGrowthChart(rows, facts, asOf) {
  const sets = [targetSet(rows), outcomeSet(rows), reportSet(rows), seriesSet(rows),
    legendOnly('Target range', 'rect', NAVY, 'rgba(20, 33, 61, 0.16)'),
    legendOnly('Target missed', 'circle', STATUS_COLORS.missed, STATUS_COLORS.missed)];
  const none = `No growth target had been published by ${fmtDate(asOf, true)}.`;
  setEmpty('growth-chart', rows.some((r) => r.target) ? '' : none);
  const opts = baseOptions('growth-chart');
  opts.scales = scales();
  opts.plugins.tooltip.callbacks = tooltip(rows, facts);
  const ranged = rows.filter((r) => r.target && isRange(r.target));
  const narrow = document.getElementById('growth-chart').parentNode.clientWidth < 560;
  opts.plugins.pfTargets = {
    bands: ranged.map((r) => ({ x: r.year, low: r.target.value_low, high: r.target.value_high })),
    words: words(rows, narrow),
  };
  legend(opts.plugins.legend.labels);
  opts.plugins.legend.onClick = (e, item, lg) => {
    if (!lg.chart.data.datasets[item.datasetIndex].pfLegendOnly) Chart.defaults.plugins.legend.onClick(e, item, lg);
  };
  drawChart('growth-chart', { type: 'line', data: { datasets: sets }, options: opts, plugins: [targetsPlugin] });
  return sets;
}
