import type { NoticeAbilities } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import type { NoticeAttachmentDoc, NoticeDoc } from './model';
import type { MemberDwelling } from './directory';
import { presentAudio, type AudioClipDoc } from '../files';
import { canManageNotice, canObject } from './policy';

const iso = (d?: Date | null) => (d ? new Date(d).toISOString() : null);
export const EMPTY_COUNTS = { total: 0, open: 0, answered: 0, closed: 0 };
export type ObjectionCounts = typeof EMPTY_COUNTS;

export function presentAttachment(a: NoticeAttachmentDoc) {
  return {
    fileId: a.fileId,
    filename: a.filename ?? '',
    contentType: a.contentType ?? 'application/octet-stream',
    size: a.size ?? 0,
    url: `/api/files/${a.fileId}`,
  };
}

export interface ReadState {
  readVersion: number | null;
}
/** A notice as lists read it (LIST_PROJECTION leaves out the texts and history). */
export type NoticeSummaryDoc = Omit<NoticeDoc, 'body' | 'bodyBo' | 'versions'>;

/** The fields of a lean objection document the presenter reads. */
export interface ObjectionView {
  _id: unknown;
  noticeId: unknown;
  status: string;
  text: string;
  userId: string;
  buildingName?: string | null;
  room?: string | null;
  photos?: NoticeAttachmentDoc[] | null;
  createdAt: Date;
  closedAt?: Date | null;
  response?: { text?: string | null; textBo?: string | null; at?: Date | null } | null;
}

export function presentSummary(n: NoticeSummaryDoc, read: ReadState, counts: ObjectionCounts = EMPTY_COUNTS, now = new Date()) {
  return {
    id: String(n._id),
    kind: n.kind,
    status: n.status,
    version: n.version,
    title: n.title,
    titleBo: n.titleBo ?? null,
    pinned: !!n.pinned,
    publishAt: iso(n.publishAt),
    publishedAt: iso(n.publishedAt),
    expireAt: iso(n.expireAt),
    objectionsUntil: iso(n.objectionsUntil),
    objectionsOpen: n.status === 'published' && !!n.objectionsUntil && new Date(n.objectionsUntil) > now,
    audience: n.audience,
    attachmentCount: (n.attachments ?? []).length,
    unread: read.readVersion === null,
    amendedSinceRead: read.readVersion !== null && read.readVersion < n.version,
    withdrawn: n.withdrawn ? { at: iso(n.withdrawn.at)!, reason: n.withdrawn.reason, reasonBo: n.withdrawn.reasonBo ?? null } : null,
    objections: counts,
  };
}

/** The caller's abilities, from the policies the manage and objection routes authorize with. */
export function noticeAbilities(user: AuthUser, n: NoticeDoc, dwellings: MemberDwelling[]): NoticeAbilities {
  return { canManage: canManageNotice(user, n), canObject: canObject(n, dwellings) };
}

export function presentDetail(n: NoticeDoc, read: ReadState, counts: ObjectionCounts, abilities: NoticeAbilities) {
  return {
    ...presentSummary(n, read, counts),
    body: n.body,
    bodyBo: n.bodyBo ?? null,
    attachments: (n.attachments ?? []).map(presentAttachment),
    audio: presentAudio(n.audio as unknown as AudioClipDoc[]), // lean: plain clips written by resolveAudio
    displayRule: n.displayRule ? { minDays: n.displayRule.minDays, days: n.displayRule.days } : null,
    history: (n.versions ?? []).map((v) => ({ version: v.version, reason: v.reason ?? null, reasonBo: v.reasonBo ?? null, at: iso(v.at)! })),
    canManage: abilities.canManage,
    abilities,
  };
}

export function presentHistory(n: NoticeDoc) {
  return {
    id: String(n._id),
    currentVersion: n.version,
    versions: (n.versions ?? []).map((v) => ({
      version: v.version,
      reason: v.reason ?? null,
      reasonBo: v.reasonBo ?? null,
      at: iso(v.at)!,
      title: v.title,
      body: v.body,
      titleBo: v.titleBo ?? null,
      bodyBo: v.bodyBo ?? null,
      attachments: (v.attachments ?? []).map(presentAttachment),
    })),
  };
}

export function presentObjection(o: ObjectionView, viewerId: string) {
  return {
    id: String(o._id),
    noticeId: String(o.noticeId),
    status: o.status,
    text: o.text,
    mine: o.userId === viewerId,
    dwelling: o.buildingName || o.room ? { buildingName: o.buildingName ?? null, room: o.room ?? null } : null,
    photos: (o.photos ?? []).map(presentAttachment),
    createdAt: iso(o.createdAt)!,
    response: o.response ? { text: o.response.text, textBo: o.response.textBo ?? null, at: iso(o.response.at)! } : null,
    closedAt: iso(o.closedAt),
  };
}
