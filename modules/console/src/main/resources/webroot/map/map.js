// The control-room live map: cells coloured by patrol status, officers moving, open cases with their
// escalation card, a feed of alerts and escalations. Loads over the API, then follows /api/v1/live.
'use strict';
GP.translate();

const COLOURS = {visited: '#43a047', due: '#ffb300', overdue: '#e53935', idle: '#b0bec5'};
const FEED_LENGTH = 200;
const state = {
  config: null, map: null, cellLayer: null,
  cells: new Map(),    // code -> {layer, properties}
  officers: new Map(), // code -> {data, marker}
  cases: new Map(),    // id -> {data, marker}
  filter: {district: '', street: '', team: ''},
  socket: null, retryMs: 1000, track: null,
};

async function api(path, options) {
  const reply = await fetch(path, options);
  if (reply.status === 401) {
    window.location.assign('/');
    throw new Error('not logged in');
  }
  if (!reply.ok) {
    throw new Error(path + ' answered ' + reply.status);
  }
  return reply.status === 204 ? null : reply.json();
}

function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

function time(iso) {
  return GP.cityTime(iso, state.config.timeZone);
}

// ---- filters ---------------------------------------------------------------------------------------

function matchesPlace(code) {
  const prefix = state.filter.street || state.filter.district;
  return !prefix || (code || '').startsWith(prefix);
}

function officerShown(officer) {
  return (!state.filter.team || officer.team === state.filter.team)
    && (!state.filter.street && !state.filter.district || matchesPlace(officer.cell));
}

function fillSelect(id, values, labels) {
  const select = document.getElementById(id);
  const current = select.value;
  select.replaceChildren(new Option(GP.t('all'), ''));
  values.forEach(value => select.add(new Option(labels.get(value) || value, value)));
  select.value = values.includes(current) ? current : '';
}

function fillFilters() {
  const districts = new Map();
  const streets = new Map();
  state.cells.forEach(({properties}, code) => {
    districts.set(code.substring(0, 6), code.substring(0, 6));
    if (!state.filter.district || code.startsWith(state.filter.district)) {
      streets.set(code.substring(0, 9), properties.street);
    }
  });
  fillSelect('filter-district', [...districts.keys()].sort(), districts);
  fillSelect('filter-street', [...streets.keys()].sort(), streets);
  const teams = new Set();
  state.officers.forEach(({data}) => { if (data.team) teams.add(data.team); });
  fillSelect('filter-team', [...teams].sort(), new Map());
}

function applyFilters() {
  state.cells.forEach(({layer}, code) => {
    if (matchesPlace(code)) state.cellLayer.addLayer(layer); else state.cellLayer.removeLayer(layer);
  });
  state.officers.forEach(({data, marker}) => {
    if (officerShown(data)) marker.addTo(state.map); else marker.remove();
  });
  state.cases.forEach(({data, marker}) => {
    if (matchesPlace(data.cell)) marker.addTo(state.map); else marker.remove();
  });
  updateCounts();
  sendView();
}

['district', 'street', 'team'].forEach(name => {
  document.getElementById('filter-' + name).addEventListener('change', event => {
    state.filter[name] = event.target.value;
    if (name === 'district') {
      state.filter.street = '';
      fillFilters();
    }
    applyFilters();
  });
});

// ---- cells -----------------------------------------------------------------------------------------

function cellStyle(status) {
  return {color: '#455a64', weight: 0.5, fillColor: COLOURS[status] || COLOURS.idle, fillOpacity: 0.35};
}

async function loadCells() {
  let after = '';
  do {
    const page = await api('/api/v1/map/cells?limit=2000' + (after ? '&after=' + after : ''));
    page.features.forEach(feature => {
      const code = feature.properties.code;
      const known = state.cells.get(code);
      if (known) {
        known.properties = feature.properties;
        known.layer.setStyle(cellStyle(feature.properties.status));
        return;
      }
      const layer = L.geoJSON(feature, {style: cellStyle(feature.properties.status)});
      layer.on('click', () => cellPopup(code, layer));
      state.cells.set(code, {layer, properties: feature.properties});
      if (matchesPlace(code)) state.cellLayer.addLayer(layer);
    });
    after = page.next;
  } while (after);
  updateCounts();
}

function setCellStatus(code, status) {
  const cell = state.cells.get(code);
  if (cell) {
    cell.properties.status = status;
    cell.layer.setStyle(cellStyle(status));
  }
}

async function cellPopup(code, layer) {
  const [cell, coverage] = await Promise.all([api('/api/v1/cells/' + code), api('/api/v1/cells/' + code + '/coverage')]);
  const props = state.cells.get(code).properties;
  const open = [...state.cases.values()].filter(c => c.data.cell === code);
  const box = document.createElement('div');
  box.className = 'popup';
  box.append(text('strong', cell.name + ' ' + code));
  const table = document.createElement('table');
  [[GP.t('status'), GP.t(props.status)],
   [GP.t('lastVisit'), cell.lastVisit ? time(cell.lastVisit.at) + ' ' + cell.lastVisit.officer : GP.t('none')],
   [GP.t('visitsToday'), String(cell.visitsToday)],
   [GP.t('openCases'), open.length ? open.map(c => '#' + c.data.id + ' ' + c.data.category.name[GP.lang]).join(', ')
     : GP.t('none')]].concat(coverage.windows.map(w => [w.plan.name,
       w.visits + ' / ' + w.visitsNeeded + ' · ' + GP.t(w.status)]))
    .forEach(([label, value]) => {
    const row = table.insertRow();
    row.insertCell().textContent = label;
    row.insertCell().textContent = value;
  });
  box.append(table);
  layer.bindPopup(box).openPopup();
}

// ---- officers --------------------------------------------------------------------------------------

function officerIcon(officer) {
  return L.divIcon({className: 'officer-icon' + (officer.silent ? ' silent' : ''),
    html: '<div class="officer-arrow"></div>', iconSize: [14, 18], iconAnchor: [7, 9]});
}

function placeOfficer(officer) {
  const known = state.officers.get(officer.officer);
  const data = Object.assign(known ? known.data : {}, officer);
  data.seenAt = Date.now();
  let marker = known && known.marker;
  if (!marker) {
    marker = L.marker([data.lat, data.lon], {icon: officerIcon(data), title: data.officer, keyboard: false});
    marker.on('click', () => officerPopup(data.officer, marker));
    state.officers.set(data.officer, {data, marker});
  } else {
    marker.setLatLng([data.lat, data.lon]);
  }
  state.officers.get(data.officer).data = data;
  if (officerShown(data)) marker.addTo(state.map);
  const element = marker.getElement();
  if (element) {
    element.classList.toggle('silent', Boolean(data.silent));
    element.dataset.officer = data.officer;
    const arrow = element.querySelector('.officer-arrow');
    if (arrow && data.heading != null) arrow.style.transform = 'rotate(' + data.heading + 'deg)';
  }
}

function markSilent() {
  const limit = state.config.silentAfterMinutes * 60000;
  state.officers.forEach(({data, marker}) => {
    const silent = data.silent || Date.now() - data.seenAt > limit;
    const element = marker.getElement();
    if (element) element.classList.toggle('silent', silent);
    data.silentNow = silent;
  });
  updateCounts();
}

async function officerPopup(code, marker) {
  const [officer, track] = await Promise.all([api('/api/v1/officers/' + code),
    api('/api/v1/officers/' + code + '/track?limit=5000')]);
  if (state.track) state.track.remove();
  const box = document.createElement('div');
  box.className = 'popup';
  box.append(text('strong', officer.name + ' ' + code));
  const tasks = [...state.cases.values()].filter(c => c.data.assignee === code);
  const table = document.createElement('table');
  [[GP.t('team'), officer.team ? officer.team.name : GP.t('none')],
   [GP.t('status'), GP.t(officer.seen === 'silent' ? 'silent' : 'live')],
   [GP.t('lastSeen'), time(officer.lastSeen)],
   [GP.t('openTasks'), tasks.length ? tasks.map(c => '#' + c.data.id).join(', ') : GP.t('none')]]
    .forEach(([label, value]) => {
      const row = table.insertRow();
      row.insertCell().textContent = label;
      row.insertCell().textContent = value;
    });
  box.append(table);
  const points = track.points;
  if (points.length) {
    const line = points.map(p => [p.lat, p.lon]);
    const pointer = L.circleMarker(line[line.length - 1], {radius: 6, color: '#6a1b9a'});
    state.track = L.layerGroup([L.polyline(line, {color: '#6a1b9a', weight: 3}), pointer]).addTo(state.map);
    box.append(text('div', GP.t('trackToday')));
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.min = '0';
    slider.max = String(points.length - 1);
    slider.value = slider.max;
    const at = text('time', time(points[points.length - 1].at));
    slider.addEventListener('input', () => {
      const point = points[Number(slider.value)];
      pointer.setLatLng([point.lat, point.lon]);
      at.textContent = time(point.at);
    });
    box.append(slider, at);
  } else {
    box.append(text('div', GP.t('noTrack')));
  }
  marker.bindPopup(box).openPopup();
}

// ---- cases -----------------------------------------------------------------------------------------

function casePlace(data) {
  if (data.lat != null && data.lon != null) return [data.lat, data.lon];
  const cell = state.cells.get(data.cell);
  return cell ? cell.layer.getBounds().getCenter() : null;
}

function placeCase(data) {
  const known = state.cases.get(data.id);
  if (known) known.marker.remove();
  if (data.status === 'closed' || data.status === 'rejected') {
    state.cases.delete(data.id);
    return;
  }
  const place = casePlace(data);
  if (!place) return;
  const card = data.escalation ? data.escalation.card : 'none';
  const level = data.escalation ? data.escalation.level : 0;
  const marker = L.marker(place, {title: '#' + data.id, icon: L.divIcon({className: 'case-icon ' + card,
    html: String(level), iconSize: [18, 18]})});
  marker.bindPopup(() => {
    const box = document.createElement('div');
    box.className = 'popup';
    box.append(text('strong', '#' + data.id + ' ' + data.category.name[GP.lang]));
    box.append(text('div', data.status + (data.stageDeadline ? ' · ' + time(data.stageDeadline) : '')));
    if (data.description) box.append(text('div', data.description));
    return box;
  });
  state.cases.set(data.id, {data, marker});
  if (matchesPlace(data.cell)) marker.addTo(state.map);
}

async function loadCases() {
  const reply = await api('/api/v1/map/cases');
  reply.cases.forEach(placeCase);
  updateCounts();
}

async function refreshCase(id) {
  try {
    placeCase(await api('/api/v1/cases/' + id));
  } catch (e) {
    state.cases.get(id)?.marker.remove();
    state.cases.delete(id);
  }
  updateCounts();
}

// ---- feed and counts -------------------------------------------------------------------------------

function addToFeed(title, detail, className, target, at) {
  const feed = document.getElementById('feed');
  const item = text('li', '', className);
  item.append(text('strong', title), text('span', ' ' + detail), text('time', time(at || new Date().toISOString())));
  item.addEventListener('click', () => flyTo(target));
  feed.prepend(item);
  while (feed.children.length > FEED_LENGTH) feed.lastChild.remove();
}

function flyTo(target) {
  if (target.cell && state.cells.has(target.cell)) {
    state.map.flyToBounds(state.cells.get(target.cell).layer.getBounds(), {maxZoom: 18});
  } else if (target.officer && state.officers.has(target.officer)) {
    state.map.flyTo(state.officers.get(target.officer).marker.getLatLng(), 18);
  }
}

function updateCounts() {
  let online = 0;
  let silent = 0;
  state.officers.forEach(({data}) => {
    if (!officerShown(data)) return;
    if (data.silent || data.silentNow) silent++; else online++;
  });
  let overdue = 0;
  state.cells.forEach(({properties}, code) => { if (properties.status === 'overdue' && matchesPlace(code)) overdue++; });
  let open = 0;
  let yellow = 0;
  let red = 0;
  state.cases.forEach(({data}) => {
    if (!matchesPlace(data.cell)) return;
    open++;
    const card = data.escalation && data.escalation.card;
    if (card === 'yellow') yellow++;
    if (card === 'red') red++;
  });
  [['online', online], ['silent', silent], ['overdue', overdue], ['cases', open], ['yellow', yellow], ['red', red]]
    .forEach(([id, n]) => { document.getElementById('count-' + id).textContent = String(n); });
}

// ---- live updates ----------------------------------------------------------------------------------

function sendView() {
  if (!state.socket || state.socket.readyState !== WebSocket.OPEN) return;
  const bounds = state.map.getBounds().pad(0.2);
  const view = {type: 'view', bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]};
  const place = state.filter.street || state.filter.district;
  if (place) view.street = place;
  state.socket.send(JSON.stringify(view));
}

function onFrame(frame) {
  (frame.officers || []).forEach(placeOfficer);
  (frame.alerts || []).forEach(alert => {
    if (alert.kind === 'patrol_overdue') {
      setCellStatus(alert.cell, alert.status === 'open' ? 'overdue' : 'visited');
      if (alert.status === 'open') {
        addToFeed(GP.t('patrolOverdue'), GP.t('cell') + ' ' + alert.cell, 'alert', alert, new Date(alert.overdueSince));
      }
    } else {
      const known = state.officers.get(alert.officer);
      if (known) placeOfficer({officer: alert.officer, lat: known.data.lat, lon: known.data.lon,
        silent: alert.status === 'open'});
      if (alert.status === 'open') {
        addToFeed(GP.t('officerSilent'), alert.officer, 'alert', alert, new Date(alert.overdueSince));
      }
    }
  });
  if (frame.moreAlerts) {
    addToFeed(GP.t('patrolOverdue'), '+' + frame.moreAlerts + ' ' + GP.t('moreAlerts'), 'alert', {});
    loadCells();
  }
  (frame.cases || []).forEach(change => {
    if (change.type === 'escalation') {
      addToFeed(GP.t('escalation') + ' #' + change.case, change.level + ' ' + GP.t('level') + ' · '
        + (change.categoryName ? change.categoryName[GP.lang] : change.category), change.card, change, change.takenAt);
    }
    refreshCase(change.case);
  });
  updateCounts();
}

function connect() {
  const badge = document.getElementById('connection');
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v1/live');
  state.socket = socket;
  socket.addEventListener('open', () => {
    state.retryMs = 1000;
    badge.textContent = GP.t('live');
    badge.classList.remove('down');
    sendView();
  });
  socket.addEventListener('message', event => {
    const message = JSON.parse(event.data);
    if (message.type === 'snapshot') {
      message.officers.forEach(placeOfficer);
      fillFilters();
      updateCounts();
    } else if (message.type === 'frame') {
      onFrame(message);
    }
  });
  socket.addEventListener('close', async event => {
    // 4401: the session the socket was opened with ended (logged out, or the account changed): still logged in
    // (a new session), the map goes on; else back to the login page.
    if (event.code === 4401 && (await fetch('/api/v1/me')).status === 401) {
      window.location.assign('/');
      return;
    }
    badge.textContent = GP.t('reconnecting');
    badge.classList.add('down');
    // Back again, the view is sent anew and the snapshot brings the officers up to date: no reload needed.
    setTimeout(connect, state.retryMs);
    state.retryMs = Math.min(state.retryMs * 2, 15000);
  });
}

// ---- start -----------------------------------------------------------------------------------------

document.getElementById('logout').addEventListener('click', async () => {
  await fetch('/api/v1/logout', {method: 'POST'});
  window.location.assign('/');
});

async function start() {
  const me = await api('/api/v1/me');
  document.getElementById('me').textContent = me.displayName + ' · ' + me.name;
  document.getElementById('admin-link').hidden = me.role !== 'admin';
  state.config = await api('/api/v1/map/config');
  state.map = L.map('map', {preferCanvas: false, zoomControl: true});
  if (state.config.tileUrl) {
    L.tileLayer(state.config.tileUrl, {attribution: state.config.tileAttribution, maxZoom: 19}).addTo(state.map);
  }
  state.cellLayer = L.featureGroup().addTo(state.map);
  await loadCells();
  if (state.cells.size) {
    state.map.fitBounds(state.cellLayer.getBounds());
  } else {
    state.map.setView([39.92, 116.41], 13);
  }
  fillFilters();
  await loadCases();
  state.map.on('moveend', sendView);
  connect();
  setInterval(loadCells, 30000);
  setInterval(markSilent, 10000);
  document.body.dataset.ready = 'true';
}

start();
