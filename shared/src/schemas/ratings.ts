// Satisfaction ratings (满意度): one per dwelling and project, changeable while the window is open.
import { z } from 'zod';
import { userText } from './identity';
import { FileId } from './files';
import { ProjectRefId } from './projects';

const Score = z.number().int().min(1, '评分为 1–5 分').max(5, '评分为 1–5 分');
export const RatingBody = z.object({
  dwellingId: ProjectRefId,
  overall: Score,
  items: z
    .array(z.object({ itemId: ProjectRefId, score: Score }))
    .max(200)
    .default([]),
  comment: userText(500, 0).optional(),
  photoFileId: FileId.nullable().optional(),
});
export type RatingBody = z.infer<typeof RatingBody>;

export const RatingView = z.object({
  id: z.string(),
  projectId: z.string(),
  dwellingId: z.string(),
  overall: z.number(),
  items: z.array(z.object({ itemId: z.string(), score: z.number() })),
  comment: z.string().nullable(),
  photoFileId: z.string().nullable(),
  revision: z.number(),
  updatedAt: z.string(),
});
export const MyRatings = z.object({
  window: z.object({ opensAt: z.string(), closesAt: z.string(), open: z.boolean() }).nullable(),
  ratings: z.array(RatingView),
});

const Distribution = z.object({
  counts: z.array(z.number()).length(5),
  sum: z.number(),
  count: z.number(),
  mean: z.number().nullable(),
});
export const RatingSummary = z.object({
  projectId: z.string(),
  window: z.object({ opensAt: z.string(), closesAt: z.string(), open: z.boolean() }).nullable(),
  overall: Distribution,
  items: z.array(Distribution.extend({ itemId: z.string(), name: z.string() })),
  comments: z.array(z.object({ overall: z.number(), comment: z.string(), at: z.string() })),
});
