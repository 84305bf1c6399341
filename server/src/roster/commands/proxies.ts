import { Types } from 'mongoose';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { storeUpload } from '../../platform/files';
import { attachFresh } from '../../platform/fileRefs';
import type { AuthUser } from '../../platform/http/route';
import { audit } from '../../identity';
import { User } from '../../identity';
import { ProxyAuth, type ProxyAuthDoc } from '../bindingModel';
import { Dwelling } from '../model';
import { alertOwners } from '../alerts';
import { canRegisterProxy, canRevokeProxy, proxyDecisionBlock } from '../policy';
import { boundDwellingIds, refreshUserDwellings, rightsOf } from '../rights';
import { markRightsPending } from '../rightsHints';
import { isDuplicateKey } from '../../platform/store';

/** From the user's rights document (one `_id` read) rather than a scan of `bindings`. */
const isOwnerOf = async (userId: string, dwellingId: Types.ObjectId) =>
  (await rightsOf(userId)).bindings.some((b) => b.relation === 'owner' && b.dwellingId === String(dwellingId));

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
}

/** An owner (or the committee) registers a written entrustment; it counts for voting once the committee approves. */
export async function registerProxy(user: AuthUser, input: { dwellingId: string; proxyUserId: string; note?: string }, file?: UploadedFile) {
  const d = await Dwelling.findById(input.dwellingId).lean();
  if (!d) throw notFound('DWELLING_NOT_FOUND', '房屋不存在');
  if (!canRegisterProxy(user, d.areaPath, await isOwnerOf(user.id, d._id))) throw forbidden('FORBIDDEN', '只有该房屋的业主或业委会可以登记委托');
  if (input.proxyUserId === user.id) throw badRequest('PROXY_SELF', '不能委托自己');
  if (!(await User.exists({ _id: input.proxyUserId }))) throw notFound('PROXY_USER_NOT_FOUND', '受托人不存在');
  if (!file) throw badRequest('DOCUMENT_REQUIRED', '请上传委托书照片或 PDF');
  const prior = await ProxyAuth.findOne({ dwellingId: d._id, proxyUserId: input.proxyUserId }).lean();
  if (prior && (prior.status === 'pending' || prior.status === 'approved')) throw conflict('PROXY_EXISTS', '该委托已登记');
  const stored = await storeUpload({
    buffer: file.buffer,
    filename: file.originalname,
    allowed: ['image', 'pdf'],
    ownerId: user.id,
    purpose: 'proxy_document',
  });
  await attachFresh(user, `proxy:${d._id}:${input.proxyUserId}`, stored.fileId, 'proxy_document');
  const fields = {
    registeredBy: user.id,
    documentFileId: stored.fileId,
    status: 'pending' as const,
    note: input.note,
    complexCode: d.complexCode,
    areaPath: d.areaPath,
  };
  let id: Types.ObjectId;
  if (prior) {
    const hints = await markRightsPending([prior.proxyUserId]);
    const r = await ProxyAuth.updateOne({ _id: prior._id, status: prior.status }, { $set: fields, $unset: { reason: 1, decidedBy: 1, decidedAt: 1 } });
    if (r.modifiedCount !== 1) throw conflict('PROXY_EXISTS', '该委托已登记');
    id = prior._id;
    await refreshUserDwellings([prior.proxyUserId], hints); // a create refreshes in the model hook
  } else {
    try {
      id = (await ProxyAuth.create({ dwellingId: d._id, proxyUserId: new Types.ObjectId(input.proxyUserId), ...fields }))._id;
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('PROXY_EXISTS', '该委托已登记');
      throw e;
    }
  }
  await audit({
    actorId: user.id,
    action: 'proxy.register',
    target: { type: 'proxy', id: String(id) },
    areaPath: d.areaPath,
    details: { dwellingId: String(d._id) },
  });
  await alertOwners({
    dwellingId: String(d._id),
    subjectType: 'proxy',
    subjectId: String(id),
    subjectUserId: input.proxyUserId,
    relation: 'proxy',
    actorId: user.id,
  });
  return ProxyAuth.findById(id).lean() as Promise<ProxyAuthDoc>;
}

const PROXY_DENIED = {
  DECISION_SELF: '不能审核委托给自己的委托书',
  DECISION_REGISTRANT: '登记委托的人不能审核该委托，请由另一位审核人处理',
  DECISION_BOUND: '不能审核与自己绑定的房屋有关的委托，请由其他审核人处理',
} as const;

async function findProxy(id: string) {
  return Types.ObjectId.isValid(id) ? ProxyAuth.findById(id).lean() : null;
}

export async function decideProxy(user: AuthUser, id: string, decision: { approve: boolean; reason?: string }) {
  const p = await findProxy(id);
  const block = p ? proxyDecisionBlock(user, p, await boundDwellingIds(user.id)) : 'NOT_FOUND';
  if (!p || block === 'NOT_FOUND') throw notFound('PROXY_NOT_FOUND', '委托不存在');
  if (block) throw forbidden(block, PROXY_DENIED[block]);
  const status = decision.approve ? 'approved' : 'rejected';
  const hints = await markRightsPending([p.proxyUserId]);
  const r = await ProxyAuth.updateOne(
    { _id: p._id, status: 'pending' },
    { $set: { status, reason: decision.reason, decidedBy: user.id, decidedAt: new Date() } },
  );
  if (r.modifiedCount !== 1) throw conflict('PROXY_NOT_PENDING', '该委托已处理');
  await refreshUserDwellings([p.proxyUserId], hints);
  await audit({
    actorId: user.id,
    action: decision.approve ? 'proxy.approve' : 'proxy.reject',
    target: { type: 'proxy', id },
    reason: decision.reason,
    areaPath: p.areaPath,
    details: { registeredBy: p.registeredBy, decidedBy: user.id, proxyUserId: String(p.proxyUserId) },
  });
  return ProxyAuth.findById(p._id).lean() as Promise<ProxyAuthDoc>;
}

export async function revokeProxy(user: AuthUser, id: string, reason: string) {
  const p = await findProxy(id);
  if (!p || !canRevokeProxy(user, p.areaPath, await isOwnerOf(user.id, p.dwellingId))) throw notFound('PROXY_NOT_FOUND', '委托不存在');
  const hints = await markRightsPending([p.proxyUserId]);
  const r = await ProxyAuth.updateOne(
    { _id: p._id, status: { $in: ['pending', 'approved', 'suspended'] } },
    { $set: { status: 'revoked', reason, decidedBy: user.id, decidedAt: new Date() } },
  );
  // Refresh even on a conflict: a retry after a revoke that died before its refresh still takes effect.
  await refreshUserDwellings([p.proxyUserId], hints);
  if (r.modifiedCount !== 1) throw conflict('PROXY_NOT_ACTIVE', '该委托已失效');
  await audit({ actorId: user.id, action: 'proxy.revoke', target: { type: 'proxy', id }, reason, areaPath: p.areaPath });
  return ProxyAuth.findById(p._id).lean() as Promise<ProxyAuthDoc>;
}
