/* What "where does it stand" shares: the indicators it offers (the World
 * Bank's, those with a code), the default indicator and year (the latest
 * year most economies have a figure for), the reference aggregates beside
 * the ranking, and standingModel(), which turns a /v1/compare?entities=all
 * answer into what the chart and the words draw. No DOM, no fetching. */
import { allMeasures } from './state.js';

export const DEFAULT_MEASURES = ['gross_capital_formation_share_of_gdp', 'household_consumption_share_of_gdp'];
// the API's default references (the World, the four income groups, the EU, the OECD)
export const REFERENCES = ['WLD', 'HIC', 'UMC', 'LMC', 'LIC', 'EUU', 'OED'];
export const CHINA = 'CHN';
// a year has broad coverage when it has figures for this share of the best year's economies
const BROAD = 0.9;

/* The indicators with a World Bank code, by name. */
export function rankedMeasures() {
  return Array.from(allMeasures()).filter((m) => m.code).sort((a, b) => a.name.localeCompare(b.name));
}

/* The measure to show: the reader's if offered, else the first default offered. */
export function pickMeasure(wanted, offered) {
  const ids = offered.map((m) => m.id);
  if (ids.includes(wanted)) return wanted;
  return DEFAULT_MEASURES.find((id) => ids.includes(id)) || ids[0] || null;
}

/* v1/indicators/{measure} data → [{year, n}]: economies with a figure, newest year first. */
export function coverage(series) {
  const n = new Map();
  for (const s of series) {
    if (s.country.type !== 'country') continue;
    for (const p of s.points) if (p.value !== null) n.set(p.year, (n.get(p.year) || 0) + 1);
  }
  return Array.from(n.entries()).map(([year, k]) => ({ year, n: k })).sort((a, b) => b.year - a.year);
}

/* The reader's year if it has figures, else the latest year with broad coverage. */
export function pickYear(wanted, cov) {
  if (cov.some((c) => String(c.year) === wanted)) return wanted;
  const best = Math.max(0, ...cov.map((c) => c.n));
  const broad = cov.find((c) => c.n >= BROAD * best);
  return broad ? String(broad.year) : '';
}

/* The references to ask for: the defaults, and the chosen entity when it is another aggregate. */
export function referencesFor(economy, entity) {
  const e = entity(economy);
  return e && e.type === 'aggregate' && !REFERENCES.includes(economy) ? REFERENCES.concat(economy) : REFERENCES;
}

/* cmp: the /v1/compare?entities=all answer; economy: the highlighted one. */
export function standingModel(cmp, economy) {
  const rows = cmp.data || [];
  const ranked = rows.filter((r) => r.rank !== null);
  const refs = rows.filter((r) => r.rank === null);
  const find = (id) => rows.find((r) => r.entity.id === id) || null;
  return {
    measure: cmp.measure,
    period: cmp.period,
    rows,
    ranked,
    refs,
    china: find(CHINA),
    chosen: economy && economy !== CHINA ? find(economy) : null,
    economy,
  };
}
