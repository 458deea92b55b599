import { weekday } from './weekPlace.ts';

/** The page's words, Chinese first (the planners' language), English on the switch. */
const WORDS = {
  title: ['拜访计划', 'Visit planner'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  keyPrompt: ['API 密钥（id.secret）', 'API key (id.secret)'],
  badKey: ['密钥无效或已吊销', 'The key is not valid or was revoked'],
  serviceDown: ['无法连接服务，请检查服务是否在运行', 'The service cannot be reached; check that it is running'],
  datasets: ['数据集', 'Datasets'],
  plans: ['计划', 'Plans'],
  figures: ['指标', 'Figures'],
  map: ['地图', 'Map'],
  calendar: ['日历', 'Calendar'],
  keys: ['密钥', 'Keys'],
  dropFiles: ['把零售户、线路、策略文件拖到这里（CSV、XLSX、GBK 编码的 CSV），或点击选择', 'Drop the retailers, lines and policy files here (CSV, XLSX, CSV in GBK), or click to choose'],
  upload: ['上传', 'Upload'],
  uploading: ['正在检查…', 'Checking…'],
  uploadRefused: ['上传被拒绝，未保存任何数据', 'Upload refused; nothing was stored'],
  uploaded: ['已保存数据集', 'Dataset stored'],
  file: ['文件', 'File'],
  line: ['线路', 'Line'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  message: ['问题', 'Problem'],
  id: ['编号', 'Id'],
  created: ['创建时间', 'Created'],
  retailers: ['零售户', 'Retailers'],
  lines: ['线路数', 'Lines'],
  startPlan: ['开始计划', 'Start a plan'],
  startDate: ['开始日期', 'Start date'],
  weeks: ['周数', 'Weeks'],
  budget: ['时间预算（秒）', 'Time budget (s)'],
  dataset: ['数据集', 'Dataset'],
  status: ['状态', 'Status'],
  progress: ['进度', 'Progress'],
  retry: ['重试', 'Retry'],
  cancel: ['取消', 'Cancel'],
  open: ['打开', 'Open'],
  parent: ['原计划', 'Parent'],
  queued: ['排队中', 'queued'],
  running: ['运行中', 'running'],
  succeeded: ['已完成', 'succeeded'],
  failed: ['失败', 'failed'],
  noPlan: ['还没有已完成的计划', 'No finished plan yet'],
  planOf: ['计划', 'Plan'],
  today: ['现行做法', "Today's practice"],
  ratio: ['比值', 'Ratio'],
  fuelYuan: ['燃油费（元）', 'Fuel (yuan)'],
  km: ['里程（km）', 'Distance (km)'],
  litres: ['油耗（升）', 'Fuel (litres)'],
  inPersonShare: ['实地拜访占比', 'In-person share'],
  marketHours: ['日均市场时间（小时）', 'Market hours a day'],
  ruleBreaks: ['违反规则的天数（按规则计）', 'Rule breaks (days, per rule)'],
  emptyWorkdays: ['无市场时间的工作日', 'Workdays with no market time'],
  longestDay: ['最长一天（小时）', 'Longest day (h)'],
  manager: ['客户经理', 'Manager'],
  fuelRatio: ['燃油比', 'Fuel ratio'],
  kmPerMonth: ['月里程', 'km / month'],
  emptyDays: ['空白天', 'Empty days'],
  longestDayHours: ['最长一天', 'Longest day'],
  visitsPerDay: ['日均拜访', 'Visits / day'],
  colourBy: ['零售户着色', 'Colour shops by'],
  byClass: ['客户分类', 'class'],
  byMode: ['下次拜访方式', 'mode of next visit'],
  date: ['日期', 'Date'],
  showRoute: ['显示路线', 'Show route'],
  in_person: ['实地', 'in person'],
  phone: ['电话', 'phone'],
  online: ['网络', 'online'],
  none: ['本期无拜访', 'no visit'],
  visitsOf: ['本期拜访', 'Visits in the horizon'],
  stop: ['站', 'Stop'],
  arrive: ['到达', 'Arrive'],
  depart: ['离开', 'Depart'],
  leaveBase: ['出发', 'Leave base'],
  backAtBase: ['返回', 'Back at base'],
  blocked: ['停用（会议/培训）', 'Blocked (meeting, training)'],
  empty: ['空白', 'Empty'],
  short: ['市场时间不足', 'Short'],
  long: ['超长', 'Long'],
  late: ['迟到', 'Late'],
  timetable: ['当日时间表', "The day's timetable"],
  blockAndReplan: ['停用这一天并重新计划', 'Block this day and re-plan'],
  diffAgainst: ['与另一计划比较', 'Compare with another plan'],
  diff: ['变动', 'What moved'],
  comparedWith: ['对比', 'against'],
  byWeekday: ['不同周期的计划按星期对照', 'plans of different weeks, matched by weekday'],
  weeksShort: ['周', 'wk'],
  from: ['原日期', 'From'],
  to: ['新日期', 'To'],
  why: ['原因', 'Why'],
  reason_blocked: ['该日停用', 'day blocked'],
  reason_closed: ['店铺关门', 'shop closed'],
  reason_failed: ['拜访失败', 'visit failed'],
  reason_history: ['新的拜访记录', 'new visit records'],
  reason_reoptimised: ['重新优化', 're-optimised'],
  nothingMoved: ['没有变动', 'Nothing moved'],
  issueKey: ['发放客户经理密钥', 'Issue a manager key'],
  keyShownOnce: ['密钥只显示这一次，请立即复制', 'The key is shown this once: copy it now'],
  revoke: ['吊销', 'Revoke'],
  role: ['角色', 'Role'],
  source: ['来源', 'Source'],
  exports: ['导出', 'Export'],
  city: ['全市', 'City'],
  planId: ['计划编号', 'Plan id'],
  forbiddenLine: ['此密钥只能查看自己的线路', 'This key reads only its own line'],
  loading: ['加载中…', 'Loading…'],
  visits: ['拜访', 'Visits'],
  planGone: ['该计划已过期并被删除', 'This plan has expired and was removed'],
} as const;

export type Word = keyof typeof WORDS;
export type Lang = 'zh' | 'en';

let lang: Lang = 'zh';

export const setLang = (l: Lang) => {
  lang = l;
};
export const currentLang = (): Lang => lang;

export function t(word: Word): string {
  return WORDS[word][lang === 'zh' ? 0 : 1];
}

const WEEKDAYS = [['周一', '周二', '周三', '周四', '周五', '周六', '周日'], ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']] as const;

/** A date's weekday, short: 周二 / Tue. */
export function weekdayName(date: string): string {
  return WEEKDAYS[lang === 'zh' ? 0 : 1][weekday(date)];
}

/** A number as the page shows it: grouped, at most `digits` decimals. */
export function num(n: number, digits = 1): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits });
}
