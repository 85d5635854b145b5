/* The targets panel (section #targets): each programme's milestones
 * (Made in China 2025, the next Five-Year Plan) by deadline, then those
 * without one, then the list of priority sectors, each with the source's
 * own words and other sources' figures as "Also reported".
 *
 *   v1/targets?programme=MIC2025&limit=1000[&as_of=DATE] */
import { getAll, withAsOf } from './api.js';
import { factValue, fmtDate, sourceName } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { byRank, entity, measure, view } from './state.js';

const PROGRAMMES = ['MIC2025', 'CHN_NEXT_FYP'];

/* Emphasises the part of the quote that states the figure. */
function quoteWithMark(f) {
  const q = f.quote || '';
  const needles = [];
  if (f.value_text) needles.push(f.value_text);
  if (f.value !== null && f.value !== undefined) {
    needles.push(`${f.value} percent`, `${f.value}%`);
    if (f.target_year) needles.push(`${f.value} by ${f.target_year}`);
    needles.push(String(f.value));
  }
  for (const n of needles) {
    const at = q.toLowerCase().indexOf(String(n).toLowerCase());
    if (n && at >= 0) return [q.slice(0, at), h('mark', null, q.slice(at, at + n.length)), q.slice(at + n.length)];
  }
  return q;
}

function alsoReported(others) {
  return h('div', { class: 'also' },
    h('p', { class: 'also-title' }, 'Also reported'),
    h('ul', null, others.map((o) => h('li', null,
      srcLink(o, factValue(o)), ': ', h('q', null, o.quote), ` — ${sourceName(o.source)}`))));
}

function targetItem(a) {
  const f = a.main;
  const m = measure(f.measure);
  // words (a level, a sector) go on their own line; figures sit beside the title
  const words = (f.value === null || f.value === undefined) && f.value_low === null && f.unit !== 'date';
  const title = words
    ? (f.label && f.label.indexOf(':') > 0 ? f.label.slice(0, f.label.indexOf(':')) : m ? m.name : f.label || f.measure)
    : f.label || (m ? m.name : f.measure);
  return h('li', { class: 'target', 'data-fact': f.id },
    h('div', { class: `target-head${words ? ' target-head-words' : ''}` },
      h('span', { class: 'target-title' }, title),
      h('span', { class: 'target-value' }, srcLink(f, factValue(f)))),
    f.quote
      ? h('blockquote', { cite: f.source && f.source.url ? f.source.url : null },
        h('p', null, '“', quoteWithMark(f), '”'))
      : null,
    h('p', { class: 'target-src' }, srcLink(f, sourceName(f.source), 'src-quiet')),
    a.others.length ? alsoReported(a.others) : null);
}

/* facts → [{main, others}]. One question: measure, deadline and (for lists
 * such as the ten sectors) the label; the preferred answer first. A
 * lower-ranked answer with no preferred twin of its label joins the
 * preferred answer of the same measure and deadline, or stands alone. */
function answers(facts) {
  const groups = new Map();
  for (const f of facts) {
    const key = [f.measure, f.target_year || '', f.rank === 'preferred' ? f.label || f.id : ''].join('|');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  const out = [];
  const orphans = [];
  for (const list of groups.values()) {
    list.sort(byRank);
    if (list[0].rank === 'preferred') out.push({ main: list[0], others: list.slice(1) });
    else orphans.push(list);
  }
  for (const list of orphans) {
    const twin = out.find((a) => a.main.measure === list[0].measure &&
      (a.main.target_year || '') === (list[0].target_year || ''));
    if (twin) twin.others = twin.others.concat(list);
    else out.push({ main: list[0], others: list.slice(1) });
  }
  return out;
}

function timeline(dated) {
  const years = Array.from(new Set(dated.map((a) => a.main.target_year)));
  return h('ol', { class: 'timeline', 'aria-label': 'Milestones by deadline' },
    years.map((y) => h('li', { class: 'deadline' },
      h('h4', { class: 'deadline-year' }, h('span', { class: 'visually-hidden' }, 'Deadline '), String(y)),
      h('ul', { class: 'targets' }, dated.filter((a) => a.main.target_year === y).map(targetItem)))));
}

function sectorList(sectors) {
  const quotes = Array.from(new Set(sectors.map((a) => a.main.quote).filter(Boolean)));
  const first = sectors[0].main;
  const out = [
    h('h4', { class: 'sub-h' }, `Priority sectors (${sectors.length})`),
    h('ol', { class: 'sectors' }, sectors.map((a) => h('li', null, srcLink(a.main, a.main.value_text || a.main.label)))),
  ];
  if (quotes.length === 1)
    out.push(h('blockquote', { class: 'sector-quote', cite: first.source && first.source.url ? first.source.url : null },
      h('p', null, `“${quotes[0]}”`)),
    h('p', { class: 'target-src' }, srcLink(first, sourceName(first.source), 'src-quiet')));
  return out;
}

function renderProgramme(programme, facts, asOf) {
  const note = $(`[data-note="${programme}"]`);
  const ent = entity(programme);
  if (note) note.textContent = ent && ent.notes ? ent.notes : '';
  const all = answers(facts);
  const dated = all.filter((a) => a.main.target_year).sort((a, b) =>
    a.main.target_year - b.main.target_year || (a.main.measure < b.main.measure ? -1 : 1));
  const undated = all.filter((a) => !a.main.target_year);
  const sectors = undated.filter((a) => a.main.measure === 'priority_sector')
    .sort((a, b) => (a.main.id < b.main.id ? -1 : 1));
  const rest = undated.filter((a) => a.main.measure !== 'priority_sector');
  const out = [];
  if (!all.length) {
    out.push(h('p', { class: 'note' }, asOf
      ? `Nothing about this programme in the record as of ${fmtDate(asOf)}.`
      : 'No targets recorded.'));
  }
  if (dated.length) out.push(timeline(dated));
  if (rest.length) {
    out.push(h('h4', { class: 'sub-h' }, 'Without a deadline'));
    out.push(h('ul', { class: 'targets' }, rest.map(targetItem)));
  }
  if (sectors.length) out.push(...sectorList(sectors));
  replace(document.getElementById(`prog-${programme}`), out);
}

async function load() {
  const { asOf } = view();
  const lists = await Promise.all(PROGRAMMES.map((p) =>
    getAll('v1/targets', withAsOf({ programme: p, limit: 1000 }, asOf))));
  return () => PROGRAMMES.forEach((p, k) => renderProgramme(p, lists[k], asOf));
}

export const targetsPanel = { id: 'targets', load };
