import { z } from 'zod';
import { MyRatings, ProjectIdParams, RatingBody, RatingSummary, RatingView } from '@gongzhi/shared';
import { defineRoute } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { conflict } from '../platform/errors';
import { memberDwellings } from '../roster';
import { isRatingOpen } from '../projects';
import { loadReadableProject } from '../projects';
import { filesUploadRoute, xlsxRoute } from '../platform/http/routeShapes';
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
  filesUploadRoute({
    path: '/api/projects/:id/ratings/photos',
    tags,
    summary: '上传评价照片',
    params: ProjectIdParams,
    purpose: 'rating_photo',
    allowed: ['image'],
    max: 1,
    check: async ({ params, user }) => {
      const { project, memberComplexCodes } = await loadReadableProject(user, params.id);
      authorize(memberComplexCodes.includes(project.complexCode), 'NOT_BOUND_TO_DWELLING', '只有本小区居民可以上传评价照片');
      if (!isRatingOpen(project)) throw conflict('RATING_CLOSED', '满意度评价未开放');
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
  xlsxRoute({
    path: '/api/projects/:id/ratings/export.xlsx',
    tags,
    summary: '导出满意度评价（XLSX）',
    params: ProjectIdParams,
    query: z.object({}),
    build: async ({ params, user }) => {
      const { project } = await loadReadableProject(user, params.id);
      authorize(canReadRatingDetails(user, project));
      return { filename: `满意度评价-${project.complexName}-${project.year}.xlsx`, body: await ratingsWorkbook(project) };
    },
  }),
];
