// The golden county: county G ▸ streets GS1 (community GM1: complexes GA, GB) and GS2 (community GM2: complex GC).
// Five projects in different stages, written straight to the models so every input is known (figures by hand in
// evaluation.golden.test.ts). Every flat is 100.00 m² and one household, so area and headcount rates coincide.
import { Types } from 'mongoose';
import type { ProjectStatus } from '@gongzhi/shared';
import { Area, Dwelling } from '../../server/src/roster/model';
import { Project } from '../../server/src/projects/model';
import { Pledge } from '../../server/src/pledges/model';
import { Rating } from '../../server/src/ratings/model';
import { AREAS, closedConsultation } from './projects.helpers';

const DAY = 86_400_000;
const node = (code: string, level: string, parent: { path: string[] } | null) => ({
  code,
  level,
  parentCode: parent?.path.at(-1) ?? null,
  path: [...(parent?.path ?? []), code],
});
const R = node('GR', 'region', null),
  P = node('GP', 'prefecture', R),
  K = node('G', 'county', P);
const S1 = node('GS1', 'street', K),
  S2 = node('GS2', 'street', K),
  M1 = node('GM1', 'community', S1),
  M2 = node('GM2', 'community', S2);
const CX = { GA: node('GA', 'complex', M1), GB: node('GB', 'complex', M1), GC: node('GC', 'complex', M2) };
const NAMES: Record<string, string> = {
  GR: '金区',
  GP: '金地区',
  G: '金县',
  GS1: '东街道',
  GS2: '西街道',
  GM1: '东社区',
  GM2: '西社区',
  GA: '甲小区',
  GB: '乙小区',
  GC: '丙小区',
};
const FLATS = { GA: 4, GB: 2, GC: 3 } as const;
export type Golden = { d: Record<keyof typeof FLATS, string[]>; p: Record<'A24' | 'A25' | 'B25' | 'C25' | 'C26', string> };

const oid = (id: string) => new Types.ObjectId(id);
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);

async function project(code: keyof typeof CX, year: number, status: ProjectStatus, extra: Record<string, unknown>) {
  const c = CX[code];
  const [region, prefecture, county, street, community] = c.path;
  const p = await Project.create({
    complexCode: code,
    complexName: NAMES[code],
    areaPath: c.path,
    levels: { region, prefecture, county, street, community },
    year,
    name: `${NAMES[code]}${year}年改造`,
    status,
    createdBy: 'seed',
    ...extra,
  });
  return String(p._id);
}
/** Entered 方案公示 `from` days ago and left it `to` days ago (the stage-based publicity input). */
const publicity = (from: number, to: number | null) => [
  { from: 'design', to: 'publicity', at: at(from), by: 'seed' },
  ...(to === null ? [] : [{ from: 'publicity', to: 'construction', at: at(to), by: 'seed' }]),
];
const done = (name: string, planned: string | null) => ({
  category: 'basic',
  name,
  quantity: 1,
  unit: '项',
  budgetFen: 100_000,
  plannedFinishOn: planned,
  percent: 100,
  completedAt: new Date(),
});
const accepted = {
  date: '2025-10-01',
  participants: [{ unit: '金县住建局', role: '主管部门' }],
  passed: true,
  items: [],
  note: '',
  documentFileIds: [],
  recordedAt: new Date(),
  recordedBy: 'seed',
};
const funding = (residentsFen: number) => ({ input: { residentsFen }, updatedAt: new Date(), updatedBy: 'seed' });

export async function seedGolden(): Promise<Golden> {
  const areas = [R, P, K, S1, S2, M1, M2, ...Object.values(CX)];
  AREAS.push(...(areas as typeof AREAS));
  await Area.insertMany(areas.map((a) => ({ ...a, name: NAMES[a.code] })));
  const d = {} as Golden['d'];
  for (const [code, n] of Object.entries(FLATS) as [keyof typeof FLATS, number][]) {
    d[code] = [];
    for (let i = 0; i < n; i++) {
      const x = await Dwelling.create({
        complexCode: code,
        buildingCode: `${code}1`,
        entranceCode: `${code}1U`,
        areaPath: [...CX[code].path, `${code}1`, `${code}1U`],
        buildingName: '1号楼',
        entranceName: '1单元',
        room: `${i + 1}01`,
        floor: i + 1,
        areaHundredths: 10_000,
        areaSource: 'registered',
        headcountKey: `hc:${code}${i}`,
        owners: [{ name: `业主${code}${i}`, nameKey: `${code}${i}` }],
      });
      d[code].push(String(x._id));
    }
  }
  const p = {
    A24: await project('GA', 2024, 'evaluation', {
      items: [done('道路', null), done('管网', null)],
      acceptance: accepted,
      funding: funding(100_000),
      transitions: publicity(400, 393),
    }),
    A25: await project('GA', 2025, 'construction', {
      items: [{ ...done('外墙', null), percent: 50, completedAt: null }],
      funding: funding(50_000),
      transitions: publicity(10, 5),
    }),
    B25: await project('GB', 2025, 'acceptance', {
      items: [done('加装电梯', '2099-12-31')],
      acceptance: accepted,
      funding: funding(30_000),
      transitions: publicity(20, 12),
    }),
    C25: await project('GC', 2025, 'evaluation', {
      items: [done('屋面', null), done('雨污分流', '2020-01-01')],
      acceptance: accepted,
      funding: funding(90_000),
      transitions: publicity(30, 27),
    }),
    C26: await project('GC', 2026, 'reserve', {}),
  };
  await closedConsultation({ kind: 'whether', complexCode: 'GA', dwellings: d.GA, choices: ['approve', 'approve', 'approve', null], projectId: p.A24 });
  await closedConsultation({ kind: 'how', complexCode: 'GA', dwellings: d.GA, choices: ['approve', 'reject', null, null], projectId: p.A25 });
  await closedConsultation({ kind: 'whether', complexCode: 'GB', dwellings: d.GB, choices: ['approve', 'approve'], projectId: p.B25 });
  await closedConsultation({
    kind: 'whether',
    complexCode: 'GC',
    dwellings: d.GC,
    choices: ['approve', 'reject', 'reject'],
    projectId: p.C25,
    closedAt: at(300),
  });
  await closedConsultation({ kind: 'whether', complexCode: 'GC', dwellings: d.GC, choices: ['approve', 'approve', null], projectId: p.C26 });
  const pledge = (
    projectId: string,
    code: keyof typeof CX,
    dw: string,
    kind: 'money' | 'labour',
    status: 'pledged' | 'confirmed' | 'fulfilled' | 'cancelled',
    amountFen: number,
    halfDays = 0,
  ) =>
    Pledge.create({
      projectId: oid(projectId),
      complexCode: code,
      areaPath: CX[code].path,
      dwellingId: oid(dw),
      userId: 'u',
      kind,
      amountFen,
      status,
      ...(kind === 'labour' ? { labour: { halfDays, skill: '泥工' } } : {}),
    });
  await pledge(p.A24, 'GA', d.GA[0], 'money', 'confirmed', 40_000);
  await pledge(p.A24, 'GA', d.GA[1], 'labour', 'pledged', 0, 3);
  await pledge(p.A24, 'GA', d.GA[2], 'money', 'cancelled', 10_000);
  await pledge(p.A25, 'GA', d.GA[2], 'money', 'fulfilled', 20_000);
  await pledge(p.A25, 'GA', d.GA[3], 'money', 'pledged', 5_000);
  await pledge(p.B25, 'GB', d.GB[0], 'money', 'confirmed', 30_000);
  await pledge(p.C25, 'GC', d.GC[0], 'labour', 'confirmed', 0, 2);
  const rate = (projectId: string, code: string, dw: string, overall: number) =>
    Rating.create({ projectId: oid(projectId), dwellingId: oid(dw), complexCode: code, userId: `u${dw}`, overall });
  await rate(p.A24, 'GA', d.GA[0], 5);
  await rate(p.A24, 'GA', d.GA[1], 4);
  await rate(p.B25, 'GB', d.GB[0], 3);
  await rate(p.C25, 'GC', d.GC[0], 2);
  await rate(p.C25, 'GC', d.GC[1], 1);
  return { d, p };
}
