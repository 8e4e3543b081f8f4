// roadstream dashboard: the network coloured by Level of Service, live from /api/stream. Vanilla JS, no build step.
// Made to stay open all day: it reconnects its stream after a server restart, says when the stream is down or the data
// stale, and holds a bounded amount of everything (one chart, the open jams, incidents and alerts, a row per segment).
(function () {
  'use strict';

  var LOS_COLOURS = { A: '#1a7f3c', B: '#5fb84a', C: '#c8d84a', D: '#f2a93b', E: '#e4572e', F: '#9e1b1b' };
  var NO_DATA = '#56606b';
  var JAM_COLOUR = '#ff4d3d';
  var WEIGHT = { motorway: 5, expressway: 4.5, arterial: 3.5, collector: 3 };
  var HIT_WEIGHT = 12;                 // the invisible line over each segment that takes clicks and hovers
  var STALE_AFTER_MS = 120 * 1000;     // no new window for this long (or three windows, if longer): say so
  var OLD_WINDOW_MS = 10 * 60 * 1000;  // a segment whose window is this far behind the newest is drawn faded
  var LIST_POLL_MS = 5000;             // jams, incidents, alerts and signal plans are polled; segment stats stream
  var FETCH_TIMEOUT_MS = 10000;        // a request the server does not answer is given up, not left hanging
  var STREAM_SILENT_MS = 20000;        // the server sends a status every 3 s: this long without a word, reconnect
  var RECONNECT_MIN_MS = 1000;
  var RECONNECT_MAX_MS = 15000;
  var CHART_HOURS = 3;                 // a segment's chart covers this much traffic time before the newest window
  var CLEARED_VISIBLE_MS = 10 * 60 * 1000; // a cleared incident stays on the map this long in traffic (event) time
  var ALERTS_SHOWN = 8;
  var JAMS_SHOWN = 10;
  var INCIDENTS_SHOWN = 10;
  var PHASE_COLOURS = ['#6fb3d2', '#b48ead', '#8fbf6a', '#e0c26b'];
  var LOST_TIME_COLOUR = '#3a4652';
  var INCIDENT_COLOURS = { DETECTED: '#f0a04b', CONFIRMED: '#d0463c', CLEARED: '#7f8c99' };

  var map = L.map('map', { zoomControl: true, attributionControl: false, zoomSnap: 0.25 });
  // SVG rather than canvas: a hundred-odd lines are cheap, and each is an element a test (or a screen reader) can find
  var renderer = L.svg({ padding: 0.5 });
  map.createPane('jams').style.zIndex = 390; // a glow under the coloured lines, not over them
  var jamRenderer = L.svg({ padding: 0.5, pane: 'jams' });
  var jamLayer = L.layerGroup().addTo(map);
  var incidentLayer = L.layerGroup().addTo(map);

  var segments = {};        // id -> { feature, line, hit, baseLatLngs, stats }
  var segmentCount = 0;
  var intersections = {};   // id -> { feature, marker, plan }
  var incidentMarkers = {}; // incident id -> circle marker, kept so an open popup survives a refresh
  var incidentLinkFollowed = false;
  var selectedId = null;
  var selectedIntersectionId = null;
  var lastArrival = 0;      // Date.now() of the newest stats row received
  var newestWindowEnd = 0;
  var windowMs = 60000;     // the length of a statistics window, learnt from the rows
  var loaded = false;       // the live picture has been read once
  var jams = [];            // the open jams, from /api/jams
  var jamSignature = '';
  var seenAlerts = {};      // alert ids shown at the last poll, to mark the new ones
  var polling = false;
  var chart = null;         // the selected segment's chart: { segmentId, rows: {windowStart ms: row}, plots }
  var stream = { source: null, state: 'connecting', lastMessage: 0, attempts: 0, downSince: 0, retryAt: 0, timer: null };

  function $(id) { return document.getElementById(id); }
  window.addEventListener('error', function (e) { // show what broke rather than a silently frozen map
    message('Dashboard error: ' + e.message);
  });
  function message(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function num(v, digits) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    return Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) : '–';
  }
  function colour(stats) { return stats && stats.los ? LOS_COLOURS[stats.los] : NO_DATA; }

  /** GET a JSON resource, given up after FETCH_TIMEOUT_MS so a hung server cannot pile requests up. */
  function getJson(url) {
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, FETCH_TIMEOUT_MS);
    return fetch(url, { signal: ctrl.signal, cache: 'no-store' }).then(function (r) {
      // the server wants a token (server.readToken): its sign-in page sets the cookie this page's requests carry
      if (r.status === 401) { window.location.assign('/login.html'); }
      if (!r.ok) { throw new Error('HTTP ' + r.status + ' from ' + url); }
      return r.json();
    }).finally(function () { clearTimeout(timer); });
  }

  // ---- legend -------------------------------------------------------------------------------------------------
  (function legend() {
    var html = '<div class="title">Level of service</div>';
    Object.keys(LOS_COLOURS).forEach(function (k) {
      html += '<div class="row" data-los="' + k + '"><span class="swatch" style="background:' + LOS_COLOURS[k] + '"></span>' + k +
        ({ A: ' free flow', C: ' stable', E: ' at capacity', F: ' breakdown' }[k] || '') + '</div>';
    });
    html += '<div class="row" data-los="none"><span class="swatch" style="background:' + NO_DATA + '"></span>no data</div>';
    html += '<div class="row"><span class="swatch glow" style="background:' + JAM_COLOUR + '"></span>jam</div>';
    html += '<div class="title second">Signals</div>' +
      '<div class="row"><span class="pin" style="background:' + PHASE_COLOURS[0] + '"></span>plan in force</div>' +
      '<div class="row"><span class="pin" style="background:var(--warn)"></span>oversaturated</div>' +
      '<div class="row"><span class="pin hollow"></span>no plan yet</div>';
    html += '<div class="title second">Incidents</div>' + Object.keys(INCIDENT_COLOURS).map(function (k) {
      return '<div class="row"><span class="pin" style="background:' + INCIDENT_COLOURS[k] + '"></span>' + k.toLowerCase() + '</div>';
    }).join('');
    $('legend').innerHTML = html;
  })();

  // ---- geometry: draw each direction beside the centre line, to the right of travel --------------------------
  function offsetLatLngs(latlngs, px) {
    var pts = latlngs.map(function (ll) { return map.latLngToLayerPoint(ll); });
    var out = [];
    for (var i = 0; i < pts.length; i++) {
      var a = pts[Math.max(0, i - 1)], b = pts[Math.min(pts.length - 1, i + 1)];
      var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      // screen y grows downwards, so (-dy, dx) is the right-hand side of the direction of travel
      out.push(map.layerPointToLatLng(L.point(pts[i].x - dy / len * px, pts[i].y + dx / len * px)));
    }
    return out;
  }
  function weightOf(seg) { return WEIGHT[seg.feature.properties.roadClass] || 3; }
  function redraw() {
    Object.keys(segments).forEach(function (id) {
      var seg = segments[id];
      var shifted = offsetLatLngs(seg.baseLatLngs, weightOf(seg) / 2 + 1.5);
      seg.line.setLatLngs(shifted);
      seg.hit.setLatLngs(shifted);
    });
    jamSignature = '';
    drawJams();
  }
  function style(seg) {
    var old = seg.stats && newestWindowEnd - Date.parse(seg.stats.windowEnd) > OLD_WINDOW_MS;
    var selected = seg.feature.properties.id === selectedId;
    return {
      color: colour(seg.stats),
      weight: weightOf(seg) + (selected ? 3 : 0),
      opacity: old ? 0.45 : 0.95,
      lineCap: 'butt'
    };
  }
  function restyle(seg) {
    seg.line.setStyle(style(seg));
    seg.line.getElement().setAttribute('data-los', seg.stats && seg.stats.los ? seg.stats.los : 'none');
  }

  // ---- text ---------------------------------------------------------------------------------------------------
  function losBadge(stats) {
    return stats && stats.los ? '<span class="los" style="background:' + colour(stats) + '">' + stats.los + '</span>' : '';
  }
  function tooltip(seg) {
    var p = seg.feature.properties, s = seg.stats;
    return '<b>' + esc(p.name) + '</b><br>' + losBadge(s) +
      (s ? num(s.avgSpeedKmh, 0) + ' km/h · ' + num(s.flowVehPerHour, 0) + ' veh/h' : 'no data') +
      '<br><span class="sub">click for the last ' + CHART_HOURS + ' hours</span>';
  }
  function table(rows) {
    return '<table>' + rows.map(function (r) { return '<tr><td>' + r[0] + '</td><td>' + r[1] + '</td></tr>'; }).join('') + '</table>';
  }
  function segmentInfo(seg) {
    var p = seg.feature.properties, s = seg.stats || {};
    return '<h2>' + esc(p.name) + '</h2><div class="sub">' + esc(p.id) + ' · ' + esc(p.roadClass) + ', ' + p.lanes +
      ' lane' + (p.lanes === 1 ? '' : 's') + ', ' + num(p.lengthM, 0) + ' m</div>' + table([
      ['Level of service', s.los ? '<span class="panel-los" style="background:' + colour(s) + '">' + s.los + '</span>' : '–'],
      ['Speed', num(s.avgSpeedKmh, 1) + ' km/h <span class="muted">of ' + num(p.freeFlowKmh, 0) + ' free-flow</span>'],
      ['Flow', num(s.flowVehPerHour, 0) + ' veh/h'],
      ['Occupancy', s.occupancy === null || s.occupancy === undefined ? '–' : num(s.occupancy * 100, 1) + ' %'],
      ['Density', num(s.densityVehPerKmPerLane, 1) + ' veh/km/lane'],
      ['Travel time', num(s.travelTimeS, 0) + ' s'],
      ['Samples', s.segmentId ? num(s.detectorSamples, 0) + ' detector · ' + num(s.probeSamples, 0) + ' probe' : '–'],
      ['Window', s.windowStart ? time(s.windowStart) + ' – ' + time(s.windowEnd) : '–']
    ]);
  }
  function showPanel(infoHtml) {
    $('panel-info').innerHTML = infoHtml;
    $('panel').hidden = false;
    $('hint').hidden = true;
    $('sidebar').scrollTop = 0;
  }
  function hidePanel() {
    closeChart();
    $('panel').hidden = true;
    $('hint').hidden = false;
  }
  function select(id) {
    var previous = selectedId;
    selectedId = id && segments[id] ? id : null;
    if (selectedId) { selectIntersection(null, true); }
    if (previous && segments[previous]) { restyle(segments[previous]); }
    if (!selectedId) {
      if (previous) { hidePanel(); }
      return;
    }
    var seg = segments[selectedId];
    restyle(seg);
    seg.line.bringToFront();
    showPanel(segmentInfo(seg));
    if (!chart || chart.segmentId !== selectedId) { openChart(seg); }
  }
  $('panel-close').onclick = function () { select(null); selectIntersection(null); };

  // ---- a segment's last hours: speed against free-flow, flow and occupancy (uPlot, from PostgreSQL) ----------
  function closeChart() {
    if (chart) { chart.plots.forEach(function (u) { u.destroy(); }); }
    chart = null;
    $('panel-chart').innerHTML = '';
    $('panel-chart').removeAttribute('data-segment-id');
    $('panel-chart').removeAttribute('data-points');
  }
  function openChart(seg) {
    closeChart();
    var id = seg.feature.properties.id;
    var c = { segmentId: id, rows: {}, plots: [], loaded: false, freeFlowKmh: seg.feature.properties.freeFlowKmh };
    chart = c;
    var box = $('panel-chart');
    box.setAttribute('data-segment-id', id);
    box.innerHTML = '<div class="chart-head"><span>Last ' + CHART_HOURS + ' hours</span><span id="chart-range" class="muted"></span></div>' +
      '<div id="chart-note" class="note">Loading the history…</div>';
    if (!loaded) {
      // "the last hours" are the traffic's (a replay or the demo runs in its own time): wait for the live picture
      c.pending = true;
      return;
    }
    var end = newestWindowEnd || Date.now();
    var from = new Date(end - CHART_HOURS * 3600 * 1000).toISOString();
    getJson('/api/segments/' + encodeURIComponent(id) + '/stats?from=' + encodeURIComponent(from) +
        '&to=' + encodeURIComponent(new Date(end).toISOString())).then(function (body) {
      if (chart !== c) { return; } // another segment was chosen meanwhile
      body.stats.forEach(function (s) { // a row the stream brought meanwhile is as new or newer
        var start = Date.parse(s.windowStart);
        if (!c.rows[start]) { c.rows[start] = s; }
      });
      c.loaded = true;
      drawChart(c);
    }).catch(function (e) {
      if (chart === c) { $('chart-note').textContent = 'Cannot load the history: ' + e.message; }
    });
  }
  /** Columns for uPlot: one x per window from the first to the last, null where a window has no row (a gap). */
  function chartData(c) {
    var starts = Object.keys(c.rows).map(Number).sort(function (a, b) { return a - b; });
    var xs = [], speed = [], free = [], flow = [], occ = [];
    if (starts.length === 0) { return { points: 0, data: [xs, speed, free, flow, occ] }; }
    var step = Date.parse(c.rows[starts[0]].windowEnd) - starts[0] || windowMs;
    var i = 0;
    for (var t = starts[0]; t <= starts[starts.length - 1] && xs.length < 5000; t += step) {
      while (i < starts.length && starts[i] < t) { i++; } // rows off the grid (the window length changed) are skipped
      var row = starts[i] === t ? c.rows[t] : null;
      xs.push(t / 1000);
      speed.push(row ? row.avgSpeedKmh : null);
      free.push(c.freeFlowKmh);
      flow.push(row ? row.flowVehPerHour : null);
      occ.push(row && row.occupancy !== null ? row.occupancy * 100 : null);
    }
    return { points: starts.length, data: [xs, speed, free, flow, occ] };
  }
  function axis(label, scale, side, blank) {
    var a = { scale: scale, side: side, label: label, stroke: '#9aa7b4', labelSize: 18, size: side === 3 ? 54 : 44,
      grid: { show: side === 3, stroke: '#26303b', width: 1 }, ticks: { stroke: '#26303b', width: 1 } };
    if (blank) { a.values = function () { return []; }; a.ticks = { show: false }; }
    return a;
  }
  function drawChart(c) {
    var cd = chartData(c);
    var box = $('panel-chart');
    box.setAttribute('data-points', String(cd.points));
    $('chart-note').textContent = cd.points === 0
      ? 'No statistics for this segment in the last ' + CHART_HOURS + ' hours.'
      : 'Dashed: the free-flow speed, ' + num(c.freeFlowKmh, 0) + ' km/h. Times are window starts.';
    $('chart-range').textContent = cd.points ? time(new Date(cd.data[0][0] * 1000)) + ' – ' +
      time(new Date(cd.data[0][cd.data[0].length - 1] * 1000)) : '';
    if (c.plots.length) {
      c.plots[0].setData([cd.data[0], cd.data[1], cd.data[2]]);
      c.plots[1].setData([cd.data[0], cd.data[3], cd.data[4]]);
      showNewest(c, cd);
      return;
    }
    if (cd.points === 0) { return; }
    var width = Math.max(240, box.clientWidth || 380);
    var sync = uPlot.sync('segment');
    var common = { width: width, height: 120, cursor: { sync: { key: sync.key } }, legend: { live: true } };
    var hhmm = uPlot.fmtDate('{HH}:{mm}');
    var xAxis = { stroke: '#9aa7b4', grid: { stroke: '#26303b', width: 1 }, ticks: { stroke: '#26303b', width: 1 },
      incrs: [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400], // whole minutes: windows are
      values: function (u, splits) { return splits.map(function (v) { return hhmm(new Date(v * 1000)); }); } };
    var xSeries = { value: '{HH}:{mm}' };
    var speedEl = document.createElement('div');
    speedEl.className = 'chart chart-speed';
    var flowEl = document.createElement('div');
    flowEl.className = 'chart chart-flow';
    box.insertBefore(flowEl, $('chart-note'));
    box.insertBefore(speedEl, flowEl);
    var maxSpeed = Math.max(c.freeFlowKmh || 0, Math.max.apply(null, cd.data[1].filter(function (v) { return v !== null; }))) || 130;
    c.plots.push(new uPlot(L.extend({}, common, {
      scales: { x: { time: true }, kmh: { range: [0, Math.ceil(maxSpeed * 1.1 / 10) * 10] } },
      axes: [xAxis, axis('km/h', 'kmh', 3), axis('', 'kmh', 1, true)], // the empty right axis lines both plots up
      series: [xSeries, { label: 'speed', scale: 'kmh', stroke: '#6fb3d2', width: 2, value: function (u, v) { return num(v, 0) + ' km/h'; } },
        { label: 'free-flow', scale: 'kmh', stroke: '#c8d84a', width: 1.5, dash: [6, 4], points: { show: false },
          value: function (u, v) { return num(v, 0) + ' km/h'; } }]
    }), [cd.data[0], cd.data[1], cd.data[2]], speedEl));
    c.plots.push(new uPlot(L.extend({}, common, {
      scales: { x: { time: true }, vph: { range: function (u, min, max) { return [0, Math.max(100, max * 1.1)]; } },
        pct: { range: [0, 100] } },
      axes: [xAxis, axis('veh/h', 'vph', 3), axis('occ. %', 'pct', 1)],
      series: [xSeries, { label: 'flow', scale: 'vph', stroke: '#b48ead', width: 2, value: function (u, v) { return num(v, 0) + ' veh/h'; } },
        { label: 'occupancy', scale: 'pct', stroke: '#f2a93b', width: 1.5, value: function (u, v) { return num(v, 1) + ' %'; } }]
    }), [cd.data[0], cd.data[3], cd.data[4]], flowEl));
    showNewest(c, cd);
  }
  /** With the mouse away, the legends give the newest window's values rather than dashes. */
  function showNewest(c, cd) {
    c.plots.forEach(function (u) {
      if (u.setLegend && u.cursor.idx == null) { u.setLegend({ idx: cd.data[0].length - 1 }); }
    });
  }
  /** A live row of the charted segment: add or replace its window, forget what slid out of the chart's span. */
  function updateChart(row) {
    if (!chart || chart.segmentId !== row.segmentId) { return; }
    var start = Date.parse(row.windowStart);
    var current = chart.rows[start];
    if (current && current.revision > row.revision) { return; }
    chart.rows[start] = row;
    var horizon = newestWindowEnd - CHART_HOURS * 3600 * 1000;
    Object.keys(chart.rows).forEach(function (k) { if (Number(k) < horizon) { delete chart.rows[k]; } });
    if (chart.loaded) { drawChart(chart); } // else the history, when it comes, is drawn with this row
  }

  // ---- signalised intersections: a marker each, the plan in force in the side panel --------------------------
  function intersectionStyle(x) {
    var selected = x.feature.properties.id === selectedIntersectionId;
    if (!x.plan) {
      return { radius: selected ? 7 : 5, color: selected ? '#ffffff' : '#9aa7b4', weight: 1.5, fillColor: '#10151b', fillOpacity: 1 };
    }
    return { radius: selected ? 8 : 6, color: selected ? '#ffffff' : '#10151b', weight: selected ? 2.5 : 1.5,
      fillColor: x.plan.oversaturated ? '#f0a04b' : PHASE_COLOURS[0], fillOpacity: 1 };
  }
  function intersectionTooltip(x) {
    var p = x.feature.properties, plan = x.plan;
    return '<b>' + esc(p.name) + '</b><br>' + (plan
      ? 'cycle ' + num(plan.cycleS, 0) + ' s · ' + plan.phases.map(function (ph) { return num(ph.greenS, 0); }).join(' / ') +
        ' s green' + (plan.oversaturated ? ' · <span class="warn">oversaturated</span>' : '')
      : 'signalised intersection · no plan yet');
  }
  function approachName(a) {
    var seg = segments[a.segmentId];
    return a.name || (seg ? seg.feature.properties.name : a.segmentId);
  }
  function splitBar(plan) { // the cycle as one bar: each phase's green, then the lost time
    var parts = plan.phases.map(function (ph, i) {
      return { width: ph.greenS / plan.cycleS * 100, colour: PHASE_COLOURS[i % PHASE_COLOURS.length],
        label: num(ph.greenS, 0) + ' s', title: 'phase ' + (i + 1) + ': ' + num(ph.greenS, 1) + ' s green' };
    });
    var lostWidth = plan.lostTimeS / plan.cycleS * 100;
    parts.push({ width: lostWidth, colour: LOST_TIME_COLOUR, label: (lostWidth >= 18 ? 'lost ' : '') + num(plan.lostTimeS, 0) + ' s',
      title: 'lost time ' + num(plan.lostTimeS, 1) + ' s' });
    return '<div class="split">' + parts.map(function (p) {
      return '<span style="width:' + p.width.toFixed(2) + '%;background:' + p.colour + '" title="' + esc(p.title) + '">' +
        (p.width >= 9 ? p.label : '') + '</span>';
    }).join('') + '</div>';
  }
  function intersectionPanel(x) {
    var p = x.feature.properties, plan = x.plan;
    var head = '<h2>' + esc(p.name) + '</h2><div class="sub">' + esc(p.id) + ' · signalised intersection</div>';
    if (!plan) {
      return head + '<p class="note">No signal plan yet. Plans are computed every 5 minutes of traffic time from the ' +
        'approaches\' flows (Webster) and appear here as soon as one is published.</p>';
    }
    var phases = plan.phases.map(function (ph, i) {
      return '<div class="phase"><span class="swatch" style="background:' + PHASE_COLOURS[i % PHASE_COLOURS.length] +
        '"></span><b>Phase ' + (i + 1) + '</b> · ' + num(ph.greenS, 1) + ' s green (' +
        num(ph.greenS / plan.cycleS * 100, 0) + ' %) · y ' + num(ph.criticalFlowRatio, 2) +
        '<div class="sub">' + ph.approaches.map(function (a) { return esc(approachName(a)); }).join(' · ') + '</div></div>';
    }).join('');
    return head + splitBar(plan) + table([
      ['Cycle', '<b>' + num(plan.cycleS, 0) + ' s</b>'],
      ['Lost time', num(plan.lostTimeS, 0) + ' s'],
      ['Flow ratio sum Y', num(plan.criticalFlowRatioSum, 2) +
        (plan.oversaturated ? ' <span class="badge warn">oversaturated</span>' : '')],
      ['Computed', time(plan.computedAt)],
      ['From flows of', time(plan.basedOnWindowStart) + ' – ' + time(plan.basedOnWindowEnd)]
    ]) + '<div class="phases">' + phases + '</div>' +
      '<p class="note">Recomputed every 5 minutes of traffic time; a new plan replaces this one only when the cycle ' +
      'changes by more than 5 s or a green by more than 3 s.</p>';
  }
  function selectIntersection(id, keepPanel) {
    var previous = selectedIntersectionId;
    selectedIntersectionId = id && intersections[id] ? id : null;
    if (previous && intersections[previous]) { intersections[previous].marker.setStyle(intersectionStyle(intersections[previous])); }
    if (!selectedIntersectionId) {
      if (previous && !keepPanel) { hidePanel(); }
      return;
    }
    select(null);
    closeChart();
    intersections[selectedIntersectionId].marker.setStyle(intersectionStyle(intersections[selectedIntersectionId]));
    showPanel(intersectionPanel(intersections[selectedIntersectionId]));
  }
  function showPlans(plans) {
    var byId = {};
    plans.forEach(function (plan) { byId[plan.intersectionId] = plan; });
    Object.keys(intersections).forEach(function (id) {
      var x = intersections[id];
      x.plan = byId[id] || null;
      x.marker.setStyle(intersectionStyle(x));
      x.marker.getElement().setAttribute('data-plan', x.plan ? (x.plan.oversaturated ? 'oversaturated' : 'yes') : 'no');
    });
    if (selectedIntersectionId && intersections[selectedIntersectionId]) {
      $('panel-info').innerHTML = intersectionPanel(intersections[selectedIntersectionId]);
    }
  }

  // ---- network ------------------------------------------------------------------------------------------------
  function drawNetwork(fc) {
    $('network-name').textContent = fc.name || 'network';
    document.title = 'roadstream · ' + (fc.name || 'network');
    var bounds = L.latLngBounds([]);
    fc.features.forEach(function (f) {
      var p = f.properties;
      if (p.kind === 'segment') {
        var base = f.geometry.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
        base.forEach(function (ll) { bounds.extend(ll); });
        segments[p.id] = { feature: f, baseLatLngs: base, stats: null };
      }
    });
    segmentCount = Object.keys(segments).length;
    // the legend sits in the lower left corner: keep the roads clear of it
    if (bounds.isValid()) { map.fitBounds(bounds, { paddingTopLeft: [180, 30], paddingBottomRight: [30, 30] }); } else { map.setView([0, 0], 2); }
    var ids = Object.keys(segments);
    ids.forEach(function (id) {
      var seg = segments[id];
      seg.line = L.polyline(seg.baseLatLngs, L.extend({ renderer: renderer, interactive: false, className: 'rs-segment' }, style(seg)))
        .addTo(map);
      seg.line.getElement().setAttribute('data-segment-id', id);
      seg.line.getElement().setAttribute('data-los', 'none');
    });
    // the click targets above all lines, so a thin street is as easy to hit as a motorway
    ids.forEach(function (id) {
      var seg = segments[id];
      seg.hit = L.polyline(seg.baseLatLngs, { renderer: renderer, className: 'rs-segment-hit', color: '#000', opacity: 0,
        weight: HIT_WEIGHT, lineCap: 'round' }).addTo(map);
      seg.hit.getElement().setAttribute('data-segment-id', id);
      seg.hit.bindTooltip(function () { return tooltip(seg); }, { sticky: true, className: 'seg-tip', direction: 'top', offset: [0, -8] });
      seg.hit.on('click', function (e) { L.DomEvent.stopPropagation(e); select(id); });
    });
    // points after the lines, so they sit on top
    fc.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      if (p.kind === 'intersection') {
        var x = { feature: f, plan: null };
        x.marker = L.circleMarker([c[1], c[0]], L.extend({ renderer: renderer, className: 'rs-intersection' }, intersectionStyle(x)))
          .bindTooltip(function () { return intersectionTooltip(x); }, { className: 'seg-tip', direction: 'top', offset: [0, -6] })
          .on('click', function (e) { L.DomEvent.stopPropagation(e); selectIntersection(p.id); })
          .addTo(map);
        x.marker.getElement().setAttribute('data-intersection-id', p.id);
        x.marker.getElement().setAttribute('data-plan', 'no');
        intersections[p.id] = x;
      } else if (p.kind === 'detector') {
        L.circleMarker([c[1], c[0]], { renderer: renderer, radius: 1.5, stroke: false, fillColor: '#9fb3c8', fillOpacity: 0.6,
          interactive: false, className: 'rs-detector' }).addTo(map);
      }
    });
    redraw();
    map.on('zoomend', redraw);
    var wanted = /segment=([^&]+)/.exec(location.hash); // a link can open a segment: #segment=ID
    if (wanted) { select(decodeURIComponent(wanted[1])); }
    var wantedIntersection = /intersection=([^&]+)/.exec(location.hash); // or an intersection: #intersection=ID
    if (wantedIntersection) { selectIntersection(decodeURIComponent(wantedIntersection[1])); }
    map.on('click', function () { select(null); selectIntersection(null); });
    $('segments-live').textContent = '0 / ' + segmentCount;
  }

  // ---- jams: a red glow along each jam's extent, and a list with head, length and lowest speed ---------------
  function drawJams() {
    var signature = JSON.stringify(jams.map(function (j) { return [j.jamId, j.segmentIds, j.lengthKm, j.minSpeedKmh]; }));
    $('jam-count').textContent = jams.length;
    $('jam-count').parentNode.classList.toggle('alert', jams.length > 0);
    if (signature === jamSignature) { return; } // unchanged: keep the elements, no churn every poll
    jamSignature = signature;
    jamLayer.clearLayers();
    jams.forEach(function (jam) {
      jam.segmentIds.forEach(function (id) {
        var seg = segments[id];
        if (!seg) { return; }
        var glow = L.polyline(seg.line.getLatLngs(), { renderer: jamRenderer, pane: 'jams', color: JAM_COLOUR, opacity: 0.35,
          weight: weightOf(seg) + 9, lineCap: 'round', interactive: false, className: 'rs-jam' }).addTo(jamLayer);
        glow.getElement().setAttribute('data-jam-id', jam.jamId);
        glow.getElement().setAttribute('data-segment-id', id);
      });
    });
    var list = $('jams');
    var shown = jams.slice(0, JAMS_SHOWN);
    list.innerHTML = '<div class="title">jams · ' + jams.length + '</div>' + shown.map(function (jam) {
      var head = segments[jam.headSegmentId];
      var name = head ? head.feature.properties.name : jam.headSegmentId;
      return '<div class="jam" data-head="' + esc(jam.headSegmentId) + '"><b>' + esc(name) + '</b> ' +
        num(jam.lengthKm, 1) + ' km · ' + (jam.minSpeedKmh == null ? '–' : num(jam.minSpeedKmh, 0)) + ' km/h min' +
        '<div class="sub">' + jam.segmentIds.length + ' segment' + (jam.segmentIds.length === 1 ? '' : 's') + ', head ' +
        esc(jam.headSegmentId) + ' ← tail ' + esc(jam.tailSegmentId) + ' · since ' + time(jam.openedAt) + '</div></div>';
    }).join('') + (jams.length > shown.length ? '<div class="sub">and ' + (jams.length - shown.length) + ' more</div>' : '') +
      (jams.length ? '' : '<div class="sub">no jam open</div>');
    Array.prototype.forEach.call(list.querySelectorAll('.jam'), function (el) {
      el.onclick = function () { select(el.getAttribute('data-head')); };
    });
  }
  function pollLists() {
    if (polling) { return; } // the last round is still out (a slow server): do not stack another
    polling = true;
    // keep incidents cleared in the last minutes of traffic time in sight, greyed, so an operator sees them go
    var incidentsUrl = '/api/incidents' + (newestWindowEnd
      ? '?clearedSince=' + encodeURIComponent(new Date(newestWindowEnd - CLEARED_VISIBLE_MS).toISOString()) : '');
    var ignore = function () { /* the stream's dot and banner already say when the server is away */ };
    Promise.all([
      getJson('/api/jams').then(function (open) { jams = open; drawJams(); }, ignore),
      getJson(incidentsUrl).then(drawIncidents, ignore),
      getJson('/api/signal-plans').then(showPlans, ignore),
      getJson('/api/alerts').then(drawAlerts, ignore)
    ]).then(function () { polling = false; });
  }

  // ---- driver alerts in force: what drivers upstream are being told ---------------------------------------
  function drawAlerts(feed) {
    var box = $('alerts');
    feed = feed.slice().sort(function (a, b) { return Date.parse(b.time) - Date.parse(a.time); });
    var shown = feed.slice(0, ALERTS_SHOWN);
    var nowSeen = {};
    feed.forEach(function (a) { nowSeen[a.alertId] = true; });
    var first = Object.keys(seenAlerts).length === 0;
    box.innerHTML = '<div class="title">driver alerts · ' + feed.length + '</div>' + shown.map(function (a) {
      var seg = segments[a.segmentId];
      var fresh = !first && !seenAlerts[a.alertId];
      return '<div class="alert-row' + (fresh ? ' fresh' : '') + '" data-alert-id="' + esc(a.alertId) + '" data-segment="' +
        esc(a.segmentId) + '"><span class="cause cause-' + esc(a.cause) + '">' + esc(a.cause) + '</span> <span class="to">' +
        esc(seg ? seg.feature.properties.name : a.segmentId) + ' · ' +
        (a.distanceM < 100 ? 'just before' : num(a.distanceM / 1000, 1) + ' km before') + ' · ' +
        time(a.time) + '</span><br>' + esc(a.message) + '</div>';
    }).join('') + (feed.length > shown.length ? '<div class="sub">and ' + (feed.length - shown.length) + ' more</div>' : '') +
      (feed.length ? '' : '<div class="sub">none in force</div>');
    seenAlerts = nowSeen; // only the alerts in force: bounded by the server's list
    Array.prototype.forEach.call(box.querySelectorAll('.alert-row'), function (el) {
      el.onclick = function () { select(el.getAttribute('data-segment')); };
    });
  }

  // ---- incidents: a marker where it is; its popup says what was seen, by whom, and where it stands ------------
  function incidentPopup(i) {
    var seg = segments[i.segmentId];
    return '<div class="incident" data-incident-id="' + esc(i.incidentId) + '"><span class="state" style="background:' +
      INCIDENT_COLOURS[i.state] + '">' + esc(i.state) + '</span> <b>' + esc(i.kind) + '</b><div class="sub">' +
      esc(i.incidentId) + '</div>' + table([
      ['Source', esc(i.source)],
      ['Detected', time(i.detectedAt)],
      ['Confirmed', time(i.confirmedAt)],
      ['Cleared', time(i.clearedAt)],
      ['Where', esc(seg ? seg.feature.properties.name : i.segmentId) + ' · ' + num(i.offsetM, 0) + ' m'],
      ['Vehicles', i.vehicleIds.length ? esc(i.vehicleIds.join(', ')) + ' (' + i.vehicleIds.length + ')' : '–']
    ]) + '<div class="evidence-title">Evidence</div><div class="evidence">' + esc(i.evidence) + '</div></div>';
  }
  function incidentStyle(i) {
    var cleared = i.state === 'CLEARED';
    return { radius: cleared ? 6 : 8, color: cleared ? '#7f8c99' : '#ffffff', weight: 2,
      fillColor: INCIDENT_COLOURS[i.state] || '#d0463c', fillOpacity: cleared ? 0.5 : 1 };
  }
  function drawIncidents(list) {
    var open = list.filter(function (i) { return i.state !== 'CLEARED'; }).length;
    $('incidents').textContent = open;
    $('incidents').parentNode.classList.toggle('alert', open > 0);
    var present = {};
    list.forEach(function (i) {
      if (i.lat == null || i.lon == null) { return; }
      present[i.incidentId] = true;
      var marker = incidentMarkers[i.incidentId];
      if (!marker) {
        marker = L.circleMarker([i.lat, i.lon], L.extend({ renderer: renderer, className: 'rs-incident' }, incidentStyle(i)));
        marker.bindPopup('', { className: 'dark-popup', maxWidth: 320, minWidth: 240 })
          .bindTooltip(function () {
            return '<b>' + esc(marker.incident.kind) + '</b> · ' + esc(marker.incident.state) +
              '<br><span class="sub">click for details</span>';
          }, { className: 'seg-tip', direction: 'top', offset: [0, -8] })
          .addTo(incidentLayer);
        marker.getElement().setAttribute('data-incident-id', i.incidentId);
        incidentMarkers[i.incidentId] = marker;
      }
      marker.incident = i;
      marker.setStyle(incidentStyle(i));
      marker.getElement().setAttribute('data-state', i.state);
      marker.setPopupContent(incidentPopup(i)); // in place: an open popup stays open and shows the news
    });
    Object.keys(incidentMarkers).forEach(function (id) {
      if (!present[id]) { incidentLayer.removeLayer(incidentMarkers[id]); delete incidentMarkers[id]; }
    });
    drawIncidentFeed(list);
    var wanted = /incident=([^&]+)/.exec(location.hash); // a link can open an incident: #incident=ID
    if (wanted && !incidentLinkFollowed && incidentMarkers[decodeURIComponent(wanted[1])]) {
      incidentLinkFollowed = true; // once: later refreshes leave the popup to the operator
      incidentMarkers[decodeURIComponent(wanted[1])].openPopup();
    }
  }

  var STATE_ORDER = { CONFIRMED: 0, DETECTED: 1, CLEARED: 2 };
  function drawIncidentFeed(list) { // open ones first, newest first; a click shows it on the map
    var sorted = list.slice().sort(function (a, b) {
      return (STATE_ORDER[a.state] - STATE_ORDER[b.state]) || (Date.parse(b.detectedAt) - Date.parse(a.detectedAt));
    });
    var open = list.filter(function (i) { return i.state !== 'CLEARED'; }).length;
    var shown = sorted.slice(0, INCIDENTS_SHOWN);
    var box = $('incident-feed');
    box.innerHTML = '<div class="title">incidents · ' + open + ' open</div>' + shown.map(function (i) {
      var seg = segments[i.segmentId];
      return '<div class="incident-row" data-incident-id="' + esc(i.incidentId) + '"><span class="state" style="background:' +
        INCIDENT_COLOURS[i.state] + '">' + esc(i.state) + '</span> <b>' + esc(i.kind) + '</b> <span class="to">' +
        esc(seg ? seg.feature.properties.name : i.segmentId) + ' · ' + num(i.offsetM, 0) + ' m · since ' +
        time(i.detectedAt) + '</span></div>';
    }).join('') + (sorted.length > shown.length ? '<div class="sub">and ' + (sorted.length - shown.length) + ' more</div>' : '') +
      (sorted.length ? '' : '<div class="sub">none open</div>');
    box.classList.toggle('quiet', open === 0);
    Array.prototype.forEach.call(box.querySelectorAll('.incident-row'), function (el) {
      el.onclick = function () {
        var marker = incidentMarkers[el.getAttribute('data-incident-id')];
        if (marker) { map.panTo(marker.getLatLng()); marker.openPopup(); }
      };
    });
  }

  // ---- live data ----------------------------------------------------------------------------------------------
  function newer(a, b) { // is row a newer than row b for the same segment?
    if (!b) { return true; }
    var wa = Date.parse(a.windowStart), wb = Date.parse(b.windowStart);
    return wa > wb || (wa === wb && a.revision > b.revision);
  }
  function apply(row, arrivedNow) {
    var seg = segments[row.segmentId];
    if (!seg) { return; }
    var start = Date.parse(row.windowStart), end = Date.parse(row.windowEnd);
    var boundaryMoved = end > newestWindowEnd && newestWindowEnd !== 0;
    if (end > newestWindowEnd) {
      newestWindowEnd = end;
      $('latest-window').textContent = time(row.windowStart) + ' – ' + time(row.windowEnd);
      $('latest-window').title = row.windowStart + ' – ' + row.windowEnd;
    }
    updateChart(row); // a late revision of an older window belongs in the chart too
    if (!newer(row, seg.stats)) { return; }
    seg.stats = row;
    if (end > start) { windowMs = end - start; }
    if (boundaryMoved && loaded) { restyleAll(); } // others may have fallen behind: fade them
    lastArrival = Math.max(lastArrival, arrivedNow ? Date.now() : Date.parse(row.updatedAt));
    restyle(seg);
    if (row.segmentId === selectedId) { $('panel-info').innerHTML = segmentInfo(seg); }
  }
  function restyleAll() {
    Object.keys(segments).forEach(function (id) { restyle(segments[id]); });
  }
  function showStatus(s) {
    $('events-in').textContent = num(s.eventsInPerSecond, 0);
    $('stats-out').textContent = num(s.statsOutPerSecond, 1);
    $('dead-letters').textContent = num(s.deadLetters, 0);
    $('dead-letters').parentNode.classList.toggle('alert', s.deadLetters > 0);
    $('lag').textContent = num(s.consumerLag, 0);
    $('lag').parentNode.classList.toggle('alert', s.consumerLag > 10000);
    $('status-strip').title = 'pipeline status' + (s.asOf ? ' as of ' + time(s.asOf) : '');
  }
  function tick() {
    var live = 0;
    for (var id in segments) { if (segments[id].stats) { live++; } }
    $('segments-live').textContent = live + ' / ' + segmentCount;
    var staleAfter = Math.max(STALE_AFTER_MS, 3 * windowMs);
    var stale = loaded && (lastArrival === 0 || Date.now() - lastArrival > staleAfter);
    $('stale').hidden = !stale;
    $('stale').title = lastArrival ? 'no new statistics since ' + new Date(lastArrival).toLocaleTimeString('en-GB') : 'no data yet';
    if (stream.state === 'live' && Date.now() - stream.lastMessage > STREAM_SILENT_MS) {
      reconnect(); // a connection that says nothing may be dead without knowing it (a proxy, a sleeping laptop)
    }
    showBanner(stale);
  }
  function showBanner(stale) {
    var text = '';
    if (stream.state === 'down') {
      var wait = Math.max(0, Math.ceil((stream.retryAt - Date.now()) / 1000));
      text = 'Live updates lost at ' + new Date(stream.downSince).toLocaleTimeString('en-GB') + ' — the map shows the ' +
        'last known state. ' + (wait > 0 ? 'Reconnecting in ' + wait + ' s' : 'Reconnecting…') +
        ' (attempt ' + stream.attempts + ')';
    } else if (stale) {
      text = lastArrival ? 'No new statistics since ' + new Date(lastArrival).toLocaleTimeString('en-GB') +
        ': the pipeline may be stopped or behind.' : 'No statistics yet: waiting for the first window.';
    }
    $('banner').textContent = text;
    $('banner').hidden = !text;
    $('banner').className = 'banner' + (stream.state === 'down' ? ' down' : '');
    document.body.classList.toggle('stream-down', stream.state === 'down');
  }

  // ---- the live stream: reconnects by itself, with backoff, after any failure --------------------------------
  function setStreamState(state) {
    stream.state = state;
    $('connection').className = 'dot ' + state;
    $('connection').title = { live: 'live stream connected', connecting: 'live stream: connecting',
      down: 'live stream lost; reconnecting' }[state];
    $('connection').setAttribute('data-state', state);
  }
  function connect() {
    clearTimeout(stream.timer);
    if (stream.source) { stream.source.close(); }
    var source = new EventSource('/api/stream');
    stream.source = source;
    if (stream.state !== 'down') { setStreamState('connecting'); }
    source.addEventListener('open', function () {
      if (stream.source !== source) { return; }
      stream.attempts = 0;
      stream.downSince = 0;
      stream.lastMessage = Date.now();
      setStreamState('live');
      // (re)load the picture after subscribing, so nothing written in between is missed; apply() keeps the newest
      getJson('/api/live').then(function (rows) {
        rows.forEach(function (row) { apply(row, false); });
        loaded = true;
        restyleAll();
        if (chart && chart.pending && segments[chart.segmentId]) { openChart(segments[chart.segmentId]); } // a #segment= link
        message('');
        tick();
      }).catch(function (e) { message('Cannot load the live picture: ' + e.message); });
      getJson('/api/status').then(showStatus).catch(function () { });
      pollLists();
    });
    // the browser would retry some failures itself and give up on others (a refused connection, an HTTP error);
    // one path for all: close, wait, open a new one
    source.addEventListener('error', function () {
      if (stream.source !== source) { return; }
      source.close();
      stream.source = null;
      if (!stream.downSince) { stream.downSince = Date.now(); }
      var delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * Math.pow(2, stream.attempts));
      stream.attempts++;
      stream.retryAt = Date.now() + delay;
      setStreamState('down');
      stream.timer = setTimeout(connect, delay);
      tick();
    });
    source.addEventListener('stats', function (e) {
      stream.lastMessage = Date.now();
      apply(JSON.parse(e.data), true);
    });
    source.addEventListener('status', function (e) {
      stream.lastMessage = Date.now();
      showStatus(JSON.parse(e.data));
    });
  }
  function reconnect() {
    stream.attempts = 0;
    connect();
  }

  function start() {
    // the tile layer is optional and off by default: the dashboard must work without the internet
    getJson('/api/dashboard').then(function (settings) {
      if (settings.tileUrl) {
        L.tileLayer(settings.tileUrl, { maxZoom: 19, opacity: 0.35 }).addTo(map);
        if (settings.tileAttribution) {
          L.control.attribution({ prefix: false }).addAttribution(esc(settings.tileAttribution)).addTo(map);
        }
      }
    }).catch(function () { /* no settings: no tiles */ });
    var delay = 2000;
    (function loadNetwork() {
      getJson('/api/network').then(function (fc) {
        message('');
        drawNetwork(fc);
        connect();
        setInterval(pollLists, LIST_POLL_MS);
        setInterval(tick, 1000);
        tick();
      }).catch(function (e) {
        message('Cannot load the road network (' + e.message + '). Retrying…');
        setTimeout(loadNetwork, delay);
        delay = Math.min(delay * 2, RECONNECT_MAX_MS);
      });
    })();
  }
  start();
})();
