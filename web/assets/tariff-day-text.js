/* The on-day summary's words (#tariff-day): for each direction, the
 * headline total computed from the layers in force, with its parts, beside
 * the headline a source states; and each estimate (average, effective
 * rate) with the day it describes, its age and whether it is still
 * current — if not, since when and which rates changed. Every figure links
 * to its source. Draws; fetches nothing. */
import { factValue, fmtDate, sourceName } from './format.js';
import { ageText } from './dates.js';
import { h, srcLink } from './dom.js';
import { shortMeasureName } from './tariff-common.js';

/* Every fact of a day answer by id, its other sources' too. */
function factsOf(answer) {
  const all = [].concat(answer.measures || [], answer.also_applicable || [],
    answer.average ? [answer.average] : [], answer.effective || [],
    answer.headline_total && answer.headline_total.stated ? [answer.headline_total.stated] : []);
  return new Map(all.map((f) => [f.id, f]));
}

/* A layer's name as the day answer gives it (for a fact no longer in
 * force, its series' name from a fact that is), else the fact's label. */
function layerName(f, byId) {
  const g = byId.get(f.id) || Array.from(byId.values()).find((x) => x.series && x.series === f.series && x.layer);
  if (g && g.layer && g.layer.name) return g.layer.name;
  return f.label || f.series || f.id;
}

function row(kind, term, ...dd) {
  return h('div', { class: 'day-row', 'data-row': kind }, h('dt', null, term), h('dd', null, dd));
}

function computedRow(total, byId) {
  const term = 'Headline total, computed';
  if (total.value === null) return row('computed', term, 'no all-goods duty in force on top of normal (MFN) rates');
  const parts = total.parts.map((p, k) => {
    const f = byId.get(p.fact_id);
    const fig = f ? srcLink(f, factValue(f)) : `${p.value}%`;
    return [k ? ' + ' : '', fig, ` ${f ? layerName(f, byId) : p.series}`];
  });
  return row('computed', term,
    h('span', { class: 'day-figure', 'data-value': total.value }, `${total.value}%`),
    total.parts.length > 1 || total.parts.length === 0 ? [' = ', parts] : [' — ', parts]);
}

function statedRow(total) {
  const s = total.stated;
  if (!s) return row('stated', 'Headline total, as stated', 'no source states one for this day');
  let verdict = '';
  if (total.matches_stated === false) verdict = ' — differs from the computed total';
  else if (total.matches_stated) verdict = ' — matches';
  return row('stated', 'Headline total, as stated', srcLink(s, factValue(s)), ` per ${sourceName(s.source)}${verdict}`);
}

function changeWords(change, byId) {
  if (!change.day) return 'the rates it measured have changed since.';
  const names = Array.from(new Set(change.facts.map((f) => layerName(f, byId))));
  return `the rates it measured changed on ${fmtDate(change.day, true)} (${names.join('; ')}).`;
}

/* est: the answer's estimate; change: firstChange() of it, or null when current. */
function estimateRow(est, change, byId) {
  const r = row(est.category === 'effective' ? 'effective' : 'average', `${shortMeasureName(est.measure)} (estimate)`,
    srcLink(est, factValue(est)), ` per ${sourceName(est.source)}; describes ${fmtDate(est.observed_on, true)}, `,
    `${ageText(est.age_days)} before this day. `,
    est.stale
      ? h('span', { class: 'stale-note' }, h('strong', null, 'Out of date: '), changeWords(change, byId))
      : h('span', { class: 'current-note' }, 'Still current: no rate in force has changed since.'));
  r.dataset.fact = est.id;
  r.dataset.stale = String(Boolean(est.stale));
  return r;
}

/* One direction's card. d: {pair, answer, changes: Map estimate id -> firstChange}. */
export function dayCard(d) {
  const a = d.answer;
  const byId = factsOf(a);
  const estimates = (a.average ? [a.average] : []).concat(a.effective || []);
  return h('article', { class: 'day-card', 'data-pair': d.pair.key, 'aria-label': d.pair.name },
    h('h4', null, d.pair.name),
    h('dl', null,
      computedRow(a.headline_total, byId),
      statedRow(a.headline_total),
      estimates.map((e) => estimateRow(e, d.changes.get(e.id), byId)),
      estimates.length ? null : row('average', 'Average tariff (estimate)', 'no estimate of this day or before')));
}
