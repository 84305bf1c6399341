// World for the projects/pledges/ratings/evaluation suites, written through the identity/roster/consultations models.
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { tallyQuestion, type Ballot, type Rule } from '@gongzhi/shared';
import { Area, Dwelling } from '../../server/src/roster/model';
import { Binding } from '../../server/src/roster/bindingModel';
import { User } from '../../server/src/identity/model';
import { Consultation } from '../../server/src/consultations/model';
import { refreshListings } from '../../server/src/consultations/listing';
import { issueTokens } from '../../server/src/identity/tokens';
import type { Grant } from '../../server/src/platform/http/route';
import type { TestServer } from '../support/server';
import type { Json } from '../support/json';

/**
 * Region R ▸ prefecture P1 ▸ counties K1, K2.
 * K1 ▸ street S1 ▸ community C1 ▸ complexes X (entrance XU1: six floors, one flat each, elevator) and Y (two flats).
 * K2 ▸ street S2 ▸ community C2 ▸ complexes Z (five flats) and W (four flats): next year's candidates.
 */
const chain = (codes: [string, string][]) =>
  codes.map(([code, level], i) => ({ code, level, parentCode: i ? codes[i - 1][0] : null, path: codes.slice(0, i + 1).map((c) => c[0]) }));
const K1 = chain([
  ['R', 'region'],
  ['P1', 'prefecture'],
  ['K1', 'county'],
  ['S1', 'street'],
  ['C1', 'community'],
]);
const K2 = chain([
  ['R', 'region'],
  ['P1', 'prefecture'],
  ['K2', 'county'],
  ['S2', 'street'],
  ['C2', 'community'],
]).slice(2);
const under = (parent: { path: string[] }, code: string, level: string) => ({ code, level, parentCode: parent.path.at(-1)!, path: [...parent.path, code] });
const complexes = { X: under(K1[4], 'X', 'complex'), Y: under(K1[4], 'Y', 'complex'), Z: under(K2[2], 'Z', 'complex'), W: under(K2[2], 'W', 'complex') };
const buildings = Object.fromEntries(Object.entries(complexes).map(([k, c]) => [k, under(c, `${k}B1`, 'building')]));
const entrances = Object.fromEntries(Object.entries(buildings).map(([k, b]) => [k, under(b, `${k}U1`, 'entrance')]));
export const AREAS = [...K1, ...K2, ...Object.values(complexes), ...Object.values(buildings), ...Object.values(entrances)];

/** Exclusive areas in hundredths of m², floor by floor (X: floors 1–6; the others small). */
export const X_AREAS = [8520, 7250, 9000, 8520, 7250, 10033];
const FLATS: Record<string, number[]> = { X: X_AREAS, Y: [8000, 8000], Z: [7000, 7000, 7000, 7000, 7000], W: [6000, 6000, 6000, 6000] };

export type World = Record<'X' | 'Y' | 'Z' | 'W', string[]>;

export async function seedWorld(): Promise<World> {
  await Area.insertMany(
    AREAS.map((a) => ({
      ...a,
      name: `${a.code}${{ region: '自治区', prefecture: '地区', county: '县', street: '街道', community: '社区', complex: '小区', building: '号楼', entrance: '单元' }[a.level]}`,
    })),
  );
  const out = {} as World;
  for (const [k, list] of Object.entries(FLATS) as [keyof World, number[]][]) {
    const e = entrances[k];
    out[k] = [];
    for (const [i, area] of list.entries()) {
      const d = await Dwelling.create({
        complexCode: k,
        buildingCode: `${k}B1`,
        entranceCode: e.code,
        areaPath: e.path,
        buildingName: '1号楼',
        entranceName: '1单元',
        room: `${i + 1}01`,
        floor: k === 'X' ? i + 1 : 1,
        areaHundredths: area,
        areaSource: 'registered',
        headcountKey: `hc:${k}${i}`,
        owners: [{ name: `业主${k}${i}`, nameKey: `${k}${i}` }],
      });
      out[k].push(String(d._id));
    }
  }
  return out;
}

export interface Person {
  id: string;
  token: string;
  name: string;
}
let seq = 0;
export async function person(
  name: string,
  opts: { grants?: Grant[]; dwellings?: string[]; relation?: 'owner' | 'family' | 'tenant'; openid?: boolean } = {},
): Promise<Person> {
  const grants = (opts.grants ?? []).map((g) => ({ ...g, scopePath: AREAS.find((a) => a.code === g.scope)?.path ?? [g.scope] }));
  const u = await User.create({
    displayName: name,
    grants,
    lang: 'zh',
    subscribe: { notices: false },
    ...(opts.openid === false ? {} : { openid: `o_pj_${++seq}_${process.pid}` }),
  });
  for (const id of opts.dwellings ?? []) {
    const d = await Dwelling.findById(id).lean();
    await Binding.create({
      userId: u._id,
      dwellingId: d!._id,
      relation: opts.relation ?? 'owner',
      status: 'active',
      complexCode: d!.complexCode,
      areaPath: d!.areaPath,
    });
  }
  return { id: String(u._id), token: (await issueTokens(u)).accessToken, name }; // a real session: tokens need `sid`
}

/**
 * A closed consultation whose frozen result is the shared tally of the given ballots (one yes/no question), as the
 * consultations module stores it. `choices[i]` is dwelling i's ballot, or null for no ballot.
 */
export async function closedConsultation(opts: {
  kind: 'whether' | 'how' | 'survey';
  complexCode: string;
  dwellings: string[];
  choices: (('approve' | 'reject' | 'abstain') | null)[];
  projectId?: string;
  rule?: Rule;
  closedAt?: Date;
}) {
  const docs = await Dwelling.find({ _id: { $in: opts.dwellings.map((d) => new Types.ObjectId(d)) } }).lean();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const electorate = opts.dwellings.map((id) => ({ dwellingId: id, areaHundredths: byId.get(id)!.areaHundredths, headcountKey: byId.get(id)!.headcountKey }));
  const ballots: Ballot[] = opts.dwellings.flatMap((id, i) => (opts.choices[i] ? [{ dwellingId: id, choice: opts.choices[i]! }] : []));
  const rule = opts.rule ?? (opts.kind === 'survey' ? 'survey' : 'civil_major');
  const tally = tallyQuestion({ rule, electorate, ballots });
  const complex = AREAS.find((a) => a.code === opts.complexCode)!;
  const closedAt = opts.closedAt ?? new Date();
  const c = await Consultation.create({
    kind: opts.kind,
    title: `${opts.complexCode} ${opts.kind}`,
    complexCode: opts.complexCode,
    areaPath: complex.path,
    scope: { level: 'complex', buildingCodes: [], entranceCode: null },
    questions: [{ id: 'q1', title: '是否同意', format: 'yes_no', rule, options: [] }],
    leadTimeHours: 360,
    opensAt: new Date(closedAt.getTime() - 86_400_000),
    closesAt: closedAt,
    status: 'closed',
    closedAt,
    projectId: opts.projectId ?? null,
    createdBy: 'seed',
    result: {
      computedAt: closedAt.toISOString(),
      finalHead: { seq: 0, hash: 'seed' },
      ballots: ballots.length,
      unresolvedConflicts: 0,
      deliveredDwellingIds: null,
      questions: [{ questionId: 'q1', title: '是否同意', format: 'yes_no', rule, passed: tally.passed, winner: tally.winner, tally }],
    },
  });
  await refreshListings(c); // written directly: keep the lists as the commands would
  return String(c._id);
}

export async function fetchBinary(s: TestServer, path: string, token: string) {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    buf: Buffer.from(await res.arrayBuffer()),
  };
}

/** Reads an XLSX back: sheet name → rows of cell values (1-based columns dropped to 0-based arrays). */
export async function readXlsx(buf: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as Json);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    out[ws.name] = rows;
  });
  return out;
}

/** Finds the row whose first cells equal `first` (e.g. a complex name) in a sheet. */
export const rowOf = (rows: unknown[][], col: number, value: unknown) => rows.find((r) => r[col] === value);
