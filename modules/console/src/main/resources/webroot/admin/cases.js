// Case categories with their time limits, departments and priorities, and the escalation policies: read, and
// changed one entry at a time. Every save is a new version of the configuration, based on the one read.
'use strict';
const STAGES = ['register', 'dispatch', 'handle', 'verify'];
const UNITS = ['working_minutes', 'working_hours', 'working_days', 'minutes', 'hours', 'days'];
const ROLES = ['handler', 'team_lead', 'department_head', 'district_command', 'city_command'];
const TRIGGERS = ['at_share', 'at_deadline', 'after_minutes'];
const categoryForm = document.getElementById('category-form');
const policyForm = document.getElementById('policy-form');
/** What was read: the configuration version, the category tree, the policies. */
const state = {version: null, tree: null, policies: [], category: null, policy: null};

/** A time limit such as {working_hours: 4} as text. */
function limitText(limit) {
  if (!limit) return '';
  const [unit, amount] = Object.entries(limit)[0];
  return amount + ' ' + GP.t('unit_' + unit);
}

function departmentName(code) {
  const department = state.tree.departments.find(d => d.code === code);
  return department ? department[GP.lang] : code || '—';
}

function categoryRows() {
  const rows = [];
  state.tree.categories.forEach(major => {
    rows.push(A.el('tr', {className: 'major'}, A.el('th', {text: major.code}),
      A.el('th', {colspan: 8, text: major[GP.lang]})));
    major.minors.forEach(minor => rows.push(A.el('tr', {'data-code': minor.code},
      A.el('td', {text: minor.code}), A.el('td', {text: minor[GP.lang]}), A.el('td', {text: departmentName(minor.department)}),
      A.el('td', {text: GP.t('priority_' + (minor.priority || 'normal'))}),
      ...STAGES.map(stage => A.el('td', {className: minor[stage] ? null : 'hint',
        text: limitText(minor[stage] || state.tree.stageLimits[stage])})),
      A.el('td', {className: 'actions'}, A.el('button', {type: 'button', className: 'secondary small', text: GP.t('edit'),
        onclick: () => editCategory(minor.code)})))));
  });
  return rows;
}

function limitField(stage, limit) {
  const fallback = state.tree.stageLimits[stage];
  const [unit, amount] = Object.entries(limit || fallback)[0];
  const units = A.el('select', {'data-unit': stage, 'aria-label': GP.t('unit')},
    ...UNITS.map(u => new Option(GP.t('unit_' + u), u, false, u === unit)));
  return A.el('label', {}, A.el('span', {text: GP.t('stage_' + stage)}), A.el('div', {className: 'row'},
    A.el('input', {name: stage, type: 'number', min: 1, step: 1, value: limit ? amount : null,
      placeholder: GP.t('stageDefault') + ' ' + limitText(fallback)}), units));
}

function findMinor(code) {
  for (const major of state.tree.categories) {
    const minor = major.minors.find(m => m.code === code);
    if (minor) return minor;
  }
  return null;
}

function editCategory(code) {
  const minor = findMinor(code);
  state.category = code;
  A.clearErrors(categoryForm);
  document.getElementById('category-title').textContent = minor.code + ' ' + minor[GP.lang];
  // Cases go to departments still at work; the category's own is offered even if it was retired since.
  categoryForm.elements.department.replaceChildren(new Option(GP.t('none'), ''), ...state.tree.departments
    .filter(d => d.active !== false || d.code === minor.department).map(d => new Option(d.code + ' ' + d[GP.lang], d.code)));
  categoryForm.elements.department.value = minor.department || '';
  categoryForm.elements.priority.value = minor.priority || 'normal';
  document.getElementById('limits').replaceChildren(...STAGES.map(stage => limitField(stage, minor[stage])));
  categoryForm.hidden = false;
}

function policyRows() {
  return state.policies.map(policy => A.el('tr', {'data-policy': policy.name},
    A.el('td', {}, A.el('strong', {text: policy.name}), A.el('div', {className: 'hint',
      text: [(policy.priorities || []).map(p => GP.t('priority_' + p)).join(', '), (policy.categories || []).join(', ')]
        .filter(Boolean).join(' · ') + ' · ' + policy.levels.length + ' ' + GP.t('levelsCount')})),
    A.el('td', {className: 'actions'}, A.el('button', {type: 'button', className: 'secondary small', text: GP.t('edit'),
      onclick: () => editPolicy(policy)}))));
}

function levelRow(level) {
  const trigger = TRIGGERS.find(t => level[t] != null) || 'after_minutes';
  const value = A.el('input', {type: 'number', min: 0, step: trigger === 'at_share' ? 0.05 : 1, 'data-value': true,
    'aria-label': GP.t('triggerValue'), value: trigger === 'at_deadline' ? null : level[trigger]});
  value.hidden = trigger === 'at_deadline';
  const triggers = A.el('select', {'data-trigger': true, 'aria-label': GP.t('trigger')},
    ...TRIGGERS.map(t => new Option(GP.t('trigger_' + t), t, false, t === trigger)));
  triggers.addEventListener('change', () => {
    value.hidden = triggers.value === 'at_deadline';
    value.step = triggers.value === 'at_share' ? 0.05 : 1;
  });
  const row = A.el('div', {className: 'row level'},
    A.el('select', {'data-role': true, 'aria-label': GP.t('role')},
      ...ROLES.map(r => new Option(GP.t('escalate_' + r), r, false, r === level.role))),
    triggers, value, A.el('button', {type: 'button', className: 'secondary small', text: '×', 'aria-label': GP.t('remove'),
      onclick: () => row.remove()}));
  return row;
}

function editPolicy(policy) {
  state.policy = policy ? policy.name : null;
  A.clearErrors(policyForm);
  document.getElementById('policy-title').textContent = policy ? GP.t('changePolicy') + ' ' + policy.name : GP.t('newPolicy');
  const shown = policy || {name: '', categories: [], priorities: [], levels: [{role: 'handler', at_share: 0.8},
    {role: 'team_lead', at_deadline: true}]};
  policyForm.elements.name.value = shown.name;
  policyForm.elements.name.disabled = Boolean(policy);
  policyForm.elements.categories.value = (shown.categories || []).join(', ');
  policyForm.querySelectorAll('[data-priority]').forEach(box => {
    box.checked = (shown.priorities || []).includes(box.dataset.priority);
  });
  policyForm.elements.repeat.value = shown.repeat_every_minutes || '';
  document.getElementById('levels').replaceChildren(...shown.levels.map(levelRow));
  policyForm.hidden = false;
  policyForm.scrollIntoView({block: 'nearest'});
}

/** The policy as the configuration holds it: only what is set. */
function policy() {
  const json = {levels: [...document.querySelectorAll('#levels .level')].map(row => {
    const trigger = row.querySelector('[data-trigger]').value;
    const value = row.querySelector('[data-value]').value;
    return {role: row.querySelector('[data-role]').value, [trigger]: trigger === 'at_deadline' ? true : Number(value)};
  })};
  const categories = A.codes(policyForm.elements.categories.value);
  if (categories.length) json.categories = categories;
  const priorities = [...policyForm.querySelectorAll('[data-priority]:checked')].map(box => box.dataset.priority);
  if (priorities.length) json.priorities = priorities;
  if (policyForm.elements.repeat.value) json.repeat_every_minutes = Number(policyForm.elements.repeat.value);
  return json;
}

async function load() {
  const [tree, policies] = await Promise.all([A.api('/api/v1/categories'), A.api('/api/v1/escalation-policies')]);
  state.tree = tree;
  state.version = tree.version;
  state.policies = policies.policies;
  document.getElementById('version').textContent = String(tree.version);
  document.getElementById('defaults').textContent = STAGES.map(s => GP.t('stage_' + s) + ' ' + limitText(tree.stageLimits[s]))
    .join(' · ');
  document.querySelector('#categories tbody').replaceChildren(...categoryRows());
  document.querySelector('#policies tbody').replaceChildren(...policyRows());
}

A.start(async () => {
  await load();
  categoryForm.addEventListener('submit', async event => {
    event.preventDefault();
    const change = {basedOn: state.version, department: A.value(categoryForm, 'department'),
      priority: categoryForm.elements.priority.value};
    STAGES.forEach(stage => {
      const amount = categoryForm.elements.namedItem(stage).value;
      const unit = categoryForm.querySelector('[data-unit="' + stage + '"]').value;
      // An empty limit is the stage's default again.
      change[stage] = amount === '' ? null : {[unit]: Number(amount)};
    });
    const saved = await A.send(categoryForm, () => A.api('/api/v1/categories/' + encodeURIComponent(state.category),
      {method: 'PUT', json: change}));
    if (saved) {
      A.notice(GP.t('savedVersion') + ' ' + saved.version);
      await load();
      editCategory(state.category);
    }
  });
  document.getElementById('policy-new').addEventListener('click', () => editPolicy(null));
  document.getElementById('level-add').addEventListener('click', () =>
    document.getElementById('levels').append(levelRow({role: 'department_head', after_minutes: 60})));
  policyForm.addEventListener('submit', async event => {
    event.preventDefault();
    const name = state.policy || policyForm.elements.name.value.trim();
    if (!name) {
      A.clearErrors(policyForm);
      A.showError(policyForm, {field: 'name', message: GP.t('required')});
      return;
    }
    const saved = await A.send(policyForm, () => A.api('/api/v1/escalation-policies/' + encodeURIComponent(name),
      {method: 'PUT', json: {basedOn: state.version, policy: policy()}}));
    if (saved) {
      A.notice(GP.t('savedVersion') + ' ' + saved.version);
      await load();
      editPolicy(state.policies.find(p => p.name === name));
    }
  });
});
