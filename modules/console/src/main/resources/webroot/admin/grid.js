// Grid import: a GeoJSON file sent to the node with its coordinate system, the upload's progress, then the
// node's report of every feature it could not take.
'use strict';
const form = document.getElementById('grid-form');

/** The systems grids are surveyed in: WGS-84, CGCS2000, and CGCS2000's 3-degree Gauss-Kruger zones. */
function crsOptions() {
  const options = [new Option(GP.t('crsWgs84'), 'EPSG:4326', true), new Option(GP.t('crsCgcs2000'), 'EPSG:4490')];
  // EPSG:4534 to 4554 are the zones of central meridians 75°E to 135°E, 3 degrees apart: all of China.
  for (let i = 0; i <= 20; i++) {
    const code = 'EPSG:' + (4534 + i);
    options.push(new Option(code + ' — ' + GP.t('crsGaussKruger') + ' ' + (75 + 3 * i) + '°E', code));
  }
  options.push(new Option(GP.t('crsDeclared'), ''));
  return options;
}

function report(summary) {
  const problems = summary.problems || [];
  const counts = A.el('div', {className: 'counts'}, ...[['features', 'gridFeatures'], ['created', 'gridCreated'],
    ['updated', 'gridUpdated'], ['rejected', 'gridRejected']].filter(([key]) => summary[key] != null)
    .map(([key, label]) => A.el('span', {}, GP.t(label) + ' ', A.el('b', {id: 'count-' + key, text: String(summary[key])}))));
  const table = A.el('table', {className: 'data', id: 'problems'},
    A.el('thead', {}, A.el('tr', {}, ...['gridFeature', 'code', 'field', 'rule', 'message'].map(key => A.el('th', {text: GP.t(key)})))),
    A.el('tbody', {}, ...problems.map(p => A.el('tr', {},
      A.el('td', {text: p.feature == null || p.feature < 0 ? '—' : String(p.feature)}), A.el('td', {text: p.code || ''}),
      A.el('td', {text: p.field || ''}), A.el('td', {text: p.rule}), A.el('td', {text: p.message})))));
  document.getElementById('report').replaceChildren(counts,
    problems.length ? table : A.el('p', {className: 'hint', text: GP.t('gridNoProblems')}));
}

/** Sends the file as it is, with XMLHttpRequest: fetch cannot tell how much of a body went out. */
function upload(file, crs) {
  const progress = document.getElementById('progress');
  const text = document.getElementById('progress-text');
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', A.path('/api/v1/admin/grid', {crs, source: file.name}));
    request.setRequestHeader('Content-Type', 'application/geo+json');
    request.upload.addEventListener('progress', event => {
      if (!event.lengthComputable) return;
      progress.value = event.loaded / event.total;
      text.textContent = GP.t('progress') + ' ' + Math.round(100 * event.loaded / event.total) + ' %';
    });
    request.upload.addEventListener('load', () => { text.textContent = GP.t('gridChecking'); });
    request.addEventListener('load', () => {
      const response = new Response(request.responseText, {status: request.status,
        headers: {'Content-Type': request.getResponseHeader('Content-Type') || ''}});
      A.reply(response).then(resolve, reject);
    });
    request.addEventListener('error', () => reject(new A.ApiError(0, null)));
    request.send(file);
  });
}

A.start(async () => {
  document.getElementById('crs').replaceChildren(...crsOptions());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const file = document.getElementById('grid-file').files[0];
    if (!file) {
      A.clearErrors(form);
      A.showError(form, {field: 'body', message: GP.t('chooseFile')});
      return;
    }
    document.getElementById('progress').value = 0;
    const summary = await A.send(form, async () => {
      try {
        return await upload(file, form.elements.crs.value);
      } catch (e) {
        // An unreadable file is answered with what was wrong with it, as a report.
        if (e instanceof A.ApiError && e.body.problems) report(e.body);
        throw e;
      }
    });
    if (summary) {
      document.getElementById('progress-text').textContent = GP.t('gridDone') + ' ' + file.name;
      report(summary);
    }
  });
});
