import { PLEDGE_KIND_LABELS, PLEDGE_STATUS_LABELS } from '@gongzhi/shared';
import { usersByIds } from '../identity';
import { dwellingsByIds } from '../roster';
import type { PledgeDoc } from './model';

/** 张三 → 张*, 扎西顿珠 → 扎***: the public ledger never shows a full name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '居民';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

export const quantityOf = (p: Pick<PledgeDoc, 'material'>) => (p.material ? p.material.quantityHundredths / 100 : 0);
export const daysOf = (p: Pick<PledgeDoc, 'labour'>) => (p.labour ? p.labour.halfDays / 2 : 0);

export function describePledge(p: PledgeDoc): string {
  if (p.kind === 'money') return '资金';
  if (p.kind === 'materials') return `${p.material!.item} ${quantityOf(p)}${p.material!.unit}`;
  return `${p.labour!.skill} ${daysOf(p)} 天`;
}

export interface PledgeLabels {
  dwellings: Map<string, { label: string }>;
  users: Map<string, { displayName: string }>;
}

export async function labelsFor(pledges: PledgeDoc[]): Promise<PledgeLabels> {
  const [dwellings, users] = await Promise.all([
    dwellingsByIds([...new Set(pledges.map((p) => String(p.dwellingId)))]),
    usersByIds(pledges.map((p) => p.userId)),
  ]);
  return { dwellings, users };
}

/** `masked`: the public form (name masked); managers and the pledger see the name. */
export function presentPledge(p: PledgeDoc, labels: PledgeLabels, masked: boolean) {
  const name = labels.users.get(p.userId)?.displayName ?? '';
  return {
    id: String(p._id),
    projectId: String(p.projectId),
    dwellingId: String(p.dwellingId),
    dwellingLabel: labels.dwellings.get(String(p.dwellingId))?.label ?? '',
    pledger: masked ? maskName(name) : name,
    kind: p.kind,
    kindLabel: PLEDGE_KIND_LABELS[p.kind],
    amountFen: p.kind === 'money' ? p.amountFen : null,
    material: p.material ? { item: p.material.item, quantity: quantityOf(p), unit: p.material.unit } : null,
    labour: p.labour ? { days: daysOf(p), skill: p.labour.skill } : null,
    status: p.status,
    statusLabel: PLEDGE_STATUS_LABELS[p.status],
    cancelReason: p.cancelReason ?? null,
    note: p.note ?? '',
    history: p.history.map((h) => ({ from: h.from ?? null, to: h.to, at: new Date(h.at).toISOString(), by: h.by, note: h.note ?? '' })),
    createdAt: new Date(p.createdAt).toISOString(),
  };
}
