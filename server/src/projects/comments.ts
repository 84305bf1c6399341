import mongoose, { Schema, type Model } from 'mongoose';
import type { ProjectCommentView } from '@gongzhi/shared';
import type { AuthUser, Role } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { audit } from '../identity';
import { hasRoleInScope, usersByIds } from '../identity';
import { canCommentOnProject, canReadProjectComments } from './policy';
import type { ProjectDoc } from './model';
import { withLock } from '../platform/locks';

/**
 * A project's comment thread, stored in pages of PAGE comments keyed `<projectId>:<page>` plus a head `<projectId>`
 * holding the count, so every read is a point read by `_id` (cheap on FerretDB) and an append is one `$push`
 * under the thread's lock (FerretDB does not isolate concurrent updates of one document).
 */
export const PAGE = 50;
interface CommentDoc {
  id: string;
  at: Date;
  by: string;
  role: string;
  text: string;
}
interface PageDoc {
  _id: string;
  comments: CommentDoc[];
}
interface HeadDoc {
  _id: string;
  count: number;
}

const CommentSchema = new Schema<CommentDoc>({ id: String, at: Date, by: String, role: String, text: String }, { _id: false });
const PageSchema = new Schema<PageDoc>({ _id: String, comments: { type: [CommentSchema], default: [] } }, { versionKey: false });
const HeadSchema = new Schema<HeadDoc>({ _id: String, count: { type: Number, default: 0 } }, { versionKey: false });
const CommentPage: Model<PageDoc> = mongoose.models.ProjectCommentPage ?? mongoose.model<PageDoc>('ProjectCommentPage', PageSchema, 'project_comment_pages');
const CommentHead: Model<HeadDoc> = mongoose.models.ProjectCommentHead ?? mongoose.model<HeadDoc>('ProjectCommentHead', HeadSchema, 'project_comment_heads');

const ROLE_ORDER: Role[] = ['street_staff', 'community_worker', 'committee'];
/** The role the author speaks in for this project (the broadest grant covering it). */
const roleIn = (user: AuthUser, p: ProjectDoc) => ROLE_ORDER.find((r) => hasRoleInScope(user, [r], p.areaPath)) ?? 'committee';
const pagesOf = (count: number) => Math.max(1, Math.ceil(count / PAGE));

async function present(list: CommentDoc[]): Promise<ProjectCommentView[]> {
  const names = await usersByIds(list.map((c) => c.by));
  return list.map((c) => ({ id: c.id, at: c.at.toISOString(), by: c.by, byName: names.get(c.by)?.displayName ?? '', role: c.role, text: c.text }));
}

export async function listComments(user: AuthUser, p: ProjectDoc, page?: number) {
  authorize(canReadProjectComments(user, p));
  const pid = String(p._id);
  const count = (await CommentHead.findById(pid).lean())?.count ?? 0;
  const pages = pagesOf(count);
  const n = Math.min(page ?? pages - 1, pages - 1);
  const doc = await CommentPage.findById(`${pid}:${n}`).lean();
  return { comments: await present(doc?.comments ?? []), page: n, pages, canComment: canCommentOnProject(user, p) };
}

export async function addComment(user: AuthUser, p: ProjectDoc, text: string): Promise<ProjectCommentView> {
  authorize(canCommentOnProject(user, p));
  const pid = String(p._id);
  const comment: CommentDoc = { id: new mongoose.Types.ObjectId().toHexString(), at: new Date(), by: user.id, role: roleIn(user, p), text };
  await withLock(
    `project-comments:${pid}`,
    async () => {
      const count = (await CommentHead.findById(pid).lean())?.count ?? 0;
      await CommentPage.updateOne({ _id: `${pid}:${Math.floor(count / PAGE)}` }, { $push: { comments: comment } }, { upsert: true });
      await CommentHead.updateOne({ _id: pid }, { $set: { count: count + 1 } }, { upsert: true });
    },
    { waitMs: 10_000 },
  ); // a short queue of writers waits its turn rather than being refused
  await audit({ actorId: user.id, action: 'project.comment', target: { type: 'project', id: pid }, areaPath: p.areaPath, details: { commentId: comment.id } });
  return (await present([comment]))[0];
}
