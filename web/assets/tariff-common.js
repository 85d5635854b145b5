/* What the tariff views share (tariffs.js, tariff-stale.js, tariff-chart.js,
 * tariff-text.js, tariff-day.js, measures.js): the two directions, the
 * window and periods the chart shows, the order of measure categories, the
 * day the on-day summary answers for, and a measure's name as a series
 * label. Constants and pure helpers only. */
import { measureName } from './state.js';
import { today } from './dates.js';

export const PAIRS = [
  { key: 'USA-CHN', imposer: 'USA', target: 'CHN', name: 'US on China', color: '#1d4e89' },
  { key: 'CHN-USA', imposer: 'CHN', target: 'USA', name: 'China on US', color: '#b1392b' },
];
export const WINDOW = { from: '2017-01-01', to: '2026-12-31' };
export const CHART_KINDS = 'average,total,effective';
export const CATEGORY_ORDER = ['total', 'average', 'additional', 'effective'];
// the measures the chart draws, in legend order
export const CHART_MEASURES = ['average_tariff_rate', 'effective_tariff_rate', 'headline_total_tariff_rate'];
export const ZOOMS = {
  all: { from: 2017, to: 2027, label: '2017–2026' },
  2025: { from: 2025, to: 2027, label: '2025–2026' },
};

/* "average tariff rate" → "average tariff": a series label's part. */
export function shortMeasureName(m) {
  return measureName(m).replace(/ rate$/, '').toLowerCase();
}

/* A sort key: the position in list, unknown values last. */
export function positionIn(list) {
  return (v) => {
    const k = list.indexOf(v);
    return k < 0 ? 99 : k;
  };
}

/* An estimate (an average, an effective rate) describes its own day; a rate
 * in force holds until its end. */
export const isEstimate = (f) => f.nature === 'estimate';

/* The day the on-day summary answers for: the reader's, else the as-of date, else today. */
export function dayOf(v) {
  return v.on || v.asOf || today();
}

/* The facts one chart line is drawn from: a series (or, without one, a measure). */
export const lineOf = (f) => f.series || f.measure;
