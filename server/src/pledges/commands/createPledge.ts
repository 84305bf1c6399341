import { Types } from 'mongoose';
import { type CreatePledgeBody, PROJECT_STATUS_LABELS } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { memberDwellings } from '../../roster';
import type { ProjectHydrated } from '../../projects';
import { canPledgeFor } from '../policy';
import { Pledge } from '../model';

/** Pledges close once the works are accepted: what is pledged after that cannot be used for them. */
const CLOSED = ['acceptance', 'evaluation'];

/** A resident pledges money, materials or labour for one of their dwellings in the project's complex. */
export async function createPledge(user: AuthUser, project: ProjectHydrated, body: CreatePledgeBody) {
  const mine = (await memberDwellings(user.id)).filter((d) => d.complexCode === project.complexCode);
  authorize(
    canPledgeFor(
      mine.map((d) => d.dwellingId),
      body.dwellingId,
    ),
    'NOT_BOUND_TO_DWELLING',
    '只能以本人已认证的房屋认捐',
  );
  if (CLOSED.includes(project.status)) throw conflict('PLEDGES_CLOSED', `项目已处于「${PROJECT_STATUS_LABELS[project.status]}」阶段，不再接受认捐`);
  const dwelling = mine.find((d) => d.dwellingId === body.dwellingId)!;
  const now = new Date();
  const pledge = await Pledge.create({
    projectId: project._id,
    complexCode: project.complexCode,
    areaPath: dwelling.areaPath,
    dwellingId: new Types.ObjectId(body.dwellingId),
    userId: user.id,
    kind: body.kind,
    note: body.note ?? '',
    status: 'pledged',
    amountFen: body.kind === 'money' ? body.amountFen : 0,
    material:
      body.kind === 'materials' ? { item: body.material.item, quantityHundredths: Math.round(body.material.quantity * 100), unit: body.material.unit } : null,
    labour: body.kind === 'labour' ? { halfDays: Math.round(body.labour.days * 2), skill: body.labour.skill } : null,
    history: [{ from: null, to: 'pledged', at: now, by: user.id, note: body.note ?? '' }],
  });
  await audit({
    actorId: user.id,
    action: 'pledge.create',
    target: { type: 'pledge', id: String(pledge._id) },
    areaPath: dwelling.areaPath,
    details: { projectId: String(project._id), dwellingId: body.dwellingId, kind: body.kind, amountFen: pledge.amountFen },
  });
  return pledge;
}
