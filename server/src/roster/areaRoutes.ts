import { AreaChildren, AreaCodeParams, AreaCodeSchema, AreaDetail, AreaView, ComplexList, ComplexQuery, CreateAreaBody, RoomList } from '@gongzhi/shared';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../platform/http/route';
import { areaChildren, areaDetail, createArea, entranceRooms } from './commands/areas';
import { searchComplexes } from './queries';

const tags = ['areas'];
const EntranceParams = z.object({ code: AreaCodeSchema });

/** The area tree is public within the app (any logged-in user: residents need it to claim a dwelling). */
export const areaRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/areas/:code',
    tags,
    auth: 'user',
    summary: '区域详情（含上级）',
    params: EntranceParams,
    response: AreaDetail,
    handler: async ({ params }) => areaDetail(params.code),
  }),
  defineRoute({
    method: 'get',
    path: '/api/areas/:code/children',
    tags,
    auth: 'user',
    summary: '下级区域（root 为自治区列表），用于选择器',
    params: AreaCodeParams,
    response: AreaChildren,
    handler: async ({ params }) => areaChildren(params.code),
  }),
  defineRoute({
    method: 'get',
    path: '/api/areas/:code/rooms',
    tags,
    auth: 'user',
    summary: '单元内的房号（认领用，不含业主信息）',
    params: EntranceParams,
    response: RoomList,
    handler: async ({ params }) => entranceRooms(params.code),
  }),
  defineRoute({
    method: 'get',
    path: '/api/complexes',
    tags,
    auth: 'user',
    summary: '小区列表（认领房屋时选择）',
    query: ComplexQuery,
    response: ComplexList,
    handler: async ({ query }) => ({ items: await searchComplexes(query.q, query.under) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/areas',
    tags,
    auth: 'user',
    summary: '新增社区或小区（管理员可新增各级区域）',
    body: CreateAreaBody,
    status: 201,
    response: AreaView,
    handler: async ({ user, body }) => createArea(user, body),
  }),
];
