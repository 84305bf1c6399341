import { Types } from 'mongoose';
import type { RatingBody } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { AppError, conflict, unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { wechat } from '../../platform/wechatInstance';
import { WechatError, wechatAppError, type SecCheckResult } from '../../platform/wechat';
import { usersByIds } from '../../identity';
import { memberDwellings } from '../../roster';
import { isRatingOpen } from '../../projects';
import type { ProjectHydrated } from '../../projects';
import { attachFiles } from '../../platform/fileRefs';
import { canRateFor } from '../policy';
import { withLock } from '../../platform/locks';
import { Rating } from '../model';
import { isDuplicateKey } from '../../platform/store';

/** Comments are shown to the whole complex: they must pass WeChat's content check first (fail closed). */
async function checkComment(userId: string, content: string): Promise<SecCheckResult> {
  const openid = (await usersByIds([userId])).get(userId)?.openid;
  if (!openid) throw unprocessable('CONTENT_CHECK_UNAVAILABLE', '无法对评价内容进行安全审核，请通过小程序提交');
  let r: SecCheckResult;
  try {
    r = await wechat().msgSecCheck({ content, openid, scene: 2 });
  } catch (e) {
    if (e instanceof WechatError) throw wechatAppError(e);
    throw e;
  }
  if (!r.pass) throw wechatAppError(r);
  return r;
}

/** Rates the project for one dwelling (overall and per item, 1–5), replacing that dwelling's earlier rating. */
export async function submitRating(user: AuthUser, project: ProjectHydrated, body: RatingBody) {
  const mine = (await memberDwellings(user.id)).filter((d) => d.complexCode === project.complexCode);
  authorize(
    canRateFor(
      mine.map((d) => d.dwellingId),
      body.dwellingId,
    ),
    'NOT_BOUND_TO_DWELLING',
    '只能为本人已认证的房屋评价',
  );
  if (!isRatingOpen(project)) throw conflict('RATING_CLOSED', project.ratingWindow ? '满意度评价已结束' : '项目尚未竣工验收，评价未开放');
  const itemIds = new Set(project.items.map((i) => String(i._id)));
  const seen = new Set<string>();
  for (const i of body.items) {
    if (!itemIds.has(i.itemId)) throw unprocessable('ITEM_NOT_FOUND', `改造项目 ${i.itemId} 不存在`);
    if (seen.has(i.itemId)) throw unprocessable('ITEM_DUPLICATE', '同一改造项目只能评价一次');
    seen.add(i.itemId);
  }
  const filter = { projectId: project._id, dwellingId: new Types.ObjectId(body.dwellingId) };
  if (body.photoFileId) {
    // The household's rating is shared: keeping the photo another member attached is not "using someone's file".
    const current = await Rating.findOne(filter).select('photoFileId').lean();
    await attachFiles(
      user,
      { purposes: ['rating_photo'], object: `rating:${project._id}:${body.dwellingId}`, shown: current?.photoFileId ? [current.photoFileId] : [] },
      [body.photoFileId],
    );
  }
  const comment = body.comment ? body.comment : null;
  const check = comment ? await checkComment(user.id, comment) : null;
  const update = {
    $set: {
      complexCode: project.complexCode,
      userId: user.id,
      overall: body.overall,
      items: body.items,
      comment,
      commentCheck: check ? { suggest: check.suggest, traceId: check.traceId ?? null } : null,
      photoFileId: body.photoFileId ?? null,
    },
    $inc: { revision: 1 },
  };
  return withLock(`rating:${project._id}:${body.dwellingId}`, () => upsert(filter, update));
}

async function upsert(filter: object, update: object) {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await Rating.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' }))!;
    } catch (e) {
      // Two members of one household rating at once: the loser of the insert race retries as an update.
      if (isDuplicateKey(e) && attempt < 2) continue;
      if (isDuplicateKey(e)) throw new AppError(409, 'CONCURRENT_UPDATE', '评价正在提交，请稍后重试');
      throw e;
    }
  }
}
