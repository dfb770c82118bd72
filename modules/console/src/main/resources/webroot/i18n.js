// Texts of the pages in Simplified Chinese and English, chosen by the browser's language.
'use strict';
const GP = window.GP || (window.GP = {});

GP.lang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';

const TEXTS = {
  title: {zh: 'GridPatrol 网格巡查', en: 'GridPatrol'},
  username: {zh: '用户名', en: 'User name'},
  password: {zh: '密码', en: 'Password'},
  login: {zh: '登录', en: 'Log in'},
  logout: {zh: '退出', en: 'Log out'},
  wrongCredentials: {zh: '用户名或密码错误', en: 'Wrong user name or password'},
  oneTimePassword: {zh: '此密码只能使用一次，请设置您自己的密码。', en: 'This password was for one use: choose your own.'},
  newPassword: {zh: '新密码', en: 'New password'},
  changePassword: {zh: '修改密码', en: 'Change password'},
  locked: {zh: '密码错误次数过多，账号暂时锁定', en: 'Too many wrong passwords; the account is locked for now'},
  unavailable: {zh: '服务暂不可用，请稍后再试', en: 'The service is not available; try again shortly'},
  controlRoom: {zh: '指挥中心实时地图', en: 'Control-room live map'},
  admin: {zh: '管理', en: 'Admin'},
  district: {zh: '区', en: 'District'},
  street: {zh: '街道', en: 'Street'},
  team: {zh: '巡查队', en: 'Team'},
  all: {zh: '全部', en: 'All'},
  legend: {zh: '图例', en: 'Legend'},
  visited: {zh: '近期已巡查', en: 'Visited recently'},
  due: {zh: '计划中待巡查', en: 'Due in a running plan'},
  overdue: {zh: '超时未巡查', en: 'Overdue'},
  ok: {zh: '正常', en: 'OK'},
  due_soon: {zh: '即将超时', en: 'Due soon'},
  satisfied_late: {zh: '超时后补巡', en: 'Satisfied late'},
  pending: {zh: '待巡查', en: 'Pending'},
  idle: {zh: '当前无计划', en: 'In no plan now'},
  onDuty: {zh: '在线巡查员', en: 'Officers online'},
  silent: {zh: '失联', en: 'Silent'},
  overdueCells: {zh: '超时网格', en: 'Overdue cells'},
  openCases: {zh: '未结案件', en: 'Open cases'},
  yellowCards: {zh: '黄牌', en: 'Yellow cards'},
  redCards: {zh: '红牌', en: 'Red cards'},
  feed: {zh: '实时告警与督办', en: 'Live alerts and escalations'},
  live: {zh: '实时', en: 'Live'},
  reconnecting: {zh: '重新连接中…', en: 'Reconnecting…'},
  lastVisit: {zh: '最近巡查', en: 'Last visit'},
  visitsToday: {zh: '今日巡查次数', en: 'Visits today'},
  none: {zh: '无', en: 'none'},
  status: {zh: '状态', en: 'Status'},
  lastSeen: {zh: '最后定位', en: 'Last seen'},
  trackToday: {zh: '今日轨迹', en: 'Track today'},
  noTrack: {zh: '今日无轨迹', en: 'No track today'},
  openTasks: {zh: '待办案件', en: 'Open tasks'},
  patrolOverdue: {zh: '巡查超时', en: 'Patrol overdue'},
  officerSilent: {zh: '巡查员失联', en: 'Officer silent'},
  escalation: {zh: '案件督办', en: 'Escalation'},
  caseChange: {zh: '案件变更', en: 'Case change'},
  level: {zh: '级', en: 'level'},
  moreAlerts: {zh: '条更多告警', en: 'more alerts'},
  cell: {zh: '网格', en: 'Cell'},
  handheld: {zh: '巡查通', en: 'Patrol handheld'},
  online: {zh: '在线', en: 'Online'},
  offline: {zh: '离线', en: 'Offline'},
  queued: {zh: '待上传', en: 'Waiting to upload'},
  todaysPlans: {zh: '今日巡查计划', en: "Today's patrol plans"},
  noPlansToday: {zh: '今日无巡查计划', en: 'No patrol plan today'},
  toPatrol: {zh: '待巡查网格（由近及远）', en: 'Cells still to patrol (nearest first)'},
  allPatrolled: {zh: '暂无待巡查网格', en: 'No cell waits for a patrol now'},
  checkInHere: {zh: '签到', en: 'Check in'},
  report: {zh: '上报问题', en: 'Report a problem'},
  category: {zh: '类别', en: 'Category'},
  note: {zh: '描述', en: 'Description'},
  photo: {zh: '照片', en: 'Photo'},
  send: {zh: '提交', en: 'Send'},
  reportQueued: {zh: '已保存，联网后自动上传', en: 'Saved; it goes out as soon as there is signal'},
  reportSent: {zh: '已上报，案件编号', en: 'Reported as case'},
  checkedIn: {zh: '已签到', en: 'Checked in'},
  gpsOff: {zh: '无法定位：请允许浏览器使用位置', en: 'No position: allow the browser to use the location'},
  dropped: {zh: '未能上传（内容有误），已放弃', en: 'Could not be uploaded (refused), dropped'},
  metres: {zh: '米', en: 'm'},
};

/** Texts of pages that bring their own (the admin console's), into the same dictionary. */
GP.addTexts = function (more) {
  Object.assign(TEXTS, more);
};

GP.t = function (key) {
  const text = TEXTS[key];
  return text ? text[GP.lang] : key;
};

/** Fills every element with a data-t attribute with its text. */
GP.translate = function (root) {
  document.documentElement.lang = GP.lang === 'zh' ? 'zh-CN' : 'en';
  (root || document).querySelectorAll('[data-t]').forEach(el => { el.textContent = GP.t(el.dataset.t); });
  (root || document).querySelectorAll('[data-t-placeholder]').forEach(el => {
    el.placeholder = GP.t(el.dataset.tPlaceholder);
  });
};

/** A time as the city reads it (its own time zone, whatever the browser's). */
GP.cityTime = function (iso, timeZone) {
  if (!iso) return GP.t('none');
  return new Intl.DateTimeFormat(GP.lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(new Date(iso));
};
