// The first-start guide: the five steps from an empty node to the live map, each marked done from what the
// API holds now.
'use strict';

/** Handhelds and vehicles enrolled; web handhelds make themselves at an officer's first login. */
async function enrolledDevices() {
  const [handhelds, vehicles] = await Promise.all([A.api('/api/v1/devices?kind=handheld&limit=1'),
    A.api('/api/v1/devices?kind=vehicle&limit=1')]);
  return handhelds.total + vehicles.total;
}

/** Each step: its text key, its page, and how many of what it makes there are now (done: more than none). */
const STEPS = [
  {key: 'stepGrid', href: '/admin/grid.html', count: async () => {
    // The node's readiness counts the cells of its index; it answers with the counts even while not ready.
    const ready = await fetch('/ready').then(reply => reply.json());
    return [ready.cells, ready.cells + ' ' + GP.t('cellsCount')];
  }},
  {key: 'stepRoster', href: '/admin/roster.html', count: async () => {
    const [officers, teams] = await Promise.all([A.api('/api/v1/officers?limit=1'), A.api('/api/v1/teams?limit=1')]);
    return [officers.total, teams.total + ' ' + GP.t('teamsCount') + ' · ' + officers.total + ' ' + GP.t('officersCount')];
  }},
  {key: 'stepDevices', href: '/admin/devices.html', count: async () => {
    const devices = await enrolledDevices();
    return [devices, devices + ' ' + GP.t('devicesCount')];
  }},
  {key: 'stepPlans', href: '/admin/plans.html', count: async () => {
    const plans = (await A.api('/api/v1/plans')).plans.length;
    return [plans, plans + ' ' + GP.t('plansCount')];
  }},
];

function step(number, key, href, done, detail) {
  return A.el('li', {className: done ? 'done' : 'todo', 'data-step': key},
    A.el('span', {className: 'number', text: done ? '✓' : String(number)}),
    A.el('strong', {text: GP.t(key)}, ' ', A.el('span', {className: 'badge ' + (done ? 'done' : 'todo'),
      text: GP.t(done ? 'stepDone' : 'stepToDo')})),
    A.el('a', {className: 'go', href, text: GP.t('stepOpen')}),
    A.el('span', {className: 'detail', text: GP.t(key + 'Hint') + (detail ? ' — ' + detail : '')}));
}

A.start(async () => {
  const counts = await Promise.all(STEPS.map(s => s.count()));
  const items = STEPS.map((s, i) => step(i + 1, s.key, s.href, counts[i][0] > 0, counts[i][1]));
  items.push(step(STEPS.length + 1, 'stepMap', '/map/', counts.every(([n]) => n > 0), null));
  document.getElementById('steps').replaceChildren(...items);
});
