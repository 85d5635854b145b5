/* policyfacts dashboard: plain JavaScript on the public API, no build step.
 *
 * Every request uses a relative URL (v1/...), so the page works at the root
 * and behind a proxy prefix such as /policyfacts/. Page state (as-of date,
 * countries, component, tariff direction) lives in the URL fragment, which
 * the server never sees.
 *
 * The queries behind each chart, for people writing their own front end:
 *   tariff steps  v1/tariffs?imposer=USA&target=CHN&kind=average,total
 *                   &from=2017-01-01&to=2025-12-31&limit=1000
 *                   &rank=preferred        (or &as_of=DATE instead of rank)
 *   measure list  v1/tariffs?imposer=USA&target=CHN&limit=1000[&as_of=DATE]
 *   GDP lines     v1/gdp-shares?country=CHN,USA&component=household_consumption
 *                   [&as_of=DATE]
 *   GDP notes     v1/facts?kind=gdp_share&measure=M&subject=developed_economies,CHN,...
 *                   (the non-annual facts: statements from reports, ranges)
 *   targets       v1/targets?programme=MIC2025&limit=1000[&as_of=DATE]
 */
'use strict';

(function () {
  // ------------------------------------------------------------ constants

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  const DAY_MS = 86400000;

  const PAIRS = [
    { key: 'USA-CHN', imposer: 'USA', target: 'CHN', name: 'US on China', color: '#1d4e89' },
    { key: 'CHN-USA', imposer: 'CHN', target: 'USA', name: 'China on US', color: '#b1392b' },
  ];
  const TARIFF_WINDOW = { from: '2017-01-01', to: '2025-12-31' };
  const TARIFF_CATEGORY_ORDER = ['total', 'average', 'additional', 'effective'];
  const TARIFF_CHART_MEASURES = ['average_tariff_rate', 'headline_total_tariff_rate'];

  const PROGRAMMES = ['MIC2025', 'CHN_NEXT_FYP'];
  const GROUP_RANGE_SUBJECT = 'developed_economies';

  const COMPONENT_ORDER = ['household_consumption', 'consumption', 'investment', 'manufacturing', 'exports'];
  const COMPONENT_LABELS = {
    household_consumption: 'Household consumption',
    consumption: 'Final consumption (households and government)',
    investment: 'Investment (gross capital formation)',
    manufacturing: 'Manufacturing value added',
    exports: 'Exports of goods and services',
  };
  const DEFAULT_COUNTRIES = ['CHN', 'USA', 'DEU', 'JPN'];
  const COUNTRY_COLORS = {
    CHN: '#b1392b', USA: '#1d4e89', DEU: '#2f7d4f', JPN: '#6e4a9e', FRA: '#b7791f',
    GBR: '#1f8a99', IND: '#8a5a3c', KOR: '#c2417a', EUU: '#4a5a78', WLD: '#5f6368',
    CAN: '#9c2f5a', MEX: '#4d7c0f', VNM: '#a15c00',
  };
  const SPARE_COLORS = ['#374151', '#0f766e', '#9d174d', '#854d0e', '#1e40af'];
  const RANK_ORDER = { preferred: 0, normal: 1, deprecated: 2 };

  // ------------------------------------------------------------ state

  const state = {
    asOf: '',
    dir: 'USA-CHN',
    zoom: 'all',
    component: 'household_consumption',
    countries: DEFAULT_COUNTRIES.slice(),
  };
  const ref = {
    measures: new Map(), // id -> measure
    entities: new Map(), // id -> entity
    gdpCountries: [], // [{id, name, type}]
    gdpAvailable: new Map(), // component -> Set(country id)
  };
  const cache = { tariffLists: null, tariffSeries: null, tariffFacts: new Map() };
  const charts = {};
  const tokens = { tariffs: 0, gdp: 0, targets: 0 };
  let pending = 0;
  let loads = 0;

  // ------------------------------------------------------------ DOM helpers

  const $ = (sel, root) => (root || document).querySelector(sel);

  /* h('a', {href: x, class: 'y'}, 'text', child...) — text is never parsed as HTML. */
  function h(tag, attrs) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'checked' || k === 'selected' || k === 'disabled') e[k] = Boolean(v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (let i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) kid.forEach((k) => append(parent, k));
    else parent.append(kid instanceof Node ? kid : String(kid));
  }
  function replace(node, ...kids) {
    node.replaceChildren();
    append(node, kids);
  }

  // ------------------------------------------------------------ formatting

  function fmtDate(s, long) {
    if (!s) return '';
    const [y, m, d] = String(s).split('-');
    if (!m) return y;
    const mon = (long ? MONTHS_LONG : MONTHS)[Number(m) - 1];
    return d ? `${Number(d)} ${mon} ${y}` : `${mon} ${y}`;
  }
  function fmtNum(v, digits) {
    const p = Math.pow(10, digits === undefined ? 2 : digits);
    return String(Math.round(v * p) / p);
  }
  function isPercent(unit) {
    return unit === 'percent' || unit === 'percent of GDP';
  }
  /* A fact's figure as a reader would write it: 145%, ≈40%, 50–70%, “stable”. */
  function factValue(f, digits) {
    const suffix = isPercent(f.unit) ? '%' : '';
    if (f.value_low !== null && f.value_low !== undefined && f.value_high !== null && f.value_high !== undefined)
      return `${fmtNum(f.value_low, digits)}–${fmtNum(f.value_high, digits)}${suffix}`;
    if (f.value !== null && f.value !== undefined) {
      const pre = { approx: '≈', at_least: '≥', at_most: '≤' }[f.qualifier] || '';
      return pre + fmtNum(f.value, digits) + suffix;
    }
    if (f.value_text !== null && f.value_text !== undefined)
      return f.unit === 'date' ? fmtDate(f.value_text, true) : `“${f.value_text}”`;
    return '—';
  }
  function validText(f) {
    if (!f.valid_from) return 'date not stated';
    if (f.valid_to === f.valid_from) return `on ${fmtDate(f.valid_from)}`;
    if (f.valid_to) return `${fmtDate(f.valid_from)} – ${fmtDate(f.valid_to)}`;
    return `from ${fmtDate(f.valid_from)}`;
  }
  function sourceName(src) {
    if (!src) return 'unknown source';
    const who = src.publisher || src.title || src.id;
    return src.published ? `${who}, ${fmtDate(src.published)}` : who;
  }
  function sourceHref(f) {
    return f.source && f.source.url ? f.source.url : `v1/facts/${encodeURIComponent(f.id)}`;
  }
  /* The link every figure gets: to the publication, or to the fact's record
   * in the API when the source has no public address. */
  function srcLink(f, text, cls) {
    const src = f.source || {};
    let title = `Source: ${src.title || src.id || 'unknown'}`;
    if (!src.url) title += ' (no public address; the link opens the fact record with the quotation)';
    if (f.quote) title += ` — “${f.quote}”`;
    return h('a', { href: sourceHref(f), class: cls || 'src', 'data-fact': f.id, title }, text);
  }
  function byRank(a, b) {
    return (RANK_ORDER[a.rank] || 0) - (RANK_ORDER[b.rank] || 0);
  }
  function dayMs(s) {
    return Date.parse(`${s}T00:00:00Z`);
  }
  function measureName(id) {
    const m = ref.measures.get(id);
    return m ? m.name : id;
  }
  function entityName(id) {
    const e = ref.entities.get(id);
    return e ? e.name : id;
  }

  // ------------------------------------------------------------ API

  function query(params) {
    return Object.entries(params || {})
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v)).replace(/%2C/gi, ',')}`)
      .join('&');
  }
  async function api(path, params) {
    const q = query(params);
    const url = q ? `${path}?${q}` : path;
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok || !body) {
      const why = body && (body.detail || body.title);
      throw new Error(`${url}: ${why || `HTTP ${res.status}`}`);
    }
    return body;
  }
  /* All pages of a list endpoint (follows meta.next_cursor). */
  async function apiAll(path, params) {
    let out = [];
    let cursor = null;
    for (let page = 0; page < 100; page++) {
      const body = await api(path, Object.assign({}, params, { cursor }));
      out = out.concat(body.data || []);
      cursor = body.meta && body.meta.next_cursor;
      if (!cursor) break;
    }
    return out;
  }
  function withAsOf(params) {
    if (state.asOf) params.as_of = state.asOf;
    return params;
  }

  // ------------------------------------------------------------ loading

  function setBusy(delta) {
    pending += delta;
    const body = document.body;
    if (pending > 0) {
      body.dataset.state = 'loading';
      body.setAttribute('aria-busy', 'true');
    } else {
      loads += 1;
      body.dataset.loads = String(loads);
      body.dataset.state = 'ready';
      body.removeAttribute('aria-busy');
    }
  }
  function showError(section, err) {
    const box = section ? $(`[data-error="${section}"]`) : $('#page-error');
    if (!box) return;
    if (err) {
      box.textContent = `Could not load this part of the page: ${err.message}`;
      box.hidden = false;
    } else {
      box.textContent = '';
      box.hidden = true;
    }
  }
  /* Runs a section's loader; only the newest request of a section renders. */
  async function run(section, load) {
    const token = ++tokens[section];
    setBusy(1);
    try {
      const render = await load();
      if (token === tokens[section]) {
        showError(section, null);
        render();
      }
    } catch (err) {
      if (token === tokens[section]) {
        showError(section, err);
        console.error(`policyfacts dashboard: ${section}:`, err);
      }
    } finally {
      setBusy(-1);
    }
  }
  function loadAll() {
    updateAsOfStatus();
    return Promise.all([run('tariffs', loadTariffs), run('gdp', loadGdp), run('targets', loadTargets)]);
  }

  // ------------------------------------------------------------ URL fragment

  function readHash() {
    const raw = location.hash.replace(/^#/, '');
    if (raw.indexOf('=') < 0) return; // a plain section anchor
    const p = new URLSearchParams(raw);
    const asOf = p.get('as_of');
    if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) state.asOf = asOf;
    const dir = p.get('dir');
    if (PAIRS.some((x) => x.key === dir)) state.dir = dir;
    const zoom = p.get('zoom');
    if (zoom && Object.prototype.hasOwnProperty.call(ZOOMS, zoom)) state.zoom = zoom;
    const comp = p.get('component');
    if (comp && /^[a-z_]+$/.test(comp)) state.component = comp;
    const countries = p.get('countries');
    if (countries !== null)
      state.countries = countries.split(',').filter((c) => /^[A-Za-z_]{2,40}$/.test(c));
  }
  function writeHash() {
    const p = [];
    if (state.asOf) p.push(`as_of=${state.asOf}`);
    p.push(`component=${state.component}`);
    p.push(`countries=${state.countries.join(',')}`);
    if (state.dir !== PAIRS[0].key) p.push(`dir=${state.dir}`);
    if (state.zoom !== 'all') p.push(`zoom=${state.zoom}`);
    history.replaceState(null, '', `#${p.join('&')}`);
  }

  // ------------------------------------------------------------ charts

  const hasChart = () => typeof window.Chart === 'function';

  /* Draws tariff steps: each value holds from valid_from until the next
   * value of its series starts, or until its valid_to; an open-ended last
   * value runs to the edge of the chart. The chart's data keeps exactly one
   * point per fact. */
  const stepPlugin = {
    id: 'pfSteps',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const xs = scales.x;
      const ys = scales.y;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      chart.data.datasets.forEach((ds, i) => {
        if (!ds.pfSteps || !chart.isDatasetVisible(i)) return;
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
      });
      ctx.restore();
    },
  };

  /* Shades a reference range (e.g. developed economies 50–70% of GDP). */
  const bandPlugin = {
    id: 'pfBand',
    beforeDatasetsDraw(chart, args, opts) {
      const bands = (opts && opts.bands) || [];
      const { ctx, chartArea: area, scales } = chart;
      ctx.save();
      for (const b of bands) {
        const top = scales.y.getPixelForValue(b.high);
        const bottom = scales.y.getPixelForValue(b.low);
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
      ctx.restore();
    },
    // the label goes over the lines so that it stays readable
    afterDatasetsDraw(chart, args, opts) {
      const bands = (opts && opts.bands) || [];
      const { ctx, chartArea: area, scales } = chart;
      ctx.save();
      ctx.font = `600 12px ${Chart.defaults.font.family}`;
      ctx.textBaseline = 'top';
      for (const b of bands) {
        const top = scales.y.getPixelForValue(b.high);
        const room = area.right - area.left - 20;
        const text = ctx.measureText(b.label).width <= room ? b.label : b.shortLabel;
        const w = Math.min(ctx.measureText(text).width, room);
        ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
        ctx.fillRect(area.left + 4, top + 3, w + 10, 19);
        ctx.fillStyle = '#23456e';
        ctx.fillText(text, area.left + 9, top + 7, room);
      }
      ctx.restore();
    },
  };

  function setEmpty(canvasId, message) {
    const box = $(`[data-empty="${canvasId}"]`);
    if (!box) return;
    box.textContent = message || '';
    box.hidden = !message;
    box.parentNode.classList.toggle('is-empty', Boolean(message));
  }

  /* Creates the chart once, then swaps its data and options. */
  function drawChart(id, config) {
    if (!hasChart()) return null;
    const canvas = document.getElementById(id);
    let chart = charts[id];
    if (!chart) {
      chart = new Chart(canvas, config);
      charts[id] = chart;
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

  function baseOptions(canvasId) {
    const labels = { boxWidth: 28, boxHeight: 2, padding: 14 };
    const box = document.getElementById(canvasId).parentNode;
    fitLegend(labels, box.clientWidth || 800);
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'nearest', axis: 'xy', intersect: false },
      onResize(chart, size) {
        fitLegend(chart.options.plugins.legend.labels, size.width);
      },
      plugins: {
        legend: {
          position: 'top',
          align: 'start',
          labels,
        },
        tooltip: {
          backgroundColor: 'rgba(20, 27, 38, 0.94)',
          titleFont: { weight: '600' },
          padding: 10,
          displayColors: false,
        },
      },
    };
  }

  // ------------------------------------------------------------ tariffs

  async function loadTariffs() {
    const chartParams = (pair) => {
      const p = {
        imposer: pair.imposer,
        target: pair.target,
        kind: 'average,total',
        from: TARIFF_WINDOW.from,
        to: TARIFF_WINDOW.to,
        limit: 1000,
      };
      // Without a date, the preferred answer to each question; with one,
      // the API itself answers each question as of that day.
      if (state.asOf) p.as_of = state.asOf;
      else p.rank = 'preferred';
      return p;
    };
    const listParams = (pair) => withAsOf({ imposer: pair.imposer, target: pair.target, limit: 1000 });
    const [series, lists] = await Promise.all([
      Promise.all(PAIRS.map((pair) => apiAll('v1/tariffs', chartParams(pair)))),
      Promise.all(PAIRS.map((pair) => apiAll('v1/tariffs', listParams(pair)))),
    ]);
    return () => {
      cache.tariffFacts = new Map();
      series.concat(lists).forEach((list) => list.forEach((f) => cache.tariffFacts.set(f.id, f)));
      cache.tariffLists = lists;
      cache.tariffSeries = series;
      renderTariffChart();
      renderMeasureList();
    };
  }

  function tariffDatasets(series) {
    const sets = [];
    PAIRS.forEach((pair, i) => {
      const byMeasure = new Map();
      for (const f of series[i]) {
        if (!f.valid_from || f.value === null || f.value === undefined) continue;
        if (!byMeasure.has(f.measure)) byMeasure.set(f.measure, []);
        byMeasure.get(f.measure).push(f);
      }
      const rank = (m) => {
        const k = TARIFF_CHART_MEASURES.indexOf(m);
        return k < 0 ? 99 : k;
      };
      const measures = Array.from(byMeasure.keys()).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
      for (const m of measures) {
        const facts = byMeasure.get(m).sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
        const average = facts[0].category === 'average';
        sets.push({
          label: `${pair.name}: ${measureName(m).replace(/ rate$/, '').toLowerCase()}`,
          pfKey: `${pair.key}:${m}`,
          pfSteps: true,
          showLine: false,
          borderColor: pair.color,
          backgroundColor: average ? pair.color : '#ffffff',
          borderWidth: average ? 2.5 : 2,
          borderDash: average ? [] : [7, 4],
          pointStyle: average ? 'circle' : 'rectRot',
          pointRadius: average ? 3 : 4.5,
          pointHoverRadius: 7,
          pointBorderWidth: 2,
          data: facts.map((f) => ({
            x: dayMs(f.valid_from),
            y: f.value,
            end: f.valid_to ? dayMs(f.valid_to) + DAY_MS : null,
            fact: f.id,
          })),
        });
      }
    });
    return sets;
  }

  const ZOOMS = {
    all: { from: 2017, to: 2026, label: '2017–2025' },
    2025: { from: 2025, to: 2026, label: '2025' },
  };

  function renderTariffChart() {
    if (!cache.tariffSeries) return;
    const sets = tariffDatasets(cache.tariffSeries);
    const zoom = ZOOMS[state.zoom] || ZOOMS.all;
    const total = sets.reduce((n, s) => n + s.data.length, 0);
    setEmpty('tariff-chart', total ? '' : state.asOf
      ? `No average or headline rate in this window had been published by ${fmtDate(state.asOf)}.`
      : 'No average or headline rates in this window.');
    const opts = baseOptions('tariff-chart');
    const months = zoom.to - zoom.from === 1;
    $('#tariff-caption').textContent = `Tariff rates in percent, ${zoom.label}, by the day they took effect`;
    opts.scales = {
      x: {
        type: 'linear',
        min: Date.UTC(zoom.from, 0, 1),
        max: Date.UTC(zoom.to, 0, 1),
        afterBuildTicks(axis) {
          axis.ticks = [];
          if (months) for (let m = 0; m <= 12; m++) axis.ticks.push({ value: Date.UTC(zoom.from, m, 1) });
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
      },
      y: {
        beginAtZero: true,
        suggestedMax: 40,
        title: { display: true, text: 'percent' },
        ticks: { callback: (v) => `${v}%` },
        grid: { color: '#e7e9ee' },
      },
    };
    opts.plugins.tooltip.callbacks = {
      title(items) {
        const f = items.length && cache.tariffFacts.get(items[0].raw.fact);
        return f ? validText(f) : '';
      },
      label(ctx) {
        const f = cache.tariffFacts.get(ctx.raw.fact);
        return `${ctx.dataset.label}: ${f ? factValue(f) : `${ctx.raw.y}%`}`;
      },
      afterLabel(ctx) {
        const f = cache.tariffFacts.get(ctx.raw.fact);
        return f ? `Source: ${sourceName(f.source)}` : '';
      },
    };
    drawChart('tariff-chart', {
      type: 'line',
      data: { datasets: sets },
      options: opts,
      plugins: [stepPlugin],
    });

    // text alternative: a summary sentence per series and the full table
    const summary = sets.map((s) => {
      const facts = s.data.map((p) => cache.tariffFacts.get(p.fact));
      const first = facts[0];
      const last = facts[facts.length - 1];
      const peak = facts.reduce((a, b) => (b.value > a.value ? b : a));
      let text = `${s.label}: ${factValue(first)} from ${fmtDate(first.valid_from)}`;
      if (facts.length > 1) {
        if (peak !== first && peak !== last) text += `, highest ${factValue(peak)} (${fmtDate(peak.valid_from)})`;
        text += `, latest ${factValue(last)} from ${fmtDate(last.valid_from)}`;
      }
      return `${text}.`;
    });
    // say so when a direction has no average or headline figure at all
    for (const pair of PAIRS)
      for (const m of TARIFF_CHART_MEASURES)
        if (!sets.some((s) => s.pfKey === `${pair.key}:${m}`))
          summary.push(`${pair.name}: no ${measureName(m).replace(/ rate$/, '').toLowerCase()} in the data${state.asOf ? ` as of ${fmtDate(state.asOf)}` : ''}.`);
    $('#tariff-summary').textContent = sets.length
      ? `${summary.join(' ')} Each figure and its source are in the table below and in the list of measures.`
      : '';

    const rows = [];
    sets.forEach((s) => {
      s.data.forEach((p, k) => {
        const f = cache.tariffFacts.get(p.fact);
        rows.push(h('tr', null,
          k === 0 ? h('th', { scope: 'rowgroup', rowspan: s.data.length }, s.label) : null,
          h('td', null, validText(f)),
          h('td', { class: 'num' }, srcLink(f, factValue(f))),
          h('td', null, sourceName(f.source))));
      });
    });
    replace($('#tariff-table'), rows.length
      ? h('table', { class: 'data-table' },
        h('caption', null, 'Tariff rates plotted above, one row per fact'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Series'), h('th', { scope: 'col' }, 'In effect'),
          h('th', { scope: 'col' }, 'Rate'), h('th', { scope: 'col' }, 'Source'))),
        h('tbody', null, rows))
      : h('p', null, 'No data.'));
  }

  /* The measures of one direction, grouped by category, each question's
   * preferred answer first and other sources' figures beside it. */
  function renderMeasureList() {
    const box = $('#measure-list');
    if (!cache.tariffLists) return;
    const idx = Math.max(0, PAIRS.findIndex((p) => p.key === state.dir));
    const pair = PAIRS[idx];
    const facts = cache.tariffLists[idx];
    const questions = new Map();
    for (const f of facts) {
      const key = [f.object, f.measure, f.series || '', f.valid_from || ''].join('|');
      if (!questions.has(key)) questions.set(key, []);
      questions.get(key).push(f);
    }
    const answers = Array.from(questions.values()).map((list) => {
      list.sort(byRank);
      return { main: list[0], others: list.slice(1) };
    });
    const byCat = new Map();
    for (const a of answers) {
      const cat = a.main.category || 'other';
      if (!byCat.has(cat)) byCat.set(cat, []);
      byCat.get(cat).push(a);
    }
    const catRank = (c) => {
      const k = TARIFF_CATEGORY_ORDER.indexOf(c);
      return k < 0 ? 99 : k;
    };
    const cats = Array.from(byCat.keys()).sort((a, b) => catRank(a) - catRank(b) || (a < b ? -1 : 1));
    const blocks = [];
    for (const cat of cats) {
      const list = byCat.get(cat).sort((a, b) => {
        const sa = a.main.series || '';
        const sb = b.main.series || '';
        if (sa !== sb) return sa < sb ? -1 : 1;
        return (a.main.valid_from || '') < (b.main.valid_from || '') ? -1 : 1;
      });
      const measureIds = Array.from(new Set(list.map((a) => a.main.measure)));
      const title = measureIds.map(measureName).join(', ');
      const desc = measureIds.length === 1 && ref.measures.get(measureIds[0])
        ? ref.measures.get(measureIds[0]).description : null;
      let prevSeries = null;
      const rows = list.map((a) => {
        const f = a.main;
        const newSeries = f.series !== prevSeries;
        prevSeries = f.series;
        return h('tr', { class: newSeries ? 'series-start' : null },
          h('td', { class: 'when' }, validText(f)),
          h('td', { class: 'num' }, srcLink(f, factValue(f))),
          h('td', { class: 'what' },
            h('span', { class: 'label' }, f.label || f.statement || f.series || measureName(f.measure)),
            h('span', { class: 'src-name' }, sourceName(f.source)),
            a.others.length
              ? h('span', { class: 'also' }, 'Also reported: ',
                a.others.map((o, k) => [k ? '; ' : '', srcLink(o, factValue(o)), ` (${sourceName(o.source)})`]))
              : null));
      });
      blocks.push(h('section', { class: 'measure-cat', 'aria-label': title },
        h('h4', null, title, h('span', { class: 'count' }, ` · ${list.length}`)),
        desc ? h('p', { class: 'cat-desc' }, desc) : null,
        h('table', { class: 'ledger' },
          h('thead', { class: 'visually-hidden' }, h('tr', null,
            h('th', { scope: 'col' }, 'In effect'), h('th', { scope: 'col' }, 'Rate'),
            h('th', { scope: 'col' }, 'Measure and source'))),
          h('tbody', null, rows))));
    }
    if (!blocks.length)
      blocks.push(h('p', { class: 'note' }, state.asOf
        ? `No ${pair.name} tariff measure had been published by ${fmtDate(state.asOf)}.`
        : `No ${pair.name} tariff measures.`));
    replace(box, blocks);
    box.setAttribute('aria-label', `Tariff measures, ${pair.name}`);
  }

  // ------------------------------------------------------------ GDP

  function gdpMeasure(component) {
    for (const m of ref.measures.values())
      if (m.category === component && m.code && m.unit === 'percent of GDP') return m;
    return null;
  }
  function countryColor(id, k) {
    return COUNTRY_COLORS[id] || SPARE_COLORS[k % SPARE_COLORS.length];
  }
  function yearOf(period) {
    const [y, m] = String(period).split('-');
    return m ? Number(y) + (Number(m) - 0.5) / 12 : Number(y);
  }

  async function loadGdp() {
    const countries = state.countries.slice();
    const component = state.component;
    const measure = gdpMeasure(component);
    if (!countries.length) return () => renderGdp({ series: [], notes: [], countries, component, measure });
    const [shares, notes] = await Promise.all([
      api('v1/gdp-shares', withAsOf({ country: countries.join(','), component })),
      measure
        ? apiAll('v1/facts', withAsOf({
          kind: 'gdp_share',
          measure: measure.id,
          subject: [GROUP_RANGE_SUBJECT].concat(countries).join(','),
          limit: 1000,
        }))
        : Promise.resolve([]),
    ]);
    // annual figures are the lines; the rest are statements about a period
    const statements = notes.filter((f) => f.period && String(f.period).length > 4);
    return () => renderGdp({ series: shares.data || [], notes: statements, countries, component, measure });
  }

  function renderGdp(d) {
    const order = new Map(d.countries.map((c, k) => [c, k]));
    const series = d.series.slice().sort((a, b) => (order.get(a.country.id) || 0) - (order.get(b.country.id) || 0));
    const compLabel = COMPONENT_LABELS[d.component] || (d.measure ? d.measure.name : d.component);
    const bands = d.notes.filter((f) => f.subject === GROUP_RANGE_SUBJECT && f.value_low !== null && f.value_high !== null);
    const points = d.notes.filter((f) => f.subject !== GROUP_RANGE_SUBJECT && f.value !== null);
    const sourceOf = (s, p) => s.sources.find((x) => x.id === p.source_id) || s.sources[0] || {};
    const pointFact = (s, p) => ({
      id: p.fact_id, value: p.value, qualifier: p.qualifier, unit: 'percent of GDP', source: sourceOf(s, p),
      quote: null,
    });

    const sets = series.map((s, k) => {
      const id = s.country.id;
      const china = id === 'CHN';
      return {
        label: s.country.name || id,
        pfKey: `${id}:${s.measure.id}`,
        pfKind: 'series',
        borderColor: countryColor(id, k),
        backgroundColor: countryColor(id, k),
        borderWidth: china ? 3 : 2,
        pointRadius: china ? 2.5 : 0,
        pointHoverRadius: 5,
        tension: 0,
        data: s.points.map((p) => ({ x: p.year, y: p.value, fact: p.fact_id, source: p.source_id })),
      };
    });
    points.forEach((f) => {
      sets.push({
        label: `${entityName(f.subject)}: ${f.source && f.source.publisher ? 'news report' : 'report'}, ${fmtDate(f.period)}`,
        pfKey: `${f.subject}:${f.measure}:${f.id}`,
        pfKind: 'statement',
        showLine: false,
        pointStyle: 'rectRot',
        pointRadius: 7,
        pointHoverRadius: 9,
        borderColor: '#ffffff',
        borderWidth: 2,
        backgroundColor: countryColor(f.subject, 0),
        data: [{ x: yearOf(f.period), y: f.value, fact: f.id, statement: true }],
      });
    });

    let msg = '';
    if (!d.countries.length) msg = 'Choose at least one country.';
    else if (!series.length && state.asOf)
      msg = `No ${compLabel.toLowerCase()} series in this dataset had been published by ${fmtDate(state.asOf, true)}. ` +
        'Figures whose source carries no publication date are left out of “as of” views rather than guessed.';
    else if (!series.length) msg = 'No data for this selection.';
    setEmpty('gdp-chart', msg);

    const missing = d.countries.filter((c) => !series.some((s) => s.country.id === c));
    const missingBox = $('#gdp-missing');
    if (series.length && missing.length) {
      missingBox.textContent = `No ${compLabel.toLowerCase()} series ${state.asOf ? `known by ${fmtDate(state.asOf)} ` : ''}for: ${missing.map(entityName).join(', ')}.`;
      missingBox.hidden = false;
    } else missingBox.hidden = true;

    const years = series.flatMap((s) => s.points.map((p) => p.year));
    const xs = years.concat(points.map((f) => yearOf(f.period)));
    const opts = baseOptions('gdp-chart');
    opts.scales = {
      x: {
        type: 'linear',
        min: xs.length ? Math.min(...xs) : 2000,
        max: xs.length ? Math.ceil(Math.max(...xs)) : 2025,
        ticks: { stepSize: 1, callback: (v) => (Number.isInteger(v) ? String(v) : ''), maxRotation: 0, autoSkipPadding: 10 },
        grid: { color: '#e7e9ee' },
      },
      y: {
        title: { display: true, text: 'percent of GDP' },
        ticks: { callback: (v) => `${v}%` },
        grid: { color: '#e7e9ee' },
        grace: '4%',
      },
    };
    if (bands.length) {
      opts.scales.y.suggestedMax = Math.max(...bands.map((b) => b.value_high)) + 4;
      opts.scales.y.suggestedMin = Math.min(...bands.map((b) => b.value_low)) - 4;
    }
    opts.plugins.pfBand = {
      bands: bands.map((f) => ({
        low: f.value_low,
        high: f.value_high,
        fact: f.id,
        label: `${entityName(f.subject)}: ${factValue(f, 1)} (${f.source && f.source.publisher ? 'news report' : 'report'}, ${fmtDate(f.period)})`,
        shortLabel: `${entityName(f.subject)}: ${factValue(f, 1)}`,
      })),
    };
    const seriesById = new Map(series.map((s) => [`${s.country.id}:${s.measure.id}`, s]));
    const notesById = new Map(d.notes.map((f) => [f.id, f]));
    opts.plugins.tooltip.callbacks = {
      title(items) {
        const r = items[0] && items[0].raw;
        if (!r) return '';
        if (r.statement) return fmtDate((notesById.get(r.fact) || {}).period);
        return String(r.x);
      },
      label(ctx) {
        const r = ctx.raw;
        if (r.statement) {
          const f = notesById.get(r.fact);
          return `${ctx.dataset.label}: ${factValue(f, 1)}`;
        }
        return `${ctx.dataset.label}: ${fmtNum(r.y, 1)}%`;
      },
      afterLabel(ctx) {
        const r = ctx.raw;
        if (r.statement) {
          const f = notesById.get(r.fact);
          return f && f.quote ? `“${f.quote}”` : '';
        }
        const s = seriesById.get(ctx.dataset.pfKey);
        const src = s && s.sources.find((x) => x.id === r.source);
        return src ? `Source: ${sourceName(src)}` : '';
      },
    };
    opts.plugins.legend.labels.usePointStyle = true;
    opts.plugins.legend.labels.boxHeight = 9;
    opts.plugins.legend.labels.generateLabels = (chart) => {
      const items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
      items.forEach((it) => {
        const ds = chart.data.datasets[it.datasetIndex];
        if (ds.pfKind === 'statement') {
          it.pointStyle = 'rectRot';
          it.fillStyle = ds.backgroundColor;
          it.strokeStyle = ds.backgroundColor;
        } else {
          it.pointStyle = 'line';
          it.lineWidth = 3;
        }
      });
      return items;
    };
    drawChart('gdp-chart', { type: 'line', data: { datasets: sets }, options: opts, plugins: [bandPlugin] });

    // headline figures: China (or the first country) against the range
    const stats = [];
    const lead = series.find((s) => s.country.id === 'CHN') || series[0];
    if (lead && lead.points.length) {
      const p = lead.points[lead.points.length - 1];
      stats.push(statCard(srcLink(pointFact(lead, p), `${fmtNum(p.value, 1)}%`),
        `${lead.country.name}, ${p.year}`, `${compLabel}, share of GDP. ${sourceName(sourceOf(lead, p))}.`));
    }
    for (const f of points)
      stats.push(statCard(srcLink(f, factValue(f, 1)), `${entityName(f.subject)}, ${fmtDate(f.period)}`,
        h('q', null, f.quote), ` — ${sourceName(f.source)}`));
    for (const f of bands)
      stats.push(statCard(srcLink(f, factValue(f, 1)), entityName(f.subject),
        h('q', null, f.quote), ` — ${sourceName(f.source)}`));
    replace($('#gdp-stats'), stats);
    $('#gdp-stats').hidden = !stats.length;

    // text alternative
    const summary = series.map((s) => {
      const a = s.points[0];
      const b = s.points[s.points.length - 1];
      return `${s.country.name}: ${fmtNum(a.value, 1)}% in ${a.year}, ${fmtNum(b.value, 1)}% in ${b.year}.`;
    });
    points.forEach((f) => summary.push(`${entityName(f.subject)} per ${sourceName(f.source)}: ${factValue(f, 1)} (marked with a diamond).`));
    bands.forEach((f) => summary.push(`Shaded band: ${entityName(f.subject).toLowerCase()}, ${factValue(f, 1)}, per ${sourceName(f.source)}.`));
    $('#gdp-caption').textContent = `${compLabel}, share of GDP in percent, by year`;
    $('#gdp-summary').textContent = summary.length ? `${compLabel}. ${summary.join(' ')}` : '';

    // the data table: years down, countries across, every value linked
    const allYears = Array.from(new Set(years)).sort((a, b) => b - a);
    const byYear = series.map((s) => new Map(s.points.map((p) => [p.year, p])));
    replace($('#gdp-table'), series.length
      ? h('table', { class: 'data-table' },
        h('caption', null, `${compLabel}, percent of GDP`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Year'),
          series.map((s) => h('th', { scope: 'col', class: 'num' }, s.country.name)))),
        h('tbody', null, allYears.map((y) => h('tr', null, h('th', { scope: 'row' }, String(y)),
          series.map((s, k) => {
            const p = byYear[k].get(y);
            return h('td', { class: 'num' }, p ? srcLink(pointFact(s, p), fmtNum(p.value, 1)) : '–');
          })))))
      : h('p', null, 'No data.'));
  }

  function statCard(figure, title) {
    return h('div', { class: 'stat' },
      h('p', { class: 'stat-figure' }, figure),
      h('p', { class: 'stat-title' }, title),
      h('p', { class: 'stat-note' }, Array.prototype.slice.call(arguments, 2)));
  }

  // ------------------------------------------------------------ targets

  async function loadTargets() {
    const lists = await Promise.all(PROGRAMMES.map((p) => apiAll('v1/targets', withAsOf({ programme: p, limit: 1000 }))));
    return () => PROGRAMMES.forEach((p, k) => renderProgramme(p, lists[k]));
  }

  /* Emphasises the part of the quote that states the figure. */
  function quoteWithMark(f) {
    const q = f.quote || '';
    const needles = [];
    if (f.value_text) needles.push(f.value_text);
    if (f.value !== null && f.value !== undefined) {
      needles.push(`${f.value} percent`, `${f.value}%`);
      if (f.target_year) needles.push(`${f.value} by ${f.target_year}`);
      needles.push(String(f.value));
    }
    for (const n of needles) {
      const at = q.toLowerCase().indexOf(String(n).toLowerCase());
      if (n && at >= 0) return [q.slice(0, at), h('mark', null, q.slice(at, at + n.length)), q.slice(at + n.length)];
    }
    return q;
  }

  function targetItem(a) {
    const f = a.main;
    const m = ref.measures.get(f.measure);
    // words (a level, a sector) go on their own line; figures sit beside the title
    const words = (f.value === null || f.value === undefined) && f.value_low === null && f.unit !== 'date';
    const title = words
      ? (f.label && f.label.indexOf(':') > 0 ? f.label.slice(0, f.label.indexOf(':')) : m ? m.name : f.label || f.measure)
      : f.label || (m ? m.name : f.measure);
    return h('li', { class: 'target', 'data-fact': f.id },
      h('div', { class: `target-head${words ? ' target-head-words' : ''}` },
        h('span', { class: 'target-title' }, title),
        h('span', { class: 'target-value' }, srcLink(f, factValue(f)))),
      f.quote ? h('blockquote', { cite: f.source && f.source.url ? f.source.url : null }, h('p', null, '“', quoteWithMark(f), '”')) : null,
      h('p', { class: 'target-src' }, srcLink(f, sourceName(f.source), 'src-quiet')),
      a.others.length
        ? h('div', { class: 'also' },
          h('p', { class: 'also-title' }, 'Also reported'),
          h('ul', null, a.others.map((o) => h('li', null,
            srcLink(o, factValue(o)), ': ', h('q', null, o.quote), ` — ${sourceName(o.source)}`))))
        : null);
  }

  function renderProgramme(programme, facts) {
    const box = document.getElementById(`prog-${programme}`);
    const note = $(`[data-note="${programme}"]`);
    const ent = ref.entities.get(programme);
    if (note) note.textContent = ent && ent.notes ? ent.notes : '';
    // one question: measure, deadline and (for lists such as the ten
    // sectors) the label; the preferred answer first
    const groups = new Map();
    for (const f of facts) {
      const key = [f.measure, f.target_year || '', f.rank === 'preferred' ? f.label || f.id : ''].join('|');
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(f);
    }
    const answers = [];
    const orphans = [];
    for (const list of groups.values()) {
      list.sort(byRank);
      if (list[0].rank === 'preferred') answers.push({ main: list[0], others: list.slice(1) });
      else orphans.push(list);
    }
    // a lower-ranked answer with no preferred twin of the same label key
    for (const list of orphans) {
      const twin = answers.find((a) => a.main.measure === list[0].measure &&
        (a.main.target_year || '') === (list[0].target_year || ''));
      if (twin) twin.others = twin.others.concat(list);
      else answers.push({ main: list[0], others: list.slice(1) });
    }
    const dated = answers.filter((a) => a.main.target_year).sort((a, b) =>
      a.main.target_year - b.main.target_year || (a.main.measure < b.main.measure ? -1 : 1));
    const undated = answers.filter((a) => !a.main.target_year);
    const sectors = undated.filter((a) => a.main.measure === 'priority_sector')
      .sort((a, b) => (a.main.id < b.main.id ? -1 : 1));
    const rest = undated.filter((a) => a.main.measure !== 'priority_sector');

    const out = [];
    if (!answers.length) {
      out.push(h('p', { class: 'note' }, state.asOf
        ? `Nothing about this programme in the record as of ${fmtDate(state.asOf)}.`
        : 'No targets recorded.'));
    }
    if (dated.length) {
      const years = Array.from(new Set(dated.map((a) => a.main.target_year)));
      out.push(h('ol', { class: 'timeline', 'aria-label': 'Milestones by deadline' },
        years.map((y) => h('li', { class: 'deadline' },
          h('h4', { class: 'deadline-year' }, h('span', { class: 'visually-hidden' }, 'Deadline '), String(y)),
          h('ul', { class: 'targets' }, dated.filter((a) => a.main.target_year === y).map(targetItem))))));
    }
    if (rest.length) {
      out.push(h('h4', { class: 'sub-h' }, 'Without a deadline'));
      out.push(h('ul', { class: 'targets' }, rest.map(targetItem)));
    }
    if (sectors.length) {
      const quotes = Array.from(new Set(sectors.map((a) => a.main.quote).filter(Boolean)));
      const first = sectors[0].main;
      out.push(h('h4', { class: 'sub-h' }, `Priority sectors (${sectors.length})`));
      out.push(h('ol', { class: 'sectors' }, sectors.map((a) => h('li', null, srcLink(a.main, a.main.value_text || a.main.label)))));
      if (quotes.length === 1)
        out.push(h('blockquote', { class: 'sector-quote', cite: first.source && first.source.url ? first.source.url : null },
          h('p', null, `“${quotes[0]}”`)),
        h('p', { class: 'target-src' }, srcLink(first, sourceName(first.source), 'src-quiet')));
    }
    replace(box, out);
  }

  // ------------------------------------------------------------ controls

  function updateAsOfStatus() {
    const status = $('#asof-status');
    status.textContent = state.asOf
      ? `Showing the public record as of ${fmtDate(state.asOf, true)}.`
      : 'Showing everything known now.';
    document.body.classList.toggle('has-asof', Boolean(state.asOf));
    $('#as-of').value = state.asOf;
    $('#asof-latest').disabled = !state.asOf;
  }

  function buildComponentSelect() {
    const sel = $('#gdp-component');
    const comps = Array.from(ref.gdpAvailable.keys()).sort((a, b) => {
      const ia = COMPONENT_ORDER.indexOf(a);
      const ib = COMPONENT_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
    });
    if (!comps.includes(state.component) && comps.length) state.component = comps[0];
    replace(sel, comps.map((c) => h('option', { value: c, selected: c === state.component },
      COMPONENT_LABELS[c] || (gdpMeasure(c) || {}).name || c)));
  }

  function buildCountryChecks() {
    const box = $('#gdp-country-checks');
    const known = new Set(ref.gdpCountries.map((c) => c.id));
    state.countries = state.countries.filter((c) => known.has(c));
    replace(box, ref.gdpCountries.map((c) => {
      const id = `country-${c.id}`;
      return h('span', { class: 'check' },
        h('input', { type: 'checkbox', id, value: c.id, checked: state.countries.includes(c.id) }),
        h('label', { for: id },
          h('span', { class: 'swatch', style: `--c:${countryColor(c.id, 0)}`, 'aria-hidden': 'true' }),
          c.name));
    }));
  }

  function wireControls() {
    $('#as-of').max = new Date().toISOString().slice(0, 10);
    const apply = () => {
      const v = $('#as-of').value;
      if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
      if (v === state.asOf) return;
      state.asOf = v;
      writeHash();
      loadAll();
    };
    $('#as-of').addEventListener('change', apply);
    $('#asof-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      apply();
    });
    $('#asof-latest').addEventListener('click', () => {
      $('#as-of').value = '';
      apply();
      $('#as-of').focus();
    });
    document.querySelectorAll('input[name="dir"]').forEach((r) => {
      r.checked = r.value === state.dir;
      r.addEventListener('change', () => {
        if (!r.checked) return;
        state.dir = r.value;
        writeHash();
        renderMeasureList();
      });
    });
    document.querySelectorAll('input[name="zoom"]').forEach((r) => {
      r.checked = r.value === state.zoom;
      r.addEventListener('change', () => {
        if (!r.checked) return;
        state.zoom = r.value;
        writeHash();
        renderTariffChart();
      });
    });
    $('#gdp-component').addEventListener('change', (ev) => {
      state.component = ev.target.value;
      writeHash();
      run('gdp', loadGdp);
    });
    $('#gdp-country-checks').addEventListener('change', () => {
      state.countries = Array.from(document.querySelectorAll('#gdp-country-checks input:checked')).map((i) => i.value);
      writeHash();
      run('gdp', loadGdp);
    });
  }

  // ------------------------------------------------------------ start

  async function loadReference() {
    const [index, dataset, measures, entities, latest] = await Promise.all([
      api('v1'),
      api('v1/dataset'),
      apiAll('v1/measures', { limit: 1000 }),
      apiAll('v1/entities', { limit: 1000 }),
      api('v1/gdp-shares', { latest: 1 }),
    ]);
    measures.forEach((m) => ref.measures.set(m.id, m));
    entities.forEach((e) => ref.entities.set(e.id, e));
    const names = new Map();
    for (const s of latest.data || []) {
      if (!ref.gdpAvailable.has(s.component)) ref.gdpAvailable.set(s.component, new Set());
      ref.gdpAvailable.get(s.component).add(s.country.id);
      names.set(s.country.id, s.country.name);
    }
    const typeRank = (id) => (id === 'CHN' ? 0 : (ref.entities.get(id) || {}).type === 'country' ? 1 : 2);
    ref.gdpCountries = Array.from(names.entries())
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => typeRank(a.id) - typeRank(b.id) || a.name.localeCompare(b.name));
    const c = dataset.counts || {};
    replace($('#dataset-line'),
      `${index.name || 'policyfacts'} · dataset `, h('a', { href: 'v1/dataset' }, dataset.version),
      `, built ${fmtDate((dataset.build_time || '').slice(0, 10), true)}: ${c.facts} facts from ${c.sources} sources. `,
      'Quotations are short extracts for citation; each source keeps its own licence.');
  }

  async function start() {
    readHash();
    if (hasChart()) {
      const css = getComputedStyle(document.body);
      Chart.defaults.font.family = css.fontFamily;
      Chart.defaults.font.size = 12;
      Chart.defaults.color = '#47505c';
    } else {
      showError(null, new Error('the chart library (vendor/chart.js) did not load; the tables below still hold every figure'));
    }
    setBusy(1);
    try {
      await loadReference();
      buildComponentSelect();
      buildCountryChecks();
      wireControls();
      await loadAll();
    } catch (err) {
      showError(null, err);
      console.error('policyfacts dashboard:', err);
    } finally {
      setBusy(-1);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
