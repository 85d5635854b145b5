/* The GDP chart (#gdp-chart): a line per country series, a diamond per
 * single statement (China's share per a news report), the developed-economy
 * range as a shaded band, tooltips naming each figure's source, and the
 * note shown when there is nothing to draw. Draws a gdpModel(). */
import { factValue, fmtDate, fmtNum, sourceName } from './format.js';
import { baseOptions, drawChart, setEmpty } from './charts.js';
import { bandPlugin } from './chart-plugins.js';
import { entityName } from './state.js';
import { countryColor, reportKind, yearOf } from './gdp-model.js';

function seriesDataset(s, k) {
  const id = s.country.id;
  const china = id === 'CHN';
  return {
    label: s.country.name || id,
    pfKey: `${id}:${s.measure.id}`,
    pfKind: 'series',
    borderColor: countryColor(id, k),
    backgroundColor: countryColor(id, k),
    borderWidth: china ? 3 : 2,
    pointRadius: china ? 2.5 : 0,
    pointHoverRadius: 5,
    tension: 0,
    data: s.points.map((p) => ({ x: p.year, y: p.value, fact: p.fact_id, source: p.source_id })),
  };
}

function statementDataset(f) {
  return {
    label: `${entityName(f.subject)}: ${reportKind(f)}, ${fmtDate(f.period)}`,
    pfKey: `${f.subject}:${f.measure}:${f.id}`,
    pfKind: 'statement',
    showLine: false,
    pointStyle: 'rectRot',
    pointRadius: 7,
    pointHoverRadius: 9,
    borderColor: '#ffffff',
    borderWidth: 2,
    backgroundColor: countryColor(f.subject, 0),
    data: [{ x: yearOf(f.period), y: f.value, fact: f.id, statement: true }],
  };
}

/* Years across, from the first figure to the last; the band kept in view. */
function scales(m) {
  const xs = m.series.flatMap((s) => s.points.map((p) => p.year)).concat(m.points.map((f) => yearOf(f.period)));
  const out = {
    x: {
      type: 'linear',
      min: xs.length ? Math.min(...xs) : 2000,
      max: xs.length ? Math.ceil(Math.max(...xs)) : 2025,
      ticks: { stepSize: 1, callback: (v) => (Number.isInteger(v) ? String(v) : ''), maxRotation: 0, autoSkipPadding: 10 },
      grid: { color: '#e7e9ee' },
    },
    y: {
      title: { display: true, text: 'percent of GDP' },
      ticks: { callback: (v) => `${v}%` },
      grid: { color: '#e7e9ee' },
      grace: '4%',
    },
  };
  if (m.bands.length) {
    out.y.suggestedMax = Math.max(...m.bands.map((b) => b.value_high)) + 4;
    out.y.suggestedMin = Math.min(...m.bands.map((b) => b.value_low)) - 4;
  }
  return out;
}

function bands(m) {
  return m.bands.map((f) => ({
    low: f.value_low,
    high: f.value_high,
    fact: f.id,
    label: `${entityName(f.subject)}: ${factValue(f, 1)} (${reportKind(f)}, ${fmtDate(f.period)})`,
    shortLabel: `${entityName(f.subject)}: ${factValue(f, 1)}`,
  }));
}

function tooltip(m) {
  const seriesById = new Map(m.series.map((s) => [`${s.country.id}:${s.measure.id}`, s]));
  const notesById = new Map(m.notes.map((f) => [f.id, f]));
  return {
    title(items) {
      const r = items[0] && items[0].raw;
      if (!r) return '';
      return r.statement ? fmtDate((notesById.get(r.fact) || {}).period) : String(r.x);
    },
    label(ctx) {
      const r = ctx.raw;
      if (r.statement) return `${ctx.dataset.label}: ${factValue(notesById.get(r.fact), 1)}`;
      return `${ctx.dataset.label}: ${fmtNum(r.y, 1)}%`;
    },
    afterLabel(ctx) {
      const r = ctx.raw;
      if (r.statement) {
        const f = notesById.get(r.fact);
        return f && f.quote ? `“${f.quote}”` : '';
      }
      const s = seriesById.get(ctx.dataset.pfKey);
      const src = s && s.sources.find((x) => x.id === r.source);
      return src ? `Source: ${sourceName(src)}` : '';
    },
  };
}

/* Legend: lines for series, diamonds for statements. */
function legendLabels(labels) {
  labels.usePointStyle = true;
  labels.boxHeight = 9;
  labels.generateLabels = (chart) => {
    const items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
    items.forEach((it) => {
      const ds = chart.data.datasets[it.datasetIndex];
      if (ds.pfKind === 'statement') {
        it.pointStyle = 'rectRot';
        it.fillStyle = ds.backgroundColor;
        it.strokeStyle = ds.backgroundColor;
      } else {
        it.pointStyle = 'line';
        it.lineWidth = 3;
      }
    });
    return items;
  };
}

function emptyMessage(m) {
  if (!m.countries.length) return 'Choose at least one country.';
  if (!m.series.length && m.asOf)
    return `No ${m.label.toLowerCase()} series in this dataset had been published by ${fmtDate(m.asOf, true)}. ` +
      'Figures whose source carries no publication date are left out of “as of” views rather than guessed.';
  if (!m.series.length) return 'No data for this selection.';
  return '';
}

export function renderGdpChart(m) {
  setEmpty('gdp-chart', emptyMessage(m));
  const sets = m.series.map(seriesDataset).concat(m.points.map(statementDataset));
  const opts = baseOptions('gdp-chart');
  opts.scales = scales(m);
  opts.plugins.pfBand = { bands: bands(m) };
  opts.plugins.tooltip.callbacks = tooltip(m);
  legendLabels(opts.plugins.legend.labels);
  drawChart('gdp-chart', { type: 'line', data: { datasets: sets }, options: opts, plugins: [bandPlugin] });
}
