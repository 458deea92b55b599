import type { PlanFigures, VisitKind } from '../domain/plan.ts';
import type { RetailerClass } from '../domain/retailer.ts';

export type ExportLanguage = 'zh' | 'en';

/** The columns of a line's sheet, in order. */
export const LINE_SHEET_COLUMNS = [
  'date', 'weekday', 'order', 'name', 'retailer', 'class', 'kind', 'arrive', 'start', 'depart',
  'km', 'litres', 'yuan', 'marketHours', 'phone', 'address', 'manager',
] as const;
export type LineSheetColumn = (typeof LINE_SHEET_COLUMNS)[number];

/** The figures the summary compares, in order; `ratio` names the plan's own ratio, if it has one. */
export const SUMMARY_FIGURES = [
  { key: 'yuan', format: '0.00', ratio: 'yuan' },
  { key: 'fuelYuan', format: '0.00', ratio: 'fuelYuan' },
  { key: 'phoneYuan', format: '0.00' },
  { key: 'km', format: '0.0', ratio: 'km' },
  { key: 'litres', format: '0.00', ratio: 'litres' },
  { key: 'ascentM', format: '0' },
  { key: 'workdays', format: '0' },
  { key: 'visits', format: '0' },
  { key: 'inPersonVisits', format: '0' },
  { key: 'remoteVisits', format: '0' },
  { key: 'inPersonShare', format: '0.0%' },
  { key: 'visitsPerDay', format: '0.0' },
  { key: 'inPersonPerDayMin', format: '0' },
  { key: 'inPersonPerDayMean', format: '0.0' },
  { key: 'inPersonPerDayMax', format: '0' },
  { key: 'marketHoursMean', format: '0.0' },
  { key: 'marketHoursMin', format: '0.0' },
  { key: 'marketHoursMax', format: '0.0' },
  { key: 'dayHoursMax', format: '0.0' },
  { key: 'waitMinutesMean', format: '0.0' },
  { key: 'waitMinutesMax', format: '0' },
  { key: 'spacingErrorDays', format: '0.00' },
  { key: 'dayImbalanceHours', format: '0.0' },
  { key: 'lateMinutes', format: '0' },
  { key: 'emptyWorkdays', format: '0' },
  { key: 'shortMarketDays', format: '0' },
  { key: 'longDays', format: '0' },
  { key: 'longWaitDays', format: '0' },
  { key: 'unbalancedDays', format: '0' },
  { key: 'notPlaced', format: '0' },
] as const satisfies readonly { key: string; format: string; ratio?: 'yuan' | 'fuelYuan' | 'km' | 'litres' }[];
export type SummaryFigure = (typeof SUMMARY_FIGURES)[number]['key'];

/** A summary figure's value from a plan's (or the baseline's) figures. */
export function figureValue(f: PlanFigures, key: SummaryFigure): number {
  switch (key) {
    case 'marketHoursMean': return f.marketHoursPerDay.mean;
    case 'marketHoursMin': return f.marketHoursPerDay.min;
    case 'marketHoursMax': return f.marketHoursPerDay.max;
    case 'inPersonPerDayMin': return f.inPersonPerDay.min;
    case 'inPersonPerDayMean': return f.inPersonPerDay.mean;
    case 'inPersonPerDayMax': return f.inPersonPerDay.max;
    case 'dayHoursMax': return f.dayHours.max;
    case 'waitMinutesMean': return f.waitMinutesPerDay.mean;
    case 'waitMinutesMax': return f.waitMinutesPerDay.max;
    default: return f[key];
  }
}

export interface XlsxLabels {
  summarySheet: string;
  summaryColumns: [figure: string, plan: string, baseline: string, difference: string, ratio: string];
  figures: Record<SummaryFigure, string>;
  start: string;
  weeks: string;
  lineCount: string;
  lineColumns: [line: string, manager: string, yuan: string, baselineYuan: string, km: string, baselineKm: string, inPersonShare: string, notPlaced: string, note: string];
  columns: Record<LineSheetColumn, string>;
  /** What each visit is for, in person or remote (the work standard's duties named). */
  kinds: Record<VisitKind, string>;
  classes: Record<RetailerClass, string>;
  /** A public holiday in the plan's weeks, with its name. */
  holiday: (name: string) => string;
  /** The line's own summary sheet, and its parts. */
  lineSummarySheet: (line: string) => string;
  lineFacts: { line: string; manager: string; county: string; vehicle: string; start: string; workdays: string };
  visitsByKind: string;
  analysisColumns: [month: string, retailers: string, doneBefore: string, planned: string, missing: string];
  analysisTitle: string;
  reevaluationColumns: [quarter: string, target: string, due: string, doneBefore: string, planned: string, onCourse: string];
  reevaluationTitle: string;
  cityReevaluationColumns: [quarter: string, lines: string, onCourse: string, due: string, doneBefore: string, planned: string];
  yes: string;
  no: string;
  /** Index 1 = Monday … 7 = Sunday (index 0 unused). */
  weekdays: readonly string[];
  week: (n: number, from: string, to: string) => string;
  leaveBase: string;
  lunch: string;
  backAtBase: string;
  dayTotal: string;
  blocked: string;
  noVisits: string;
  lineFailed: (error: string) => string;
  notPlaced: string;
  /** Prefixes a visit's reason for not being placed, separator included. */
  reason: string;
}

export const XLSX_LABELS: Record<ExportLanguage, XlsxLabels> = {
  zh: {
    summarySheet: '汇总',
    summaryColumns: ['指标', '方案', '基线', '差额', '方案/基线'],
    figures: {
      yuan: '总费用(元)', fuelYuan: '油费(元)', phoneYuan: '电话费(元)', km: '里程(公里)', litres: '油耗(升)',
      ascentM: '爬升(米)', workdays: '工作日(天)', visits: '拜访次数', inPersonVisits: '实地拜访', remoteVisits: '远程拜访',
      inPersonShare: '实地拜访占比', visitsPerDay: '日均拜访', inPersonPerDayMin: '单日最少实地拜访',
      inPersonPerDayMean: '日均实地拜访', inPersonPerDayMax: '单日最多实地拜访', marketHoursMean: '日均市场时长(小时)',
      marketHoursMin: '最短市场时长(小时)', marketHoursMax: '最长市场时长(小时)', dayHoursMax: '最长出勤(小时，出发至返回)',
      waitMinutesMean: '日均等候开门(分钟)', waitMinutesMax: '单日最长等候(分钟)', spacingErrorDays: '拜访间隔偏差(天)',
      dayImbalanceHours: '日工时差(小时)', lateMinutes: '超时(分钟)', emptyWorkdays: '无市场时间的工作日(天)',
      shortMarketDays: '市场时长不足(天)', longDays: '出勤超时(天)', longWaitDays: '等候超时(天)', unbalancedDays: '拜访量超出均衡范围(天)',
      notPlaced: '未安排拜访',
    },
    start: '开始日期',
    weeks: '周数',
    lineCount: '线路数',
    lineColumns: ['线路', '客户经理', '费用(元)', '基线费用(元)', '里程(公里)', '基线里程(公里)', '实地拜访占比', '未安排拜访', '备注'],
    columns: {
      date: '日期', weekday: '星期', order: '顺序', name: '零售户', retailer: '编号',
      arrive: '到达', start: '开始', depart: '离开', km: '里程(公里)', litres: '油耗(升)', yuan: '油费(元)',
      marketHours: '市场时长(小时)', phone: '电话', address: '地址', class: '客户类别', kind: '拜访类型', manager: '客户经理',
    },
    kinds: { routine: '实地（常规）', analysis: '实地（经营分析）', reevaluation: '实地（季度复评）', phone: '电话', online: '网络' },
    classes: { modern1: '第一批现代终端', modern2: '第二批现代终端', ordinary: '普通终端', violating: '违规户' },
    holiday: (name) => `节假日（${name}），无拜访`,
    lineSummarySheet: (line) => `${line} 汇总`,
    lineFacts: { line: '线路', manager: '客户经理', county: '区县', vehicle: '交通工具', start: '开始日期', workdays: '工作日(天)' },
    visitsByKind: '按类型拜访次数',
    analysisTitle: '第一批现代终端月度经营分析',
    analysisColumns: ['月份', '零售户数', '计划前已完成', '本计划安排', '未安排'],
    reevaluationTitle: '第二批现代终端季度复评',
    reevaluationColumns: ['季度', '季度要求', '至计划末应完成', '计划前已完成', '本计划安排', '进度达标'],
    cityReevaluationColumns: ['季度', '线路数', '进度达标线路', '至计划末应完成', '计划前已完成', '本计划安排'],
    yes: '是',
    no: '否',
    weekdays: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    week: (n, from, to) => `第${n}周（${from} 至 ${to}）`,
    leaveBase: '驻地出发',
    lunch: '午餐',
    backAtBase: '返回驻地',
    dayTotal: '当日合计',
    blocked: '停线（会议、培训），无拜访',
    noVisits: '无拜访',
    lineFailed: (error) => `本线路未能排出：${error}`,
    notPlaced: '未安排的拜访',
    reason: '原因：',
  },
  en: {
    summarySheet: 'Summary',
    summaryColumns: ['Figure', 'Plan', 'Baseline', 'Difference', 'Plan / baseline'],
    figures: {
      yuan: 'Cost (yuan)', fuelYuan: 'Fuel (yuan)', phoneYuan: 'Phone (yuan)', km: 'Distance (km)', litres: 'Fuel (litres)',
      ascentM: 'Ascent (m)', workdays: 'Workdays', visits: 'Visits', inPersonVisits: 'In-person visits', remoteVisits: 'Remote visits',
      inPersonShare: 'In-person share', visitsPerDay: 'Visits per day', inPersonPerDayMin: 'In-person visits per day, min',
      inPersonPerDayMean: 'In-person visits per day, mean', inPersonPerDayMax: 'In-person visits per day, max',
      marketHoursMean: 'Market hours per day, mean', marketHoursMin: 'Market hours per day, min', marketHoursMax: 'Market hours per day, max',
      dayHoursMax: 'Longest day (hours, leave to return)', waitMinutesMean: 'Waiting per day, mean (minutes)', waitMinutesMax: 'Waiting on the worst day (minutes)',
      spacingErrorDays: 'Spacing error (days)', dayImbalanceHours: 'Day imbalance (hours)', lateMinutes: 'Late (minutes)',
      emptyWorkdays: 'Workdays with no market time', shortMarketDays: 'Short market days', longDays: 'Days over the longest day',
      longWaitDays: 'Days over the waiting cap', unbalancedDays: 'Days outside the visits band', notPlaced: 'Visits not placed',
    },
    start: 'Start',
    weeks: 'Weeks',
    lineCount: 'Lines',
    lineColumns: ['Line', 'Manager', 'Cost (yuan)', 'Baseline cost (yuan)', 'Distance (km)', 'Baseline distance (km)', 'In-person share', 'Not placed', 'Note'],
    columns: {
      date: 'Date', weekday: 'Weekday', order: 'Order', name: 'Retailer', retailer: 'ID',
      arrive: 'Arrive', start: 'Start', depart: 'Depart', km: 'Distance (km)', litres: 'Fuel (litres)', yuan: 'Fuel (yuan)',
      marketHours: 'Market hours', phone: 'Phone', address: 'Address', class: 'Class', kind: 'Visit', manager: 'Manager',
    },
    kinds: { routine: 'in person, routine', analysis: 'in person, business analysis', reevaluation: 'in person, re-evaluation', phone: 'phone', online: 'online' },
    classes: { modern1: 'modern, first batch', modern2: 'modern, second batch', ordinary: 'ordinary', violating: 'violating' },
    holiday: (name) => `Holiday (${name}): no visits`,
    lineSummarySheet: (line) => `${line} summary`,
    lineFacts: { line: 'Line', manager: 'Manager', county: 'County', vehicle: 'Vehicle', start: 'Start', workdays: 'Workdays' },
    visitsByKind: 'Visits by kind',
    analysisTitle: 'Monthly business analysis of first-batch modern terminals',
    analysisColumns: ['Month', 'Retailers', 'Done before the plan', 'In this plan', 'Not planned'],
    reevaluationTitle: 'Quarterly re-evaluation of second-batch modern terminals',
    reevaluationColumns: ['Quarter', 'A quarter', 'Due by the plan\'s end', 'Done before the plan', 'In this plan', 'On course'],
    cityReevaluationColumns: ['Quarter', 'Lines', 'Lines on course', 'Due by the plan\'s end', 'Done before the plan', 'In this plan'],
    yes: 'yes',
    no: 'no',
    weekdays: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    week: (n, from, to) => `Week ${n} (${from} to ${to})`,
    leaveBase: 'Leave base',
    lunch: 'Lunch',
    backAtBase: 'Back at base',
    dayTotal: 'Day total',
    blocked: 'Blocked (meeting, training): no visits',
    noVisits: 'No visits',
    lineFailed: (error) => `This line could not be planned: ${error}`,
    notPlaced: 'Visits not placed',
    reason: 'Reason: ',
  },
};
