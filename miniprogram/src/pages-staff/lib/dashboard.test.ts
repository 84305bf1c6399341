import { describe, expect, it } from '@jest/globals';
import { staffBo } from '../../i18n/staff.bo';
import { staffZh } from '../../i18n/staff.zh';
import { appendPage, complexLabel, dimensionText, evaluationTable, gradeText, type DashboardRow, type DashboardView } from './dashboard';

const row = (code: string, total: number | null): DashboardRow => ({
  complexCode: code, complexName: `${code}小区`, complexNameBo: code === 'A' ? 'ཨ' : null, projectId: total === null ? null : `p${code}`,
  projectStatus: null, projectStatusLabel: null, participation: null, pledges: null, satisfaction: null,
  evaluation: total === null ? null : { total, totalHundredths: Math.round(total * 100), grade: 'good', gradeLabel: '良好', year: 2026, dimensions: [] },
});
const view = (rows: DashboardRow[], nextCursor: string | null): DashboardView => ({
  scope: 'C', scopeName: 'C', scopeNameBo: null, year: null, nextCursor, rows,
  totals: { complexes: 3, projects: 2, participation: { num: 0, den: 0 }, pledges: { receivedFen: 0, targetFen: 0 }, satisfaction: { sum: 0, count: 0, mean: null } },
});

describe('dashboard view', () => {
  it('appends the next page without repeating a complex and takes its cursor', () => {
    const merged = appendPage(view([row('A', 90), row('B', null)], 'B'), view([row('B', null), row('C', 80)], null));
    expect(merged.rows.map((r) => r.complexCode)).toEqual(['A', 'B', 'C']);
    expect(merged.nextCursor).toBeNull();
  });

  it('ranks only scored complexes, best first, ties by code', () => {
    expect(evaluationTable([row('B', 80), row('A', null), row('D', 92.5), row('C', 80)]).map((r) => r.complexCode)).toEqual(['D', 'B', 'C']);
  });

  it('shows the Tibetan complex name in Tibetan when there is one', () => {
    expect([complexLabel(row('A', 1), 'bo'), complexLabel(row('A', 1), 'zh'), complexLabel(row('B', 1), 'bo')]).toEqual(['ཨ', 'A小区', 'B小区']);
  });

  it('words grades and dimensions from their codes in the reader\'s language; an unknown code keeps the server\'s label', () => {
    const bo = (k: keyof typeof staffBo) => staffBo[k];
    const zh = (k: keyof typeof staffZh) => staffZh[k];
    expect(gradeText(bo, 'excellent', '优秀')).toBe('ལེགས་ཤོས།');
    expect(gradeText(zh, 'excellent', '优秀')).toBe('优秀');
    expect(dimensionText(bo, 'satisfaction', '满意度')).toBe('ཚིམ་ཚད།');
    expect(dimensionText(zh, 'planning', '方案编制')).toBe('方案编制');
    expect(gradeText(bo, 'legendary', '传奇')).toBe('传奇');
    expect(dimensionText(bo, 'safety', '安全')).toBe('安全');
  });
});
