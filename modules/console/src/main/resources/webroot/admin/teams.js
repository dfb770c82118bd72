// Patrol teams: list with filters, create, change (a retired team changed is back in service), retire.
'use strict';
const form = document.getElementById('team-form');
const filters = document.getElementById('team-filters');
let listing;
const editor = A.editor({form, path: '/api/v1/teams', key: 'code', texts: ['newTeam', 'changeTeam'],
  body: () => ({name: A.value(form, 'name'), area: A.value(form, 'area'), lead: A.value(form, 'lead')}),
  saved: () => listing.load()});

function row(team) {
  const actions = A.el('td', {className: 'actions'},
    A.el('button', {type: 'button', className: 'secondary small', text: GP.t('edit'), onclick: () => editor.edit(team)}));
  if (!team.retired) {
    actions.append(' ', A.ending({text: GP.t('retire'), question: GP.t('retireTeam') + ' ' + team.code + '?',
      path: '/api/v1/teams/' + encodeURIComponent(team.code), done: GP.t('retired') + ': ' + team.code,
      reload: () => listing.load()}));
  }
  return A.el('tr', {className: team.retired ? 'status-retired' : null, 'data-code': team.code},
    A.el('td', {text: team.code}), A.el('td', {text: team.name}), A.el('td', {text: team.area}),
    A.el('td', {text: team.lead || ''}), A.el('td', {text: String(team.officers)}),
    A.el('td', {text: team.retired ? GP.t('retired') + ' ' + A.time(team.retired) : GP.t('teamActive')}), actions);
}

A.start(async () => {
  document.getElementById('team-new').addEventListener('click', () => editor.edit(null));
  listing = A.listing({table: document.getElementById('teams'), pager: document.getElementById('pager'),
    path: () => A.path('/api/v1/teams', {q: filters.elements.q.value.trim(), area: filters.elements.area.value.trim(),
      status: filters.elements.status.value}), items: 'teams', row});
  A.filtering(filters, () => listing.first());
  await listing.load();
});
