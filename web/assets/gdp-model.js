/* What the GDP views share (gdp.js, gdp-controls.js, gdp-chart.js,
 * gdp-text.js): the components and their labels, country colours, the
 * subject of the developed-economy range, and gdpModel(), which turns the
 * API's answers into what the chart and the texts draw. No DOM. */
import { allMeasures } from './state.js';

export const COMPONENT_ORDER = ['household_consumption', 'consumption', 'investment', 'manufacturing', 'exports'];
export const COMPONENT_LABELS = {
  household_consumption: 'Household consumption',
  consumption: 'Final consumption (households and government)',
  investment: 'Investment (gross capital formation)',
  manufacturing: 'Manufacturing value added',
  exports: 'Exports of goods and services',
};
const COUNTRY_COLORS = {
  CHN: '#b1392b', USA: '#1d4e89', DEU: '#2f7d4f', JPN: '#6e4a9e', FRA: '#b7791f',
  GBR: '#1f8a99', IND: '#8a5a3c', KOR: '#c2417a', EUU: '#4a5a78', WLD: '#5f6368',
  CAN: '#9c2f5a', MEX: '#4d7c0f', VNM: '#a15c00',
};
const SPARE_COLORS = ['#374151', '#0f766e', '#9d174d', '#854d0e', '#1e40af'];
// the subject whose facts are a reference range (the shaded band), not a line
export const GROUP_RANGE_SUBJECT = 'developed_economies';

// the countries offered as checkboxes; any other economy is added with the picker
export const FEATURED = Object.keys(COUNTRY_COLORS);

export function countryColor(id, k) {
  return COUNTRY_COLORS[id] || SPARE_COLORS[k % SPARE_COLORS.length];
}

/* The World Bank measure (percent of GDP) of a component, or null. */
export function gdpMeasure(component) {
  for (const m of allMeasures())
    if (m.category === component && m.code && m.unit === 'percent of GDP') return m;
  return null;
}

/* "2025-05" → 2025.375 (mid-month), "2024" → 2024: a period on the year axis. */
export function yearOf(period) {
  const [y, m] = String(period).split('-');
  return m ? Number(y) + (Number(m) - 0.5) / 12 : Number(y);
}

/* What kind of publication a statement comes from, for labels. */
export function reportKind(f) {
  return f.source && f.source.publisher ? 'news report' : 'report';
}

/* d: {series (v1/gdp-shares data), notes (non-annual facts), countries,
 * component, measure}; asOf: the view's date. The series come in the
 * reader's country order; notes split into ranges (bands) and single
 * statements (points). */
export function gdpModel(d, asOf) {
  const order = new Map(d.countries.map((c, k) => [c, k]));
  const series = d.series.slice().sort((a, b) => (order.get(a.country.id) || 0) - (order.get(b.country.id) || 0));
  return {
    asOf,
    countries: d.countries,
    series,
    notes: d.notes,
    label: COMPONENT_LABELS[d.component] || (d.measure ? d.measure.name : d.component),
    bands: d.notes.filter((f) => f.subject === GROUP_RANGE_SUBJECT && f.value_low !== null && f.value_high !== null),
    points: d.notes.filter((f) => f.subject !== GROUP_RANGE_SUBJECT && f.value !== null),
  };
}
