import type { AmendNoticeBody } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { conflict } from '../../platform/errors';
import { Notice, type NoticeAttachmentDoc, type NoticeDoc } from '../model';
import { ownedUploads, plainText, sanitizeBody } from '../content';
import { canManageNotice } from '../policy';
import { displayEnd } from '../settings';
import { withLock } from '../../platform/locks';
import { queueFanout } from '../push/queue';
import { indexNotice } from '../feedIndex';
import { markDue } from '../dueWork';
import { loadNotice } from '../queries/load';
import { auditAudio, resolveAudio, type AudioClipDoc } from '../../files';

/**
 * Never a silent edit: every change is a new version with a reason, appended to the embedded history in the
 * same write that moves `version` n → n+1, under the notice's lock (two amendments never both land on n).
 */
export async function amendNotice(user: AuthUser, id: string, input: AmendNoticeBody, now = new Date()) {
  const { notice: seen } = await loadNotice(user, id);
  authorize(canManageNotice(user, seen));
  // Files any version of this notice shows may be kept or brought back by whoever may manage it.
  const versions: { attachments?: NoticeAttachmentDoc[] | null; audio?: AudioClipDoc[] | null }[] = seen.versions ?? [];
  const shown = [...(seen.attachments ?? []), ...versions.flatMap((v) => v.attachments ?? [])].map((a: NoticeAttachmentDoc) => String(a.fileId));
  const attachments =
    input.attachmentIds === undefined ? undefined : await ownedUploads(user, input.attachmentIds, 'notice_attachment', `notice:${seen._id}`, shown);
  // Voice clips change like attachments: by amendment, and any clip a version showed may come back.
  const audioShown: AudioClipDoc[] = [...(seen.audio ?? []), ...versions.flatMap((v) => v.audio ?? [])];
  const audio =
    input.audio === undefined ? undefined : await resolveAudio(user, input.audio, { object: `audio:notice:${seen._id}`, shown: audioShown, targets: ['main'] });
  const content = {
    title: input.title !== undefined ? plainText(input.title) : undefined,
    body: input.body !== undefined ? sanitizeBody(input.body) : undefined,
    titleBo: input.titleBo === undefined ? undefined : input.titleBo === null ? null : plainText(input.titleBo),
    bodyBo: input.bodyBo === undefined ? undefined : input.bodyBo === null ? null : sanitizeBody(input.bodyBo, 'bodyBo'),
  };
  return withLock(`notice:${String(seen._id)}`, async () => {
    const n = await Notice.findById(seen._id, { versions: 0 }).lean();
    if (n.status === 'withdrawn') throw conflict('NOTICE_WITHDRAWN', '公告已撤回，不能再修改');
    if (n.version !== seen.version) throw conflict('NOTICE_CHANGED', '公告刚被他人修改，请刷新后重试');
    const next = {
      title: content.title ?? n.title,
      body: content.body ?? n.body,
      titleBo: content.titleBo === undefined ? (n.titleBo ?? null) : content.titleBo,
      bodyBo: content.bodyBo === undefined ? (n.bodyBo ?? null) : content.bodyBo,
      attachments: attachments ?? n.attachments,
      audio: audio ?? n.audio ?? [],
    };
    const version = n.version + 1;
    const published = n.status === 'published';
    const set: Record<string, unknown> = { ...next, version };
    if (input.pinned !== undefined) set.pinned = input.pinned;
    if (published) set.fanoutPending = n.fanoutPending ?? 'amended';
    if (published && input.restartDisplayPeriod && n.displayRule) set.objectionsUntil = displayEnd(now, n.displayRule);
    if (published) await markDue('fanout', n._id, now);
    await Notice.updateOne(
      { _id: n._id },
      {
        $set: set,
        $push: {
          versions: { version, ...next, reason: plainText(input.reason), reasonBo: input.reasonBo ? plainText(input.reasonBo) : null, by: user.id, at: now },
        },
      },
    );
    // A lost index write is healed by the fan-out job below, so it never fails the amendment.
    if (published && input.pinned !== undefined) await indexNotice({ ...n, pinned: input.pinned }).catch(() => undefined);
    if (published) await queueFanout(n._id, set.fanoutPending as 'amended' | 'published', version);
    if (audio) await auditAudio(user, { type: 'notice', id: String(n._id) }, n.scopePath, n.audio ?? [], audio);
    return (await Notice.findById(n._id).lean()) as NoticeDoc;
  });
}
