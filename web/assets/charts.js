/* Chart.js wrappers: the library's defaults taken from the page's CSS, one
 * chart per canvas (created once, then given new data and options), the
 * options every chart shares (legend sized to the width, tooltip look) and
 * the note shown over an empty chart. Chart.js is the classic script
 * vendor/chart.js (window.Chart, Debian's libjs-chart.js 3.x); nothing here
 * fails when it did not load. Chart plugins are in chart-plugins.js. */
import { $ } from './dom.js';

const charts = new Map(); // canvas id -> Chart

export const hasChart = () => typeof window.Chart === 'function';

/* Fonts and colours from the page's CSS; false when Chart.js is missing. */
export function applyChartDefaults() {
  if (!hasChart()) return false;
  const css = getComputedStyle(document.body);
  Chart.defaults.font.family = css.fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#47505c';
  return true;
}

/* The note over a chart with nothing to draw ('' hides it). */
export function setEmpty(canvasId, message) {
  const box = $(`[data-empty="${canvasId}"]`);
  if (!box) return;
  box.textContent = message || '';
  box.hidden = !message;
  box.parentNode.classList.toggle('is-empty', Boolean(message));
}

/* Creates the chart once, then swaps its data and options. */
export function drawChart(id, config) {
  if (!hasChart()) return null;
  let chart = charts.get(id);
  if (!chart) {
    chart = new Chart(document.getElementById(id), config);
    charts.set(id, chart);
  } else {
    chart.data = config.data;
    chart.options = config.options;
    chart.update('none');
  }
  return chart;
}

/* Legend sizes for the chart's width: compact on a phone. */
function fitLegend(labels, width) {
  const narrow = width < 480;
  labels.padding = narrow ? 8 : 14;
  labels.boxWidth = narrow ? 20 : 28;
  labels.font = { size: narrow ? 11 : 12 };
}

/* Options every chart starts from; callers add scales and callbacks. */
export function baseOptions(canvasId) {
  const labels = { boxWidth: 28, boxHeight: 2, padding: 14 };
  fitLegend(labels, document.getElementById(canvasId).parentNode.clientWidth || 800);
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'nearest', axis: 'xy', intersect: false },
    onResize(chart, size) {
      fitLegend(chart.options.plugins.legend.labels, size.width);
    },
    plugins: {
      legend: { position: 'top', align: 'start', labels },
      tooltip: {
        backgroundColor: 'rgba(20, 27, 38, 0.94)',
        titleFont: { weight: '600' },
        padding: 10,
        displayColors: false,
      },
    },
  };
}
