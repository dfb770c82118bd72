// The departments cases are dispatched to: list, create, change, retire (no new dispatches; old cases keep the
// name). They are part of the cases configuration, so every save names the version it changes (basedOn).
'use strict';
const form = document.getElementById('department-form');
const filters = document.getElementById('department-filters');
let version = null;
let editing = null;

function edit(department) {
  editing = department ? department.code : null;
  A.clearErrors(form);
  form.reset();
  if (department) A.fill(form, department);
  form.elements.active.checked = department ? department.active : true;
  form.elements.code.disabled = Boolean(department);
  form.querySelector('h2').textContent = department ? GP.t('changeDepartment') + ' ' + department.code
    : GP.t('newDepartment');
}

function row(department) {
  return A.el('tr', {className: department.active ? null : 'status-retired', 'data-code': department.code},
    A.el('td', {text: department.code}), A.el('td', {text: department.zh}), A.el('td', {text: department.en}),
    A.el('td', {text: GP.t(department.active ? 'teamActive' : 'teamRetired')}),
    A.el('td', {className: 'actions'}, A.el('button', {type: 'button', className: 'secondary small', text: GP.t('edit'),
      onclick: () => edit(department)})));
}

async function load() {
  const reply = await A.api(A.path('/api/v1/departments', {status: filters.elements.status.value}));
  version = reply.version;
  const body = document.getElementById('departments').tBodies[0];
  body.replaceChildren(...reply.departments.map(row));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const code = editing || A.value(form, 'code') || '';
  const saved = await A.send(form, () => A.api('/api/v1/departments/' + encodeURIComponent(code), {method: 'PUT',
    json: {basedOn: version, zh: A.value(form, 'zh'), en: A.value(form, 'en'), active: form.elements.active.checked}}));
  if (saved) {
    A.notice(GP.t('saved') + ': ' + code);
    await load();
    edit(null);
  }
});

A.start(async () => {
  document.getElementById('department-new').addEventListener('click', () => edit(null));
  filters.addEventListener('change', load);
  await load();
});
