/* The ranking's words and list: a card each for China and the chosen
 * economy (#standing-stats: the figure, its rank and percentile in
 * words), the chart's summary (#standing-summary, which the canvas's
 * aria-describedby names) and every row of the answer in its order, the
 * reference aggregates among them, marked (#standing-table). Every figure
 * links to its source. Draws a standingModel(). */
import { fmtNum, withUnit } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { entityName } from './state.js';

const fig = (m, r) => withUnit(r.value, m.measure.unit, 1);
// in the list, whose heading names the unit: 21.5% rather than 21.5% of GDP
const short = (m, r) => withUnit(r.value, m.measure.unit.startsWith('percent') ? 'percent' : '', 1);

/* "rank 5 of 169; higher than 97.6% of the other economies" */
function rankWords(m, r) {
  if (r.rank === null) return 'an aggregate: a reference, not ranked among economies';
  const pct = r.percentile === null ? '' : `; higher than ${fmtNum(r.percentile, 1)}% of the other economies`;
  return `rank ${r.rank} of ${m.ranked.length}${pct}`;
}

function card(m, r, id, cls) {
  if (!r)
    return h('div', { class: `stat ${cls}`, 'data-id': id },
      h('p', { class: 'stat-figure' }, '—'),
      h('p', { class: 'stat-title' }, `${entityName(id)}, ${m.period}`),
      h('p', { class: 'stat-note' }, `No figure for ${m.period}.`));
  return h('div', { class: `stat ${cls}`, 'data-id': id, 'data-rank': r.rank === null ? '' : r.rank },
    h('p', { class: 'stat-figure' }, srcLink(r.fact, fig(m, r))),
    h('p', { class: 'stat-title' }, `${r.entity.name}, ${m.period}`),
    h('p', { class: 'stat-note' }, `${rankWords(m, r)}.`));
}

function summary(m) {
  if (!m.ranked.length) return '';
  const top = m.ranked[0];
  const low = m.ranked[m.ranked.length - 1];
  const out = [`${m.measure.name}, ${m.period}, ${m.ranked.length} economies ranked: highest ${top.entity.name} ${fig(m, top)}, ` +
    `lowest ${low.entity.name} ${fig(m, low)}.`];
  for (const r of [m.china, m.chosen]) if (r) out.push(`${r.entity.name}: ${fig(m, r)}, ${rankWords(m, r)}.`);
  if (m.refs.length) out.push(`Reference lines: ${m.refs.map((r) => `${r.entity.name} ${fig(m, r)}`).join(', ')}.`);
  return out.join(' ');
}

function row(m, r) {
  const cls = [r.rank === null ? 'is-ref' : '', r === m.china ? 'is-china' : '', r === m.chosen ? 'is-chosen' : ''];
  return h('tr', { class: cls.filter(Boolean).join(' ') || null, 'data-id': r.entity.id, 'data-rank': r.rank === null ? '' : r.rank },
    h('td', { class: 'num' }, r.rank === null ? '—' : String(r.rank)),
    h('th', { scope: 'row' }, r.entity.name, r.rank === null ? h('span', { class: 'picker-tag' }, 'aggregate') : null),
    h('td', { class: 'num' }, srcLink(r.fact, short(m, r))),
    h('td', { class: 'num' }, r.percentile === null ? '' : fmtNum(r.percentile, 1)));
}

function table(m) {
  if (!m.rows.length) return h('p', null, 'No data.');
  return h('table', { class: 'data-table standing-table' },
    h('caption', null, `${m.measure.name}, ${m.period}: economies by rank, reference aggregates at their values`),
    h('thead', null, h('tr', null, ['Rank', 'Economy', 'Value'].map((t, k) =>
      h('th', { scope: 'col', class: k === 1 ? null : 'num' }, t)),
    h('th', { scope: 'col', class: 'num' }, h('abbr', { title: 'Percentile: the share of the other economies with a lower value' }, 'Pctl.')))),
    h('tbody', null, m.rows.map((r) => row(m, r))));
}

/* m: standingModel(); chinaId: the always-highlighted economy. */
export function renderStandingText(m, chinaId) {
  const cards = m.rows.length ? [card(m, m.china, chinaId, 'stat-china')] : [];
  if (m.rows.length && m.economy && m.economy !== chinaId) cards.push(card(m, m.chosen, m.economy, 'stat-chosen'));
  replace($('#standing-stats'), cards);
  $('#standing-stats').hidden = !cards.length;
  $('#standing-caption').textContent = m.rows.length
    ? `${m.measure.name}, ${m.period}: every economy by value (across) and rank (down)`
    : m.measure.name;
  $('#standing-summary').textContent = summary(m);
  replace($('#standing-table'), table(m));
  // the list scrolls to the chosen economy (the box only, never the page)
  const box = $('#standing-table');
  const chosen = $('tr.is-chosen', box);
  box.scrollTop = chosen ? Math.max(0, chosen.offsetTop - box.clientHeight / 2) : 0;
}
