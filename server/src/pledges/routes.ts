import {
  CancelPledgeBody,
  CreatePledgeBody,
  ElevatorParams,
  ElevatorPlanBody,
  ElevatorSharesView,
  MyElevatorShares,
  PledgeIdParams,
  PledgeLedger,
  PledgeList,
  PledgeStepBody,
  PledgeView,
  ProjectIdParams,
} from '@gongzhi/shared';
import { defineRoute } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { loadReadableProject } from '../projects';
import { xlsxRoute } from '../platform/http/routeShapes';
import { createPledge } from './commands/createPledge';
import { changePledgeStatus } from './commands/changePledgeStatus';
import { getElevatorShares, myElevatorShares, putElevatorPlan } from './elevator';
import { pledgesWorkbook } from './export';
import { pledgeLedger } from './ledger';
import { canManagePledges } from './policy';
import { labelsFor, presentPledge } from './presenter';
import { listPledges } from './queries';

const tags = ['pledges'];
const present = async (p: Parameters<typeof presentPledge>[0]) => presentPledge(p, await labelsFor([p]), false);
const step = (name: 'confirm' | 'fulfil', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/api/pledges/:id/${name}`,
    tags,
    summary,
    auth: 'user',
    params: PledgeIdParams,
    body: PledgeStepBody,
    response: PledgeView,
    handler: async ({ params, body, user }) => present(await changePledgeStatus(user, params.id, name, body.note ?? '')),
  });

export const routes = [
  defineRoute({
    method: 'post',
    path: '/api/projects/:id/pledges',
    tags,
    summary: '认捐（资金/物资/投工投劳，按户）',
    auth: 'user',
    params: ProjectIdParams,
    body: CreatePledgeBody,
    status: 201,
    response: PledgeView,
    idempotent: true,
    handler: async ({ params, body, user }) => present(await createPledge(user, (await loadReadableProject(user, params.id)).project, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/pledges',
    tags,
    summary: '认捐记录（管理者看全部，居民看本人）',
    auth: 'user',
    params: ProjectIdParams,
    response: PledgeList,
    handler: async ({ params, user }) => listPledges(user, (await loadReadableProject(user, params.id)).project),
  }),
  step('confirm', '确认收到认捐（业委会）'),
  step('fulfil', '标记认捐已兑现'),
  defineRoute({
    method: 'post',
    path: '/api/pledges/:id/cancel',
    tags,
    summary: '取消认捐（须填写原因）',
    auth: 'user',
    params: PledgeIdParams,
    body: CancelPledgeBody,
    response: PledgeView,
    handler: async ({ params, body, user }) => present(await changePledgeStatus(user, params.id, 'cancel', body.reason)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/ledger',
    tags,
    summary: '认捐公示台账（姓名脱敏）',
    auth: 'user',
    params: ProjectIdParams,
    response: PledgeLedger,
    handler: async ({ params, user }) => pledgeLedger((await loadReadableProject(user, params.id)).project),
  }),
  xlsxRoute({
    path: '/api/projects/:id/pledges/export.xlsx',
    tags,
    summary: '导出认捐明细（XLSX，业委会）',
    params: ProjectIdParams,
    build: async ({ params, user }) => {
      const { project } = await loadReadableProject(user, params.id);
      authorize(canManagePledges(user, project));
      return { filename: `认捐明细-${project.complexName}-${project.year}.xlsx`, body: await pledgesWorkbook(project) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/elevators/mine',
    tags,
    summary: '本人房屋的加装电梯分摊额',
    auth: 'user',
    params: ProjectIdParams,
    response: MyElevatorShares,
    handler: async ({ params, user }) => myElevatorShares(user.id, (await loadReadableProject(user, params.id)).project),
  }),
  defineRoute({
    method: 'put',
    path: '/api/projects/:id/elevators/:entranceCode',
    tags,
    summary: '设置单元加装电梯费用与楼层系数表',
    auth: 'user',
    params: ElevatorParams,
    body: ElevatorPlanBody,
    response: ElevatorSharesView,
    handler: async ({ params, body, user }) => putElevatorPlan(user, (await loadReadableProject(user, params.id)).project, params.entranceCode, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/projects/:id/elevators/:entranceCode',
    tags,
    summary: '单元各户加装电梯分摊表',
    auth: 'user',
    params: ElevatorParams,
    response: ElevatorSharesView,
    handler: async ({ params, user }) => getElevatorShares(user, (await loadReadableProject(user, params.id)).project, params.entranceCode),
  }),
];
