/* The list of tariff measures of one direction (#measure-list), grouped by
 * category; each question (object, measure, series, start) shows its
 * preferred answer, with other sources' figures beside it as "Also
 * reported". Every figure links to its source. */
import { factValue, fmtDate, sourceName, validText } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { byRank, measure, measureName } from './state.js';
import { CATEGORY_ORDER, PAIRS, positionIn } from './tariff-common.js';

/* facts → [{main, others}]: one answer per question, the best-ranked first */
function answers(facts) {
  const questions = new Map();
  for (const f of facts) {
    const key = [f.object, f.measure, f.series || '', f.valid_from || ''].join('|');
    if (!questions.has(key)) questions.set(key, []);
    questions.get(key).push(f);
  }
  return Array.from(questions.values()).map((list) => {
    list.sort(byRank);
    return { main: list[0], others: list.slice(1) };
  });
}

/* answers → [[category, answers sorted by series and start]] in category order */
function byCategory(list) {
  const cats = new Map();
  for (const a of list) {
    const cat = a.main.category || 'other';
    if (!cats.has(cat)) cats.set(cat, []);
    cats.get(cat).push(a);
  }
  const rank = positionIn(CATEGORY_ORDER);
  const bySeries = (a, b) => {
    const sa = a.main.series || '';
    const sb = b.main.series || '';
    if (sa !== sb) return sa < sb ? -1 : 1;
    return (a.main.valid_from || '') < (b.main.valid_from || '') ? -1 : 1;
  };
  return Array.from(cats.keys())
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map((cat) => [cat, cats.get(cat).sort(bySeries)]);
}

function row(a, newSeries) {
  const f = a.main;
  return h('tr', { class: newSeries ? 'series-start' : null },
    h('td', { class: 'when' }, validText(f)),
    h('td', { class: 'num' }, srcLink(f, factValue(f))),
    h('td', { class: 'what' },
      h('span', { class: 'label' }, f.label || f.statement || f.series || measureName(f.measure)),
      h('span', { class: 'src-name' }, sourceName(f.source)),
      a.others.length
        ? h('span', { class: 'also' }, 'Also reported: ',
          a.others.map((o, k) => [k ? '; ' : '', srcLink(o, factValue(o)), ` (${sourceName(o.source)})`]))
        : null));
}

/* One category: a heading naming its measures, and a ledger of answers. */
function categoryBlock(list) {
  const measureIds = Array.from(new Set(list.map((a) => a.main.measure)));
  const title = measureIds.map(measureName).join(', ');
  const desc = measureIds.length === 1 && measure(measureIds[0]) ? measure(measureIds[0]).description : null;
  const rows = list.map((a, k) => row(a, a.main.series !== (k ? list[k - 1].main.series : null)));
  return h('section', { class: 'measure-cat', 'aria-label': title },
    h('h4', null, title, h('span', { class: 'count' }, ` · ${list.length}`)),
    desc ? h('p', { class: 'cat-desc' }, desc) : null,
    h('table', { class: 'ledger' },
      h('thead', { class: 'visually-hidden' }, h('tr', null,
        h('th', { scope: 'col' }, 'In effect'), h('th', { scope: 'col' }, 'Rate'),
        h('th', { scope: 'col' }, 'Measure and source'))),
      h('tbody', null, rows)));
}

/* lists: one array of facts per direction (PAIRS order); v: the view. */
export function renderMeasureList(lists, v) {
  const box = $('#measure-list');
  const idx = Math.max(0, PAIRS.findIndex((p) => p.key === v.dir));
  const pair = PAIRS[idx];
  const blocks = byCategory(answers(lists[idx])).map(([, list]) => categoryBlock(list));
  if (!blocks.length)
    blocks.push(h('p', { class: 'note' }, v.asOf
      ? `No ${pair.name} tariff measure had been published by ${fmtDate(v.asOf)}.`
      : `No ${pair.name} tariff measures.`));
  replace(box, blocks);
  box.setAttribute('aria-label', `Tariff measures, ${pair.name}`);
}
