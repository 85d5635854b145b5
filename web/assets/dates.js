/* Day arithmetic on the API's dates ("2025-05-14", "2025-05", "2025"):
 * adding days, today's date, the last day a partial date may mean, and an
 * age in words. Pure functions of strings, all in UTC; no DOM, no state. */
import { DAY_MS } from './format.js';

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/* "2025-05-14" + n days → "2025-05-15" (n may be negative). */
export function addDays(day, n) {
  return iso(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/* Today in UTC, as the API writes days. */
export function today() {
  return iso(Date.now());
}

/* The last day a partial date may mean: "2025-05" → "2025-05-31",
 * "2017" → "2017-12-31"; a full date is itself. */
export function lastDayOf(partial) {
  const [y, m, d] = String(partial).split('-');
  if (d) return partial;
  if (m) return iso(Date.UTC(Number(y), Number(m), 0));
  return `${y}-12-31`;
}

/* Whether a fact was known by the end of day asOf ('' = now: always). */
export function knownBy(f, asOf) {
  return !asOf || !f.known_from || lastDayOf(f.known_from) <= asOf;
}

/* 18 → "18 days", 246 → "8 months", 800 → "2 years". */
export function ageText(days) {
  if (days === 1) return '1 day';
  if (days < 61) return `${days} days`;
  if (days < 730) return `${Math.round(days / 30.44)} months`;
  return `${Math.round(days / 365.25)} years`;
}
