import { randomUUID } from 'node:crypto';
import { NOTICE_SYSTEM_KINDS, type CreateNoticeBody } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { resolveAudience } from '../audience';
import { ownedUploads } from '../content';
import { canPublishTo } from '../policy';
import { insertNotice } from './insertNotice';
import { auditAudio, resolveAudio } from '../../files';

/** A publisher posts a notice to an audience inside their scope (now, or at publishAt). */
export async function createNotice(user: AuthUser, input: CreateNoticeBody) {
  authorize(!NOTICE_SYSTEM_KINDS.includes(input.kind), 'NOTICE_KIND_SYSTEM_ONLY', '结果公告由议事结束时自动发布，不能手工创建');
  const resolved = await resolveAudience(input.audience);
  authorize(canPublishTo(user, resolved.scopePath), 'FORBIDDEN', '您没有在该范围发布公告的权限');
  const attachments = await ownedUploads(user, input.attachmentIds, 'notice_attachment', `notice:new:${randomUUID()}`);
  const audio = await resolveAudio(user, input.audio ?? [], { object: `audio:notice:new:${randomUUID()}`, targets: ['main'] });
  const doc = await insertNotice({
    kind: input.kind,
    audience: input.audience,
    resolved,
    title: input.title,
    body: input.body,
    titleBo: input.titleBo,
    bodyBo: input.bodyBo,
    attachments,
    audio,
    pinned: input.pinned,
    publishAt: input.publishAt ? new Date(input.publishAt) : null,
    expireAt: input.expireAt ? new Date(input.expireAt) : null,
    displayDays: input.displayDays,
    publisherId: user.id,
  });
  await auditAudio(user, { type: 'notice', id: String(doc._id) }, doc.scopePath, [], audio);
  return doc;
}
