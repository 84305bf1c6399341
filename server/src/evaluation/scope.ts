import type { AuthUser } from '../platform/http/route';
import { notFound } from '../platform/errors';
import { areaByCode } from '../roster';
import { canReadEvaluationScope } from './policy';

/** The scope area if the user's grants cover it (same 404 otherwise). */
export async function readableScope(user: AuthUser, scope: string) {
  const area = await areaByCode(scope);
  if (!area || !canReadEvaluationScope(user, area.path)) throw notFound('AREA_NOT_FOUND', '区域不存在');
  return area;
}
