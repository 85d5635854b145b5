/* Text for figures, dates and sources: pure functions from API values to
 * the strings a reader sees (145%, ≈40%, 50–70%, 9 Apr 2025, "PIIE, 1 May
 * 2025"). No DOM, no fetching, no state. */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
export const DAY_MS = 86400000;

// the sign a qualifier puts before a figure (exact and range have none)
const QUALIFIER_SIGN = { approx: '≈', at_least: '≥', at_most: '≤' };

const given = (v) => v !== null && v !== undefined;

/* 2025-04-09 → "9 Apr 2025" ("9 April 2025" when long); 2025-04 → "Apr 2025". */
export function fmtDate(s, long) {
  if (!s) return '';
  const [y, m, d] = String(s).split('-');
  if (!m) return y;
  const mon = (long ? MONTHS_LONG : MONTHS)[Number(m) - 1];
  return d ? `${Number(d)} ${mon} ${y}` : `${mon} ${y}`;
}

export function fmtNum(v, digits) {
  const p = Math.pow(10, digits === undefined ? 2 : digits);
  return String(Math.round(v * p) / p);
}

const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });

/* A figure in its unit: 7 + "percent per year" → "7% per year", 650 +
 * "million tonnes" → "650 million tonnes", 2.7e13 + "current US$" →
 * "27.4T current US$". */
export function withUnit(v, unit, digits) {
  if (v === null || v === undefined) return '—';
  const u = unit || '';
  const n = Math.abs(v) >= 1e6 ? COMPACT.format(v) : fmtNum(v, digits);
  if (u.startsWith('percent')) return `${n}%${u.slice('percent'.length)}`;
  return u && u !== 'qualitative' ? `${n} ${u}` : n;
}

function isPercent(unit) {
  return unit === 'percent' || unit === 'percent of GDP';
}

/* A fact's figure as a reader would write it: 145%, ≈40%, 50–70%, “stable”. */
export function factValue(f, digits) {
  const suffix = isPercent(f.unit) ? '%' : '';
  if (given(f.value_low) && given(f.value_high))
    return `${fmtNum(f.value_low, digits)}–${fmtNum(f.value_high, digits)}${suffix}`;
  if (given(f.value)) return (QUALIFIER_SIGN[f.qualifier] || '') + fmtNum(f.value, digits) + suffix;
  if (given(f.value_text)) return f.unit === 'date' ? fmtDate(f.value_text, true) : `“${f.value_text}”`;
  return '—';
}

/* When a fact was in effect: "on 9 Apr 2025", "from 9 Apr 2025", "a – b". */
export function validText(f) {
  if (!f.valid_from) return 'date not stated';
  if (f.valid_to === f.valid_from) return `on ${fmtDate(f.valid_from)}`;
  if (f.valid_to) return `${fmtDate(f.valid_from)} – ${fmtDate(f.valid_to)}`;
  return `from ${fmtDate(f.valid_from)}`;
}

export function sourceName(src) {
  if (!src) return 'unknown source';
  const who = src.publisher || src.title || src.id;
  return src.published ? `${who}, ${fmtDate(src.published)}` : who;
}

/* Where a figure links: the publication, or (no public address) the fact's
 * record in the API, which holds the quotation. Relative, like every URL. */
export function sourceHref(f) {
  return f.source && f.source.url ? f.source.url : `v1/facts/${encodeURIComponent(f.id)}`;
}

/* A day's start in ms since the epoch, UTC: the tariff chart's x values. */
export function dayMs(s) {
  return Date.parse(`${s}T00:00:00Z`);
}
