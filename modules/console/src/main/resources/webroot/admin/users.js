// Accounts: people's logins with their role and areas; create, change, disable, end their sessions.
'use strict';
const ROLES = ['officer', 'team_lead', 'operator', 'planner', 'handler', 'admin'];
/** The field that ties an account of a role to what the person is: their officer, team or department. */
const LINKED = {officer: 'officer', team_lead: 'team', handler: 'department'};
const form = document.getElementById('user-form');
let listing;

/** The account as the API takes it: only the field of its role, the areas and the password only if given. */
function account() {
  const role = form.elements.role.value;
  const json = {displayName: A.value(form, 'displayName'), role};
  if (LINKED[role]) json[LINKED[role]] = A.value(form, LINKED[role]);
  const areas = A.value(form, 'areas');
  if (areas !== null) json.areas = A.codes(areas);
  if (form.elements.password.value) json.password = form.elements.password.value;
  return json;
}

const editor = A.editor({form, path: '/api/v1/users', key: 'username', texts: ['newUser', 'changeUser'],
  body: account, saved: () => listing.load()});

/** Shows the fields of the role chosen, and what an empty password means. */
form.addEventListener('change', () => {
  const role = form.elements.role.value;
  form.querySelectorAll('[data-for-role]').forEach(label => { label.hidden = label.dataset.forRole !== role; });
  document.getElementById('password-hint').textContent = GP.t(editor.editing ? 'passwordKeep' : 'passwordHint');
});

function status(user) {
  if (user.disabled) return GP.t('disabled');
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) return GP.t('lockedUntil') + ' ' + A.time(user.lockedUntil);
  return GP.t('active');
}

function row(user) {
  const path = '/api/v1/users/' + encodeURIComponent(user.username);
  const actions = A.el('td', {className: 'actions'},
    A.el('button', {type: 'button', className: 'secondary small', text: GP.t('edit'), onclick: () => editor.edit(user)}), ' ',
    A.el('button', {type: 'button', className: 'secondary small', text: GP.t('endSessions'),
      onclick: A.confirmed(GP.t('endSessionsOf') + ' ' + user.username + '?', async () => {
        const ended = await A.api(path + '/sessions', {method: 'DELETE'});
        A.notice(GP.t('sessionsEnded') + ': ' + ended.sessionsEnded);
      })}));
  // Administrators do not lock themselves out.
  if (!user.disabled && user.username !== A.me.name) {
    actions.append(' ', A.ending({text: GP.t('disable'), question: GP.t('disableAccount') + ' ' + user.username + '?',
      path, done: GP.t('disabled') + ': ' + user.username, reload: () => listing.load()}));
  }
  return A.el('tr', {className: user.disabled ? 'status-disabled' : null, 'data-username': user.username},
    A.el('td', {text: user.username}), A.el('td', {text: user.displayName}), A.el('td', {text: GP.t('role_' + user.role)}),
    A.el('td', {text: user.areas.length ? user.areas.join(', ') : GP.t('wholeCity')}),
    A.el('td', {text: user.officer || user.team || user.department || ''}), A.el('td', {text: status(user)}), actions);
}

A.start(async () => {
  // Operators are the accounts most often made; a reset of the form comes back to them.
  ROLES.forEach(role => form.elements.role.add(new Option(GP.t('role_' + role), role, role === 'operator')));
  // Handler accounts are made for departments still at work.
  const departments = await A.api('/api/v1/departments');
  departments.departments.forEach(d => form.elements.department.add(new Option(d.code + ' ' + d[GP.lang], d.code)));
  document.getElementById('user-new').addEventListener('click', () => editor.edit(null));
  listing = A.listing({table: document.getElementById('users'), pager: document.getElementById('pager'),
    path: () => '/api/v1/users', items: 'users', row});
  editor.edit(null);
  await listing.load();
});
