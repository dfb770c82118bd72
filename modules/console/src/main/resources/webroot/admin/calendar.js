// The holiday calendar of a year as the node believes it: every day by its type, the holiday periods and their
// make-up working days. Read-only: the calendar comes from the files in config/holidays.
'use strict';
const form = document.getElementById('year-form');
const locale = GP.lang === 'zh' ? 'zh-CN' : 'en-GB';
/** The holiday periods of the year shown. */
let periods = [];

/** A calendar date as a Date at midnight UTC, so that formatting it in UTC gives the same date anywhere. */
function utc(date) {
  return new Date(date + 'T00:00:00Z');
}

function month(year, index, days) {
  const format = options => new Intl.DateTimeFormat(locale, Object.assign({timeZone: 'UTC'}, options));
  // 2024-01-01 was a Monday: the week is written Monday first, as in China.
  const weekdays = [...Array(7).keys()].map(i => format({weekday: 'narrow'}).format(utc('2024-01-0' + (i + 1))));
  const body = A.el('tbody');
  let week = A.el('tr');
  const first = utc(year + '-' + String(index + 1).padStart(2, '0') + '-01');
  for (let blank = (first.getUTCDay() + 6) % 7; blank > 0; blank--) week.append(A.el('td'));
  days.forEach(day => {
    const period = day.period ? periodName(day.period) : '';
    week.append(A.el('td', {className: 'day-' + day.type, 'data-date': day.date,
      title: day.date + ' ' + (GP.lang === 'zh' ? day.typeZh : day.typeEn) + (period ? ' · ' + period : ''),
      text: String(Number(day.date.substring(8)))}));
    if (week.children.length === 7) {
      body.append(week);
      week = A.el('tr');
    }
  });
  if (week.children.length) body.append(week);
  return A.el('div', {className: 'month'}, A.el('h3', {text: format({month: 'long'}).format(first)}),
    A.el('table', {}, A.el('thead', {}, A.el('tr', {}, ...weekdays.map(w => A.el('th', {text: w})))), body));
}

function periodName(key) {
  const period = periods.find(p => p.key === key);
  return period ? (GP.lang === 'zh' ? period.nameZh : period.nameEn) : key;
}

function show(calendar) {
  periods = calendar.periods;
  form.elements.year.value = calendar.year;
  document.getElementById('covered').textContent = GP.t('coveredYears') + ': ' + calendar.coveredYears.join(', ');
  const months = [...Array(12).keys()].map(i => month(calendar.year, i,
    calendar.days.filter(day => Number(day.date.substring(5, 7)) === i + 1)));
  document.getElementById('months').replaceChildren(...months);
  document.querySelector('#periods tbody').replaceChildren(...calendar.periods.map(p => A.el('tr', {},
    A.el('td', {text: GP.lang === 'zh' ? p.nameZh : p.nameEn}), A.el('td', {text: p.first}), A.el('td', {text: p.last}),
    A.el('td', {text: p.makeupWorkingDays.join(', ') || '—'}))));
}

async function load(year) {
  const calendar = await A.send(form, () => A.api(A.path('/api/v1/calendar', {year})));
  if (calendar) show(calendar);
}

A.start(async () => {
  form.addEventListener('submit', event => { event.preventDefault(); load(form.elements.year.value); });
  form.elements.year.addEventListener('change', () => load(form.elements.year.value));
  // Without a year the node answers for this year in the city.
  await load('');
});
