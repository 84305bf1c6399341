import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { notFound } from '../../platform/errors';
import { Notice } from '../model';
import { memberDwellings, type MemberDwelling } from '../directory';
import { canManageNotice, canViewNotice } from '../policy';

export const noticeNotFound = () => notFound('NOTICE_NOT_FOUND', '公告不存在');

/** The notice if the caller may see it; otherwise the same 404 whether or not it exists. */
export async function loadNotice(user: AuthUser, id: string, opts: { withVersions?: boolean } = {}) {
  if (!ObjectId.isValid(id)) throw noticeNotFound();
  const n = await Notice.findById(id, opts.withVersions ? undefined : { 'versions.body': 0, 'versions.bodyBo': 0 }).lean();
  if (!n) throw noticeNotFound();
  const dwellings: MemberDwelling[] = await memberDwellings(user.id);
  if (!canViewNotice(user, n, dwellings)) throw noticeNotFound();
  return { notice: n, dwellings, canManage: canManageNotice(user, n) };
}
