// Officers: list by team, status, area or text; create, change (another team moves them), retire (they left);
// each with their devices.
'use strict';
const form = document.getElementById('officer-form');
const filters = document.getElementById('officer-filters');
let listing;
const editor = A.editor({form, path: '/api/v1/officers', key: 'code', texts: ['newOfficer', 'changeOfficer'],
  body: () => ({name: A.value(form, 'name'), phone: A.value(form, 'phone'), team: A.value(form, 'team'),
    areas: A.codes(form.elements.areas.value), status: form.elements.status.value}),
  shown: officer => Object.assign({}, officer, {team: officer.team ? officer.team.code : ''}),
  saved: () => listing.load()});

function row(officer) {
  const devices = A.el('td', {});
  officer.devices.forEach(id => devices.append(A.el('a', {href: '/admin/devices.html?officer=' + encodeURIComponent(officer.code),
    text: id}), ' '));
  const actions = A.el('td', {className: 'actions'});
  if (officer.status !== 'left') {
    actions.append(A.el('button', {type: 'button', className: 'secondary small', text: GP.t('edit'),
      onclick: () => editor.edit(officer)}), ' ', A.ending({text: GP.t('retire'),
      question: GP.t('retireOfficer') + ' ' + officer.code + '?', path: '/api/v1/officers/' + encodeURIComponent(officer.code),
      done: GP.t('left') + ': ' + officer.code, reload: () => listing.load()}));
  }
  return A.el('tr', {className: 'status-' + officer.status, 'data-code': officer.code},
    A.el('td', {text: officer.code}), A.el('td', {text: officer.name}), A.el('td', {text: officer.phone || ''}),
    A.el('td', {text: officer.team ? officer.team.code + ' ' + officer.team.name : ''}),
    A.el('td', {text: officer.areas.join(', ')}), A.el('td', {text: GP.t(officer.status)}), devices, actions);
}

A.start(async () => {
  const teams = await A.api('/api/v1/teams?limit=500');
  document.getElementById('team-codes').replaceChildren(...teams.teams.map(t => A.el('option', {value: t.code, text: t.name})));
  document.getElementById('officer-new').addEventListener('click', () => editor.edit(null));
  listing = A.listing({table: document.getElementById('officers'), pager: document.getElementById('pager'),
    path: () => A.path('/api/v1/officers', {q: filters.elements.q.value.trim(), team: filters.elements.team.value.trim(),
      area: filters.elements.area.value.trim(), status: filters.elements.status.value}), items: 'officers', row});
  A.filtering(filters, () => listing.first());
  await listing.load();
});
