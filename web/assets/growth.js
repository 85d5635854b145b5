/* The growth panel (in section #outcomes): China's annual growth targets
 * (Government Work Reports) against the growth reported for each year, as
 * the public record stood on the as-of date — the outcome the API judged
 * each target by, and every earlier report of the same year (its first
 * figure and the revisions). Drawing is growth-chart.js and growth-text.js.
 *
 *   targets  v1/targets?programme=CHN_GWR&limit=1000[&as_of=DATE]
 *   reports  v1/facts?measure=gdp_growth&subject=CHN&limit=1000
 *            (every vintage; those published by the as-of date are kept) */
import { getAll, withAsOf } from './api.js';
import { view } from './state.js';
import { growthRows } from './outcomes-model.js';
import { renderGrowthChart } from './growth-chart.js';
import { renderGrowthText } from './growth-text.js';

async function load() {
  const { asOf } = view();
  const [targets, reports] = await Promise.all([
    getAll('v1/targets', withAsOf({ programme: 'CHN_GWR', limit: 1000 }, asOf)),
    getAll('v1/facts', { measure: 'gdp_growth', subject: 'CHN', limit: 1000 }),
  ]);
  return () => {
    const rows = growthRows(targets, reports, asOf);
    const facts = new Map(targets.concat(reports).map((f) => [f.id, f]));
    renderGrowthChart(rows, facts, asOf);
    renderGrowthText(rows, asOf);
  };
}

export const growthPanel = { id: 'growth', load };
