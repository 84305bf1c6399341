import { DEFAULT_ELEVATOR_COEFFICIENTS, elevatorShares, type ElevatorPlanBody, formatArea, formatCoefficient, parseCoefficientPerMille } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { notFound } from '../platform/errors';
import { authorize } from '../platform/http/authorize';
import { audit } from '../identity';
import { dwellingsOfEntrance, memberDwellings } from '../roster';
import { type ProjectDoc } from '../projects';
import type { ProjectHydrated } from '../projects';
import { ruleError } from '../platform/errors';
import { canPlanElevator, canReadElevatorShares } from './policy';
import { ElevatorPlan, type ElevatorPlanDoc } from './model';

const planNotFound = () => notFound('ELEVATOR_PLAN_NOT_FOUND', '该单元尚无加装电梯分摊方案');

async function entranceDwellings(project: ProjectDoc, entranceCode: string) {
  const dwellings = await dwellingsOfEntrance(project.complexCode, entranceCode);
  if (dwellings.length === 0) throw notFound('ENTRANCE_NOT_FOUND', '本小区没有该单元');
  return dwellings;
}

/** Each household's share ∝ floor coefficient × exclusive area, exact to the fen (shared elevatorShares). */
export async function computeShares(project: ProjectDoc, plan: ElevatorPlanDoc) {
  const dwellings = await entranceDwellings(project, plan.entranceCode);
  const custom = plan.coefficients.length > 0;
  const table = custom ? plan.coefficients.map((c) => ({ floor: c.floor, perMille: c.perMille })) : DEFAULT_ELEVATOR_COEFFICIENTS;
  let r: ReturnType<typeof elevatorShares>;
  try {
    r = elevatorShares({
      totalFen: plan.totalFen,
      dwellings: dwellings.map((d) => ({ dwellingId: d.dwellingId, floor: d.floor, areaHundredths: d.areaHundredths })),
      coefficients: table,
    });
  } catch (e) {
    ruleError(e);
  }
  const label = new Map(dwellings.map((d) => [d.dwellingId, d.label]));
  return {
    projectId: String(project._id),
    entranceCode: plan.entranceCode,
    totalFen: r.totalFen,
    totalWeight: r.totalWeight,
    sumOfSharesFen: r.shares.reduce((s, x) => s + x.shareFen, 0),
    coefficients: table.map((c) => ({ floor: c.floor, coefficient: formatCoefficient(c.perMille) })),
    usesDefaultTable: !custom,
    method: r.method,
    updatedAt: new Date(plan.updatedAt).toISOString(),
    shares: r.shares.map((s) => ({
      dwellingId: s.dwellingId,
      dwellingLabel: label.get(s.dwellingId) ?? '',
      floor: s.floor,
      areaHundredths: s.areaHundredths,
      area: formatArea(s.areaHundredths),
      coefficient: s.coefficient,
      weight: s.weight,
      shareFen: s.shareFen,
      explanation: s.explanation,
    })),
  };
}

/** Sets an entrance's total and (optionally) its own floor-coefficient table; returns the resulting shares. */
export async function putElevatorPlan(user: AuthUser, project: ProjectHydrated, entranceCode: string, body: ElevatorPlanBody) {
  authorize(canPlanElevator(user, project));
  await entranceDwellings(project, entranceCode);
  let coefficients: { floor: number; perMille: number }[] = [];
  try {
    coefficients = (body.coefficients ?? []).map((c) => ({ floor: c.floor, perMille: parseCoefficientPerMille(c.coefficient) }));
  } catch (e) {
    ruleError(e);
  }
  const draft = {
    projectId: project._id,
    complexCode: project.complexCode,
    entranceCode,
    totalFen: body.totalFen,
    coefficients,
    note: body.note ?? '',
    updatedBy: user.id,
    updatedAt: new Date(),
  };
  const shares = await computeShares(project, draft as ElevatorPlanDoc); // refuse a table that cannot price every floor
  await ElevatorPlan.updateOne({ projectId: project._id, entranceCode }, { $set: draft }, { upsert: true });
  await audit({
    actorId: user.id,
    action: 'elevator.plan',
    target: { type: 'project', id: String(project._id) },
    areaPath: project.areaPath,
    details: { entranceCode, totalFen: body.totalFen, coefficients: body.coefficients ?? 'default' },
  });
  return shares;
}

export async function getElevatorShares(user: AuthUser, project: ProjectDoc, entranceCode: string) {
  const entrances = (await memberDwellings(user.id)).map((d) => d.entranceCode);
  if (!canReadElevatorShares(user, project, entrances, entranceCode)) throw planNotFound();
  const plan = await ElevatorPlan.findOne({ projectId: project._id, entranceCode }).lean();
  if (!plan) throw planNotFound();
  return computeShares(project, plan);
}

/** For the 怎么改 consultation: the caller's own households' shares, one row per dwelling in an entrance with a plan. */
export async function myElevatorShares(userId: string, project: ProjectDoc) {
  const mine = (await memberDwellings(userId)).filter((d) => d.complexCode === project.complexCode);
  const plans = await ElevatorPlan.find({ projectId: project._id, entranceCode: { $in: [...new Set(mine.map((d) => d.entranceCode))] } }).lean();
  const rows = [];
  for (const plan of plans) {
    const all = await computeShares(project, plan);
    for (const s of all.shares) {
      if (mine.some((d) => d.dwellingId === s.dwellingId)) rows.push({ ...s, entranceCode: plan.entranceCode, totalFen: all.totalFen, method: all.method });
    }
  }
  return { shares: rows };
}
