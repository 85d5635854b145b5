/* The GDP panel (section #gdp): at start, the components and countries the
 * API has series for (its controls, gdp-controls.js); on each load, the
 * series of the chosen countries and component, and the non-annual facts
 * about them (statements from reports, the developed-economy range).
 * Drawing is in gdp-chart.js and gdp-text.js.
 *
 *   lines  v1/gdp-shares?country=CHN,USA&component=household_consumption[&as_of=DATE]
 *   notes  v1/facts?kind=gdp_share&measure=M&subject=developed_economies,CHN,...
 *            &limit=1000[&as_of=DATE] */
import { getAll, getJSON, withAsOf } from './api.js';
import { run } from './loader.js';
import { view } from './state.js';
import { GROUP_RANGE_SUBJECT, gdpMeasure, gdpModel } from './gdp-model.js';
import { buildGdpControls, gdpChoices } from './gdp-controls.js';
import { renderGdpChart } from './gdp-chart.js';
import { renderGdpText } from './gdp-text.js';

function render(d, asOf) {
  const m = gdpModel(d, asOf);
  renderGdpChart(m);
  renderGdpText(m);
}

function notesQuery(measure, countries, asOf) {
  return getAll('v1/facts', withAsOf({
    kind: 'gdp_share',
    measure: measure.id,
    subject: [GROUP_RANGE_SUBJECT].concat(countries).join(','),
    limit: 1000,
  }, asOf));
}

async function load() {
  const { asOf, component } = view();
  const countries = view().countries.slice();
  const measure = gdpMeasure(component);
  if (!countries.length) return () => render({ series: [], notes: [], countries, component, measure }, asOf);
  const [shares, notes] = await Promise.all([
    getJSON('v1/gdp-shares', withAsOf({ country: countries.join(','), component }, asOf)),
    measure ? notesQuery(measure, countries, asOf) : Promise.resolve([]),
  ]);
  // annual figures are the lines; the rest are statements about a period
  const statements = notes.filter((f) => f.period && String(f.period).length > 4);
  return () => render({ series: shares.data || [], notes: statements, countries, component, measure }, asOf);
}

export const gdpPanel = {
  id: 'gdp',
  async setup() {
    const latest = await getJSON('v1/gdp-shares', { latest: 1 });
    return () => buildGdpControls(gdpChoices(latest.data || []), () => run(gdpPanel));
  },
  load,
};
