import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PlanExportError } from '../../src/io/exportPlan.ts';
import { PLAN_CSV_COLUMNS, planCsv } from '../../src/io/exportPlanCsv.ts';
import { LINES, RETAILERS, expectGolden, fixturePlan } from './exportFixture.ts';

const ZH_HEADER = '线路,客户经理,日期,顺序,零售户编号,零售户,客户类别,拜访类型,到达,开始,离开,路段里程(公里),路段时间(分钟),电话,经度,纬度';

const rows = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });

describe('planCsv', () => {
  const text = planCsv(fixturePlan(), RETAILERS, LINES, { language: 'en' });
  const zh = planCsv(fixturePlan(), RETAILERS, LINES);

  it('matches the golden files, Chinese by default and English on request', () => {
    expectGolden('plan.csv', zh);
    expectGolden('plan.en.csv', text);
  });

  it('heads its columns and writes class and visit kind in Chinese by default', () => {
    expect(zh.startsWith(`\uFEFF${ZH_HEADER}\r\n`)).toBe(true);
    const all = parse(zh, { bom: true, columns: true }) as Record<string, string>[];
    expect(all.map((r) => `${r['日期']} ${r['零售户编号']} ${r['客户类别']} ${r['拜访类型']}`).slice(0, 4)).toEqual([
      '2025-03-04 R0001 普通终端 实地（常规）',
      '2025-03-04 R0002 普通终端 实地（常规）',
      '2025-03-04 R0003 普通终端 实地（常规）',
      '2025-03-04 R0004 普通终端 电话',
    ]);
    expect(zh).not.toContain('in_person');
  });

  it('starts with a BOM, ends records in CRLF, names its columns', () => {
    expect(text.startsWith('\uFEFFline,manager,date,order,retailer,name,class,kind,arrive,start,depart,leg_km,leg_minutes,phone,lon,lat\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false);
    expect(Object.keys(rows(text)[0])).toEqual([...PLAN_CSV_COLUMNS]);
  });

  it('has a row per visit: stops in driving order, then remote visits; none for a blocked day', () => {
    const all = rows(text);
    expect(all.map((r) => `${r.line} ${r.date} ${r.order || '-'} ${r.retailer} ${r.kind}`)).toEqual([
      'L01 2025-03-04 1 R0001 in person, routine',
      'L01 2025-03-04 2 R0002 in person, routine',
      'L01 2025-03-04 3 R0003 in person, routine',
      'L01 2025-03-04 - R0004 phone',
      'L01 2025-03-11 1 R0005 in person, routine',
      'L01 2025-03-11 2 R0001 in person, routine',
      'L01 2025-03-11 - R0003 online',
      'L02 2025-03-11 1 R0101 in person, routine',
      'L02 2025-03-11 2 R0102 in person, routine',
      'L02 2025-03-11 - R0103 phone',
    ]);
  });

  it('writes a stop with its times, leg, phone and coordinates at 6 decimals', () => {
    expect(rows(text)[0]).toEqual({
      line: 'L01', manager: '王磊', date: '2025-03-04', order: '1', retailer: 'R0001', name: '张记烟酒', class: 'ordinary', kind: 'in person, routine',
      arrive: '08:00', start: '08:00', depart: '08:20', leg_km: '2.31', leg_minutes: '7.5', phone: '13800138001',
      lon: '114.071235', lat: '32.123457',
    });
  });

  it('leaves a remote visit without order, times or leg, and quotes a name with a comma and quotes', () => {
    const remote = rows(text)[6];
    expect(remote).toMatchObject({ order: '', retailer: 'R0003', name: '好又多超市, "旗舰店"', kind: 'online', arrive: '', start: '', depart: '', leg_km: '', leg_minutes: '' });
    expect(text).toContain(',"好又多超市, ""旗舰店""",');
  });

  it('refuses a plan naming a retailer the dataset lacks, naming it', () => {
    const plan = fixturePlan();
    plan.lines[1].days[1].stops[1].retailer = 'R9999';
    expect(() => planCsv(plan, RETAILERS, LINES)).toThrow(PlanExportError);
    expect(() => planCsv(plan, RETAILERS, LINES)).toThrow('the plan names retailers missing from the dataset: R9999 (line L02 on 2025-03-11)');
  });
});
