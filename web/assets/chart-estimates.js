/* Chart.js plugin pfEstimates: estimates (averages, effective rates) as
 * points joined only while current. A dataset marked pfEstimate keeps one
 * point per fact ({x, y, fact, joined, staleFrom, staleTo}); this plugin
 * draws a line from a point to the next only where joined is true, and
 * shades each stale stretch (staleFrom to staleTo, or to the chart's edge)
 * with its direction's hatch, while that direction's legend entry
 * (a dataset marked pfStaleFor) is shown. Also the hatch itself, for the
 * legend. Drawing only: which estimate is stale is tariff-stale.js's. */

import { clipToArea } from './chart-plugins.js';

const patterns = new Map(); // colour + direction -> CanvasPattern

function rgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/* Diagonal hatching in colour: '/' (rising) or '\' (falling); strong
 * for a legend's small swatch, light over the plot. */
export function hatch(color, rising, strong) {
  const key = `${color}${rising ? '/' : '\\'}${strong ? '!' : ''}`;
  if (patterns.has(key)) return patterns.get(key);
  const c = document.createElement('canvas');
  const n = strong ? 4 : 10;
  c.width = n;
  c.height = n;
  const g = c.getContext('2d');
  g.fillStyle = rgba(color, strong ? 0.12 : 0.035);
  g.fillRect(0, 0, n, n);
  g.strokeStyle = rgba(color, strong ? 0.8 : 0.24);
  g.lineWidth = 1;
  g.beginPath();
  for (const o of [-n, 0, n]) {
    g.moveTo(o, rising ? n : 0);
    g.lineTo(o + n, rising ? 0 : n);
  }
  g.stroke();
  const p = g.createPattern(c, 'repeat');
  patterns.set(key, p);
  return p;
}

function staleShown(chart, pairKey) {
  const k = chart.data.datasets.findIndex((d) => d.pfStaleFor === pairKey);
  return k >= 0 && chart.isDatasetVisible(k) ? chart.data.datasets[k] : null;
}

function drawStale(ctx, area, xs, ds, legend) {
  for (const p of ds.data) {
    if (p.staleFrom === null || p.staleFrom === undefined) continue;
    const x0 = Math.max(area.left, xs.getPixelForValue(p.staleFrom));
    const x1 = Math.min(area.right, p.staleTo === null ? area.right : xs.getPixelForValue(p.staleTo));
    if (x1 <= x0) continue;
    ctx.fillStyle = legend.backgroundColor;
    ctx.fillRect(x0, area.top, x1 - x0, area.bottom - area.top);
    ctx.strokeStyle = rgba(ds.borderColor, 0.55);
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x0 + 0.5, area.top);
    ctx.lineTo(x0 + 0.5, area.bottom);
    ctx.stroke();
  }
}

function drawJoins(ctx, xs, ys, ds) {
  ctx.strokeStyle = ds.borderColor;
  ctx.lineWidth = ds.borderWidth || 2;
  ctx.setLineDash(ds.borderDash || []);
  ctx.beginPath();
  ds.data.forEach((p, k) => {
    const next = ds.data[k + 1];
    if (!p.joined || !next) return;
    ctx.moveTo(xs.getPixelForValue(p.x), ys.getPixelForValue(p.y));
    ctx.lineTo(xs.getPixelForValue(next.x), ys.getPixelForValue(next.y));
  });
  ctx.stroke();
}

export const estimatePlugin = {
  id: 'pfEstimates',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea: area, scales } = chart;
    clipToArea(chart);
    const shown = chart.data.datasets.filter((ds, i) => ds.pfEstimate && chart.isDatasetVisible(i));
    for (const ds of shown) {
      const legend = staleShown(chart, ds.pfPair);
      if (legend) drawStale(ctx, area, scales.x, ds, legend);
    }
    for (const ds of shown) drawJoins(ctx, scales.x, scales.y, ds);
    ctx.restore();
  },
};
