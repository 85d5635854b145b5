/* The tariff chart's text alternative: a summary sentence per line
 * (#tariff-summary, which the canvas's aria-describedby names), saying for
 * estimates when they went out of date, and the chart's data as a table,
 * one row per fact with its status and source (#tariff-table). */
import { factValue, fmtDate, sourceName, validText } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { CHART_MEASURES, PAIRS, shortMeasureName } from './tariff-common.js';

const dayOfMs = (ms) => new Date(ms).toISOString().slice(0, 10);

/* "out of date from 4 Jun 2025" / "current until the next estimate" / "still current". */
function statusText(s, p) {
  if (!s.pfEstimate) return 'rate in force';
  if (p.staleFrom !== null) return `out of date from ${fmtDate(dayOfMs(p.staleFrom))}`;
  return p.joined ? 'current until the next estimate' : 'still current';
}

/* "US on China: average tariff: 3.1% from 20 Jan 2017, highest …, latest …." */
function seriesSentence(s, facts) {
  const list = s.data.map((p) => facts.get(p.fact));
  const first = list[0];
  const last = list[list.length - 1];
  const peak = list.reduce((a, b) => (b.value > a.value ? b : a));
  const at = s.pfEstimate ? 'on' : 'from';
  let text = `${s.label}: ${factValue(first)} ${at} ${fmtDate(first.valid_from)}`;
  if (list.length > 1) {
    if (peak !== first && peak !== last) text += `, highest ${factValue(peak)} (${fmtDate(peak.valid_from)})`;
    text += `, latest ${factValue(last)} ${at} ${fmtDate(last.valid_from)}`;
  }
  if (s.pfEstimate) {
    const end = s.data[s.data.length - 1];
    const gaps = s.data.filter((p) => p.staleFrom !== null).length;
    text += end.staleFrom !== null ? `, out of date from ${fmtDate(dayOfMs(end.staleFrom))}` : ', still current';
    if (gaps) text += `; ${gaps} stretch${gaps > 1 ? 'es' : ''} when the latest estimate was out of date`;
  }
  return `${text}.`;
}

function summary(sets, facts, asOf) {
  const lines = sets.filter((s) => s.data.length);
  const out = lines.map((s) => seriesSentence(s, facts));
  // say so when a direction has no average or headline figure at all
  for (const pair of PAIRS)
    for (const m of CHART_MEASURES)
      if (!lines.some((s) => s.pfKey.startsWith(`${pair.key}:`) && facts.get(s.data[0].fact).measure === m))
        out.push(`${pair.name}: no ${shortMeasureName(m)} in the data${asOf ? ` as of ${fmtDate(asOf)}` : ''}.`);
  return lines.length
    ? `${out.join(' ')} Estimates are joined only while they still describe the rates in force; ` +
      'stale stretches are hatched. ' +
      'Each figure and its source are in the table below and in the list of measures.'
    : '';
}

function table(sets, facts) {
  const rows = [];
  sets.forEach((s) => s.data.forEach((p, k) => {
    const f = facts.get(p.fact);
    rows.push(h('tr', { 'data-fact': f.id },
      k === 0 ? h('th', { scope: 'rowgroup', rowspan: s.data.length }, s.label) : null,
      h('td', null, validText(f)),
      h('td', { class: 'num' }, srcLink(f, factValue(f))),
      h('td', null, statusText(s, p)),
      h('td', null, sourceName(f.source))));
  }));
  if (!rows.length) return h('p', null, 'No data.');
  return h('table', { class: 'data-table' },
    h('caption', null, 'Tariff rates plotted above, one row per fact'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Series'), h('th', { scope: 'col' }, 'In effect'),
      h('th', { scope: 'col' }, 'Rate'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Source'))),
    h('tbody', null, rows));
}

/* sets: the datasets tariff-chart.js drew; facts: id -> fact; v: the view. */
export function renderTariffText(sets, facts, v) {
  $('#tariff-summary').textContent = summary(sets, facts, v.asOf);
  replace($('#tariff-table'), table(sets, facts));
}
