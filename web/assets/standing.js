/* The "where does it stand" panel (section #standing): one World Bank
 * indicator in one year, every economy ranked (standing-chart.js,
 * standing-text.js), China and the economy the reader picks highlighted,
 * the reference aggregates beside them. Its controls: the indicator, the
 * year (the years with figures, by default the latest most economies
 * have) and the picker (picker.js). Picking an economy redraws without
 * asking again, unless it is an aggregate the answer lacks.
 *
 *   years    v1/indicators/{measure}?from=YEAR-15[&as_of=DATE]
 *   ranking  v1/compare?measure=M&entities=all&period=YEAR
 *              &references=WLD,HIC,UMC,LMC,LIC,EUU,OED[&as_of=DATE] */
import { getJSON, withAsOf } from './api.js';
import { fmtDate } from './format.js';
import { $, h, replace } from './dom.js';
import { run } from './loader.js';
import { entity, entityName, fitView, setView, view } from './state.js';
import { CHINA, coverage, pickMeasure, pickYear, rankedMeasures, referencesFor, standingModel } from './standing-model.js';
import { renderStandingChart } from './standing-chart.js';
import { renderStandingText } from './standing-text.js';
import { economyChoices, wirePicker } from './picker.js';

const SPAN = 15; // years offered, back from now
const years = new Map(); // measure|asOf -> coverage, kept across loads
let shown = null; // the newest compare answer and its view

async function coverageOf(measure, asOf) {
  const key = `${measure}|${asOf}`;
  if (!years.has(key)) {
    const from = new Date().getUTCFullYear() - SPAN;
    const ans = await getJSON(`v1/indicators/${encodeURIComponent(measure)}`, withAsOf({ from }, asOf));
    years.set(key, coverage(ans.data || []));
  }
  return years.get(key);
}

function showYears(cov, year) {
  replace($('#standing-year'), cov.length
    ? cov.map((c) => h('option', { value: c.year, selected: String(c.year) === year }, `${c.year} (${c.n} economies)`))
    : h('option', { value: '' }, 'no figures'));
}

function draw() {
  if (!shown) return;
  const m = standingModel(shown.cmp, view().economy);
  const none = shown.asOf ? `No figure of this indicator had been published by ${fmtDate(shown.asOf, true)}.` : 'No figures.';
  renderStandingChart(m, none, pick);
  renderStandingText(m, CHINA);
  $('#standing-economy-now').textContent = view().economy ? `Highlighted: ${entityName(view().economy)}` : '';
}

function pick(id) {
  if (id === view().economy) return;
  setView({ economy: id });
  const refs = shown ? shown.cmp.data.map((r) => r.entity.id) : [];
  if (entity(id) && entity(id).type === 'aggregate' && !refs.includes(id)) run(standingPanel);
  else draw();
}

async function load() {
  const v = view();
  const measure = pickMeasure(v.measure, rankedMeasures());
  if (!measure) return () => replace($('#standing-table'), h('p', { class: 'note' }, 'No World Bank indicators in this dataset.'));
  const cov = await coverageOf(measure, v.asOf);
  const year = pickYear(v.year, cov);
  const cmp = year ? await getJSON('v1/compare', withAsOf({
    measure, entities: 'all', period: year, references: referencesFor(v.economy, entity).join(','),
  }, v.asOf)) : { measure: { id: measure, name: measure, unit: '' }, period: '', data: [] };
  return () => {
    if (v.measure && v.measure !== measure) fitView({ measure });
    if (v.year && v.year !== year) fitView({ year: '' });
    $('#standing-measure').value = measure;
    showYears(cov, year);
    shown = { cmp, asOf: v.asOf };
    draw();
  };
}

function buildControls() {
  replace($('#standing-measure'), rankedMeasures().map((m) => h('option', { value: m.id }, m.name)));
  $('#standing-measure').addEventListener('change', (ev) => {
    setView({ measure: ev.target.value, year: '' });
    run(standingPanel);
  });
  $('#standing-year').addEventListener('change', (ev) => {
    setView({ year: ev.target.value });
    run(standingPanel);
  });
  wirePicker($('#standing-economy'), $('#standing-economy-list'), economyChoices, pick);
}

export const standingPanel = {
  id: 'standing',
  accepts: {
    measure: (v) => /^[a-z0-9_]{1,80}$/.test(v),
    year: (v) => /^\d{4}$/.test(v),
    economy: (v) => /^[A-Za-z0-9_]{2,40}$/.test(v),
  },
  async setup() {
    return buildControls;
  },
  load,
};
