// Roster import: a CSV of departments, and one of teams and officers, each checked first (a dry run writes
// nothing), imported only once the check found no problem. The file goes to the node byte for byte: it reads UTF-8 (with or without BOM) and
// GB18030 itself.
'use strict';
/**
 * One file import of the page: its form's file, its check (dry run) and its import button, which sends exactly
 * the file of the last clean check; {@code counts} are the reply's [key, text] of what was created and changed.
 */
function csvImport({form, path, counts}) {
  const fileInput = form.querySelector('input[type=file]');
  const importButton = form.querySelector('[data-action=import]');
  let checked = null;

  function result(reply, dryRun) {
    const problems = reply.problems || [];
    const parts = [];
    if (reply.rows != null) {
      const shown = A.el('div', {className: 'counts'},
        A.el('span', {}, GP.t('rosterRows') + ' ', A.el('b', {text: String(reply.rows)})),
        A.el('span', {}, GP.t('rosterEncoding') + ' ', A.el('b', {text: reply.encoding || '—'})));
      // What would be created and changed is counted only for a file without problems.
      counts.filter(([key]) => reply[key]).forEach(([key, label]) =>
        shown.append(A.el('span', {}, GP.t(label) + ' ', A.el('b', {text: String(reply[key].created)}), ' / ',
          A.el('b', {text: String(reply[key].changed)}))));
      parts.push(A.el('p', {text: GP.t(dryRun ? 'rosterChecked' : 'rosterImported')}), shown);
      if (reply.ignoredColumns && reply.ignoredColumns.length) {
        parts.push(A.el('p', {className: 'hint', text: GP.t('rosterIgnored') + ': ' + reply.ignoredColumns.join(', ')}));
      }
    }
    if (problems.length) {
      parts.push(A.el('p', {className: 'form-error', text: problems.length + ' ' + GP.t('rosterProblems')}),
        A.el('table', {className: 'data', id: 'problems'},
          A.el('thead', {}, A.el('tr', {}, ...['rosterLine', 'rosterColumn', 'rosterHeader', 'field', 'rule', 'message']
            .map(key => A.el('th', {text: GP.t(key)})))),
          A.el('tbody', {}, ...problems.map(p => A.el('tr', {}, A.el('td', {text: String(p.line)}),
            A.el('td', {text: p.column || ''}), A.el('td', {text: p.header || ''}), A.el('td', {text: p.field || ''}),
            A.el('td', {text: p.rule || ''}), A.el('td', {text: p.message}))))));
    }
    document.getElementById('result').replaceChildren(...parts);
  }

  function allowImport(file) {
    checked = file;
    importButton.disabled = !file;
    form.querySelector('.state').textContent = GP.t(file ? 'rosterReady' : 'rosterFirstCheck');
  }

  /** Sends the file; a refusal that lists problems (a real import with problems writes nothing) shows them. */
  async function run(dryRun) {
    const file = fileInput.files[0];
    if (!file) {
      A.clearErrors(form);
      A.showError(form, {field: 'body', message: GP.t('chooseFile')});
      return null;
    }
    return A.send(form, async () => {
      try {
        const reply = await A.api(path + '?dryRun=' + dryRun, {method: 'POST', headers: {'Content-Type': 'text/csv'},
          body: file});
        result(reply, dryRun);
        return reply;
      } catch (e) {
        if (e instanceof A.ApiError && e.body.problems) result(e.body, dryRun);
        throw e;
      }
    });
  }

  fileInput.addEventListener('change', () => allowImport(null));
  form.querySelector('[data-action=dry-run]').addEventListener('click', async () => {
    allowImport(null);
    const reply = await run(true);
    allowImport(reply && !(reply.problems || []).length ? fileInput.files[0] : null);
  });
  importButton.addEventListener('click', async () => {
    if (fileInput.files[0] !== checked) {
      allowImport(null);
      return;
    }
    const reply = await run(false);
    allowImport(null);
    if (reply) A.notice(GP.t('rosterImported'));
  });
}

A.start(async () => {
  csvImport({form: document.getElementById('departments-form'), path: '/api/v1/departments/import',
    counts: [['departments', 'navDepartments']]});
  csvImport({form: document.getElementById('roster-form'), path: '/api/v1/roster',
    counts: [['teams', 'rosterTeams'], ['officers', 'rosterOfficers']]});
});
