/* Chart.js plugin pfRanks: what the ranking chart draws besides its
 * points — a vertical line per reference aggregate (the World, income
 * groups, the EU, the OECD) with its name, the names staggered so that
 * none hides another, and a label beside each highlighted point.
 * Options: options.plugins.pfRanks = {lines: [{x, label, color}],
 * labels: [{x, y, text, color}]}. Drawing only. */

function lineRows(ctx, xs, lines) {
  const rows = []; // right edge of the last label in each row
  return lines.slice().sort((a, b) => a.x - b.x).map((l) => {
    const x = xs.getPixelForValue(l.x);
    const w = ctx.measureText(l.label).width + 6;
    let row = rows.findIndex((right) => right < x - 2);
    if (row < 0) row = rows.push(0) - 1;
    rows[row] = x + w;
    return { l, x, row };
  });
}

function drawLines(ctx, area, xs, lines) {
  ctx.font = `600 11px ${Chart.defaults.font.family}`;
  ctx.textBaseline = 'bottom';
  for (const { l, x, row } of lineRows(ctx, xs, lines)) {
    if (x < area.left || x > area.right) continue;
    ctx.strokeStyle = l.color;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, area.top);
    ctx.lineTo(Math.round(x) + 0.5, area.bottom);
    ctx.stroke();
    const y = area.bottom - 4 - row * 14;
    const w = ctx.measureText(l.label).width;
    const left = Math.min(x + 3, area.right - w - 2);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(left - 2, y - 13, w + 4, 13);
    ctx.fillStyle = l.color;
    ctx.fillText(l.label, left, y);
  }
}

function drawLabels(ctx, area, xs, ys, labels) {
  ctx.font = `700 12px ${Chart.defaults.font.family}`;
  ctx.textBaseline = 'middle';
  for (const t of labels) {
    const x = xs.getPixelForValue(t.x);
    const y = ys.getPixelForValue(t.y);
    const w = ctx.measureText(t.text).width;
    const left = x + 10 + w > area.right ? x - 10 - w : x + 10;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillRect(left - 3, y - 8, w + 6, 16);
    ctx.fillStyle = t.color;
    ctx.fillText(t.text, left, y);
  }
}

export const ranksPlugin = {
  id: 'pfRanks',
  beforeDatasetsDraw(chart, args, opts) {
    if (!opts || !opts.lines) return;
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    drawLines(ctx, area, scales.x, opts.lines);
    ctx.restore();
  },
  afterDatasetsDraw(chart, args, opts) {
    if (!opts || !opts.labels) return;
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    drawLabels(ctx, area, scales.x, scales.y, opts.labels);
    ctx.restore();
  },
};
