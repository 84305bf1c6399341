import { EMPTY_COUNTS, type ObjectionCounts } from '../presenter';
import { NoticeStats } from '../summaryModels';
export { readVersions } from '../readMarks';

/** Objection counts per notice from each notice's figures document (one point read each; kept by the objection writes). */
export async function objectionCounts(noticeIds: unknown[]): Promise<Map<string, ObjectionCounts>> {
  const ids = noticeIds.map(String);
  const docs = await Promise.all(ids.map((id) => NoticeStats.findById(id, { objections: 1 }).lean()));
  const out = new Map<string, ObjectionCounts>();
  docs.forEach((d, i) => out.set(ids[i], { ...EMPTY_COUNTS, ...(d?.objections ?? {}) }));
  return out;
}
