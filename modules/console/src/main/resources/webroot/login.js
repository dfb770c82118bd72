// The login page: a session cookie from POST /api/v1/login, then the page for the person's role.
'use strict';
GP.translate();

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
    const session = await reply.json();
    // Officers get the handheld page, everyone else the control-room map.
    window.location.assign(session.user.role === 'officer' ? '/m/' : '/map/');
  } else {
    message.textContent = GP.t(reply.status === 429 ? 'locked' : reply.status === 401 ? 'wrongCredentials' : 'unavailable');
  }
});
