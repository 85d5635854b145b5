/* The on-day summary (#tariff-on-day): a day picked by the reader (the
 * date field, or a click on the tariff chart; by default the as-of date,
 * else today) and, for both directions, what was in force then as the
 * API computes it (tariff-day-text.js draws it). A panel of its own, so
 * that a new day asks only this part again.
 *
 *   v1/tariffs/USA/CHN?on=DAY[&as_of=DATE]
 *   v1/tariffs?imposer=USA&target=CHN,WLD&kind=additional,total&limit=1000[&as_of=DATE]
 *     (the layers whose change made an estimate stale) */
import { getJSON, withAsOf } from './api.js';
import { fmtDate } from './format.js';
import { $, replace } from './dom.js';
import { run } from './loader.js';
import { setView, view } from './state.js';
import { PAIRS, dayOf } from './tariff-common.js';
import { firstChange, layerFacts } from './tariff-stale.js';
import { dayCard } from './tariff-day-text.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
let onDayChange = () => {};

async function loadPair(pair, day, asOf) {
  const [answer, layers] = await Promise.all([
    getJSON(`v1/tariffs/${pair.imposer}/${pair.target}`, withAsOf({ on: day }, asOf)),
    layerFacts(pair, asOf),
  ]);
  const estimates = (answer.average ? [answer.average] : []).concat(answer.effective || []);
  const changes = new Map();
  for (const e of estimates) if (e.stale) changes.set(e.id, await firstChange(e, day, layers));
  return { pair, answer, changes };
}

function showField(day) {
  const v = view();
  $('#tariff-on').value = day;
  const reset = $('#tariff-on-reset');
  reset.textContent = v.asOf ? 'As-of date' : 'Today';
  reset.disabled = !v.on;
}

async function load() {
  const v = view();
  const day = dayOf(v);
  const cards = await Promise.all(PAIRS.map((p) => loadPair(p, day, v.asOf)));
  return () => {
    showField(day);
    const known = v.asOf ? ` as the public record stood on ${fmtDate(v.asOf, true)}` : '';
    $('#tariff-on-note').textContent = `In force on ${fmtDate(day, true)}${known}.`;
    replace($('#tariff-day'), cards.map(dayCard));
  };
}

export const tariffDayPanel = { id: 'tariff-day', load };

/* A reader's day ('' = back to the default); redraws this panel and calls the hook. */
export function pickDay(day) {
  if (day && !DATE.test(day)) return;
  if (day === view().on) return;
  setView({ on: day });
  onDayChange();
  run(tariffDayPanel);
}

/* Wires the date field and its reset button; hook() after each new day. */
export function wireDay(hook) {
  onDayChange = hook;
  const input = $('#tariff-on');
  input.addEventListener('change', () => pickDay(input.value));
  $('#tariff-on-reset').addEventListener('click', () => pickDay(''));
}
