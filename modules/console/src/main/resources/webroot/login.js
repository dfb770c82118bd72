// The login page: a session cookie from POST /api/v1/login, then the page for the person's role.
'use strict';
GP.translate();

/** Officers get the handheld page, administrators their console (its first page guides a new city), everyone else the map. */
function enter(user) {
  window.location.assign(user.role === 'officer' ? '/m/' : user.role === 'admin' ? '/admin/' : '/map/');
}

let session = null;
let oneTimePassword = null;

document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const message = document.getElementById('message');
  message.textContent = '';
  const body = JSON.stringify({
    username: document.getElementById('username').value.trim(),
    password: document.getElementById('password').value,
  });
  let reply;
  try {
    reply = await fetch('/api/v1/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body});
  } catch (e) {
    message.textContent = GP.t('unavailable');
    return;
  }
  if (reply.ok) {
    session = await reply.json();
    if (session.user.passwordChangeRequired) {
      // A password someone else chose (the first administrator's): the account does nothing until it is changed.
      oneTimePassword = document.getElementById('password').value;
      document.getElementById('login').hidden = true;
      document.getElementById('change').hidden = false;
      document.getElementById('new-password').focus();
      return;
    }
    enter(session.user);
  } else {
    message.textContent = GP.t(reply.status === 429 ? 'locked' : reply.status === 401 ? 'wrongCredentials' : 'unavailable');
  }
});

document.getElementById('change').addEventListener('submit', async event => {
  event.preventDefault();
  const message = document.getElementById('change-message');
  message.textContent = '';
  let reply;
  try {
    reply = await fetch('/api/v1/me/password', {method: 'PUT', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({current: oneTimePassword, password: document.getElementById('new-password').value})});
  } catch (e) {
    message.textContent = GP.t('unavailable');
    return;
  }
  if (reply.ok) {
    enter(session.user);
  } else {
    // The API names what is wrong (a password too short or too like the user name).
    const error = (await reply.json()).error;
    message.textContent = error ? error.message : GP.t('unavailable');
  }
});
