import type { RatingDoc } from './model';

export function presentRating(r: RatingDoc) {
  return {
    id: String(r._id),
    projectId: String(r.projectId),
    dwellingId: String(r.dwellingId),
    overall: r.overall,
    items: r.items.map((i) => ({ itemId: i.itemId, score: i.score })),
    comment: r.comment ?? null,
    photoFileId: r.photoFileId ?? null,
    revision: r.revision,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
