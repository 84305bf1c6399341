import {
  AcceptanceBody,
  CreateProjectBody,
  FundingPlanBody,
  LinkBody,
  ProgressBody,
  ProgressList,
  ProgressView,
  ProjectIdParams,
  ProjectList,
  ProjectCommentBody,
  ProjectCommentList,
  ProjectCommentQuery,
  ProjectCommentView,
  ProjectListQuery,
  ProjectView,
  PutItemsBody,
  TransitionBody,
  nextStatus,
  stageChecks,
} from '@gongzhi/shared';
import { defineRoute } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { createProject } from './commands/createProject';
import { putItems } from './commands/putItems';
import { putFunding } from './commands/putFunding';
import { transitionProject } from './commands/transitionProject';
import { recordProgress } from './commands/recordProgress';
import { recordAcceptance } from './commands/recordAcceptance';
import { linkProject } from './commands/linkProject';
import { canReadProjectTables, canReportProgress } from './policy';
import { projectWorkbook } from './export';
import { filesUploadRoute, xlsxRoute } from '../platform/http/routeShapes';
import { presentProgress, presentProject, projectAbilities } from './presenter';
import { listProgress, listProjects } from './queries';
import { loadReadableProject } from './service';
import { pushProject } from './realtime';
import { stageFactsOf } from './stageFacts';
import { addComment, listComments } from './comments';

const tags = ['projects'];
const load = loadReadableProject;

export const routes = [
  defineRoute({
    method: 'get',
    path: '/api/projects',
    tags,
    summary: '改造项目列表（按辖区或所住小区）',
    auth: 'user',
    query: ProjectListQuery,
    response: ProjectList,
    handler: async ({ query, user }) => ({ projects: (await listProjects(user, query)).map(presentProject) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/projects',
    tags,
    summary: '新建小区改造项目（储备）',
    auth: 'user',
    body: CreateProjectBody,
    status: 201,
    response: ProjectView,
    handler: async ({ body, user }) => presentProject(await createProject(user, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id',
    tags,
    summary: '改造项目详情（含资金筹措与阶段记录）',
    auth: 'user',
    params: ProjectIdParams,
    response: ProjectView,
    handler: async ({ params, user }) => {
      const { project } = await load(user, params.id);
      const next = nextStatus(project.status);
      return {
        ...presentProject(project),
        nextStageChecks: next ? stageChecks(next, await stageFactsOf(project)) : [],
        abilities: projectAbilities(user, project),
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/projects/:id/items',
    tags,
    summary: '设置改造内容（基础/完善/提升类）',
    auth: 'user',
    params: ProjectIdParams,
    body: PutItemsBody,
    response: ProjectView,
    handler: async ({ params, body, user }) => presentProject(await putItems(user, (await load(user, params.id)).project, body.items)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/projects/:id/funding',
    tags,
    summary: '设置资金筹措方案（中央补助、地方 2:1:1 分担等）',
    auth: 'user',
    params: ProjectIdParams,
    body: FundingPlanBody,
    response: ProjectView,
    handler: async ({ params, body, user }) => presentProject(await putFunding(user, (await load(user, params.id)).project, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/projects/:id/transitions',
    tags,
    summary: '推进项目阶段（每次一步）',
    auth: 'user',
    params: ProjectIdParams,
    body: TransitionBody,
    response: ProjectView,
    handler: async ({ params, body, user }) => {
      const p = await transitionProject(user, (await load(user, params.id)).project, body);
      await pushProject(p._id);
      return presentProject(p);
    },
  }),
  filesUploadRoute({
    path: '/api/projects/:id/files',
    tags,
    summary: '上传进度照片或验收文件（图片/PDF）',
    params: ProjectIdParams,
    purpose: 'project_file',
    allowed: ['image', 'pdf'],
    check: async ({ params, user }) => authorize(canReportProgress(user, (await load(user, params.id)).project)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/projects/:id/progress',
    tags,
    summary: '发布施工进度（各项目百分比与照片）',
    auth: 'user',
    params: ProjectIdParams,
    body: ProgressBody,
    status: 201,
    response: ProgressView,
    handler: async ({ params, body, user }) => {
      const { project, update } = await recordProgress(user, (await load(user, params.id)).project, body);
      await pushProject(project._id);
      return presentProgress(update);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/progress',
    tags,
    summary: '施工进度记录',
    auth: 'user',
    params: ProjectIdParams,
    response: ProgressList,
    handler: async ({ params, user }) => {
      await load(user, params.id);
      return { updates: (await listProgress(params.id)).map(presentProgress) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/projects/:id/acceptance',
    tags,
    summary: '录入联合验收记录',
    auth: 'user',
    params: ProjectIdParams,
    body: AcceptanceBody,
    response: ProjectView,
    handler: async ({ params, body, user }) => presentProject(await recordAcceptance(user, (await load(user, params.id)).project, body)),
  }),
  xlsxRoute({
    path: '/api/projects/:id/export.xlsx',
    tags,
    summary: '导出项目（改造内容、资金筹措、阶段、进度，XLSX）',
    params: ProjectIdParams,
    build: async ({ params, user }) => {
      const { project } = await load(user, params.id);
      authorize(canReadProjectTables(user, project));
      return { filename: `改造项目-${project.complexName}-${project.year}.xlsx`, body: await projectWorkbook(project) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/comments',
    tags: ['project-comments'],
    summary: '项目讨论（业委会、社区、街道；默认最新一页）',
    auth: 'user',
    params: ProjectIdParams,
    query: ProjectCommentQuery,
    response: ProjectCommentList,
    handler: async ({ params, query, user }) => listComments(user, (await load(user, params.id)).project, query.page),
  }),
  defineRoute({
    method: 'post',
    path: '/api/projects/:id/comments',
    tags: ['project-comments'],
    summary: '发表项目讨论意见（居民不在此发言）',
    auth: 'user',
    params: ProjectIdParams,
    body: ProjectCommentBody,
    status: 201,
    response: ProjectCommentView,
    handler: async ({ params, body, user }) => addComment(user, (await load(user, params.id)).project, body.text),
  }),
  defineRoute({
    method: 'post',
    path: '/api/projects/:id/links',
    tags,
    summary: '关联协商议题或公告',
    auth: 'user',
    params: ProjectIdParams,
    body: LinkBody,
    response: ProjectView,
    handler: async ({ params, body, user }) => presentProject(await linkProject(user, (await load(user, params.id)).project, body)),
  }),
];
