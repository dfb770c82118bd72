// The patrol officer's handheld page: today's plans, the cells still to patrol nearest first, check-ins
// from the phone's position while the page is open, explicit cell check-ins, and problem reports with a
// photo. Everything goes through the outbox, so nothing is lost without signal and nothing is sent twice.
'use strict';
GP.translate();

const FIX_EVERY_MS = 10000;
const BATCH = 100;
const outbox = new GP.Outbox();
const state = {me: null, position: null, lastFixAt: 0, cells: [], flushing: false, timeZone: 'Asia/Shanghai'};

function log(message) {
  const list = document.getElementById('log');
  const item = document.createElement('li');
  item.textContent = GP.cityTime(new Date().toISOString(), state.timeZone) + ' ' + message;
  list.prepend(item);
  while (list.children.length > 30) list.lastChild.remove();
}

function clientId(prefix) {
  return prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}

async function api(path, options) {
  const reply = await fetch(path, options);
  if (reply.status === 401) {
    window.location.assign('/');
    throw new Error('not logged in');
  }
  return reply;
}

function postJson(path, body) {
  return api(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
}

async function showQueued() {
  document.getElementById('queued').textContent = String(await outbox.count());
}

function showNetwork() {
  const badge = document.getElementById('network');
  badge.textContent = GP.t(navigator.onLine ? 'online' : 'offline');
  badge.classList.toggle('offline', !navigator.onLine);
}

// ---- the outbox goes out, in order ----------------------------------------------------------------

/** A 4xx other than 401, 408 or 429 will not get better by sending again. */
function refused(status) {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

async function sendFixes(items) {
  const batch = [];
  for (const item of items) {
    if (item.kind !== 'fix' || batch.length === BATCH) break;
    batch.push(item);
  }
  const reply = await postJson('/api/v1/checkins', {checkins: batch.map(item => item.body)});
  if (reply.ok || refused(reply.status)) {
    // Accepted, duplicates (sent before, answer lost) and refused fixes are all settled.
    if (!reply.ok) log(GP.t('dropped'));
    await outbox.remove(batch.map(item => item.seq));
    return true;
  }
  return false;
}

async function sendReport(item) {
  if (item.caseId == null) {
    const reply = await postJson('/api/v1/cases', item.body);
    if (refused(reply.status)) {
      log(GP.t('dropped'));
      await outbox.remove([item.seq]);
      return true;
    }
    if (!reply.ok) return false;
    item.caseId = (await reply.json()).id;
    await outbox.put(item);
  }
  if (item.photo) {
    const reply = await api('/api/v1/cases/' + item.caseId + '/photos',
      {method: 'POST', headers: {'Content-Type': item.photo.type}, body: item.photo});
    if (!reply.ok && !refused(reply.status)) return false;
    if (!reply.ok) log(GP.t('dropped'));
  }
  await outbox.remove([item.seq]);
  document.getElementById('report-result').textContent = GP.t('reportSent') + ' #' + item.caseId;
  log(GP.t('reportSent') + ' #' + item.caseId);
  return true;
}

async function flush() {
  if (state.flushing || !navigator.onLine) return;
  state.flushing = true;
  try {
    let items = await outbox.all();
    while (items.length) {
      const sent = items[0].kind === 'fix' ? await sendFixes(items) : await sendReport(items[0]);
      if (!sent) break;
      items = await outbox.all();
    }
  } catch (e) {
    // No signal after all, or the server is away: everything stays queued for the next try.
  } finally {
    state.flushing = false;
    await showQueued();
  }
}

async function enqueue(item) {
  await outbox.add(item);
  await showQueued();
  flush();
}

// ---- position, cells, check-ins -------------------------------------------------------------------

function fix(position, cell) {
  const coords = position.coords;
  const body = {id: clientId('w'), time: new Date(position.timestamp).toISOString(), lat: coords.latitude,
    lon: coords.longitude};
  if (coords.accuracy != null) body.accuracy = Math.min(coords.accuracy, 100000);
  if (coords.speed != null && coords.speed >= 0) body.speed = coords.speed;
  if (coords.heading != null && coords.heading >= 0 && coords.heading <= 360) body.heading = coords.heading;
  if (cell) body.cell = cell;
  return {kind: 'fix', body};
}

function onPosition(position) {
  state.position = position;
  document.getElementById('position').textContent = position.coords.latitude.toFixed(5) + ', '
    + position.coords.longitude.toFixed(5) + ' ±' + Math.round(position.coords.accuracy) + GP.t('metres');
  if (Date.now() - state.lastFixAt >= FIX_EVERY_MS) {
    state.lastFixAt = Date.now();
    enqueue(fix(position));
  }
  showCells();
}

function centroid(geometry) {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
  const points = ring.slice(0, -1);
  return [points.reduce((s, p) => s + p[1], 0) / points.length, points.reduce((s, p) => s + p[0], 0) / points.length];
}

/**
 * Metres from a position [lat, lon] to a cell's outline: 0 inside it. Locally the earth is flat enough to
 * measure in metres east and north of the position.
 */
function metresFromCell(here, ring) {
  const rad = Math.PI / 180;
  const points = ring.map(p => [(p[0] - here[1]) * rad * Math.cos(here[0] * rad) * 6371000,
    (p[1] - here[0]) * rad * 6371000]);
  let inside = false;
  let nearest = Infinity;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if ((yi > 0) !== (yj > 0) && 0 < (xj - xi) * (0 - yi) / (yj - yi) + xi) inside = !inside;
    const dx = xj - xi;
    const dy = yj - yi;
    const t = dx || dy ? Math.max(0, Math.min(1, -(xi * dx + yi * dy) / (dx * dx + dy * dy))) : 0;
    nearest = Math.min(nearest, Math.hypot(xi + t * dx, yi + t * dy));
  }
  return inside ? 0 : nearest;
}

/** Whether an explicit check-in at this cell would count: the fix in it or within accuracy plus tolerance. */
function nearEnough(cell) {
  if (!state.position || !state.claims) return false;
  const here = [state.position.coords.latitude, state.position.coords.longitude];
  const accuracy = Math.min(state.position.coords.accuracy || 0, state.claims.mostAccuracy);
  return metresFromCell(here, cell.ring) <= accuracy + state.claims.tolerance;
}

function metres(a, b) {
  const rad = Math.PI / 180;
  const x = (b[1] - a[1]) * rad * Math.cos((a[0] + b[0]) / 2 * rad);
  const y = (b[0] - a[0]) * rad;
  return Math.round(Math.sqrt(x * x + y * y) * 6371000);
}

async function loadCells() {
  const cells = [];
  let after = '';
  do {
    const reply = await api('/api/v1/map/cells?limit=2000' + (after ? '&after=' + after : ''));
    if (!reply.ok) return;
    const page = await reply.json();
    page.features.forEach(f => cells.push({code: f.properties.code, name: f.properties.name,
      status: f.properties.status, centre: centroid(f.geometry),
      ring: f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]}));
    after = page.next;
  } while (after);
  state.cells = cells;
  showCells();
}

function showCells() {
  const here = state.position ? [state.position.coords.latitude, state.position.coords.longitude] : null;
  const todo = state.cells.filter(c => c.status === 'due' || c.status === 'overdue')
    .map(c => Object.assign({distance: here ? metres(here, c.centre) : null}, c))
    .sort((a, b) => here ? a.distance - b.distance : a.code.localeCompare(b.code));
  const list = document.getElementById('cells');
  list.replaceChildren();
  if (!todo.length) {
    list.append(Object.assign(document.createElement('li'), {textContent: GP.t('allPatrolled')}));
    return;
  }
  todo.forEach(cell => {
    const item = document.createElement('li');
    const name = Object.assign(document.createElement('span'), {className: 'name',
      textContent: cell.name + (cell.distance != null ? ' · ' + cell.distance + GP.t('metres') : '')});
    const status = Object.assign(document.createElement('span'), {className: 'status ' + cell.status,
      textContent: GP.t(cell.status)});
    item.append(name, status);
    // Offered only where it would count: a claim far from the fix is stored but never a visit.
    if (nearEnough(cell)) {
      const button = Object.assign(document.createElement('button'), {type: 'button', textContent: GP.t('checkInHere')});
      button.dataset.cell = cell.code;
      button.addEventListener('click', () => {
        enqueue(fix(state.position, cell.code));
        log(GP.t('checkedIn') + ' ' + cell.name);
      });
      item.append(button);
    }
    list.append(item);
  });
}

// ---- plans and reports ----------------------------------------------------------------------------

/** The city's date today, yyyy-MM-dd, whatever the phone's own time zone. */
function cityToday() {
  const parts = {};
  new Intl.DateTimeFormat('en-US', {timeZone: state.timeZone, year: 'numeric', month: '2-digit', day: '2-digit'})
    .formatToParts(new Date()).forEach(part => { parts[part.type] = part.value; });
  return parts.year + '-' + parts.month + '-' + parts.day;
}

/** A time of day as the city's clock shows it, e.g. 22:00. */
function cityClock(iso) {
  return new Intl.DateTimeFormat('en-GB', {timeZone: state.timeZone, hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23'}).format(new Date(iso));
}

/** The plans with a window today (not every plan of the area: the holiday patrol only on its holidays). */
async function loadPlans() {
  const reply = await api('/api/v1/plans?windowsOn=' + cityToday());
  if (!reply.ok) return;
  const list = document.getElementById('plans');
  list.replaceChildren();
  const plans = (await reply.json()).plans;
  if (!plans.length) {
    list.append(Object.assign(document.createElement('li'), {textContent: GP.t('noPlansToday')}));
  }
  plans.forEach(plan => {
    const item = document.createElement('li');
    const times = plan.windows.map(w => cityClock(w.start) + '–' + cityClock(w.end)).join(', ');
    item.append(Object.assign(document.createElement('span'), {className: 'name', textContent: plan.name}),
      Object.assign(document.createElement('span'), {className: 'times', textContent: times}));
    list.append(item);
  });
}

async function loadCategories() {
  const reply = await api('/api/v1/categories');
  if (!reply.ok) return;
  const tree = await reply.json();
  const select = document.getElementById('category');
  tree.categories.forEach(major => {
    const group = document.createElement('optgroup');
    group.label = major.code + ' ' + major[GP.lang];
    (major.minors || []).forEach(minor => group.append(new Option(minor.code + ' ' + minor[GP.lang], minor.code)));
    select.append(group);
  });
}

document.getElementById('report').addEventListener('submit', async event => {
  event.preventDefault();
  const body = {clientRef: clientId('r'), category: document.getElementById('category').value,
    description: document.getElementById('note').value.trim()};
  if (state.position) {
    body.lat = state.position.coords.latitude;
    body.lon = state.position.coords.longitude;
  } else if (state.cells.length) {
    body.cell = state.cells[0].code;
  }
  const photo = document.getElementById('photo').files[0] || null;
  event.target.reset();
  document.getElementById('report-result').textContent = GP.t('reportQueued');
  await enqueue({kind: 'report', body, photo});
});

// ---- start ----------------------------------------------------------------------------------------

async function start() {
  await outbox.open();
  const me = await (await api('/api/v1/me')).json();
  document.getElementById('me').textContent = me.displayName;
  const config = await api('/api/v1/map/config');
  if (config.ok) {
    const settings = await config.json();
    state.timeZone = settings.timeZone;
    state.claims = {tolerance: settings.claimToleranceMetres, mostAccuracy: settings.claimMostAccuracyMetres};
  }
  showNetwork();
  await showQueued();
  window.addEventListener('online', () => { showNetwork(); flush(); });
  window.addEventListener('offline', showNetwork);
  await Promise.all([loadPlans(), loadCategories(), loadCells()]);
  if ('geolocation' in navigator) {
    navigator.geolocation.watchPosition(onPosition, () => log(GP.t('gpsOff')),
      {enableHighAccuracy: true, maximumAge: 5000, timeout: 30000});
  }
  setInterval(flush, 15000);
  setInterval(loadCells, 60000);
  // A page left open over midnight shows the new day's plans.
  setInterval(loadPlans, 600000);
  flush();
  document.body.dataset.ready = 'true';
}

start();
