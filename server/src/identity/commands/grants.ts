import { Types } from 'mongoose';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import type { AuthUser, Role } from '../../platform/http/route';
import { Area } from '../../roster';
import { audit } from '../audit';
import { User, type GrantDoc } from '../model';
import { recheckUserSockets } from '../../platform/realtime';
import { canGrant, ROLE_SCOPE_LEVEL } from '../policy';

const LEVEL_NAMES: Record<string, string> = {
  region: '自治区',
  prefecture: '地（市）',
  county: '县（区）',
  street: '街道',
  community: '社区',
  complex: '小区',
};

/** The scope's path, after checking that it is an area of the level the role needs. */
async function scopePathFor(role: Role, scope: string): Promise<string[]> {
  const level = ROLE_SCOPE_LEVEL[role];
  if (scope === 'root') {
    if (level !== 'root') throw badRequest('GRANT_SCOPE_INVALID', '只有系统管理员可以授予全系统范围');
    return ['root'];
  }
  const area = await Area.findOne({ code: scope }).select('level path').lean();
  if (!area) throw notFound('AREA_NOT_FOUND', '区域不存在');
  const ok = level === 'root' ? area.level === 'region' : area.level === level;
  if (!ok) throw badRequest('GRANT_SCOPE_INVALID', `该角色的范围必须是${LEVEL_NAMES[level === 'root' ? 'region' : level]}`);
  return area.path;
}

type Change = { userId: string; role: Role; scope: string; reason?: string };

/**
 * Adds or removes one grant. Grant lists change by compare-and-set on `grantsVersion`, so two concurrent edits
 * never lose one another. Both directions are audited.
 */
async function change(actor: AuthUser, c: Change, add: boolean) {
  if (c.userId === actor.id) throw forbidden('GRANT_SELF', '不能给自己授予或撤销角色');
  const path = await scopePathFor(c.role, c.scope);
  if (!canGrant(actor, c.role, c.scope, path)) throw forbidden('FORBIDDEN', '没有权限授予或撤销该角色');
  for (let attempt = 0; attempt < 5; attempt++) {
    const user = Types.ObjectId.isValid(c.userId) ? await User.findById(c.userId).select('grants grantsVersion displayName').lean() : null;
    if (!user) throw notFound('USER_NOT_FOUND', '用户不存在');
    // `?? []`: an upsert can leave the field out entirely (FerretDB drops empty arrays in $setOnInsert).
    const current = user.grants ?? [];
    const has = current.some((g) => g.role === c.role && g.scope === c.scope);
    if (has === add) return { ...user, grants: current }; // already so: idempotent
    const grants: GrantDoc[] = add
      ? [...current, { role: c.role, scope: c.scope, scopePath: path }]
      : current.filter((g) => !(g.role === c.role && g.scope === c.scope));
    const version = user.grantsVersion === undefined ? { $exists: false } : user.grantsVersion;
    const r = await User.updateOne({ _id: user._id, grantsVersion: version }, { $set: { grants }, $inc: { grantsVersion: 1 } });
    if (r.modifiedCount === 1) {
      await audit({
        actorId: actor.id,
        action: add ? 'grant.add' : 'grant.revoke',
        target: { type: 'user', id: c.userId },
        reason: c.reason,
        areaPath: path,
        details: { role: c.role, scope: c.scope },
      });
      void recheckUserSockets([c.userId]); // a lost role leaves the rooms it opened, within seconds
      return { ...user, grants };
    }
  }
  throw conflict('CONCURRENT_UPDATE', '数据正在被修改，请重试');
}

export const addGrant = (actor: AuthUser, c: Change) => change(actor, c, true);
export const revokeGrant = (actor: AuthUser, c: Change) => change(actor, c, false);

/** Users holding any role inside the area (grants whose scope lies at or below it). */
export async function grantHolders(code: string) {
  return User.find({ 'grants.scopePath': code }).select('displayName grants').sort({ _id: 1 }).limit(500).lean();
}
