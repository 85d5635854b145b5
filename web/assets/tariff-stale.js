/* When each estimate on the tariff chart stopped describing the rates in
 * force. An estimate (an average, an effective rate) describes its own day;
 * the API says, for any day, whether the latest one is stale (a rate in
 * force started or ended since) and which layers changed. Asked for the day
 * before the series' next estimate (the last: the window's end), its answer
 * decides whether the chart may join the two; the first day one of those
 * layers started or ended is the day the estimate went out of date.
 * Fetches and computes; no DOM.
 *
 *   v1/tariffs/USA/CHN?on=2019-05-30[&as_of=DATE]          one per estimate
 *   v1/tariffs?imposer=USA&target=CHN,WLD&kind=additional,total&limit=1000[&as_of=DATE] */
import { getAll, getJSON, withAsOf } from './api.js';
import { addDays } from './dates.js';
import { WINDOW, isEstimate, lineOf } from './tariff-common.js';

/* The rates in force of a direction, worldwide layers included: id -> fact. */
export async function layerFacts(pair, asOf) {
  const list = await getAll('v1/tariffs', withAsOf({
    imposer: pair.imposer, target: `${pair.target},WLD`, kind: 'additional,total', limit: 1000,
  }, asOf));
  return new Map(list.map((f) => [f.id, f]));
}

/* The estimate of a day answer that answers for series (its average or an effective rate). */
export function estimateIn(answer, series) {
  const all = (answer.average ? [answer.average] : []).concat(answer.effective || []);
  return all.find((e) => e.series === series) || null;
}

/* The day layer fact c started or ended within (after, upto], or null. */
function changeDay(c, after, upto) {
  if (c.valid_from && c.valid_from > after && c.valid_from <= upto) return c.valid_from;
  const next = c.valid_to ? addDays(c.valid_to, 1) : null;
  return next && next > after && next <= upto ? next : null;
}

/* An id the list lacks (another source of a question the list answers
 * once, with as_of) is read on its own, only when no listed one dates the change. */
async function changedFacts(ids, layers) {
  const listed = ids.map((id) => layers.get(id)).filter(Boolean);
  if (listed.length) return listed;
  const read = await Promise.all(ids.map((id) => getJSON(`v1/facts/${encodeURIComponent(id)}`).catch(() => null)));
  return read.filter(Boolean).map((r) => r.data);
}

/* The first change after an estimate's day, up to upto: {day, facts changed that day}. */
export async function firstChange(est, upto, layers) {
  const facts = await changedFacts(est.stale_because || [], layers);
  let day = null;
  let first = [];
  for (const c of facts) {
    const d = changeDay(c, est.observed_on, upto);
    if (!d || (day && d > day)) continue;
    if (d !== day) first = [];
    day = d;
    first.push(c);
  }
  return { day, facts: first };
}

/* One estimate f of a line, and the line's next estimate (or null). */
async function probe(pair, f, next, layers, asOf) {
  const upto = next ? addDays(next.valid_from, -1) : WINDOW.to;
  const out = { id: f.id, probe: upto, known: false, joined: false, staleFrom: null, because: [] };
  if (upto < f.valid_from) return out;
  const answer = await getJSON(`v1/tariffs/${pair.imposer}/${pair.target}`, withAsOf({ on: upto }, asOf));
  const e = estimateIn(answer, f.series);
  if (!e || (e.id !== f.id && e.observed_on !== f.valid_from)) return out;
  out.known = true;
  if (!e.stale) {
    out.joined = Boolean(next);
    return out;
  }
  const change = await firstChange(e, upto, layers);
  out.staleFrom = change.day || addDays(f.valid_from, 1);
  out.because = change.facts;
  return out;
}

/* Each estimate's status, id -> {joined (to the next of its line),
 * staleFrom (day or null), because (the layer facts that changed then)}. */
export async function estimateStatus(pair, facts, layers, asOf) {
  const lines = new Map();
  for (const f of facts) {
    if (!isEstimate(f) || !f.valid_from || f.value === null || f.value === undefined) continue;
    if (!lines.has(lineOf(f))) lines.set(lineOf(f), []);
    lines.get(lineOf(f)).push(f);
  }
  const jobs = [];
  for (const list of lines.values()) {
    list.sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
    list.forEach((f, k) => jobs.push(probe(pair, f, list[k + 1] || null, layers, asOf)));
  }
  const results = await Promise.all(jobs);
  return new Map(results.map((r) => [r.id, r]));
}
