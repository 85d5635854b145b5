/* The Five-Year Plan scorecard (#scorecard, a panel of its own): each
 * indicator of the chosen plan with its target, its outcome as known on the
 * as-of date, the status (met, missed, pending, no data: decided only by
 * a series of the target's own measure), the figures of close but
 * different series beside it (outcome.proxies: value and measure, the
 * proxy's note as title; never a status), the match and the sources. The
 * plan switch (#plan-switch) picks the plan.
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

function marginText(v, bound) {
  return v !== null ? h('span', { class: 'muted' }, ` (${v > 0 ? '+' : ''}${v} against ${bound})`) : null;
}

/* A proxy's figure beside the status: its value and measure, its note as
 * the title. */
function proxyFig(p, deadline) {
  const m = measure(p.measure);
  const fig = p.value === null
    ? h('span', { class: 'muted' }, `no ${deadline || ''} figure known yet`)
    : [srcLink({ id: p.fact_id, source: p.source }, withUnit(p.value, m && m.unit)), ` in ${p.period}`,
      marginText(p.margin, p.bound)];
  return h('div', { class: 'proxy-fig', 'data-proxy': p.measure, title: p.note },
    h('span', { class: 'proxy-label' }, 'Proxy'), ` ${measureName(p.measure)}: `, fig);
}

function outcomeCell(o, deadline) {
  const proxies = (o.proxies || []).map((p) => proxyFig(p, deadline));
  if (o.value === null) {
    const why = o.status === 'pending' ? `no ${o.period || deadline || ''} figure known yet`
      : proxies.length ? 'no series of this measure linked' : 'no outcome series linked';
    return h('td', { 'data-label': 'Outcome' }, h('span', { class: 'muted' }, why), proxies);
  }
  const m = measure(o.measure);
  const fig = srcLink({ id: o.fact_id, source: o.source }, withUnit(o.value, m && m.unit));
  return h('td', { 'data-label': 'Outcome' }, fig, ` in ${o.period}`, marginText(o.margin, o.bound), proxies);
}

function matchCell(o) {
  const proxies = o.proxies || [];
  const notes = proxies.map((p) => h('span', { class: 'match-note' }, p.note));
  if (o.match === 'same') return h('td', { 'data-label': 'Match' }, 'same measure', proxies.length ? ', proxy beside' : null, notes);
  if (proxies.length) return h('td', { 'data-label': 'Match' }, h('strong', null, 'proxy only'), notes);
  return h('td', { 'data-label': 'Match' }, h('span', { class: 'muted' }, '—'));
}

function sourceCell(f, o) {
  const who = f.source ? f.source.publisher || f.source.title : f.id;
  const outcome = o.source ? srcLink({ id: o.fact_id, source: o.source }, o.source.title || o.source.id, 'src-quiet') : null;
  const proxies = (o.proxies || []).filter((p) => p.source)
    .map((p) => [h('br'), 'Proxy: ', srcLink({ id: p.fact_id, source: p.source }, p.source.title || p.source.id, 'src-quiet')]);
  return h('td', { 'data-label': 'Sources' }, 'Target: ', srcLink(f, who, 'src-quiet'),
    outcome ? [h('br'), 'Outcome: ', outcome] : null, proxies);
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
