/**
 * The shapes the page reads from the API (see src/service/routes). Written out here, not
 * imported from the service's zod schemas, so the browser bundle carries no zod.
 */
export type Mode = 'in_person' | 'phone' | 'online';

export interface Range {
  min: number;
  mean: number;
  max: number;
}

export interface Figures {
  workdays: number;
  yuan: number;
  fuelYuan: number;
  phoneYuan: number;
  km: number;
  litres: number;
  visits: number;
  inPersonVisits: number;
  remoteVisits: number;
  inPersonShare: number;
  visitsPerDay: number;
  marketHoursPerDay: Range;
  dayHours: Range;
  lateMinutes: number;
  emptyWorkdays: number;
  earlyLeaveDays: number;
  firstShopLateDays: number;
  backLateDays: number;
  shortMarketDays: number;
  longDays: number;
  longWaitDays: number;
  unbalancedDays: number;
  notPlaced: number;
}

export interface LineFigures {
  line: string;
  manager: string;
  figures: Figures;
  baseline: Figures;
  notPlaced: number;
  error: string | null;
}

export interface FiguresAnswer {
  figures: Figures;
  baseline: Figures;
  ratios: { yuan: number; fuelYuan: number; km: number; litres: number };
  lines: LineFigures[];
}

export interface Stop {
  retailer: string;
  arrive: string;
  start: string;
  depart: string;
  legKm: number;
  legMinutes: number;
}

export interface Day {
  date: string;
  blocked: boolean;
  leaveBase: string | null;
  backAtBase: string | null;
  stops: Stop[];
  remote: { retailer: string; mode: 'phone' | 'online' }[];
  km: number;
  marketMinutes: number;
  lateMinutes: number;
}

export interface LinePlan {
  plan: string;
  parent: string | null;
  line: string;
  manager: string;
  figures: Figures;
  baseline: Figures;
  days: Day[];
  warnings?: string[];
  replan: { from: string | null; blocked: string[]; closed: { retailer: string; date: string }[] } | null;
  rules: { marketMinutesMin: number; maxDayMinutes: number };
}

export interface VisitRecord {
  retailer: string;
  date: string;
  outcome: 'done' | 'failed' | 'unplanned';
  reason?: string;
}
