/* Chart.js plugin pfTargets: what the growth chart draws besides its
 * points — each ranged target as a shaded band from its low to its high
 * end, and a word over the years that need one ("no target", "pending",
 * "missed"). Options: options.plugins.pfTargets = {bands: [{x, low, high}],
 * words: [{x, y, text, color}]}. Drawing only; growth-chart.js decides what. */

function drawBands(ctx, xs, ys, bands) {
  const half = Math.max(4, (xs.getPixelForValue(1) - xs.getPixelForValue(0)) * 0.32);
  for (const b of bands) {
    const x = xs.getPixelForValue(b.x);
    const top = ys.getPixelForValue(b.high);
    const bottom = ys.getPixelForValue(b.low);
    ctx.fillStyle = 'rgba(20, 33, 61, 0.16)';
    ctx.fillRect(x - half, top, 2 * half, bottom - top);
    ctx.strokeStyle = '#14213d';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x - half, top);
    ctx.lineTo(x + half, top);
    ctx.moveTo(x - half, bottom);
    ctx.lineTo(x + half, bottom);
    ctx.stroke();
  }
}

function drawWords(ctx, area, xs, ys, words) {
  ctx.font = `600 11px ${Chart.defaults.font.family}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const w of words) {
    const width = ctx.measureText(w.text).width;
    const x = Math.min(area.right - width / 2 - 2, Math.max(area.left + width / 2 + 2, xs.getPixelForValue(w.x)));
    const y = Math.max(area.top + 14, ys.getPixelForValue(w.y) - 9);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(x - width / 2 - 2, y - 13, width + 4, 13);
    ctx.fillStyle = w.color;
    ctx.fillText(w.text, x, y);
  }
}

export const targetsPlugin = {
  id: 'pfTargets',
  beforeDatasetsDraw(chart, args, opts) {
    if (!opts || !opts.bands) return;
    const { ctx, scales } = chart;
    ctx.save();
    drawBands(ctx, scales.x, scales.y, opts.bands);
    ctx.restore();
  },
  afterDatasetsDraw(chart, args, opts) {
    if (!opts || !opts.words) return;
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    drawWords(ctx, area, scales.x, scales.y, opts.words);
    ctx.restore();
  },
};
