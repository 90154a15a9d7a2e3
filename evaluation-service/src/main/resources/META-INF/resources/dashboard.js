// The dashboard of the evaluation service: tables, training curves and a question viewer, fed by the REST API
// and kept current by server-sent events (/api/dashboard-events). Plain DOM and SVG: nothing loaded from elsewhere.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
  '#bcbd22', '#7f7f7f'];
const state = { evaluations: new Map(), anchors: [], runs: new Map(), progress: [], selectedRun: null,
  viewerPair: null, viewerQid: null };

const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const fmt = v => (v === null || v === undefined) ? '' : Number(v).toFixed(2);
const pairKey = e => e.modelVersion + '|' + e.split;

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(path + ': HTTP ' + response.status);
  }
  return response.json();
}

// ---- metric tables ----
function renderTables() {
  const target = document.getElementById('tables');
  const events = [...state.evaluations.values()].sort((a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || ''));
  if (!events.length) {
    target.className = 'empty';
    target.textContent = 'Waiting for predictions on rex.predictions…';
    return;
  }
  target.className = '';
  target.innerHTML = events.map(tableHtml).join('');
}

function tableHtml(e) {
  const c = e.counts;
  const anchorHead = state.anchors.map(a => `<th title="${esc(a.source)}">${esc(a.model)}<br><small>published, real GQA</small></th>`).join('');
  const rows = (e.metrics || []).map(m => `<tr data-metric="${esc(m.name)}"><td>${esc(m.name)}</td>
      <td class="num">${fmt(m.value)}</td>${state.anchors.map(a => `<td class="anchor">${fmt(a.metrics[m.name])}</td>`).join('')}
      <td class="note">${esc(m.note)}</td></tr>`).join('');
  const body = rows ? `<table class="metrics"><tr><th>metric</th><th>score</th>${anchorHead}<th>note</th></tr>${rows}</table>`
    : '<p class="empty">No table yet: the run follows the quiet period after the last prediction.</p>';
  return `<div class="evaluation" data-pair="${esc(pairKey(e))}">
    <h3>${esc(e.modelName || 'model')} ${esc(e.modelVersion)} / ${esc(e.split)}
      <span class="status ${esc(e.status)}">${esc(e.status)}</span></h3>
    <div class="meta">${c.predictions} predictions of ${c.references} questions with a reference; ${c.scored} scored,
      ${c.empty} empty, ${c.missing} missing, ${c.noReference} without an explained reference.
      ${e.runId ? 'Run ' + esc(e.runId) + ' (' + esc(e.trigger) + ')' : ''}
      ${e.startedAt ? ', started ' + esc(e.startedAt) : ''}${e.finishedAt ? ', finished ' + esc(e.finishedAt) : ''}.
      ${e.error ? '<br>Error: ' + esc(e.error) : ''}</div>${body}</div>`;
}

// ---- training curves ----
function renderRunSelect() {
  const select = document.getElementById('training-run');
  const runs = [...state.runs.values()];
  select.innerHTML = runs.map(r => `<option value="${esc(r.runId)}">${esc(r.modelName)} ${esc(r.runId)} (${esc(r.phase)})</option>`).join('');
  if (state.selectedRun) {
    select.value = state.selectedRun;
  }
}

async function selectRun(runId) {
  state.selectedRun = runId;
  state.progress = runId ? await getJson('api/training-progress/' + encodeURIComponent(runId)) : [];
  renderCharts();
}

function renderCharts() {
  const steps = state.progress.filter(t => t.phase === 'TRAINING' && t.losses && Object.keys(t.losses).length);
  const lossNames = [...new Set(steps.flatMap(t => Object.keys(t.losses)))];
  const lossSeries = lossNames.map(name => ({ name, points: steps.filter(t => t.losses[name] !== undefined)
    .map(t => [t.step, t.losses[name]]) }));
  lineChart(document.getElementById('loss-chart'), lossSeries, 'step');
  const epochs = state.progress.filter(t => t.valMetrics && Object.keys(t.valMetrics).length);
  const valNames = [...new Set(epochs.flatMap(t => Object.keys(t.valMetrics)))];
  const valSeries = valNames.map(name => ({ name, points: epochs.map(t => [t.epoch, t.valMetrics[name]]) }));
  lineChart(document.getElementById('val-chart'), valSeries, 'epoch');
  const last = state.progress[state.progress.length - 1];
  document.getElementById('training-meta').textContent = last ? `${last.phase}: ${last.message || ''}` : '';
}

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

function lineChart(root, series, xLabel) {
  while (root.firstChild) {
    root.removeChild(root.firstChild);
  }
  const W = 480, H = 240, L = 44, R = 110, T = 10, B = 28;
  const all = series.flatMap(s => s.points);
  if (!all.length) {
    root.appendChild(svg('text', { x: 20, y: 120 }, 'no data yet'));
    return;
  }
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(0, ...ys), y1 = Math.max(...ys);
  if (x1 === x0) { x1 = x0 + 1; }
  if (y1 === y0) { y1 = y0 + 1; }
  const sx = x => L + (x - x0) / (x1 - x0) * (W - L - R);
  const sy = y => H - B - (y - y0) / (y1 - y0) * (H - T - B);
  root.appendChild(svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }));
  root.appendChild(svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }));
  root.appendChild(svg('text', { x: L, y: H - 8 }, String(x0)));
  root.appendChild(svg('text', { x: W - R - 20, y: H - 8 }, String(x1)));
  root.appendChild(svg('text', { x: (W - R) / 2, y: H - 8 }, xLabel));
  root.appendChild(svg('text', { x: 2, y: T + 8 }, y1.toPrecision(3)));
  root.appendChild(svg('text', { x: 2, y: H - B }, y0.toPrecision(3)));
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points.map((p, j) => (j ? 'L' : 'M') + sx(p[0]).toFixed(1) + ' ' + sy(p[1]).toFixed(1)).join(' ');
    root.appendChild(svg('path', { d, class: 'line', stroke: color, 'data-series': s.name }));
    s.points.forEach(p => root.appendChild(svg('circle', { cx: sx(p[0]).toFixed(1), cy: sy(p[1]).toFixed(1), r: 2, fill: color })));
    root.appendChild(svg('text', { x: W - R + 8, y: T + 12 + 14 * i, fill: color }, s.name));
  });
}

// ---- question viewer ----
function renderPairSelect() {
  const select = document.getElementById('viewer-pair');
  const pairs = [...state.evaluations.values()].filter(e => e.counts.predictions > 0);
  const current = state.viewerPair;
  select.innerHTML = pairs.map(e => `<option value="${esc(pairKey(e))}">${esc(e.modelVersion)} / ${esc(e.split)}</option>`).join('');
  if (current && pairs.some(e => pairKey(e) === current)) {
    select.value = current;
  } else if (pairs.length) {
    selectPair(pairKey(pairs[0])).catch(report);
  }
}

async function selectPair(key) {
  state.viewerPair = key;
  const e = state.evaluations.get(key);
  if (!e) {
    return;
  }
  const qids = await getJson(`api/questions?modelVersion=${encodeURIComponent(e.modelVersion)}&split=${encodeURIComponent(e.split)}&limit=200`);
  const select = document.getElementById('viewer-qid');
  select.innerHTML = qids.map(q => `<option value="${esc(q)}">${esc(q)}</option>`).join('');
  if (qids.length) {
    const pick = qids.find(q => q === state.viewerQid) || qids[0];
    select.value = pick;
    await selectQuestion(pick);
  }
}

async function selectQuestion(qid) {
  state.viewerQid = qid;
  const e = state.evaluations.get(state.viewerPair);
  const view = await getJson(`api/questions/${encodeURIComponent(qid)}?modelVersion=${encodeURIComponent(e.modelVersion)}`);
  renderQuestion(view);
}

function regionColor(index) {
  return COLORS[index % COLORS.length];
}

function renderQuestion(view) {
  const p = view.prediction, ref = view.reference, g = ref ? ref.groundingReference : null;
  const target = document.getElementById('question');
  target.className = 'question';
  const boxOf = new Map((p.regions || []).map(r => [r.region, r.box]));
  if (g) {
    g.detected.forEach((b, k) => { if (!boxOf.has(k)) { boxOf.set(k, b); } });
  }
  const mentioned = [...new Set(p.explanation.filter(t => /^#\d+$/.test(t)).map(t => Number(t.slice(1))))];
  const words = p.explanation.map(t => {
    const m = /^#(\d+)$/.exec(t);
    return m ? `<span class="region" data-region="${m[1]}" style="color:${regionColor(mentioned.indexOf(Number(m[1])))};`
      + `background:${regionColor(mentioned.indexOf(Number(m[1])))}22">${esc(t)}</span>` : esc(t);
  }).join(' ');
  const text = document.createElement('div');
  text.className = 'text';
  text.innerHTML = `<div><b>Q</b> ${esc(ref ? ref.question : '(question text not received)')}</div>
    <div><b>answer</b> ${esc(p.answer)} <span class="meta">(probability ${Number(p.confidence).toFixed(3)})</span>
      ${ref && ref.answer ? `<span class="meta">— reference: ${esc(ref.answer)}</span>` : ''}</div>
    <div class="explanation" id="explanation">${words || '<span class="empty">(empty explanation)</span>'}</div>
    ${ref && ref.convertedExplanation ? `<div class="meta">reference explanation: ${esc(ref.convertedExplanation)}</div>` : ''}
    <div class="legend">coloured: the regions the explanation names, drawn in the same colour; dashed: the question's
      annotated objects (grounding reference)${view.imageUrl ? '' : '; grey: the image extent (no image folder configured)'}.</div>`;
  target.replaceChildren(text, frame(view, g, boxOf, mentioned));
}

function frame(view, g, boxOf, mentioned) {
  let width = g ? g.imageWidth : 0, height = g ? g.imageHeight : 0;
  if (!width || !height) {
    boxOf.forEach(b => { width = Math.max(width, b.x2); height = Math.max(height, b.y2); });
  }
  width = width || 100;
  height = height || 100;
  const scale = Math.min(480 / width, 360 / height);
  const root = svg('svg', { id: 'frame', class: 'frame', width: Math.round(width * scale), height: Math.round(height * scale),
    viewBox: `0 0 ${width} ${height}` });
  if (view.imageUrl) {
    root.appendChild(svg('image', { href: view.imageUrl, x: 0, y: 0, width, height }));
  }
  (g ? g.annotated : []).forEach(o => root.appendChild(svg('rect', { class: 'annotated', x: o.x, y: o.y,
    width: o.w, height: o.h, 'data-object': o.objectId })));
  mentioned.forEach((k, i) => {
    const b = boxOf.get(k);
    if (!b) {
      return;
    }
    const color = regionColor(i);
    root.appendChild(svg('rect', { class: 'region', x: b.x1, y: b.y1, width: b.x2 - b.x1, height: b.y2 - b.y1,
      stroke: color, fill: color, 'data-region': k }));
    root.appendChild(svg('text', { x: b.x1 + 3, y: b.y1 + 14 / scale, fill: color, 'font-size': 12 / scale }, '#' + k));
  });
  return root;
}

// ---- live feed ----
function connect() {
  const live = document.getElementById('live');
  const source = new EventSource('api/dashboard-events');
  source.addEventListener('open', () => { live.className = 'live on'; live.textContent = 'live'; });
  source.addEventListener('error', () => { live.className = 'live off'; live.textContent = 'reconnecting…'; });
  source.addEventListener('evaluation', message => {
    const e = JSON.parse(message.data);
    const known = state.evaluations.has(pairKey(e));
    state.evaluations.set(pairKey(e), e);
    renderTables();
    if (!known || !state.viewerPair) {
      renderPairSelect();
    }
  });
  source.addEventListener('training', message => {
    const t = JSON.parse(message.data);
    const known = state.runs.has(t.runId);
    state.runs.set(t.runId, t);
    if (!state.selectedRun) {
      state.selectedRun = t.runId;
    }
    if (!known) {
      renderRunSelect();
    }
    if (t.runId === state.selectedRun) {
      state.progress.push(t);
      renderCharts();
    }
  });
}

function report(error) {
  const target = document.getElementById('tables');
  const p = document.createElement('p');
  p.className = 'meta';
  p.textContent = 'Could not load: ' + error.message;
  target.appendChild(p);
}

async function start() {
  document.getElementById('training-run').addEventListener('change', ev => selectRun(ev.target.value).catch(report));
  document.getElementById('viewer-pair').addEventListener('change', ev => selectPair(ev.target.value).catch(report));
  document.getElementById('viewer-qid').addEventListener('change', ev => selectQuestion(ev.target.value).catch(report));
  const [anchors, states, runs] = await Promise.all([getJson('api/published-anchors'), getJson('api/evaluation-states'),
    getJson('api/training-progress')]);
  state.anchors = anchors;
  states.forEach(e => state.evaluations.set(pairKey(e), e));
  runs.forEach(r => state.runs.set(r.runId, r));
  renderTables();
  renderRunSelect();
  if (runs.length) {
    await selectRun(runs[0].runId);
  } else {
    renderCharts();
  }
  renderPairSelect();
  connect();
}

start().catch(report);
