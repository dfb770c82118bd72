// Devices: list, enrol (the JSON API token is shown this once), move to another officer, rotate the key or the
// token, retire; each with its enrolment QR codes for Traccar Client.
'use strict';
const filters = document.getElementById('device-filters');
const panel = document.getElementById('device');
let listing;
let drawn = 0;

function path(device, tail) {
  return '/api/v1/devices/' + encodeURIComponent(device.uniqueId) + (tail || '');
}

/** A QR code drawn by the node; the browser sends the session cookie with it, as with any image of this site. */
function qrCode(device, of, label, caption) {
  // The page keeps an image of the same address in memory, and a new key is a new picture: a number of its own
  // makes the browser ask again.
  drawn++;
  const src = path(device, '/qr.svg') + '?of=' + of + '&n=' + drawn;
  return A.el('figure', {}, A.el('img', {src, alt: caption, 'data-qr': of}), A.el('figcaption', {},
    A.el('strong', {text: GP.t(label)}), A.el('br'), A.el('code', {text: caption})));
}

/** The device's details; {@code token} only right after it was issued, the one time it can be shown. */
function show(device, token) {
  const children = [A.el('h2', {text: GP.t('device') + ' ' + device.uniqueId})];
  if (token) {
    children.push(A.el('div', {className: 'secret', id: 'token-box', role: 'alert'},
      A.el('strong', {text: GP.t('tokenOnce')}), A.el('code', {id: 'token', text: token}),
      A.el('span', {className: 'hint', text: GP.t('tokenOnceWhy')})));
  }
  if (device.serverUrl) {
    children.push(A.el('p', {className: 'hint', text: GP.t('traccarHow')}),
      A.el('div', {className: 'enrolment'}, qrCode(device, 'url', 'serverUrl', device.serverUrl),
        qrCode(device, 'id', 'deviceIdentifier', device.uniqueId)));
  } else {
    children.push(A.el('p', {className: 'hint', text: GP.t('webHandheldHow')}));
  }
  const retired = Boolean(device.retired);
  children.push(A.el('p', {}, GP.t('lastSeen') + ': ' + A.time(device.lastSeen) + (device.lastFix
    ? ' · ' + GP.t('cell') + ' ' + (device.lastFix.cell || '—') : '')));
  if (!retired) children.push(changeForm(device), actions(device));
  panel.replaceChildren(...children);
  panel.hidden = false;
  document.querySelectorAll('#devices tr.chosen').forEach(tr => tr.classList.remove('chosen'));
  document.querySelector('#devices tr[data-id="' + CSS.escape(device.uniqueId) + '"]')?.classList.add('chosen');
}

function changeForm(device) {
  const kinds = device.kind === 'web_handheld' ? ['web_handheld'] : ['handheld', 'vehicle'];
  const kind = A.el('select', {name: 'kind'}, ...kinds.map(k => new Option(GP.t('kind_' + k), k, false, k === device.kind)));
  const form = A.el('form', {className: 'form', id: 'device-form', novalidate: true},
    A.el('div', {className: 'row'}, A.el('label', {}, A.el('span', {text: GP.t('kind')}), kind),
      A.el('label', {}, A.el('span', {text: GP.t('officer')}), A.el('input', {name: 'officer',
        value: device.officer ? device.officer.code : ''})),
      A.el('button', {type: 'submit', text: GP.t('save')})));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const saved = await A.send(form, () => A.api(path(device), {method: 'PUT',
      json: {kind: form.elements.kind.value, officer: A.value(form, 'officer')}}));
    if (saved) {
      A.notice(GP.t('saved') + ': ' + saved.uniqueId);
      await listing.load();
      show(saved);
    }
  });
  return form;
}

function actions(device) {
  const buttons = A.el('div', {className: 'buttons'});
  if (device.kind !== 'web_handheld') {
    buttons.append(A.el('button', {type: 'button', className: 'secondary small', text: GP.t('rotateKey'),
      onclick: A.confirmed(GP.t('rotateKeyWhy'), async () => show(await A.api(path(device, '/key'), {method: 'POST'})))}));
  }
  buttons.append(A.el('button', {type: 'button', className: 'secondary small', text: GP.t('rotateToken'),
    onclick: A.confirmed(GP.t('rotateTokenWhy'), async () => {
      const rotated = await A.api(path(device, '/token'), {method: 'POST'});
      show(rotated, rotated.token);
    })}),
  A.ending({text: GP.t('retire'), question: GP.t('retireDevice') + ' ' + device.uniqueId + '?', path: path(device),
    done: GP.t('retired') + ': ' + device.uniqueId, reload: () => {
      panel.hidden = true;
      return listing.load();
    }}));
  return buttons;
}

function row(device) {
  return A.el('tr', {className: device.retired ? 'status-retired' : null, 'data-id': device.uniqueId},
    A.el('td', {text: device.uniqueId}), A.el('td', {text: GP.t('kind_' + device.kind)}),
    A.el('td', {text: device.officer ? device.officer.code + ' ' + device.officer.name : '—'}),
    A.el('td', {text: A.time(device.lastSeen)}), A.el('td', {text: device.battery == null ? '' : device.battery + ' %'}),
    A.el('td', {text: device.retired ? GP.t('retired') : GP.t('deviceActive')}),
    A.el('td', {className: 'actions'}, A.el('button', {type: 'button', className: 'secondary small', text: GP.t('open'),
      onclick: () => show(device)})));
}

A.start(async () => {
  filters.elements.officer.value = new URLSearchParams(location.search).get('officer') || '';
  const enrol = document.getElementById('enrol-form');
  enrol.addEventListener('submit', async event => {
    event.preventDefault();
    const device = await A.send(enrol, () => A.api('/api/v1/devices', {method: 'POST', json: {
      uniqueId: A.value(enrol, 'uniqueId'), kind: enrol.elements.kind.value, officer: A.value(enrol, 'officer')}}));
    if (device) {
      enrol.reset();
      await listing.load();
      show(device, device.token);
    }
  });
  listing = A.listing({table: document.getElementById('devices'), pager: document.getElementById('pager'),
    path: () => A.path('/api/v1/devices', {q: filters.elements.q.value.trim(), officer: filters.elements.officer.value.trim(),
      kind: filters.elements.kind.value, status: filters.elements.status.value}), items: 'devices', row});
  A.filtering(filters, () => listing.first());
  await listing.load();
});
