import type { Types } from 'mongoose';
import { distributionFromCounts } from '@gongzhi/shared';
import type { ProjectDoc } from '../projects';
import { isRatingOpen } from '../projects';
import { Rating } from './model';

/** Counts per score, from the database with $group/$sum only; distributions and means are rebuilt in code. */
export async function ratingCounts(projectIds: Types.ObjectId[]) {
  const [overall, items] = await Promise.all([
    Rating.aggregate([{ $match: { projectId: { $in: projectIds } } }, { $group: { _id: { p: '$projectId', s: '$overall' }, n: { $sum: 1 } } }]),
    // After $unwind FerretDB keeps only the unwound field: group by item id (unique across projects) and score.
    Rating.aggregate([
      { $match: { projectId: { $in: projectIds } } },
      { $unwind: '$items' },
      { $group: { _id: { i: '$items.itemId', s: '$items.score' }, n: { $sum: 1 } } },
    ]),
  ]);
  return {
    overall: (projectId: string) => distributionFromCounts(overall.filter((r) => String(r._id.p) === projectId).map((r) => ({ score: r._id.s, count: r.n }))),
    item: (itemId: string) => distributionFromCounts(items.filter((r) => r._id.i === itemId).map((r) => ({ score: r._id.s, count: r.n }))),
  };
}

const iso = (d: Date) => new Date(d).toISOString();
export const presentWindow = (p: ProjectDoc) =>
  p.ratingWindow ? { opensAt: iso(p.ratingWindow.opensAt), closesAt: iso(p.ratingWindow.closesAt), open: isRatingOpen(p) } : null;

export async function ratingSummary(project: ProjectDoc) {
  const id = String(project._id);
  const counts = await ratingCounts([project._id]);
  const comments = await Rating.find({ projectId: project._id, comment: { $ne: null } })
    .sort({ updatedAt: -1 })
    .limit(50)
    .lean();
  return {
    projectId: id,
    window: presentWindow(project),
    overall: counts.overall(id),
    items: project.items.map((i) => ({ itemId: String(i._id), name: i.name, ...counts.item(String(i._id)) })),
    comments: comments.map((c) => ({ overall: c.overall, comment: c.comment ?? '', at: iso(c.updatedAt) })),
  };
}
