/* Chart.js plugins the dashboard draws with: pfSteps (tariff rates as
 * steps, each holding until the next starts), pfBand (a shaded reference
 * range with its label, such as the developed economies' 50–70% of GDP)
 * and pfDay (a dotted line marking one day, with its label). Estimates are
 * chart-estimates.js's. Drawing only: the data and the bands come from the
 * panels. */

/* One dataset's steps: each value holds from its x until the next value of
 * the series starts, or until its end (valid_to); an open-ended last value
 * runs to the edge of the chart. */
function drawSteps(ctx, ds, xs, ys) {
  const pts = ds.data;
  ctx.beginPath();
  ctx.strokeStyle = ds.borderColor;
  ctx.lineWidth = ds.borderWidth || 2;
  ctx.setLineDash(ds.borderDash || []);
  ctx.lineJoin = 'miter';
  for (let k = 0; k < pts.length; k++) {
    const p = pts[k];
    const prev = pts[k - 1];
    const next = pts[k + 1];
    const end = p.end === null ? Infinity : p.end;
    const stop = next ? Math.min(next.x, end) : Math.min(end, xs.max);
    const x0 = xs.getPixelForValue(p.x);
    const y0 = ys.getPixelForValue(p.y);
    const joined = prev && (prev.end === null || prev.end >= p.x);
    if (joined) ctx.lineTo(x0, y0);
    else ctx.moveTo(x0, y0);
    ctx.lineTo(xs.getPixelForValue(Math.max(stop, p.x)), y0);
  }
  ctx.stroke();
}

/* Saves the context and clips drawing to the chart area (the caller
 * restores it): plugins draw before the datasets, inside the axes. */
export function clipToArea(chart) {
  const { ctx, chartArea: area } = chart;
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
  ctx.clip();
}

/* Draws the datasets marked pfSteps as steps; the chart's data keeps
 * exactly one point per fact. */
export const stepPlugin = {
  id: 'pfSteps',
  beforeDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    clipToArea(chart);
    chart.data.datasets.forEach((ds, i) => {
      if (ds.pfSteps && chart.isDatasetVisible(i)) drawSteps(ctx, ds, scales.x, scales.y);
    });
    ctx.restore();
  },
};

function shadeBand(ctx, area, top, bottom) {
  ctx.fillStyle = 'rgba(29, 78, 137, 0.08)';
  ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
  ctx.strokeStyle = 'rgba(29, 78, 137, 0.45)';
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(area.left, top);
  ctx.lineTo(area.right, top);
  ctx.moveTo(area.left, bottom);
  ctx.lineTo(area.right, bottom);
  ctx.stroke();
}

function labelBand(ctx, area, top, b) {
  const room = area.right - area.left - 20;
  const text = ctx.measureText(b.label).width <= room ? b.label : b.shortLabel;
  const w = Math.min(ctx.measureText(text).width, room);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fillRect(area.left + 4, top + 3, w + 10, 19);
  ctx.fillStyle = '#23456e';
  ctx.fillText(text, area.left + 9, top + 7, room);
}

/* Shades options.plugins.pfBand.bands: [{low, high, label, shortLabel}]. */
export const bandPlugin = {
  id: 'pfBand',
  beforeDatasetsDraw(chart, args, opts) {
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    for (const b of (opts && opts.bands) || [])
      shadeBand(ctx, area, scales.y.getPixelForValue(b.high), scales.y.getPixelForValue(b.low));
    ctx.restore();
  },
  // the label goes over the lines so that it stays readable
  afterDatasetsDraw(chart, args, opts) {
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    ctx.font = `600 12px ${Chart.defaults.font.family}`;
    ctx.textBaseline = 'top';
    for (const b of (opts && opts.bands) || []) labelBand(ctx, area, scales.y.getPixelForValue(b.high), b);
    ctx.restore();
  },
};

function dayLabel(ctx, area, x, text) {
  ctx.font = `600 11px ${Chart.defaults.font.family}`;
  ctx.textBaseline = 'top';
  const w = ctx.measureText(text).width;
  const left = x + 6 + w > area.right ? x - 6 - w : x + 6;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.88)';
  ctx.fillRect(left - 3, area.top + 2, w + 6, 15);
  ctx.fillStyle = '#14213d';
  ctx.fillText(text, left, area.top + 4);
}

/* A dotted line at options.plugins.pfDay.x (ms) and its label at the top. */
export const dayPlugin = {
  id: 'pfDay',
  afterDatasetsDraw(chart, args, opts) {
    if (!opts || opts.x === null || opts.x === undefined) return;
    const { ctx, chartArea: area, scales } = chart;
    const x = Math.round(scales.x.getPixelForValue(opts.x)) + 0.5;
    if (x < area.left || x > area.right) return;
    ctx.save();
    ctx.strokeStyle = '#14213d';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.stroke();
    if (opts.label) dayLabel(ctx, area, x, opts.label);
    ctx.restore();
  },
};
