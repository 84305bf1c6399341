import { describe, expect, it } from '@jest/globals';
import { dashboardRows, dashboardTotals, latestOpenedByComplex, latestProjectByComplex, type Evaluation, type Tally } from './dashboard';
import type { ConsultationItem, Ledger, Project, Ratings } from './staffApi';

const project = (id: string, complexCode: string, year: number, createdAt = '2026-01-01T00:00:00Z') => ({ id, complexCode, year, createdAt, status: 'construction' }) as Project;
const cons = (id: string, complexCode: string, status: ConsultationItem['status'], opensAt: string) => ({ id, complexCode, status, opensAt, title: `表决${id}` }) as ConsultationItem;

describe('dashboard data', () => {
  it('takes the newest project and the latest consultation that has opened for each complex', () => {
    const p = latestProjectByComplex([project('old', 'Q', 2025), project('new', 'Q', 2026), project('z', 'Z', 2026)]);
    expect(p.get('Q')!.id).toBe('new');
    const c = latestOpenedByComplex([
      cons('1', 'Q', 'announced', '2026-01-01T00:00:00Z'), cons('2', 'Q', 'open', '2026-03-01T00:00:00Z'), cons('3', 'Q', 'draft', '2026-05-01T00:00:00Z'),
    ]);
    expect(c.get('Q')!.id).toBe('2');
  });

  it('joins each complex with its figures and leaves missing ones empty', () => {
    const tally = { electorate: { dwellings: 48, areaHundredths: 1, headcount: 44 }, questions: [{ participation: { headcount: 30 } }] } as Tally;
    const rows = dashboardRows({
      complexes: [{ code: 'Q', name: '幸福小区', nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།' }, { code: 'Z', name: '团结小区', nameBo: null }],
      projects: new Map([['Q', project('p1', 'Q', 2026)]]),
      consultations: new Map([['Q', cons('c1', 'Q', 'open', '2026-01-01T00:00:00Z')]]),
      tallies: new Map([['c1', tally]]),
      ledgers: new Map([['p1', { receivedFen: 50000, residentsShareFen: 200000 } as Ledger]]),
      ratings: new Map([['p1', { overall: { mean: 4.25, count: 8 } } as Ratings]]),
      evaluations: new Map([['p1', { total: 88.5, gradeLabel: '良好' } as Evaluation]]),
      lang: 'bo',
    });
    expect(rows[0]).toEqual({
      complexCode: 'Q', complexName: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།', projectId: 'p1', projectStatus: 'construction',
      participation: { num: 30, den: 44, title: '表决c1' }, pledges: { receivedFen: 50000, targetFen: 200000 },
      satisfaction: { mean: 4.25, count: 8 }, evaluation: { total: 88.5, gradeLabel: '良好' },
    });
    expect(rows[1]).toMatchObject({ complexName: '团结小区', projectId: null, participation: null, pledges: null, satisfaction: null, evaluation: null });
  });

  it('adds up numerators and denominators across complexes instead of averaging percentages', () => {
    const t = dashboardTotals([
      { participation: { num: 1, den: 2 }, pledges: { receivedFen: 100, targetFen: 1000 }, satisfaction: { mean: 5, count: 1 }, projectId: 'a' },
      { participation: { num: 30, den: 100 }, pledges: null, satisfaction: { mean: 3, count: 3 }, projectId: null },
    ] as never);
    expect(t.participation).toEqual({ num: 31, den: 102 });
    expect(t.pledges).toEqual({ receivedFen: 100, targetFen: 1000 });
    expect(t.satisfaction).toEqual({ mean: 3.5, count: 4 });
    expect(t.projects).toBe(1);
  });
});
