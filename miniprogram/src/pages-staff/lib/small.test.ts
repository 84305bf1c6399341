import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../services/api';
import { sortGrants, staffAccess } from './access';
import { addDays, ceilToMinutes, joinLocal, localDate, localTime } from './dates';
import { changedItems, stepPercent } from './progressForm';
import { groupByRow, rosterRowErrors } from './rosterErrors';

describe('workbench access from grants', () => {
  it('offers each role what its policy allows and keeps officials read-only', () => {
    expect(staffAccess([])).toMatchObject({ any: false, consult: false, dashboard: false });
    expect(staffAccess([{ role: 'committee' }])).toMatchObject({ consult: true, review: true, publish: true, roster: false, projects: true, readOnly: false });
    expect(staffAccess([{ role: 'street_staff' }])).toMatchObject({ consult: true, publish: true, roster: true });
    expect(staffAccess([{ role: 'county_official' }])).toMatchObject({ any: true, consult: false, publish: false, dashboard: true, readOnly: true });
    expect(staffAccess([{ role: 'admin' }])).toMatchObject({ consult: true, roster: true, publish: false, newProject: false });
    expect(staffAccess([{ role: 'community_worker' }])).toMatchObject({ newProject: true });
    expect(staffAccess([{ role: 'committee' }])).toMatchObject({ newProject: false });
    expect(sortGrants([{ role: 'committee' as const }, { role: 'region_official' as const }, { role: 'street_staff' as const }]).map((g) => g.role)).toEqual([
      'region_official',
      'street_staff',
      'committee',
    ]);
  });
});

describe('dates from pickers', () => {
  it('joins a picked date and time in local time and rejects malformed parts', () => {
    // Pickers speak China time whatever the device's zone: 18:30 in Lhasa is 10:30 UTC.
    const d = joinLocal('2026-12-01', '18:30')!;
    expect(d.toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(localDate(d)).toBe('2026-12-01');
    expect(localTime(d)).toBe('18:30');
    expect(localDate(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(joinLocal('2026-12-1', '18:30')).toBeNull();
    expect(joinLocal('2026-12-01', '')).toBeNull();
    expect(localTime(ceilToMinutes(new Date('2026-01-01T01:01:00Z'), 30))).toBe('09:30');
    expect(localDate(addDays(new Date('2026-12-31T04:00:00Z'), 1))).toBe('2027-01-01');
  });
});

describe('progress stepper', () => {
  it('stays within 0–100 and never below what was already reported', () => {
    expect(stepPercent(95, 10)).toBe(100);
    expect(stepPercent(40, -10, 40)).toBe(40);
    expect(stepPercent(60, -10, 40)).toBe(50);
    expect(changedItems({ a: 10, b: 20 }, { a: 10, b: 30 })).toEqual([{ itemId: 'b', percent: 30 }]);
  });
});

describe('roster row errors', () => {
  it('reads every bad row from a ROSTER_INVALID error and groups reasons by row', () => {
    const e = new ApiError(422, 'ROSTER_INVALID', '名册有 3 处错误', {
      importId: 'x',
      errors: [
        { row: 5, column: '专有面积(㎡)', reason: '须为正数' },
        { row: 3, column: null, reason: '房号重复' },
        { row: 5, column: '楼层', reason: '须为整数' },
      ],
    });
    const rows = rosterRowErrors(e)!;
    expect(rows.map((r) => r.row)).toEqual([3, 5, 5]);
    expect(groupByRow(rows)).toEqual([
      { row: 3, reasons: ['房号重复'] },
      { row: 5, reasons: ['专有面积(㎡)：须为正数', '楼层：须为整数'] },
    ]);
    expect(rosterRowErrors(new ApiError(400, 'FILE_MISSING', '请选择文件'))).toBeNull();
    expect(rosterRowErrors(new Error('x'))).toBeNull();
  });
});
