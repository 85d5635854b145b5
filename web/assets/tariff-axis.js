/* The tariff chart's axes: days across (ticks on years, or every other
 * month when the period is short), percent up from zero. Options only. */
import { MONTHS } from './format.js';

/* Time axis: years, or months when the period is short. */
function xScale(zoom) {
  const months = zoom.to - zoom.from <= 2;
  return {
    type: 'linear',
    min: Date.UTC(zoom.from, 0, 1),
    max: Date.UTC(zoom.to, 0, 1),
    afterBuildTicks(axis) {
      axis.ticks = [];
      const n = 12 * (zoom.to - zoom.from);
      if (months) for (let m = 0; m <= n; m += 2) axis.ticks.push({ value: Date.UTC(zoom.from, m, 1) });
      else for (let y = zoom.from; y <= zoom.to; y++) axis.ticks.push({ value: Date.UTC(y, 0, 1) });
    },
    ticks: {
      callback(v) {
        const d = new Date(v);
        if (!months) return String(d.getUTCFullYear());
        return d.getUTCMonth() === 0 ? `${MONTHS[0]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
      },
      maxRotation: 0,
      autoSkipPadding: 8,
    },
    grid: { color: '#e7e9ee' },
  };
}

/* The tariff chart's axes for a period of ZOOMS. */
export function tariffScales(zoom) {
  return {
    x: xScale(zoom),
    y: {
      beginAtZero: true,
      suggestedMax: 40,
      title: { display: true, text: 'percent' },
      ticks: { callback: (v) => `${v}%` },
      grid: { color: '#e7e9ee' },
    },
  };
}
