// roadstream dashboard: the network coloured by Level of Service, live from /api/stream. Vanilla JS, no build step.
(function () {
  'use strict';

  var LOS_COLOURS = { A: '#1a7f3c', B: '#5fb84a', C: '#c8d84a', D: '#f2a93b', E: '#e4572e', F: '#9e1b1b' };
  var NO_DATA = '#56606b';
  var WEIGHT = { motorway: 5, expressway: 4.5, arterial: 3.5, collector: 3 };
  var STALE_AFTER_MS = 120 * 1000;   // nothing arrived for two minutes: say so
  var OLD_WINDOW_MS = 10 * 60 * 1000; // a segment whose window is this far behind the newest is drawn faded

  var map = L.map('map', { zoomControl: true, attributionControl: false, preferCanvas: true, zoomSnap: 0.25 });
  var renderer = L.canvas({ padding: 0.5, tolerance: 6 });
  map.createPane('jams').style.zIndex = 390; // a glow under the coloured lines, not over them
  var jamRenderer = L.canvas({ padding: 0.5, pane: 'jams' });
  var jamLayer = L.layerGroup().addTo(map);
  var incidentLayer = L.layerGroup().addTo(map);
  var LIST_POLL_MS = 5000;             // jams, incidents, alerts and signal plans are polled; segment stats stream
  var CLEARED_VISIBLE_MS = 10 * 60 * 1000; // a cleared incident stays on the map this long in traffic (event) time
  var PHASE_COLOURS = ['#6fb3d2', '#b48ead', '#8fbf6a', '#e0c26b'];
  var LOST_TIME_COLOUR = '#3a4652';
  var INCIDENT_COLOURS = { DETECTED: '#f0a04b', CONFIRMED: '#d0463c', CLEARED: '#7f8c99' };
  var params = new URLSearchParams(location.search);
  if (params.get('tiles')) { // no tiles unless asked: the dashboard must work without the internet
    L.tileLayer(params.get('tiles'), { maxZoom: 19, opacity: 0.35 }).addTo(map);
  }

  var segments = {};      // id -> { feature, line, baseLatLngs, stats }
  var intersections = {}; // id -> { feature, marker, plan }
  var incidentMarkers = {}; // incident id -> circle marker, kept so an open popup survives a refresh
  var incidentLinkFollowed = false;
  var selectedId = null;
  var selectedIntersectionId = null;
  var lastArrival = 0;    // Date.now() of the newest stats row received
  var newestWindowEnd = 0;
  var loaded = false;     // the live picture has been read once
  var jams = [];          // the open jams, from /api/jams

  function $(id) { return document.getElementById(id); }
  window.addEventListener('error', function (e) { // show what broke rather than a silently frozen map
    $('message').textContent = 'Dashboard error: ' + e.message;
    $('message').hidden = false;
  });
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function num(v, digits) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    return Number(v).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) : '–';
  }
  function colour(stats) { return stats && stats.los ? LOS_COLOURS[stats.los] : NO_DATA; }

  // ---- legend -------------------------------------------------------------------------------------------------
  (function legend() {
    var html = '<div class="title">Level of service</div>';
    Object.keys(LOS_COLOURS).forEach(function (k) {
      html += '<div class="row"><span class="swatch" style="background:' + LOS_COLOURS[k] + '"></span>' + k +
        ({ A: ' free flow', C: ' stable', E: ' at capacity', F: ' breakdown' }[k] || '') + '</div>';
    });
    html += '<div class="row"><span class="swatch" style="background:' + NO_DATA + '"></span>no data</div>';
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
      seg.line.setLatLngs(offsetLatLngs(seg.baseLatLngs, weightOf(seg) / 2 + 1.5));
    });
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

  // ---- text ---------------------------------------------------------------------------------------------------
  function losBadge(stats) {
    return stats && stats.los ? '<span class="los" style="background:' + colour(stats) + '">' + stats.los + '</span>' : '';
  }
  function tooltip(seg) {
    var p = seg.feature.properties, s = seg.stats;
    return '<b>' + esc(p.name) + '</b><br>' + losBadge(s) +
      (s ? num(s.avgSpeedKmh, 0) + ' km/h · ' + num(s.flowVehPerHour, 0) + ' veh/h' : 'no data');
  }
  function panel(seg) {
    var p = seg.feature.properties, s = seg.stats || {};
    var rows = [
      ['Level of service', s.los ? '<span class="panel-los" style="background:' + colour(s) + '">' + s.los + '</span>' : '–'],
      ['Speed', num(s.avgSpeedKmh, 1) + ' km/h'],
      ['Free-flow speed', num(p.freeFlowKmh, 0) + ' km/h'],
      ['Flow', num(s.flowVehPerHour, 0) + ' veh/h'],
      ['Density', num(s.densityVehPerKmPerLane, 1) + ' veh/km/lane'],
      ['Occupancy', s.occupancy === null || s.occupancy === undefined ? '–' : num(s.occupancy * 100, 1) + ' %'],
      ['Travel time', num(s.travelTimeS, 0) + ' s'],
      ['Samples', s.segmentId ? num(s.detectorSamples, 0) + ' detector · ' + num(s.probeSamples, 0) + ' probe' : '–'],
      ['Window', s.windowStart ? time(s.windowStart) + ' – ' + time(s.windowEnd) : '–'],
      ['Road', esc(p.roadClass) + ', ' + p.lanes + ' lane' + (p.lanes === 1 ? '' : 's') + ', ' + num(p.lengthM, 0) + ' m']
    ];
    return '<h2>' + esc(p.name) + '</h2><div class="sub">' + esc(p.id) + '</div><table>' +
      rows.map(function (r) { return '<tr><td>' + r[0] + '</td><td>' + r[1] + '</td></tr>'; }).join('') + '</table>';
  }
  function select(id) {
    var previous = selectedId;
    selectedId = id;
    if (id) { selectIntersection(null); }
    if (previous && segments[previous]) { segments[previous].line.setStyle(style(segments[previous])); }
    if (id && segments[id]) {
      segments[id].line.setStyle(style(segments[id]));
      segments[id].line.bringToFront();
      $('panel-body').innerHTML = panel(segments[id]);
      $('panel').hidden = false;
    } else {
      $('panel').hidden = true;
    }
  }
  $('panel-close').onclick = function () { select(null); selectIntersection(null); };

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
    var rows = [
      ['Cycle', '<b>' + num(plan.cycleS, 0) + ' s</b>'],
      ['Lost time', num(plan.lostTimeS, 0) + ' s'],
      ['Flow ratio sum Y', num(plan.criticalFlowRatioSum, 2) +
        (plan.oversaturated ? ' <span class="badge warn">oversaturated</span>' : '')],
      ['Computed', time(plan.computedAt)],
      ['From flows of', time(plan.basedOnWindowStart) + ' – ' + time(plan.basedOnWindowEnd)]
    ];
    var phases = plan.phases.map(function (ph, i) {
      return '<div class="phase"><span class="swatch" style="background:' + PHASE_COLOURS[i % PHASE_COLOURS.length] +
        '"></span><b>Phase ' + (i + 1) + '</b> · ' + num(ph.greenS, 1) + ' s green (' +
        num(ph.greenS / plan.cycleS * 100, 0) + ' %) · y ' + num(ph.criticalFlowRatio, 2) +
        '<div class="sub">' + ph.approaches.map(function (a) { return esc(approachName(a)); }).join(' · ') + '</div></div>';
    }).join('');
    return head + splitBar(plan) + '<table>' +
      rows.map(function (r) { return '<tr><td>' + r[0] + '</td><td>' + r[1] + '</td></tr>'; }).join('') + '</table>' +
      '<div class="phases">' + phases + '</div>' +
      '<p class="note">Recomputed every 5 minutes of traffic time; a new plan replaces this one only when the cycle ' +
      'changes by more than 5 s or a green by more than 3 s.</p>';
  }
  function selectIntersection(id) {
    var previous = selectedIntersectionId;
    selectedIntersectionId = id;
    if (previous && intersections[previous]) { intersections[previous].marker.setStyle(intersectionStyle(intersections[previous])); }
    if (!id || !intersections[id]) {
      if (previous && !selectedId) { $('panel').hidden = true; }
      return;
    }
    select(null);
    intersections[id].marker.setStyle(intersectionStyle(intersections[id]));
    $('panel-body').innerHTML = intersectionPanel(intersections[id]);
    $('panel').hidden = false;
  }
  function showPlans(plans) {
    var byId = {};
    plans.forEach(function (plan) { byId[plan.intersectionId] = plan; });
    Object.keys(intersections).forEach(function (id) {
      var x = intersections[id];
      x.plan = byId[id] || null;
      x.marker.setStyle(intersectionStyle(x));
    });
    if (selectedIntersectionId && intersections[selectedIntersectionId]) {
      $('panel-body').innerHTML = intersectionPanel(intersections[selectedIntersectionId]);
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
        var seg = { feature: f, baseLatLngs: base, stats: null };
        seg.line = L.polyline(base, { renderer: renderer });
        seg.line.bindTooltip(function () { return tooltip(seg); }, { sticky: true, className: 'seg-tip', direction: 'top', offset: [0, -8] });
        seg.line.on('click', function (e) { L.DomEvent.stopPropagation(e); select(p.id); });
        segments[p.id] = seg;
      }
    });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [30, 30] }); } else { map.setView([0, 0], 2); }
    Object.keys(segments).forEach(function (id) {
      var seg = segments[id];
      seg.line.setStyle(style(seg));
      seg.line.addTo(map);
    });
    // points after the lines, so they sit on top
    fc.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      if (p.kind === 'intersection') {
        var x = { feature: f, plan: null };
        x.marker = L.circleMarker([c[1], c[0]], L.extend({ renderer: renderer }, intersectionStyle(x)))
          .bindTooltip(function () { return intersectionTooltip(x); }, { className: 'seg-tip', direction: 'top', offset: [0, -6] })
          .on('click', function (e) { L.DomEvent.stopPropagation(e); selectIntersection(p.id); })
          .addTo(map);
        intersections[p.id] = x;
      } else if (p.kind === 'detector') {
        L.circleMarker([c[1], c[0]], { renderer: renderer, radius: 1.5, stroke: false, fillColor: '#9fb3c8', fillOpacity: 0.6, interactive: false })
          .addTo(map);
      }
    });
    redraw();
    map.on('zoomend', redraw);
    var wanted = /segment=([^&]+)/.exec(location.hash); // a link can open a segment: #segment=ID
    if (wanted) { select(decodeURIComponent(wanted[1])); }
    var wantedIntersection = /intersection=([^&]+)/.exec(location.hash); // or an intersection: #intersection=ID
    if (wantedIntersection) { selectIntersection(decodeURIComponent(wantedIntersection[1])); }
    map.on('click', function () { select(null); selectIntersection(null); });
  }

  // ---- jams: a red glow along each jam's extent, and a list with head, length and lowest speed ---------------
  function drawJams() {
    jamLayer.clearLayers();
    jams.forEach(function (jam) {
      jam.segmentIds.forEach(function (id) {
        var seg = segments[id];
        if (!seg) { return; }
        L.polyline(seg.line.getLatLngs(), { renderer: jamRenderer, pane: 'jams', color: '#ff4d3d', opacity: 0.35,
          weight: weightOf(seg) + 9, lineCap: 'round', interactive: false }).addTo(jamLayer);
      });
    });
    var list = $('jams');
    list.hidden = jams.length === 0;
    list.innerHTML = '<div class="title">jams · ' + jams.length + '</div>' + jams.map(function (jam) {
      var head = segments[jam.headSegmentId];
      var name = head ? head.feature.properties.name : jam.headSegmentId;
      return '<div class="jam" data-head="' + esc(jam.headSegmentId) + '"><b>' + esc(name) + '</b> ' +
        num(jam.lengthKm, 1) + ' km · ' + (jam.minSpeedKmh == null ? '–' : num(jam.minSpeedKmh, 0)) + ' km/h min' +
        '<div class="sub">head ' + esc(jam.headSegmentId) + ' ← tail ' + esc(jam.tailSegmentId) + ' · since ' +
        time(jam.openedAt) + '</div></div>';
    }).join('');
    Array.prototype.forEach.call(list.querySelectorAll('.jam'), function (el) {
      el.onclick = function () { select(el.getAttribute('data-head')); };
    });
  }
  function pollLists() {
    fetch('/api/jams').then(function (r) { return r.ok ? r.json() : null; }).then(function (open) {
      if (open) { jams = open; drawJams(); }
    }).catch(function () { /* the stream's dot already says when the server is away */ });
    // keep incidents cleared in the last minutes of traffic time in sight, greyed, so an operator sees them go
    var incidentsUrl = '/api/incidents' + (newestWindowEnd
      ? '?clearedSince=' + encodeURIComponent(new Date(newestWindowEnd - CLEARED_VISIBLE_MS).toISOString()) : '');
    fetch(incidentsUrl).then(function (r) { return r.ok ? r.json() : null; }).then(function (list) {
      if (list) { drawIncidents(list); }
    }).catch(function () { });
    fetch('/api/signal-plans').then(function (r) { return r.ok ? r.json() : null; }).then(function (plans) {
      if (plans) { showPlans(plans); }
    }).catch(function () { });
    fetch('/api/alerts').then(function (r) { return r.ok ? r.json() : null; }).then(function (feed) {
      if (feed) { drawAlerts(feed); }
    }).catch(function () { });
  }
  // ---- driver alerts in force: what drivers upstream are being told ---------------------------------------
  function drawAlerts(feed) {
    var box = $('alerts');
    box.hidden = feed.length === 0;
    var shown = feed.slice(0, 8);
    box.innerHTML = '<div class="title">driver alerts · ' + feed.length + '</div>' + shown.map(function (a) {
      var seg = segments[a.segmentId];
      return '<div class="alert-row" data-segment="' + esc(a.segmentId) + '"><span class="to">' +
        esc(seg ? seg.feature.properties.name : a.segmentId) + ' · ' + esc(a.segmentId) + '</span><br>' +
        esc(a.message) + '</div>';
    }).join('') + (feed.length > shown.length ? '<div class="sub">and ' + (feed.length - shown.length) + ' more</div>' : '');
    Array.prototype.forEach.call(box.querySelectorAll('.alert-row'), function (el) {
      el.onclick = function () { select(el.getAttribute('data-segment')); };
    });
  }
  // ---- incidents: a marker where it is; its popup says what was seen, by whom, and where it stands ------------
  function incidentPopup(i) {
    var seg = segments[i.segmentId];
    var rows = [
      ['Source', esc(i.source)],
      ['Detected', time(i.detectedAt)],
      ['Confirmed', time(i.confirmedAt)],
      ['Cleared', time(i.clearedAt)],
      ['Where', esc(seg ? seg.feature.properties.name : i.segmentId) + ' · ' + num(i.offsetM, 0) + ' m'],
      ['Vehicles', i.vehicleIds.length ? esc(i.vehicleIds.join(', ')) + ' (' + i.vehicleIds.length + ')' : '–']
    ];
    return '<div class="incident"><span class="state" style="background:' + INCIDENT_COLOURS[i.state] + '">' +
      esc(i.state) + '</span> <b>' + esc(i.kind) + '</b><div class="sub">' + esc(i.incidentId) + '</div><table>' +
      rows.map(function (r) { return '<tr><td>' + r[0] + '</td><td>' + r[1] + '</td></tr>'; }).join('') + '</table>' +
      '<div class="evidence">' + esc(i.evidence) + '</div></div>';
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
        marker = L.circleMarker([i.lat, i.lon], L.extend({ renderer: renderer }, incidentStyle(i)));
        marker.bindPopup('', { className: 'dark-popup', maxWidth: 320, minWidth: 240 })
          .bindTooltip(function () {
            return '<b>' + esc(marker.incident.kind) + '</b> · ' + esc(marker.incident.state) +
              '<br><span class="sub">click for details</span>';
          }, { className: 'seg-tip', direction: 'top', offset: [0, -8] })
          .addTo(incidentLayer);
        incidentMarkers[i.incidentId] = marker;
      }
      marker.incident = i;
      marker.setStyle(incidentStyle(i));
      marker.setPopupContent(incidentPopup(i)); // in place: an open popup stays open and shows the news
    });
    Object.keys(incidentMarkers).forEach(function (id) {
      if (!present[id]) { incidentLayer.removeLayer(incidentMarkers[id]); delete incidentMarkers[id]; }
    });
    var wanted = /incident=([^&]+)/.exec(location.hash); // a link can open an incident: #incident=ID
    if (wanted && !incidentLinkFollowed && incidentMarkers[decodeURIComponent(wanted[1])]) {
      incidentLinkFollowed = true; // once: later refreshes leave the popup to the operator
      incidentMarkers[decodeURIComponent(wanted[1])].openPopup();
    }
  }

  // ---- live data ----------------------------------------------------------------------------------------------
  function newer(a, b) { // is row a newer than row b for the same segment?
    if (!b) { return true; }
    var wa = Date.parse(a.windowStart), wb = Date.parse(b.windowStart);
    return wa > wb || (wa === wb && a.revision > b.revision);
  }
  function apply(row, arrivedNow) {
    var seg = segments[row.segmentId];
    if (!seg || !newer(row, seg.stats)) { return; }
    seg.stats = row;
    var end = Date.parse(row.windowEnd);
    if (end > newestWindowEnd) {
      newestWindowEnd = end;
      $('latest-window').textContent = time(row.windowStart) + ' – ' + time(row.windowEnd);
      $('latest-window').title = row.windowStart + ' – ' + row.windowEnd;
    }
    lastArrival = Math.max(lastArrival, arrivedNow ? Date.now() : Date.parse(row.updatedAt));
    seg.line.setStyle(style(seg));
    if (row.segmentId === selectedId) { $('panel-body').innerHTML = panel(seg); }
  }
  function restyleAll() {
    Object.keys(segments).forEach(function (id) { segments[id].line.setStyle(style(segments[id])); });
  }
  function showStatus(s) {
    $('events-in').textContent = num(s.eventsInPerSecond, 0);
    $('stats-out').textContent = num(s.statsOutPerSecond, 1);
    $('dead-letters').textContent = num(s.deadLetters, 0);
    $('dead-letters').parentNode.classList.toggle('alert', s.deadLetters > 0);
    $('lag').textContent = num(s.consumerLag, 0);
    $('lag').parentNode.classList.toggle('alert', s.consumerLag > 10000);
  }
  function tick() {
    var live = Object.keys(segments).filter(function (id) { return segments[id].stats; }).length;
    $('segments-live').textContent = live + ' / ' + Object.keys(segments).length;
    $('stale').hidden = !loaded || (lastArrival !== 0 && Date.now() - lastArrival <= STALE_AFTER_MS);
    $('stale').title = lastArrival ? 'nothing new since ' + new Date(lastArrival).toLocaleTimeString() : 'no data yet';
  }

  function connect() {
    var source = new EventSource('/api/stream');
    source.addEventListener('open', function () {
      $('connection').className = 'dot live';
      $('connection').title = 'live stream connected';
      // (re)load the picture after subscribing, so nothing written in between is missed; apply() keeps the newest
      fetch('/api/live').then(function (r) { return r.json(); }).then(function (rows) {
        rows.forEach(function (row) { apply(row, false); });
        loaded = true;
        restyleAll();
        tick();
      }).catch(function (e) {
        $('message').textContent = 'Cannot load the live picture: ' + e.message;
        $('message').hidden = false;
      });
      fetch('/api/status').then(function (r) { return r.ok ? r.json() : null; }).then(function (s) { if (s) { showStatus(s); } });
    });
    source.addEventListener('error', function () {
      $('connection').className = 'dot down';
      $('connection').title = 'live stream lost; reconnecting';
    });
    source.addEventListener('stats', function (e) { apply(JSON.parse(e.data), true); tick(); });
    source.addEventListener('status', function (e) { showStatus(JSON.parse(e.data)); });
  }

  fetch('/api/network').then(function (r) {
    if (!r.ok) { throw new Error('HTTP ' + r.status); }
    return r.json();
  }).then(function (fc) {
    drawNetwork(fc);
    connect();
    pollLists();
    setInterval(pollLists, LIST_POLL_MS);
    setInterval(tick, 5000);
    tick();
  }).catch(function (e) {
    $('message').textContent = 'Cannot load the road network (' + e.message + '). Retrying…';
    $('message').hidden = false;
    setTimeout(function () { location.reload(); }, 10000);
  });
})();
