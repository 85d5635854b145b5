/* The tariff chart (#tariff-chart): one step line per direction and
 * measure, exactly one point per fact, over 2017–2025 or 2025 in detail,
 * with tooltips naming each figure's source. Returns the datasets drawn, for
 * the text alternative (tariff-text.js). */
import { DAY_MS, MONTHS, dayMs, factValue, fmtDate, sourceName, validText } from './format.js';
import { baseOptions, drawChart, setEmpty } from './charts.js';
import { stepPlugin } from './chart-plugins.js';
import { $ } from './dom.js';
import { CHART_MEASURES, PAIRS, ZOOMS, positionIn, shortMeasureName } from './tariff-common.js';

/* facts of one direction with a start date and a figure, by measure, each sorted by start */
function byMeasure(facts) {
  const out = new Map();
  for (const f of facts) {
    if (!f.valid_from || f.value === null || f.value === undefined) continue;
    if (!out.has(f.measure)) out.set(f.measure, []);
    out.get(f.measure).push(f);
  }
  for (const list of out.values())
    list.sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
  return out;
}

/* An average is a solid line with dots, a headline total a dashed one with diamonds. */
function stepDataset(pair, m, facts) {
  const average = facts[0].category === 'average';
  return {
    label: `${pair.name}: ${shortMeasureName(m)}`,
    pfKey: `${pair.key}:${m}`,
    pfSteps: true,
    showLine: false,
    borderColor: pair.color,
    backgroundColor: average ? pair.color : '#ffffff',
    borderWidth: average ? 2.5 : 2,
    borderDash: average ? [] : [7, 4],
    pointStyle: average ? 'circle' : 'rectRot',
    pointRadius: average ? 3 : 4.5,
    pointHoverRadius: 7,
    pointBorderWidth: 2,
    data: facts.map((f) => ({
      x: dayMs(f.valid_from),
      y: f.value,
      end: f.valid_to ? dayMs(f.valid_to) + DAY_MS : null,
      fact: f.id,
    })),
  };
}

export function tariffDatasets(series) {
  const sets = [];
  const rank = positionIn(CHART_MEASURES);
  PAIRS.forEach((pair, i) => {
    const groups = byMeasure(series[i]);
    const measures = Array.from(groups.keys()).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    for (const m of measures) sets.push(stepDataset(pair, m, groups.get(m)));
  });
  return sets;
}

/* Time axis: years, or months when the period is one year. */
function scales(zoom) {
  const months = zoom.to - zoom.from === 1;
  return {
    x: {
      type: 'linear',
      min: Date.UTC(zoom.from, 0, 1),
      max: Date.UTC(zoom.to, 0, 1),
      afterBuildTicks(axis) {
        axis.ticks = [];
        if (months) for (let m = 0; m <= 12; m++) axis.ticks.push({ value: Date.UTC(zoom.from, m, 1) });
        else for (let y = zoom.from; y <= zoom.to; y++) axis.ticks.push({ value: Date.UTC(y, 0, 1) });
      },
      ticks: {
        callback(v) {
          const d = new Date(v);
          if (!months) return String(d.getUTCFullYear());
          return d.getUTCMonth() === 0 ? `${MONTHS[0]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
        },
        maxRotation: 0,
        autoSkipPadding: 8,
      },
      grid: { color: '#e7e9ee' },
    },
    y: {
      beginAtZero: true,
      suggestedMax: 40,
      title: { display: true, text: 'percent' },
      ticks: { callback: (v) => `${v}%` },
      grid: { color: '#e7e9ee' },
    },
  };
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
      return f ? `Source: ${sourceName(f.source)}` : '';
    },
  };
}

/* Draws shown.series ({series, facts} from tariffs.js) for view v. */
export function renderTariffChart(shown, v) {
  const sets = tariffDatasets(shown.series);
  const zoom = ZOOMS[v.zoom] || ZOOMS.all;
  const total = sets.reduce((n, s) => n + s.data.length, 0);
  setEmpty('tariff-chart', total ? '' : v.asOf
    ? `No average or headline rate in this window had been published by ${fmtDate(v.asOf)}.`
    : 'No average or headline rates in this window.');
  const opts = baseOptions('tariff-chart');
  $('#tariff-caption').textContent = `Tariff rates in percent, ${zoom.label}, by the day they took effect`;
  opts.scales = scales(zoom);
  opts.plugins.tooltip.callbacks = tooltip(shown.facts);
  drawChart('tariff-chart', { type: 'line', data: { datasets: sets }, options: opts, plugins: [stepPlugin] });
  return sets;
}
