/* The GDP panel's words and tables: the headline cards (#gdp-stats: China's
 * latest share against the statements and the range), the note naming
 * countries without a series (#gdp-missing), the caption and summary the
 * canvas's aria attributes name, and the chart's data as a table
 * (#gdp-table). Every figure links to its source. Draws a gdpModel(). */
import { factValue, fmtDate, fmtNum, sourceName } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { entityName } from './state.js';

/* A series point's source, and the point as a fact for srcLink(). */
function sourceOf(s, p) {
  return s.sources.find((x) => x.id === p.source_id) || s.sources[0] || {};
}
function pointFact(s, p) {
  return {
    id: p.fact_id, value: p.value, qualifier: p.qualifier, unit: 'percent of GDP', source: sourceOf(s, p), quote: null,
  };
}

function statCard(figure, title, ...note) {
  return h('div', { class: 'stat' },
    h('p', { class: 'stat-figure' }, figure),
    h('p', { class: 'stat-title' }, title),
    h('p', { class: 'stat-note' }, note));
}

/* China (or the first country) against the statements and the range. */
function statCards(m) {
  const stats = [];
  const lead = m.series.find((s) => s.country.id === 'CHN') || m.series[0];
  if (lead && lead.points.length) {
    const p = lead.points[lead.points.length - 1];
    stats.push(statCard(srcLink(pointFact(lead, p), `${fmtNum(p.value, 1)}%`),
      `${lead.country.name}, ${p.year}`, `${m.label}, share of GDP. ${sourceName(sourceOf(lead, p))}.`));
  }
  for (const f of m.points)
    stats.push(statCard(srcLink(f, factValue(f, 1)), `${entityName(f.subject)}, ${fmtDate(f.period)}`,
      h('q', null, f.quote), ` — ${sourceName(f.source)}`));
  for (const f of m.bands)
    stats.push(statCard(srcLink(f, factValue(f, 1)), entityName(f.subject),
      h('q', null, f.quote), ` — ${sourceName(f.source)}`));
  return stats;
}

function showMissing(m) {
  const box = $('#gdp-missing');
  const missing = m.countries.filter((c) => !m.series.some((s) => s.country.id === c));
  if (m.series.length && missing.length) {
    const known = m.asOf ? `known by ${fmtDate(m.asOf)} ` : '';
    box.textContent = `No ${m.label.toLowerCase()} series ${known}for: ${missing.map(entityName).join(', ')}.`;
    box.hidden = false;
  } else box.hidden = true;
}

function summary(m) {
  const out = m.series.map((s) => {
    const a = s.points[0];
    const b = s.points[s.points.length - 1];
    return `${s.country.name}: ${fmtNum(a.value, 1)}% in ${a.year}, ${fmtNum(b.value, 1)}% in ${b.year}.`;
  });
  for (const f of m.points)
    out.push(`${entityName(f.subject)} per ${sourceName(f.source)}: ${factValue(f, 1)} (marked with a diamond).`);
  for (const f of m.bands)
    out.push(`Shaded band: ${entityName(f.subject).toLowerCase()}, ${factValue(f, 1)}, per ${sourceName(f.source)}.`);
  return out.length ? `${m.label}. ${out.join(' ')}` : '';
}

/* Years down (newest first), countries across, every value linked. */
function table(m) {
  if (!m.series.length) return h('p', null, 'No data.');
  const years = Array.from(new Set(m.series.flatMap((s) => s.points.map((p) => p.year)))).sort((a, b) => b - a);
  const byYear = m.series.map((s) => new Map(s.points.map((p) => [p.year, p])));
  const cell = (s, k, y) => {
    const p = byYear[k].get(y);
    return h('td', { class: 'num' }, p ? srcLink(pointFact(s, p), fmtNum(p.value, 1)) : '–');
  };
  return h('table', { class: 'data-table' },
    h('caption', null, `${m.label}, percent of GDP`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Year'),
      m.series.map((s) => h('th', { scope: 'col', class: 'num' }, s.country.name)))),
    h('tbody', null, years.map((y) => h('tr', null, h('th', { scope: 'row' }, String(y)),
      m.series.map((s, k) => cell(s, k, y))))));
}

export function renderGdpText(m) {
  showMissing(m);
  const stats = statCards(m);
  replace($('#gdp-stats'), stats);
  $('#gdp-stats').hidden = !stats.length;
  $('#gdp-caption').textContent = `${m.label}, share of GDP in percent, by year`;
  $('#gdp-summary').textContent = summary(m);
  replace($('#gdp-table'), table(m));
}
