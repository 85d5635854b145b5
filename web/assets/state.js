/* The dashboard's state, in one place and changed only through the
 * functions below:
 *   - the view a reader chose: as-of date, tariff direction, period and day,
 *     GDP component and countries, the plan of the scorecard, the ranking's
 *     indicator, year and highlighted economy. The URL
 *     fragment holds it (the server never sees it); panels read view() and
 *     change it with setView().
 *   - the reference tables read once at start: measures and entities.
 *   - the API's vocabularies: the rank order.
 * The URL fragment is the only part of the page it touches; no fetching. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const current = {
  asOf: '', // '' = everything known now
  dir: 'USA-CHN',
  zoom: 'all',
  on: '', // the tariff day; '' = the as-of date, else today
  component: 'household_consumption',
  countries: ['CHN', 'USA', 'DEU', 'JPN'],
  plan: 'CHN_FYP14',
  measure: '', // the ranking's indicator; '' = the panel's default
  year: '', // the ranking's year; '' = the latest with broad coverage
  economy: 'USA', // the economy highlighted beside China
};
// fields kept in the fragment only when they differ from their default:
// view field -> fragment key
const OPTIONAL = { dir: 'dir', zoom: 'zoom', on: 'on', plan: 'plan', measure: 'measure', year: 'year', economy: 'economy' };
const DEFAULTS = Object.fromEntries(Object.keys(OPTIONAL).map((k) => [k, current[k]]));

const ref = { measures: new Map(), entities: new Map() };

// Rank order, best first, as GET /v1/vocabulary lists it: app.js's
// loadReference calls setRanks before any panel sorts. Not spelled out here,
// so the dashboard cannot drift from the server's vocabulary.
let rankOrder = new Map();

// ------------------------------------------------------------ the view

/* The current view, as a frozen copy: read it, never write it. */
export function view() {
  return Object.freeze({ ...current, countries: Object.freeze(current.countries.slice()) });
}

function apply(patch) {
  for (const [k, v] of Object.entries(patch)) {
    if (!Object.prototype.hasOwnProperty.call(current, k)) throw new Error(`state: no view field ${k}`);
    current[k] = k === 'countries' ? v.slice() : v;
  }
}

/* A reader's choice: changes the view and keeps it in the URL fragment. */
export function setView(patch) {
  apply(patch);
  writeHash();
}

/* The view fitted to what the data offers (a component or country the
 * dataset lacks): changes the view, leaves the URL as the reader wrote it. */
export function fitView(patch) {
  apply(patch);
}

/* The view from the URL fragment. Dates, component and country codes are
 * checked for shape here; accepts = {field: test} holds the checks only a
 * panel knows (dir, zoom, plan, ...). A plain section anchor (#gdp) is left alone. */
export function readViewFromHash(accepts) {
  const raw = location.hash.replace(/^#/, '');
  if (raw.indexOf('=') < 0) return;
  const p = new URLSearchParams(raw);
  const tests = {
    asOf: ['as_of', (v) => DATE.test(v)],
    on: ['on', (v) => DATE.test(v)],
    component: ['component', (v) => /^[a-z_]+$/.test(v)],
  };
  for (const [field, key] of Object.entries(OPTIONAL))
    if (!tests[field]) tests[field] = [key, accepts[field] || (() => false)];
  for (const [field, [key, ok]] of Object.entries(tests)) {
    const v = p.get(key);
    if (v && ok(v)) current[field] = v;
  }
  const countries = p.get('countries');
  if (countries !== null) current.countries = countries.split(',').filter((c) => /^[A-Za-z_]{2,40}$/.test(c));
}

function writeHash() {
  const p = [];
  if (current.asOf) p.push(`as_of=${current.asOf}`);
  p.push(`component=${current.component}`);
  p.push(`countries=${current.countries.join(',')}`);
  for (const [field, key] of Object.entries(OPTIONAL))
    if (current[field] !== DEFAULTS[field]) p.push(`${key}=${current[field]}`);
  history.replaceState(null, '', `#${p.join('&')}`);
}

// ------------------------------------------------------------ reference tables

export function setReference(measures, entities) {
  measures.forEach((m) => ref.measures.set(m.id, m));
  entities.forEach((e) => ref.entities.set(e.id, e));
}
export const measure = (id) => ref.measures.get(id);
export const entity = (id) => ref.entities.get(id);
export const allMeasures = () => ref.measures.values();
export const allEntities = () => ref.entities.values();

export function measureName(id) {
  const m = ref.measures.get(id);
  return m ? m.name : id;
}
export function entityName(id) {
  const e = ref.entities.get(id);
  return e ? e.name : id;
}

// ------------------------------------------------------------ vocabularies

/* The rank order as /v1/vocabulary gives it: [{id, order}], order 0 best. */
export function setRanks(ranks) {
  rankOrder = new Map(ranks.map((r) => [r.id, r.order]));
}

/* Sort comparator: the preferred answer first (an unknown rank counts as the best). */
export function byRank(a, b) {
  return (rankOrder.get(a.rank) || 0) - (rankOrder.get(b.rank) || 0);
}
