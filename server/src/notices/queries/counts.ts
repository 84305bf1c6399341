import { EMPTY_COUNTS, type ObjectionCounts } from '../presenter';
import { NoticeStats } from '../summaryModels';
export { readVersions } from '../readMarks';

/**
 * Objection counts per notice from each notice's figures document (one point read each; kept by the objection writes).
 * A notice that never had a publicity period has no objections (they are accepted only before `objectionsUntil`,
 * which is never cleared once set), so it costs no read: most of a feed are plain notices.
 */
export async function objectionCounts(notices: { _id: unknown; objectionsUntil?: Date | null }[]): Promise<Map<string, ObjectionCounts>> {
  const out = new Map<string, ObjectionCounts>();
  const open = notices.filter((n) => !!n.objectionsUntil).map((n) => String(n._id));
  const docs = await Promise.all(open.map((id) => NoticeStats.findById(id, { objections: 1 }).lean()));
  for (const n of notices) out.set(String(n._id), { ...EMPTY_COUNTS });
  docs.forEach((d, i) => out.set(open[i], { ...EMPTY_COUNTS, ...(d?.objections ?? {}) }));
  return out;
}
