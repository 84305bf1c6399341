import { describe, expect, it } from '@jest/globals';
import { staffBo } from '../../i18n/staff.bo';
import { staffZh } from '../../i18n/staff.zh';
import { appendPage, areaLabel, dimensionText, gradeText, projectGradeText, type DashboardRow, type DashboardView } from './dashboard';

const figures = {
  projects: 0,
  graded: 0,
  provisional: 0,
  dimensions: [],
  total: { count: 0, sumHundredths: 0, mean: null, formula: '' },
  distribution: [],
  participation: { num: 0, den: 0, percent: null, formula: '' },
  pledges: { receivedFen: 0, targetFen: 0, labourDays: 0, percent: null, formula: '' },
  satisfaction: { counts: [0, 0, 0, 0, 0], sum: 0, count: 0, mean: null, formula: '' },
};
const row = (code: string): DashboardRow => ({
  code,
  name: `${code}小区`,
  nameBo: code === 'A' ? 'ཨ' : null,
  level: 'complex',
  rank: null,
  figures,
  project: null,
});
const view = (rows: DashboardRow[], nextOffset: number | null): DashboardView => ({
  code: 'C',
  name: 'C',
  nameBo: null,
  level: 'street',
  levelLabel: '街道',
  childLevel: 'complex',
  childLevelLabel: '小区',
  year: null,
  stage: null,
  gradeRule: '',
  breadcrumb: [],
  figures,
  rows,
  totalRows: 3,
  nextOffset,
  priority: [],
});
const bo = (k: keyof typeof staffBo) => staffBo[k];
const zh = (k: keyof typeof staffZh) => staffZh[k];

describe('dashboard view', () => {
  it('appends the next page without repeating a row and takes its offset', () => {
    const merged = appendPage(view([row('A'), row('B')], 2), view([row('B'), row('C')], null));
    expect(merged.rows.map((r) => r.code)).toEqual(['A', 'B', 'C']);
    expect(merged.nextOffset).toBeNull();
  });

  it('shows the Tibetan area name in Tibetan when there is one', () => {
    expect([areaLabel(row('A'), 'bo'), areaLabel(row('A'), 'zh'), areaLabel(row('B'), 'bo')]).toEqual(['ཨ', 'A小区', 'B小区']);
  });

  it("a project gets no grade before 竣工验收 and a 预评 mark during it, in the reader's language", () => {
    const p = {
      projectId: 'p',
      complexCode: 'A',
      complexName: 'A',
      year: 2025,
      status: 'acceptance',
      statusLabel: '竣工验收',
      total: 87.5,
      grade: 'good',
      gradeLabel: '良好（预评）',
    };
    expect(projectGradeText(zh, { ...p, gradeKind: 'provisional' })).toBe('良好（预评）');
    expect(projectGradeText(bo, { ...p, gradeKind: 'final' })).toBe('ལེགས་པོ།');
    expect(projectGradeText(zh, { ...p, gradeKind: 'none', grade: null, total: null })).toBe('未到评价阶段');
  });

  it("words grades and dimensions from their codes in the reader's language; an unknown code keeps the server's label", () => {
    expect(gradeText(bo, 'excellent', '优秀')).toBe('ལེགས་ཤོས།');
    expect(gradeText(zh, 'excellent', '优秀')).toBe('优秀');
    expect(dimensionText(bo, 'satisfaction', '满意度')).toBe('ཚིམ་ཚད།');
    expect(dimensionText(zh, 'planning', '方案编制')).toBe('方案编制');
    expect(gradeText(bo, 'legendary', '传奇')).toBe('传奇');
    expect(dimensionText(bo, 'safety', '安全')).toBe('安全');
  });
});
