/* The GDP panel's controls: the component select (#gdp-component) and the
 * country checkboxes (#gdp-country-checks) — the featured countries and any
 * the reader added with the picker (#gdp-add, over every economy with a
 * series) — built from the series the API has (v1/gdp-shares?latest=1),
 * fitted to the view, and wired to change it. What happens after a change
 * is the caller's (gdp.js). */
import { $, h, replace } from './dom.js';
import { entity, fitView, setView, view } from './state.js';
import { COMPONENT_LABELS, COMPONENT_ORDER, FEATURED, countryColor, gdpMeasure } from './gdp-model.js';
import { wirePicker } from './picker.js';

/* latest: v1/gdp-shares?latest=1 data → {components, countries: [{id, name}]}:
 * China first, then countries, then aggregates, each by name. */
export function gdpChoices(latest) {
  const components = new Set();
  const names = new Map();
  for (const s of latest) {
    components.add(s.component);
    names.set(s.country.id, s.country.name);
  }
  const typeRank = (id) => (id === 'CHN' ? 0 : (entity(id) || {}).type === 'country' ? 1 : 2);
  const countries = Array.from(names.entries())
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => typeRank(a.id) - typeRank(b.id) || a.name.localeCompare(b.name));
  return { components: Array.from(components), countries };
}

function buildComponentSelect(components) {
  const order = (c) => {
    const k = COMPONENT_ORDER.indexOf(c);
    return k < 0 ? 99 : k;
  };
  const comps = components.slice().sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  if (!comps.includes(view().component) && comps.length) fitView({ component: comps[0] });
  replace($('#gdp-component'), comps.map((c) => h('option', { value: c, selected: c === view().component },
    COMPONENT_LABELS[c] || (gdpMeasure(c) || {}).name || c)));
}

/* Checkboxes for the featured countries and the chosen ones, in choices' order. */
function buildCountryChecks(countries) {
  const known = new Set(countries.map((c) => c.id));
  fitView({ countries: view().countries.filter((c) => known.has(c)) });
  const chosen = view().countries;
  const shown = countries.filter((c) => FEATURED.includes(c.id) || chosen.includes(c.id));
  replace($('#gdp-country-checks'), shown.map((c) => {
    const id = `country-${c.id}`;
    return h('span', { class: 'check' },
      h('input', { type: 'checkbox', id, value: c.id, checked: chosen.includes(c.id) }),
      h('label', { for: id },
        h('span', { class: 'swatch', style: { '--c': countryColor(c.id, 0) }, 'aria-hidden': 'true' }),
        c.name));
  }));
}

/* Builds both controls from choices (gdpChoices()); onChange() after a reader's change. */
export function buildGdpControls(choices, onChange) {
  buildComponentSelect(choices.components);
  buildCountryChecks(choices.countries);
  const offered = () => choices.countries.map((c) => Object.assign({ type: 'country' }, entity(c.id), c));
  wirePicker($('#gdp-add'), $('#gdp-add-list'), offered, (id) => {
    if (!view().countries.includes(id)) setView({ countries: view().countries.concat(id) });
    buildCountryChecks(choices.countries);
    onChange();
  });
  $('#gdp-component').addEventListener('change', (ev) => {
    setView({ component: ev.target.value });
    onChange();
  });
  $('#gdp-country-checks').addEventListener('change', () => {
    const checked = document.querySelectorAll('#gdp-country-checks input:checked');
    setView({ countries: Array.from(checked).map((i) => i.value) });
    onChange();
  });
}
