/* The growth chart's words: the summary the canvas's aria-describedby
 * names (#growth-summary: met, missed, no target, pending, revised) and
 * its data as a table (#growth-table), one row per year with the target,
 * the outcome as known, the status, the earlier reports and the sources;
 * every figure links to its source. Draws growthRows(). */
import { fmtDate, fmtNum, sourceName } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { STATUS_WORDS, hasNumber, targetWords } from './outcomes-model.js';

const years = (rows) => rows.map((r) => r.year).join(', ');

function summary(rows, asOf) {
  const judged = rows.filter((r) => r.status === 'met' || r.status === 'missed');
  const missed = rows.filter((r) => r.status === 'missed');
  const noTarget = rows.filter((r) => r.target && r.status === 'no_data');
  const pending = rows.filter((r) => r.status === 'pending');
  const revised = rows.filter((r) => r.earlier.length);
  const out = [`China's growth target against the growth reported${asOf ? ` as known on ${fmtDate(asOf, true)}` : ''}: `,
    `met in ${judged.length - missed.length} of ${judged.length} years with a number to meet`];
  if (missed.length) out.push(`; missed in ${years(missed)}`);
  if (noTarget.length) out.push(`; no numeric target in ${years(noTarget)}`);
  if (pending.length) out.push(`; pending in ${years(pending)}`);
  out.push('.');
  if (revised.length) out.push(` The first-reported figure was later revised for ${years(revised)} (open circles).`);
  return out.join('');
}

function outcomeCell(r) {
  if (r.figure === null) return h('td', { class: 'num' }, r.status === 'pending' ? 'not yet reported' : '—');
  const fig = `${fmtNum(r.figure)}%`;
  return h('td', { class: 'num' }, r.figureFact ? srcLink(r.figureFact, fig) : fig);
}

/* "(24 Jan 2008, first)" for a report; "(World Bank)" for another series' figure. */
function reportNote(r, f) {
  if (f.evidence === 'data') return ` (${(f.source && f.source.publisher) || 'series'})`;
  return ` (${fmtDate(f.known_from)}${f === r.first ? ', first' : ''})`;
}

function earlierCell(r) {
  const all = r.earlier.concat(r.series);
  if (!all.length) return h('td', null, '—');
  return h('td', null, all.map((f, k) => [k ? '; ' : '', srcLink(f, `${fmtNum(f.value)}%`), reportNote(r, f)]));
}

const COLUMNS = ['Year', 'Target', 'Reported', 'Status (margin)', 'Earlier reports, other series', 'Target source'];

function row(r) {
  let status = STATUS_WORDS[r.status] || r.status;
  if (!r.target) status = 'no target known';
  else if (!hasNumber(r.target)) status = 'no target';
  return h('tr', { 'data-year': r.year, 'data-status': r.status || '' },
    h('th', { scope: 'row' }, String(r.year)),
    h('td', { class: 'num' }, r.target ? srcLink(r.target, targetWords(r.target)) : 'not yet set'),
    outcomeCell(r),
    h('td', null, h('span', { class: `status status-${r.status || 'none'}` }, status),
      r.outcome && r.outcome.margin !== null ? ` (${r.outcome.margin > 0 ? '+' : ''}${fmtNum(r.outcome.margin)})` : ''),
    earlierCell(r),
    h('td', null, r.target ? sourceName(r.target.source) : '—'));
}

function table(rows) {
  const shown = rows.filter((r) => r.target || r.figure !== null).reverse();
  if (!shown.length) return h('p', null, 'No data.');
  return h('table', { class: 'data-table' },
    h('caption', null, 'Growth target and outcome by year, newest first'),
    h('thead', null, h('tr', null, COLUMNS.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, shown.map(row)));
}

export function renderGrowthText(rows, asOf) {
  $('#growth-summary').textContent = summary(rows, asOf);
  replace($('#growth-table'), table(rows));
}
