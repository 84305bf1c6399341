import { z } from 'zod';
import { MyRatings, ProjectIdParams, RatingBody, RatingSummary, RatingView, UploadedFiles } from '@gongzhi/shared';
import { defineRoute } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { conflict } from '../platform/errors';
import { memberDwellings } from '../projects';
import { isRatingOpen } from '../projects';
import { loadReadableProject } from '../projects';
import { storeRequestFiles } from '../projects';
import { sendXlsx, XLSX_TYPE } from '../projects';
import { submitRating } from './commands/submitRating';
import { ratingsWorkbook } from './export';
import { Rating } from './model';
import { canReadRatingDetails } from './policy';
import { presentRating } from './presenter';
import { presentWindow, ratingSummary } from './summary';

const tags = ['ratings'];

export const routes = [
  defineRoute({
    method: 'put',
    path: '/api/projects/:id/ratings',
    tags,
    summary: '满意度评价（每户一份，评价期内可修改）',
    auth: 'user',
    params: ProjectIdParams,
    body: RatingBody,
    response: RatingView,
    idempotent: true,
    handler: async ({ params, body, user }) => presentRating(await submitRating(user, (await loadReadableProject(user, params.id)).project, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/projects/:id/ratings/photos',
    tags,
    summary: '上传评价照片',
    auth: 'user',
    params: ProjectIdParams,
    multipart: true,
    status: 201,
    response: UploadedFiles,
    idempotent: true,
    handler: async ({ params, user, ctx }) => {
      const { project, memberComplexCodes } = await loadReadableProject(user, params.id);
      authorize(memberComplexCodes.includes(project.complexCode), 'NOT_BOUND_TO_DWELLING', '只有本小区居民可以上传评价照片');
      if (!isRatingOpen(project)) throw conflict('RATING_CLOSED', '满意度评价未开放');
      return storeRequestFiles(ctx, user.id, 'rating_photo', ['image'], 1);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/ratings/mine',
    tags,
    summary: '本人房屋的评价',
    auth: 'user',
    params: ProjectIdParams,
    response: MyRatings,
    handler: async ({ params, user }) => {
      const { project } = await loadReadableProject(user, params.id);
      const ids = (await memberDwellings(user.id)).filter((d) => d.complexCode === project.complexCode).map((d) => d.dwellingId);
      const ratings = await Rating.find({ projectId: project._id, dwellingId: { $in: ids } }).lean();
      return { window: presentWindow(project), ratings: ratings.map(presentRating) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/ratings/summary',
    tags,
    summary: '满意度汇总（总体与分项分布）',
    auth: 'user',
    params: ProjectIdParams,
    response: RatingSummary,
    handler: async ({ params, user }) => ratingSummary((await loadReadableProject(user, params.id)).project),
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/ratings/export.xlsx',
    tags,
    summary: '导出满意度评价（XLSX）',
    auth: 'user',
    params: ProjectIdParams,
    query: z.object({}),
    produces: XLSX_TYPE,
    handler: async ({ params, user, ctx }) => {
      const { project } = await loadReadableProject(user, params.id);
      authorize(canReadRatingDetails(user, project));
      sendXlsx(ctx, `满意度评价-${project.complexName}-${project.year}.xlsx`, await ratingsWorkbook(project));
      return undefined;
    },
  }),
];
