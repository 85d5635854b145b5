/* What the "targets against outcomes" views share: the growth rows (one per
 * year: the target, the outcome as known on the as-of date, the status and
 * the other reports of that year's growth), the status words and colours.
 * Pure functions of API answers; no DOM. */
import { byRank } from './state.js';
import { knownBy } from './dates.js';
import { fmtNum } from './format.js';

export const STATUS_WORDS = { met: 'met', missed: 'missed', pending: 'pending', no_data: 'no data' };
export const STATUS_COLORS = { met: '#2f7d4f', missed: '#b1392b', pending: '#8a6d1f', no_data: '#7b8591' };
export const YEARS = { from: 2004, to: 2026 };
export const QUALIFIER_WORDS = { approx: 'about ', at_least: 'at least ', at_most: 'at most ' };

/* Whether a target has a number to meet (a figure or a range), unlike 2020's words. */
export function hasNumber(t) {
  return Boolean(t) && (t.value !== null || (t.value_low !== null && t.value_high !== null));
}

/* The best-ranked of a list (ties: the latest known). */
function best(list) {
  return list.slice().sort((a, b) => byRank(a, b) || ((a.known_from || '') < (b.known_from || '') ? 1 : -1))[0] || null;
}

function groupBy(list, key) {
  const out = new Map();
  for (const f of list) {
    const k = key(f);
    if (!out.has(k)) out.set(k, []);
    out.get(k).push(f);
  }
  return out;
}

/* One year: its target (best-ranked), the outcome the API judged it by,
 * the figure plotted as the outcome (the outcome's fact, or with no target
 * to judge, the best report known), every other report known then (earlier
 * vintages, quoted from publications) and other series' figures (rows of
 * a statistical dataset such as the World Bank's). */
function growthRow(year, targets, reports, asOf) {
  const target = best(targets || []);
  const known = (reports || []).filter((f) => knownBy(f, asOf))
    .sort((a, b) => ((a.known_from || '') < (b.known_from || '') ? -1 : 1));
  const outcome = target ? target.outcome : null;
  const shown = (outcome && outcome.fact_id && known.find((f) => f.id === outcome.fact_id)) ||
    (!outcome || outcome.value === null ? best(known) : null);
  return {
    year,
    target,
    outcome,
    status: outcome ? outcome.status : null,
    figure: outcome && outcome.value !== null ? outcome.value : shown ? shown.value : null,
    figureFact: shown,
    earlier: known.filter((f) => f !== shown && f.evidence !== 'data'),
    series: known.filter((f) => f !== shown && f.evidence === 'data'),
    first: known.find((f) => f.evidence !== 'data') || null,
  };
}

/* targets: v1/targets?programme=CHN_GWR; reports: every gdp_growth fact of
 * China (all vintages); asOf: the view's date. Rows from the first year to
 * the last either list has (at least YEARS). */
export function growthRows(targets, reports, asOf) {
  const byYear = groupBy(targets.filter((t) => t.deadline), (t) => Number(t.deadline));
  const repByYear = groupBy(reports.filter((f) => f.period && /^\d{4}$/.test(f.period)), (f) => Number(f.period));
  const years = Array.from(byYear.keys()).concat(YEARS.from, YEARS.to);
  const rows = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++)
    rows.push(growthRow(y, byYear.get(y), repByYear.get(y), asOf));
  return rows;
}

/* A growth target in words: about 7.5%, 6.5–7%, at least 6%, or its text. */
export function targetWords(t) {
  if (!t) return 'not yet set';
  if (t.value_low !== null && t.value_high !== null) return `${fmtNum(t.value_low)}–${fmtNum(t.value_high)}%`;
  if (t.value !== null) return `${QUALIFIER_WORDS[t.qualifier] || ''}${fmtNum(t.value)}%`;
  return t.value_text ? `“${t.value_text}”` : '—';
}
