/** Chinese UI strings; the keys are the contract that bo.ts must fill completely. */
export const zh = {
  'app.name': '共治',
  'app.slogan': '老旧小区改造，大家商量着办',

  'tab.home': '首页',
  'tab.consultations': '议事',
  'tab.projects': '项目',
  'tab.me': '我的',

  'home.greeting': '扎西德勒！',
  'home.welcome': '欢迎参与社区改造议事',
  'home.quick.vote': '参与投票',
  'home.quick.projects': '改造进度',
  'home.quick.notices': '社区公告',
  'home.quick.me': '我的房屋',
  'home.ongoing': '正在进行的议事',
  'home.more': '查看全部',
  'home.realtime.on': '已连接，消息实时更新',
  'home.realtime.off': '未连接实时消息',
  'home.loginHint': '登录后可以参与投票和评价',
  'home.loginNow': '去登录',

  'consultations.title': '议事',
  'consultations.intro': '每一项改造内容都由住户共同商议决定。',
  'consultations.open': '投票中',
  'consultations.closed': '已结束',
  'consultations.closesAt': '截止时间：{date}',
  'consultations.participation': '已有 {count} 户参与',
  'consultations.empty': '暂时没有议事',

  'projects.title': '改造项目',
  'projects.intro': '查看本小区改造工程的进度和资金使用。',
  'projects.progress': '进度 {percent}%',
  'projects.budget': '预算 {amount} 元',
  'projects.empty': '暂时没有改造项目',

  'me.title': '我的',
  'me.notLoggedIn': '还没有登录',
  'me.loggedIn': '已登录',
  'me.login': '登录',
  'me.logout': '退出登录',
  'me.settings': '显示设置',
  'me.language': '语言',
  'me.largeText': '大字模式',
  'me.largeTextHint': '字更大，看得更清楚',
  'me.privacy': '隐私保护指引',
  'me.version': '版本 {version}',

  'privacy.title': '隐私保护指引',
  'privacy.p1': '“共治”用于老旧小区改造中的住户议事、投票和工程评价。',
  'privacy.p2': '为了确认您是本小区住户，我们会收集您的微信标识和房屋信息。这些信息只用于社区议事，不会提供给无关的第三方。',
  'privacy.p3': '您可以随时在“我的”页面退出登录。',
  'privacy.agree': '同意并继续',
  'privacy.disagree': '暂不同意',

  'login.title': '登录',
  'login.wechat': '微信一键登录',
  'login.devTitle': '选择测试用户（开发环境）',
  'login.devEmpty': '没有可用的测试用户',
  'login.success': '登录成功',
  'login.needPrivacy': '请先阅读并同意隐私保护指引',

  'common.comingSoon': '即将开放，敬请期待',

  'state.loading': '正在加载…',
  'state.empty': '暂时没有内容',
  'state.error': '加载失败',
  'state.retry': '重新加载',
  'state.needLogin': '请先登录',
} as const;

export type MessageKey = keyof typeof zh;
