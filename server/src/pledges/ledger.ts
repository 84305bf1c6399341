import { formatPercent, PLEDGE_STATUS_LABELS, PLEDGE_KIND_LABELS } from '@gongzhi/shared';
import type { ProjectDoc } from '../projects';
import { groupSums } from '../platform/aggregate';
import { Pledge, type PledgeStatus } from './model';
import { describePledge, labelsFor, maskName } from './presenter';

const ACTIVE: PledgeStatus[] = ['pledged', 'confirmed', 'fulfilled'];
const RECEIVED: PledgeStatus[] = ['confirmed', 'fulfilled'];

interface Totals {
  moneyFen: number;
  moneyCount: number;
  labourDays: number;
  labourCount: number;
  materials: { item: string; unit: string; quantity: number; count: number }[];
}
const empty = (): Totals & { halfDays: number; mats: Map<string, { item: string; unit: string; h: number; count: number }> } => ({
  moneyFen: 0,
  moneyCount: 0,
  labourDays: 0,
  labourCount: 0,
  materials: [],
  halfDays: 0,
  mats: new Map(),
});

/** The group keys pledgeTotals asks for (fields of a pledge, as stored). */
type KindRow = { _id: { status: PledgeStatus; kind: string }; fen: number; halfDays: number; n: number };
type MaterialRow = { _id: { status: PledgeStatus; item: string; unit: string }; h: number; n: number };

/** Totals by status and kind, counted in the database with $sum only (quantities are stored as integers). */
export async function pledgeTotals(projectId: unknown) {
  const [kindRows, materialRows] = await Promise.all([
    groupSums(Pledge, [{ $match: { projectId } }], { status: '$status', kind: '$kind' }, { fen: '$amountFen', halfDays: '$labour.halfDays', n: 1 }),
    groupSums(
      Pledge,
      [{ $match: { projectId, kind: 'materials' } }],
      { status: '$status', item: '$material.item', unit: '$material.unit' },
      { h: '$material.quantityHundredths', n: 1 },
    ),
  ]);
  const byKind = kindRows as unknown as KindRow[];
  const byMaterial = materialRows as unknown as MaterialRow[];
  const by = new Map<string, ReturnType<typeof empty>>();
  const get = (s: string) => by.get(s) ?? by.set(s, empty()).get(s)!;
  const add = (t: ReturnType<typeof empty>, r: KindRow) => {
    if (r._id.kind === 'money') {
      t.moneyFen += r.fen;
      t.moneyCount += r.n;
    }
    if (r._id.kind === 'labour') {
      t.halfDays += r.halfDays;
      t.labourCount += r.n;
    }
  };
  const addMat = (t: ReturnType<typeof empty>, r: MaterialRow) => {
    const key = `${r._id.item}\u0000${r._id.unit}`;
    const m = t.mats.get(key) ?? { item: r._id.item, unit: r._id.unit, h: 0, count: 0 };
    m.h += r.h;
    m.count += r.n;
    t.mats.set(key, m);
  };
  const active = empty();
  for (const r of byKind) {
    add(get(r._id.status), r);
    if (ACTIVE.includes(r._id.status)) add(active, r);
  }
  for (const r of byMaterial) {
    addMat(get(r._id.status), r);
    if (ACTIVE.includes(r._id.status)) addMat(active, r);
  }
  const finish = (t: ReturnType<typeof empty>): Totals => ({
    moneyFen: t.moneyFen,
    moneyCount: t.moneyCount,
    labourDays: t.halfDays / 2,
    labourCount: t.labourCount,
    materials: [...t.mats.values()]
      .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
      .map((m) => ({ item: m.item, unit: m.unit, quantity: m.h / 100, count: m.count })),
  });
  return {
    byStatus: (['pledged', 'confirmed', 'fulfilled', 'cancelled'] as PledgeStatus[]).map((s) => ({
      status: s,
      label: PLEDGE_STATUS_LABELS[s],
      totals: finish(by.get(s) ?? empty()),
    })),
    active: finish(active),
    receivedFen: RECEIVED.reduce((s, st) => s + (by.get(st)?.moneyFen ?? 0), 0),
  };
}

/** The public ledger (认捐公示): totals, progress against the residents' share, entries with names masked. */
export async function pledgeLedger(project: ProjectDoc) {
  const totals = await pledgeTotals(project._id);
  const share = project.funding?.input.residentsFen ?? 0;
  const pledges = await Pledge.find({ projectId: project._id, status: { $in: ACTIVE } })
    .sort({ createdAt: -1 })
    .limit(1000)
    .lean();
  const labels = await labelsFor(pledges);
  return {
    projectId: String(project._id),
    byStatus: totals.byStatus,
    active: totals.active,
    residentsShareFen: share,
    receivedFen: totals.receivedFen,
    progressPercent: formatPercent(totals.receivedFen, share),
    entries: pledges.map((p) => ({
      dwellingLabel: labels.dwellings.get(String(p.dwellingId))?.label ?? '',
      pledger: maskName(labels.users.get(p.userId)?.displayName ?? ''),
      kindLabel: PLEDGE_KIND_LABELS[p.kind],
      amountFen: p.kind === 'money' ? p.amountFen : null,
      what: describePledge(p),
      statusLabel: PLEDGE_STATUS_LABELS[p.status],
      at: new Date(p.createdAt).toISOString(),
    })),
  };
}
