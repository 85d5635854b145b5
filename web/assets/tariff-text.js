/* The tariff chart's text alternative: a summary sentence per series
 * (#tariff-summary, which the canvas's aria-describedby names) and the
 * chart's data as a table, one row per fact with its source (#tariff-table). */
import { factValue, fmtDate, sourceName, validText } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { CHART_MEASURES, PAIRS, shortMeasureName } from './tariff-common.js';

/* "US on China: average tariff: 3% from 1 Jan 2018, highest …, latest …." */
function seriesSentence(s, facts) {
  const list = s.data.map((p) => facts.get(p.fact));
  const first = list[0];
  const last = list[list.length - 1];
  const peak = list.reduce((a, b) => (b.value > a.value ? b : a));
  let text = `${s.label}: ${factValue(first)} from ${fmtDate(first.valid_from)}`;
  if (list.length > 1) {
    if (peak !== first && peak !== last) text += `, highest ${factValue(peak)} (${fmtDate(peak.valid_from)})`;
    text += `, latest ${factValue(last)} from ${fmtDate(last.valid_from)}`;
  }
  return `${text}.`;
}

function summary(sets, facts, asOf) {
  const out = sets.map((s) => seriesSentence(s, facts));
  // say so when a direction has no average or headline figure at all
  for (const pair of PAIRS)
    for (const m of CHART_MEASURES)
      if (!sets.some((s) => s.pfKey === `${pair.key}:${m}`))
        out.push(`${pair.name}: no ${shortMeasureName(m)} in the data${asOf ? ` as of ${fmtDate(asOf)}` : ''}.`);
  return sets.length
    ? `${out.join(' ')} Each figure and its source are in the table below and in the list of measures.`
    : '';
}

function table(sets, facts) {
  const rows = [];
  sets.forEach((s) => s.data.forEach((p, k) => {
    const f = facts.get(p.fact);
    rows.push(h('tr', null,
      k === 0 ? h('th', { scope: 'rowgroup', rowspan: s.data.length }, s.label) : null,
      h('td', null, validText(f)),
      h('td', { class: 'num' }, srcLink(f, factValue(f))),
      h('td', null, sourceName(f.source))));
  }));
  if (!rows.length) return h('p', null, 'No data.');
  return h('table', { class: 'data-table' },
    h('caption', null, 'Tariff rates plotted above, one row per fact'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Series'), h('th', { scope: 'col' }, 'In effect'),
      h('th', { scope: 'col' }, 'Rate'), h('th', { scope: 'col' }, 'Source'))),
    h('tbody', null, rows));
}

/* sets: the datasets tariff-chart.js drew; facts: id -> fact; v: the view. */
export function renderTariffText(sets, facts, v) {
  $('#tariff-summary').textContent = summary(sets, facts, v.asOf);
  replace($('#tariff-table'), table(sets, facts));
}
