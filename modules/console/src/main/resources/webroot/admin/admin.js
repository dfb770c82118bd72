// What every page of the admin console shares: the check that the person is an administrator, the header with
// the navigation, calls to the API, forms that show the API's field errors next to the field they name, and
// paged lists.
'use strict';
const A = GP.admin = {};

/** The pages, in the order of the navigation: file and text key. */
A.PAGES = [
  ['index.html', 'navSetup'], ['users.html', 'navUsers'], ['departments.html', 'navDepartments'],
  ['teams.html', 'navTeams'],
  ['officers.html', 'navOfficers'], ['devices.html', 'navDevices'], ['grid.html', 'navGrid'],
  ['roster.html', 'navRoster'], ['plans.html', 'navPlans'], ['cases.html', 'navCases'],
  ['calendar.html', 'navCalendar'],
];

/**
 * The API's answer to a request it refused: the status, and the body's error ({field, rule, message}); status 0
 * when the node could not be reached.
 */
A.ApiError = class extends Error {
  constructor(status, body) {
    const error = body && body.error ? body.error : {field: null, rule: 'status',
      message: status ? GP.t('refused') + ' (HTTP ' + status + ')' : GP.t('unavailable')};
    super(error.message);
    this.status = status;
    this.error = error;
    this.body = body || {};
  }
};

/** Reads a reply: JSON, null for 204, an ApiError for a refusal; a lost session goes back to the login page. */
A.reply = async function (reply) {
  if (reply.status === 401) {
    window.location.assign('/');
    throw new A.ApiError(401, null);
  }
  const type = reply.headers.get('Content-Type') || '';
  const body = reply.status === 204 ? null : type.includes('json') ? await reply.json() : await reply.text();
  if (!reply.ok) {
    throw new A.ApiError(reply.status, typeof body === 'object' ? body : null);
  }
  return body;
};

/** A call to the API; {@code json} is sent as the JSON body. */
A.api = async function (path, options) {
  const init = Object.assign({}, options);
  if (init.json !== undefined) {
    init.headers = Object.assign({'Content-Type': 'application/json'}, init.headers);
    init.body = JSON.stringify(init.json);
    delete init.json;
  }
  let reply;
  try {
    reply = await fetch(path, init);
  } catch (e) {
    throw new A.ApiError(0, null);
  }
  return A.reply(reply);
};

/** A path with query parameters; empty ones are left out. */
A.path = function (path, params) {
  const query = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== '' && value != null) query.set(key, value);
  });
  const text = query.toString();
  return text ? path + '?' + text : path;
};

/** An element with properties (text, className, on<event> handlers, attributes) and children. */
A.el = function (tag, props, ...children) {
  const el = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (value == null || value === false) return;
    if (key === 'text') el.textContent = value;
    else if (key === 'className') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.substring(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  });
  el.append(...children.filter(child => child != null));
  return el;
};

/** Codes typed into one field: separated by commas (also Chinese ones) or spaces. */
A.codes = function (text) {
  return String(text || '').split(/[\s,，、;；]+/).filter(Boolean);
};

/** A time as the city reads it, with the year. */
A.time = function (iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(GP.lang === 'zh' ? 'zh-CN' : 'en-GB', {timeZone: A.zone, year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'}).format(new Date(iso));
};

/** A line of news at the top of the page (what was just done, or what went wrong), for a few seconds. */
A.notice = function (text, failed) {
  const box = document.getElementById('notice');
  box.textContent = text;
  box.classList.toggle('failed', Boolean(failed));
  box.hidden = false;
  clearTimeout(A.notice.timer);
  A.notice.timer = setTimeout(() => { box.hidden = true; }, failed ? 12000 : 5000);
};

// ---- forms -------------------------------------------------------------------------------------------

/** Removes the error messages of a form. */
A.clearErrors = function (form) {
  form.querySelectorAll('.field-error, .form-error').forEach(el => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
};

/**
 * Shows the API's error next to the field it names. The API names fields as the form names its inputs
 * (windows[0].start); a field inside a list (windows[0].days.weekdays[2]) goes to the nearest one the form has,
 * and one the form has not at all (body, basedOn) to the form as a whole.
 */
A.showError = function (form, error) {
  let field = error.field || '';
  let target = null;
  while (field && !target) {
    target = form.querySelector('[name="' + CSS.escape(field) + '"]');
    const shorter = field.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    field = shorter === field ? '' : shorter;
  }
  const message = A.el('small', {className: target ? 'field-error' : 'form-error', role: 'alert',
    text: error.message});
  if (!target) {
    form.prepend(message);
    return;
  }
  target.setAttribute('aria-invalid', 'true');
  // A field in a folded section (a window's days) would be marked out of sight.
  const section = target.closest('details');
  if (section) section.open = true;
  const holder = target.closest('label') || target;
  if (holder.matches('input, select, textarea')) holder.after(message); else holder.append(message);
};

/**
 * Runs what a form's submit does: its errors cleared, its buttons held while the API answers, and a refusal
 * shown in place. Resolves with what {@code request} gave, or null after a refusal.
 */
A.send = async function (form, request) {
  A.clearErrors(form);
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach(button => { button.disabled = true; });
  try {
    return await request();
  } catch (e) {
    if (!(e instanceof A.ApiError)) throw e;
    A.showError(form, e.error);
    return null;
  } finally {
    buttons.forEach(button => { button.disabled = false; });
  }
};

/** Sets a form's inputs from an object, by their names (lists joined with commas). */
A.fill = function (form, values) {
  Object.entries(values).forEach(([name, value]) => {
    const input = form.elements.namedItem(name);
    if (!input) return;
    input.value = Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value);
  });
};

/** A form's text input, trimmed; null when empty. */
A.value = function (form, name) {
  const value = form.elements.namedItem(name).value.trim();
  return value === '' ? null : value;
};

/** What a button does once the person said yes to its question; a refusal of the API is told at the top. */
A.confirmed = function (question, act) {
  return async () => {
    if (!window.confirm(question)) return;
    try {
      await act();
    } catch (e) {
      if (!(e instanceof A.ApiError)) throw e;
      A.notice(e.message, true);
    }
  };
};

/**
 * A form that makes new entries of a list and changes existing ones: POST to {@code path} for a new one, PUT to
 * path/{key} for a change, the key's input fixed while changing. {@code body(editing)} gives what is sent,
 * {@code shown(entry)} what the form shows of an entry (default: the entry), {@code saved()} runs after a save.
 */
A.editor = function ({form, path, key, texts: [newText, changeText], body, shown, saved}) {
  const editor = {
    /** The key of the entry being changed; null while a new one is made. */
    editing: null,
    /** Shows an entry to change, or (null) an empty form for a new one. */
    edit(entry) {
      editor.editing = entry ? entry[key] : null;
      A.clearErrors(form);
      form.reset();
      if (entry) A.fill(form, shown ? shown(entry) : entry);
      form.elements.namedItem(key).disabled = Boolean(entry);
      form.querySelector('h2').textContent = entry ? GP.t(changeText) + ' ' + entry[key] : GP.t(newText);
      // What follows the fields (the account form's fields of a role) follows them filled in.
      form.dispatchEvent(new Event('change'));
    },
  };
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const json = body(editor.editing);
    if (!editor.editing) json[key] = A.value(form, key);
    const result = await A.send(form, () => A.api(editor.editing ? path + '/' + encodeURIComponent(editor.editing) : path,
      {method: editor.editing ? 'PUT' : 'POST', json}));
    if (result) {
      A.notice(GP.t('saved') + ': ' + result[key]);
      editor.edit(result);
      await saved();
    }
  });
  return editor;
};

/** A list row's button that ends its entry with DELETE (retires, disables) after asking, then reloads the list. */
A.ending = function ({text, question, path, done, reload}) {
  return A.el('button', {type: 'button', className: 'danger small', text, onclick: A.confirmed(question, async () => {
    await A.api(path, {method: 'DELETE'});
    A.notice(done);
    await reload();
  })});
};

// ---- lists -------------------------------------------------------------------------------------------

/**
 * A paged list in a table: {@code path()} gives the list's path with its filters, {@code items} the key of the
 * array in the reply, {@code row(item)} a table row. Pages follow the API's offset and limit, with its total
 * (or, for lists without one, its next offset).
 */
A.listing = function ({table, pager, path, items, row}) {
  // 50 is the directory's own page; the accounts' would be 100.
  const state = {offset: 0, limit: 50, rows: []};
  async function load() {
    const base = path();
    const page = await A.api(base + (base.includes('?') ? '&' : '?') + 'offset=' + state.offset + '&limit=' + state.limit);
    state.rows = page[items];
    const body = table.tBodies[0];
    body.replaceChildren(...state.rows.map(row));
    if (!state.rows.length) {
      body.append(A.el('tr', {}, A.el('td', {colspan: table.tHead.rows[0].cells.length, className: 'empty',
        text: GP.t('nothingHere')})));
    }
    drawPager(page);
    return page;
  }
  function drawPager(page) {
    const last = state.offset + state.rows.length;
    const more = page.total != null ? last < page.total : page.next != null;
    const go = offset => { state.offset = offset; load(); };
    pager.replaceChildren(
      A.el('button', {type: 'button', className: 'secondary', disabled: state.offset === 0, text: '‹ ' + GP.t('previous'),
        onclick: () => go(Math.max(0, state.offset - state.limit))}),
      A.el('span', {text: (state.rows.length ? state.offset + 1 : 0) + '–' + last
        + (page.total != null ? ' / ' + page.total : '')}),
      A.el('button', {type: 'button', className: 'secondary', disabled: !more, text: GP.t('next') + ' ›',
        onclick: () => go(state.offset + state.limit)}));
  }
  return {
    load,
    /** Back to the first page, e.g. when a filter changes. */
    first() {
      state.offset = 0;
      return load();
    },
  };
};

/**
 * Reloads a list as its filter form changes (text fields once typing pauses); a filter the API refuses (an area
 * code half typed) is marked in place.
 */
A.filtering = function (form, reload) {
  let timer = null;
  const run = () => {
    clearTimeout(timer);
    A.send(form, reload);
  };
  form.addEventListener('submit', event => { event.preventDefault(); run(); });
  form.addEventListener('change', run);
  form.addEventListener('input', event => {
    if (event.target.tagName !== 'INPUT') return;
    clearTimeout(timer);
    timer = setTimeout(run, 400);
  });
};

// ---- the page ----------------------------------------------------------------------------------------

/** The header: the console's pages for administrators; for anyone else who they are, and the way out. */
function header(me) {
  const parts = [A.el('strong', {text: GP.t('adminConsole')})];
  if (me.role === 'admin') {
    const page = location.pathname.replace(/^\/admin\/?/, '') || 'index.html';
    parts.push(A.el('nav', {'aria-label': GP.t('adminConsole')}, ...A.PAGES.map(([file, key]) =>
      A.el('a', {href: '/admin/' + file, text: GP.t(key), 'aria-current': file === page ? 'page' : null}))));
  }
  parts.push(A.el('span', {className: 'me', text: me.displayName + ' · ' + me.name}));
  if (me.role === 'admin') parts.push(A.el('a', {className: 'map-link', href: '/map/', text: GP.t('liveMap')}));
  parts.push(A.el('button', {type: 'button', className: 'secondary', text: GP.t('logout'), onclick: async () => {
    await fetch('/api/v1/logout', {method: 'POST'});
    window.location.assign('/');
  }}));
  document.getElementById('bar').replaceChildren(...parts);
}

/**
 * Starts a page: administrators get it ({@code init} fills it in), everyone else a clear refusal with the way to
 * their own page. The body's data-ready tells that the page is there.
 */
A.start = async function (init) {
  GP.translate();
  const me = await A.api('/api/v1/me');
  if (me.passwordChangeRequired) {
    // A password someone else chose opens nothing but its own change, which the login page asks for.
    window.location.assign('/');
    return;
  }
  /** Who is looking: the accounts page does not offer administrators to disable their own. */
  A.me = me;
  header(me);
  const main = document.querySelector('main');
  if (me.role !== 'admin') {
    main.replaceWith(A.el('main', {className: 'refused'}, A.el('section', {className: 'panel', id: 'refused'},
      A.el('h1', {text: GP.t('notAllowed')}), A.el('p', {text: GP.t('notAllowedWhy')}),
      A.el('a', {href: me.role === 'officer' ? '/m/' : '/map/', text: GP.t('backToYourPage')}))));
    document.body.dataset.ready = 'true';
    return;
  }
  /** The node's map settings: the city's time zone, the base-map tiles. */
  A.config = await A.api('/api/v1/map/config');
  A.zone = A.config.timeZone;
  document.body.append(A.el('p', {id: 'notice', className: 'notice', role: 'status', hidden: true}));
  main.hidden = false;
  await init();
  document.body.dataset.ready = 'true';
};
