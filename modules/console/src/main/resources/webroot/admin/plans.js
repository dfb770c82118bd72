// Patrol plans: the list, and the editor of one plan with its cells chosen on the map (by district, street or
// community, one by one, or inside an area drawn on the map), its windows and days, its requirement, and a
// preview of its next windows over the holiday calendar.
'use strict';
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DAY_TYPES = ['WORKING_DAY', 'REST_DAY', 'HOLIDAY', 'MAKEUP_WORKING_DAY'];
const REQUIREMENT = ['minVisits', 'maxGapMinutes', 'minDwellMinutes', 'graceMinutes'];
const CHOSEN = {color: '#0d47a1', weight: 0.8, fillColor: '#1769aa', fillOpacity: 0.5};
const NOT_CHOSEN = {color: '#607d8b', weight: 0.4, fillColor: '#b0bec5', fillOpacity: 0.15};
const form = document.getElementById('plan-form');
const state = {
  map: null,
  cells: new Map(), // code -> {layer, properties, centroid: [lon, lat]}
  plan: null, // the plan being changed: {id, retiredAt}; null for a new one
  periods: new Map(), // holiday period key -> name
};
/** The plan's cells as the API takes them: single codes, code prefixes (district, street, community), an area. */
const selection = {codes: new Set(), prefixes: [], area: null};
const drawing = {on: false, corners: [], outline: null};

// ---- geometry ------------------------------------------------------------------------------------------

/** The area-weighted centroid of a polygon's or multipolygon's outer rings, [lon, lat]. */
function centroid(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let x = 0;
  let y = 0;
  polygons.forEach(([ring]) => {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += cross;
      x += (ring[j][0] + ring[i][0]) * cross;
      y += (ring[j][1] + ring[i][1]) * cross;
    }
  });
  return area === 0 ? polygons[0][0][0] : [x / (3 * area), y / (3 * area)];
}

/** Whether a point lies inside a ring of [lon, lat] corners (a ray to the east crosses it an odd number of times). */
function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies in a GeoJSON polygon or multipolygon: in an outer ring and in none of its holes. */
function inArea(point, geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(([outer, ...holes]) => inRing(point, outer) && !holes.some(hole => inRing(point, hole)));
}

// ---- the selection on the map --------------------------------------------------------------------------

/**
 * Whether a cell is in the plan. A saved area is shown by the cells whose centroid lies in it; the node resolves
 * it by the cells it covers, which for cells of a grid is the same but at its edge.
 */
function chosen(code) {
  return selection.codes.has(code) || selection.prefixes.some(p => code.startsWith(p))
    || (selection.area != null && inArea(state.cells.get(code).centroid, selection.area));
}

function redraw() {
  let count = 0;
  state.cells.forEach(({layer}, code) => {
    const yes = chosen(code);
    if (yes) count++;
    layer.setStyle(yes ? CHOSEN : NOT_CHOSEN);
  });
  document.getElementById('cell-count').textContent = count + ' ' + GP.t('cellsChosenCount');
  const chips = selection.prefixes.map(prefix => chip(placeName(prefix), () => {
    selection.prefixes = selection.prefixes.filter(p => p !== prefix);
    redraw();
  }));
  if (selection.area) chips.push(chip(GP.t('savedArea'), () => { selection.area = null; redraw(); }));
  if (selection.codes.size) {
    chips.push(chip(selection.codes.size + ' ' + GP.t('singleCells'), () => { selection.codes.clear(); redraw(); }));
  }
  document.getElementById('chips').replaceChildren(...chips);
}

function chip(text, remove) {
  return A.el('span', {className: 'chip'}, text, A.el('button', {type: 'button', text: '×', 'aria-label': GP.t('remove'),
    onclick: remove}));
}

/** A district, street or community by its code prefix, named after its cells. */
function placeName(prefix) {
  for (const [code, {properties}] of state.cells) {
    if (code.startsWith(prefix)) {
      const name = prefix.length === 9 ? properties.street : prefix.length === 12 ? properties.community : '';
      return (name ? name + ' ' : '') + prefix;
    }
  }
  return prefix;
}

/** A cell clicked: in or out. Out of a chosen street or area, that choice becomes its single cells less this one. */
function toggle(code) {
  if (chosen(code) && !selection.codes.has(code)) {
    state.cells.forEach((cell, other) => { if (chosen(other)) selection.codes.add(other); });
    selection.prefixes = [];
    selection.area = null;
  }
  if (selection.codes.has(code)) selection.codes.delete(code); else selection.codes.add(code);
  redraw();
}

function addPrefix(prefix) {
  if (!selection.prefixes.some(p => prefix.startsWith(p))) {
    selection.prefixes = selection.prefixes.filter(p => !p.startsWith(prefix)).concat(prefix);
    selection.codes.forEach(code => { if (code.startsWith(prefix)) selection.codes.delete(code); });
  }
  const layers = [...state.cells].filter(([code]) => code.startsWith(prefix)).map(([, cell]) => cell.layer);
  if (layers.length) state.map.fitBounds(L.featureGroup(layers).getBounds(), {padding: [20, 20]});
  redraw();
}

function areaChoices() {
  const districts = new Map();
  const streets = new Map();
  const communities = new Map();
  state.cells.forEach(({properties}, code) => {
    districts.set(code.substring(0, 6), code.substring(0, 6));
    streets.set(code.substring(0, 9), properties.street + ' ' + code.substring(0, 9));
    communities.set(code.substring(0, 12), properties.community + ' ' + code.substring(0, 12));
  });
  const group = (key, entries) => A.el('optgroup', {label: GP.t(key)},
    ...[...entries].sort().map(([code, name]) => new Option(name, code)));
  return [group('district', districts), group('street', streets), group('community', communities)];
}

// ---- drawing an area -----------------------------------------------------------------------------------

function startDrawing() {
  drawing.on = true;
  drawing.corners = [];
  drawing.outline = L.polygon([], {color: '#e65100', weight: 2, dashArray: '5 5', fillOpacity: 0.1, interactive: false})
    .addTo(state.map);
  state.map.doubleClickZoom.disable();
  document.getElementById('map-panel').classList.add('drawing');
  document.getElementById('map-hint').textContent = GP.t('drawHint');
}

function stopDrawing() {
  drawing.on = false;
  drawing.outline.remove();
  state.map.doubleClickZoom.enable();
  document.getElementById('map-panel').classList.remove('drawing');
  document.getElementById('map-hint').textContent = GP.t('mapHint');
}

/** The double click closes the area: the cells whose centroid lies inside join the plan. */
function finishDrawing() {
  // Each click of the double click added its corner: corners a few pixels apart are one.
  const corners = [];
  drawing.corners.forEach(point => {
    const last = corners[corners.length - 1];
    if (!last || state.map.latLngToContainerPoint(last).distanceTo(state.map.latLngToContainerPoint(point)) > 4) {
      corners.push(point);
    }
  });
  stopDrawing();
  if (corners.length < 3) {
    A.notice(GP.t('drawTooFew'), true);
    return;
  }
  const ring = corners.map(point => [point.lng, point.lat]);
  state.cells.forEach((cell, code) => { if (inRing(cell.centroid, ring)) selection.codes.add(code); });
  redraw();
}

// ---- windows -------------------------------------------------------------------------------------------

function checks(name, values, label, checked, dataKey) {
  return A.el('fieldset', {className: 'checks', name}, A.el('legend', {text: GP.t(dataKey)}),
    ...values.map(value => A.el('label', {}, A.el('input', {type: 'checkbox', value, checked: checked.includes(value)}),
      A.el('span', {text: label(value)}))));
}

function weekdayName(day) {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(GP.lang === 'zh' ? 'zh-CN' : 'en-GB', {weekday: 'short', timeZone: 'UTC'})
    .format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day))));
}

function windowBox(window, i) {
  const at = 'windows[' + i + ']';
  const days = window.days || {};
  const input = (field, props, value) => A.el('label', {}, A.el('span', {text: GP.t(props.label)}),
    A.el('input', {name: at + field, type: props.type || 'text', value: value == null ? null : value,
      placeholder: props.placeholder ? GP.t(props.placeholder) : null}));
  const periods = [...new Set([...state.periods.keys(), ...(days.holidayPeriods || [])])];
  const hasDays = Object.keys(days).length > 0;
  const box = A.el('fieldset', {className: 'window', name: at},
    A.el('legend', {}, GP.t('window') + ' ' + (i + 1) + ' ', A.el('button', {type: 'button', className: 'secondary small',
      text: '×', 'aria-label': GP.t('remove'), onclick: () => {
        const windows = readWindows();
        windows.splice(i, 1);
        drawWindows(windows);
      }})),
    A.el('div', {className: 'row'}, input('.key', {label: 'windowKey'}, window.key),
      input('.start', {label: 'windowStart', type: 'time'}, window.start), input('.end', {label: 'windowEnd', type: 'time'}, window.end)),
    A.el('details', {open: hasDays}, A.el('summary', {text: GP.t('whichDays')}),
      A.el('div', {className: 'form'},
        checks(at + '.days.weekdays', WEEKDAYS, weekdayName, days.weekdays || [], 'weekdays'),
        checks(at + '.days.dayTypes', DAY_TYPES, type => GP.t(type.toLowerCase()), days.dayTypes || [], 'dayTypes'),
        checks(at + '.days.holidayPeriods', periods, key => state.periods.get(key) || key, days.holidayPeriods || [],
          'holidayPeriods'),
        A.el('div', {className: 'row'}, input('.days.dates', {label: 'dates', placeholder: 'datesPlaceholder'},
          (days.dates || []).join(', ')), input('.days.ranges', {label: 'ranges', placeholder: 'rangesPlaceholder'},
          (days.ranges || []).map(r => r.first + '..' + r.last).join(', '))),
        A.el('div', {className: 'row'}, input('.days.validFrom', {label: 'validFrom', type: 'date'}, days.validFrom),
          input('.days.validUntil', {label: 'validUntil', type: 'date'}, days.validUntil)))));
  return box;
}

function drawWindows(windows) {
  document.getElementById('windows').replaceChildren(...windows.map(windowBox));
}

/** The windows as the API takes them, read from the form; days left out select every day. */
function readWindows() {
  return [...document.querySelectorAll('#windows .window')].map((box, i) => {
    const at = 'windows[' + i + ']';
    const field = name => box.querySelector('[name="' + CSS.escape(at + name) + '"]');
    const ticked = name => [...field(name).querySelectorAll('input:checked')].map(input => input.value);
    const days = {weekdays: ticked('.days.weekdays'), dayTypes: ticked('.days.dayTypes'),
      holidayPeriods: ticked('.days.holidayPeriods'), dates: A.codes(field('.days.dates').value),
      ranges: A.codes(field('.days.ranges').value).map(range => {
        const [first, last] = range.split('..');
        return {first, last: last || first};
      }),
      validFrom: field('.days.validFrom').value, validUntil: field('.days.validUntil').value};
    Object.keys(days).forEach(key => {
      if (days[key] === '' || (Array.isArray(days[key]) && !days[key].length)) delete days[key];
    });
    const window = {key: field('.key').value.trim(), start: field('.start').value, end: field('.end').value};
    if (Object.keys(days).length) window.days = days;
    return window;
  });
}

// ---- the plan ------------------------------------------------------------------------------------------

/** The offset of a zone at an instant, in minutes east of UTC. */
function offsetMinutes(instant, zone) {
  const name = new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'longOffset'}).formatToParts(instant)
    .find(part => part.type === 'timeZoneName').value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** A wall-clock time of the plan's zone (2026-12-05T08:00) as ISO-8601 with that zone's offset then. */
function zonedIso(local, zone) {
  const asUtc = Date.parse(local + ':00Z');
  // The offset at the time read as UTC is off when a clock change lies between the two: looking again at the
  // instant it gives corrects that.
  const offset = offsetMinutes(new Date(asUtc - offsetMinutes(new Date(asUtc), zone) * 60000), zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return local + ':00' + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
}

/** The plan as the API takes it, from the form and the map. */
function planJson() {
  const json = {name: A.value(form, 'name'), cells: {}, windows: readWindows(), requirement: {}};
  const team = A.value(form, 'team');
  if (team) json.team = team;
  const zone = A.value(form, 'timeZone');
  if (zone) json.timeZone = zone;
  const officers = A.codes(form.elements.officers.value);
  if (officers.length) json.officers = officers;
  if (selection.codes.size) json.cells.codes = [...selection.codes].sort();
  if (selection.prefixes.length) json.cells.prefixes = [...selection.prefixes];
  if (selection.area) json.cells.area = selection.area;
  REQUIREMENT.forEach(key => {
    const value = form.elements.namedItem('requirement.' + key).value;
    if (value !== '') json.requirement[key] = Number(value);
  });
  const from = form.elements.effectiveFrom.value;
  if (from) json.effectiveFrom = zonedIso(from, zone || A.zone);
  return json;
}

function edit(plan, definition) {
  state.plan = plan;
  A.clearErrors(form);
  form.reset();
  const shown = definition || {name: '', timeZone: A.zone, windows: [{key: 'day', start: '08:00', end: '18:00'}],
    requirement: {minVisits: 1}, cells: {}};
  A.fill(form, {name: shown.name, team: shown.team, timeZone: shown.timeZone, officers: shown.officers || []});
  REQUIREMENT.forEach(key => { form.elements.namedItem('requirement.' + key).value = shown.requirement[key] ?? ''; });
  selection.codes = new Set(shown.cells.codes || []);
  selection.prefixes = [...(shown.cells.prefixes || [])];
  selection.area = shown.cells.area || null;
  drawWindows(shown.windows);
  document.getElementById('plan-title').textContent = plan
    ? GP.t('plan') + ' #' + plan.id + ' · ' + GP.t('version') + ' ' + plan.version + (plan.retiredAt ? ' · ' + GP.t('retired') : '')
    : GP.t('newPlan');
  document.getElementById('plan-retire').hidden = !plan || Boolean(plan.retiredAt);
  document.getElementById('preview-box').replaceChildren();
  document.querySelectorAll('#plans tr').forEach(tr => tr.classList.toggle('chosen', Boolean(plan) && tr.dataset.id === String(plan.id)));
  redraw();
}

async function openPlan(id) {
  const plan = await A.api('/api/v1/plans/' + id);
  // A change takes effect from now on unless told otherwise: the old version's start is not offered again.
  edit(plan, plan.versions[plan.versions.length - 1].definition);
}

async function loadPlans() {
  const reply = await A.api(A.path('/api/v1/plans', {retired: document.getElementById('show-retired').checked ? 'true' : ''}));
  document.querySelector('#plans tbody').replaceChildren(...reply.plans.map(plan => A.el('tr', {'data-id': plan.id,
    className: (plan.retiredAt ? 'status-retired' : '') + (state.plan && state.plan.id === plan.id ? ' chosen' : ''),
    onclick: () => openPlan(plan.id)},
  A.el('td', {text: String(plan.id)}), A.el('td', {}, A.el('a', {href: '#', text: plan.name,
    onclick: event => event.preventDefault()})), A.el('td', {text: String(plan.cells)}))));
}

async function preview() {
  const plan = planJson();
  // A plan that takes effect later is previewed from then.
  const later = plan.effectiveFrom && Date.parse(plan.effectiveFrom) > Date.now() ? plan.effectiveFrom : null;
  const reply = await A.send(form, () => A.api(A.path('/api/v1/plans/preview', {days: 14, from: later}),
    {method: 'POST', json: plan}));
  if (!reply) return;
  const items = reply.windows.map(w => A.el('li', {'data-window': w.window}, A.el('strong', {text: w.window}),
    ' ' + A.time(w.start) + ' – ' + A.time(w.end),
    w.dayType ? A.el('span', {className: 'badge', text: GP.t(w.dayType) + (w.period ? ' · ' + (state.periods.get(w.period)
      || w.period) : '')}) : null));
  document.getElementById('preview-box').replaceChildren(A.el('h3', {text: reply.windows.length + ' '
    + GP.t('windowsInDays')}), A.el('ol', {className: 'preview', id: 'preview-list'}, ...items));
}

async function loadCells() {
  let after = '';
  do {
    const page = await A.api(A.path('/api/v1/map/cells', {limit: 2000, after}));
    page.features.forEach(feature => {
      const code = feature.properties.code;
      const layer = L.geoJSON(feature, {style: NOT_CHOSEN});
      layer.on('click', () => toggle(code));
      layer.bindTooltip(feature.properties.name + ' ' + code, {sticky: true});
      state.cells.set(code, {layer, properties: feature.properties, centroid: centroid(feature.geometry)});
      layer.addTo(state.map);
    });
    after = page.next;
  } while (after);
}

A.start(async () => {
  // Quarter zoom steps let a street or community fill the map instead of half of it.
  state.map = L.map('map', {zoomSnap: 0.25});
  if (A.config.tileUrl) {
    L.tileLayer(A.config.tileUrl, {attribution: A.config.tileAttribution, maxZoom: 19}).addTo(state.map);
  }
  // Without data for this year the calendar names no periods; the plans' own period keys are still shown.
  const [teams, calendar] = await Promise.all([A.api('/api/v1/teams?limit=500'),
    A.api('/api/v1/calendar').catch(() => ({periods: []})), loadCells()]);
  calendar.periods.forEach(p => state.periods.set(p.key, GP.lang === 'zh' ? p.nameZh : p.nameEn));
  document.getElementById('team-codes').replaceChildren(...teams.teams.map(t => A.el('option', {value: t.code, text: t.name})));
  const choice = document.getElementById('area-choice');
  choice.replaceChildren(...areaChoices());
  choice.setAttribute('aria-label', GP.t('area'));
  if (state.cells.size) {
    state.map.fitBounds(L.featureGroup([...state.cells.values()].map(cell => cell.layer)).getBounds());
  } else {
    state.map.setView([39.92, 116.41], 13);
  }
  state.map.on('click', event => {
    if (!drawing.on) return;
    drawing.corners.push(event.latlng);
    drawing.outline.setLatLngs(drawing.corners);
  });
  state.map.on('dblclick', () => { if (drawing.on) finishDrawing(); });
  document.addEventListener('keydown', event => { if (event.key === 'Escape' && drawing.on) stopDrawing(); });
  document.getElementById('add-area').addEventListener('click', () => addPrefix(choice.value));
  document.getElementById('draw').addEventListener('click', () => { if (!drawing.on) startDrawing(); });
  document.getElementById('clear').addEventListener('click', () => {
    selection.codes.clear();
    selection.prefixes = [];
    selection.area = null;
    redraw();
  });
  document.getElementById('show-retired').addEventListener('change', loadPlans);
  document.getElementById('plan-new').addEventListener('click', () => edit(null, null));
  document.getElementById('window-add').addEventListener('click', () => {
    const windows = readWindows();
    windows.push({key: 'window' + (windows.length + 1), start: '08:00', end: '18:00'});
    drawWindows(windows);
  });
  document.getElementById('preview').addEventListener('click', preview);
  document.getElementById('plan-retire').addEventListener('click', A.confirmed(GP.t('retirePlan'), async () => {
    await A.api('/api/v1/plans/' + state.plan.id, {method: 'DELETE'});
    A.notice(GP.t('retired') + ': #' + state.plan.id);
    await loadPlans();
    await openPlan(state.plan.id);
  }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const saved = await A.send(form, () => A.api(state.plan ? '/api/v1/plans/' + state.plan.id : '/api/v1/plans',
      {method: state.plan ? 'PUT' : 'POST', json: planJson()}));
    if (saved) {
      A.notice(GP.t('planSaved') + ' #' + saved.id + ' · ' + GP.t('version') + ' ' + saved.version + ' · ' + saved.cells
        + ' ' + GP.t('cellsCount'));
      await openPlan(saved.id);
      await loadPlans();
    }
  });
  await loadPlans();
  edit(null, null);
});
