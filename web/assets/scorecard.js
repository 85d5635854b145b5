/* The Five-Year Plan scorecard (#scorecard, a panel of its own): each
 * indicator of the chosen plan with its target, its outcome as known on the
 * as-of date, the status (met, missed, pending, no data), whether the
 * outcome measures the target itself or a proxy (with the proxy's note)
 * and the sources. The plan switch (#plan-switch) picks the plan.
 *
 *   v1/targets?programme=CHN_FYP14&limit=1000[&as_of=DATE] */
import { getAll, withAsOf } from './api.js';
import { factValue, fmtDate, withUnit } from './format.js';
import { $, h, replace, srcLink } from './dom.js';
import { run } from './loader.js';
import { byRank, entityName, measure, measureName, setView, view } from './state.js';
import { QUALIFIER_WORDS, STATUS_WORDS } from './outcomes-model.js';

export const PLANS = ['CHN_FYP14', 'CHN_FYP15'];
const ORDER = ['met', 'missed', 'pending', 'no_data'];
const COLUMNS = ['Indicator', 'Target', 'Outcome', 'Status', 'Match', 'Sources'];

/* One row per question (measure and deadline): the best-ranked answer. */
function questions(facts) {
  const groups = new Map();
  for (const f of facts) {
    const key = `${f.measure}|${f.deadline || ''}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  return Array.from(groups.values()).map((list) => list.sort(byRank)[0]);
}

function targetText(f) {
  const m = measure(f.measure);
  if (f.value === null && f.value_low === null) return factValue(f);
  const unit = m && m.unit;
  const fig = f.value_low !== null ? `${f.value_low}–${withUnit(f.value_high, unit)}` : withUnit(f.value, unit);
  return `${QUALIFIER_WORDS[f.qualifier] || ''}${fig}`;
}

function outcomeCell(o, deadline) {
  if (o.value === null) {
    const why = o.status === 'pending' ? `no ${o.period || deadline || ''} figure known yet` : 'no outcome series linked';
    return h('td', { 'data-label': 'Outcome' }, h('span', { class: 'muted' }, why));
  }
  const m = measure(o.measure);
  const fig = srcLink({ id: o.fact_id, source: o.source }, withUnit(o.value, m && m.unit));
  return h('td', { 'data-label': 'Outcome' }, fig, ` in ${o.period}`,
    o.margin !== null ? h('span', { class: 'muted' }, ` (${o.margin > 0 ? '+' : ''}${o.margin} against ${o.bound})`) : null);
}

function matchCell(o) {
  if (!o.match) return h('td', { 'data-label': 'Match' }, h('span', { class: 'muted' }, '—'));
  return h('td', { 'data-label': 'Match' }, o.match === 'proxy' ? h('strong', null, 'proxy') : 'same measure',
    o.note && o.match === 'proxy' ? h('span', { class: 'match-note' }, o.note) : null);
}

function sourceCell(f, o) {
  const who = f.source ? f.source.publisher || f.source.title : f.id;
  const outcome = o.source ? srcLink({ id: o.fact_id, source: o.source }, o.source.title || o.source.id, 'src-quiet') : null;
  return h('td', { 'data-label': 'Sources' }, 'Target: ', srcLink(f, who, 'src-quiet'),
    outcome ? [h('br'), 'Outcome: ', outcome] : null);
}

function row(f) {
  const o = f.outcome;
  return h('tr', { 'data-fact': f.id, 'data-status': o.status },
    h('th', { scope: 'row' }, f.label || measureName(f.measure)),
    h('td', { 'data-label': 'Target' }, srcLink(f, targetText(f)), f.deadline ? ` by ${f.deadline}` : ''),
    outcomeCell(o, f.deadline),
    h('td', { 'data-label': 'Status' }, h('span', {
      class: `status status-${o.status}`, title: o.status_rule ? o.status_rule.text : '',
    }, STATUS_WORDS[o.status] || o.status)),
    matchCell(o),
    sourceCell(f, o));
}

function counts(rows) {
  const n = (s) => rows.filter((f) => f.outcome.status === s).length;
  return ORDER.map((s) => h('span', { class: `count status-${s}`, 'data-count': s }, `${STATUS_WORDS[s]}: ${n(s)}`));
}

function render(plan, facts, asOf) {
  const rows = questions(facts).sort((a, b) => ORDER.indexOf(a.outcome.status) - ORDER.indexOf(b.outcome.status) ||
    (a.label || a.measure).localeCompare(b.label || b.measure));
  $('#scorecard-h').textContent = `Scorecard: ${entityName(plan)}`;
  replace($('#scorecard-counts'), rows.length ? counts(rows) : null);
  replace($('#scorecard'), rows.length
    ? h('table', { class: 'data-table scorecard-table' },
      h('caption', { class: 'visually-hidden' }, `${entityName(plan)}: each indicator against its outcome`),
      h('thead', null, h('tr', null, COLUMNS.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map(row)))
    : h('p', { class: 'note' }, asOf
      ? `No indicator of this plan had been published by ${fmtDate(asOf, true)}.`
      : 'No indicators recorded.'));
}

async function load() {
  const { asOf, plan } = view();
  const facts = await getAll('v1/targets', withAsOf({ programme: plan, limit: 1000 }, asOf));
  return () => render(plan, facts, asOf);
}

export const scorecardPanel = {
  id: 'scorecard',
  accepts: { plan: (v) => PLANS.includes(v) },
  async setup() {
    return () => document.querySelectorAll('input[name="plan"]').forEach((r) => {
      r.checked = r.value === view().plan;
      r.addEventListener('change', () => {
        if (!r.checked) return;
        setView({ plan: r.value });
        run(scorecardPanel);
      });
    });
  },
  load,
};
