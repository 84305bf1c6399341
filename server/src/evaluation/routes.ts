import { z } from 'zod';
import {
  CandidatesView,
  EvaluationDashboardQuery,
  EvaluationDashboardView,
  EvaluationProjectParams,
  EvaluationScopeQuery,
  EvaluationSettingsBody,
  EvaluationSettingsView,
  ProjectEvaluationView,
  RankingView,
  RollupQuery,
  RollupView,
} from '@gongzhi/shared';
import { defineRoute, type AuthUser } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { audit } from '../identity';
import { loadReadableProject } from '../projects';
import { workbookBuffer } from '../platform/xlsx';
import { xlsxRoute } from '../platform/http/routeShapes';
import { evaluateProjects } from './compute';
import { dashboardView } from './dashboard';
import { candidatesSheet, dashboardSheet, detailSheet, formulaSheet, levelsFor, rankingSheet, rollupSheet } from './exports';
import { canEditEvaluationSettings, canReadEvaluationSettings } from './policy';
import { reportHtml } from './report';
import { getSettings, presentSettings, putSettings } from './settings';
import { candidatesView, rankingView, rollupView, scopeEvaluations } from './views';
import { gradedEvaluations } from './figures';

const tags = ['evaluation'];
/** The scope-wide exports: one query, one workbook. */
const xlsx = <Q extends z.ZodType>(
  path: string,
  summary: string,
  query: Q,
  build: (q: z.output<Q>, user: AuthUser) => Promise<{ name: string; buf: Buffer }>,
) =>
  xlsxRoute({
    path,
    tags,
    summary,
    query,
    build: async ({ query: q, user }) => {
      const { name, buf } = await build(q as z.output<Q>, user);
      return { filename: name, body: buf };
    },
  });
const projectEvaluation = async (user: AuthUser, id: string) => {
  const { project } = await loadReadableProject(user, id);
  return (await evaluateProjects([project], await getSettings()))[0];
};

export const routes = [
  defineRoute({
    method: 'get',
    path: '/api/evaluation/settings',
    tags,
    summary: '评价设置（权重、等级分数线、公示期、评价期）',
    auth: 'user',
    response: EvaluationSettingsView,
    handler: async ({ user }) => {
      authorize(canReadEvaluationSettings(user));
      return presentSettings(await getSettings());
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/evaluation/settings',
    tags,
    summary: '修改评价设置（管理员）',
    auth: 'user',
    body: EvaluationSettingsBody,
    response: EvaluationSettingsView,
    handler: async ({ body, user }) => {
      authorize(canEditEvaluationSettings(user));
      const s = await putSettings(body, user.id);
      await audit({ actorId: user.id, action: 'evaluation.settings', target: { type: 'settings', id: 'evaluation' }, details: body });
      return presentSettings(s);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/evaluation/projects/:id',
    tags,
    summary: '项目绩效自评（四个维度及其依据）',
    auth: 'user',
    params: EvaluationProjectParams,
    response: ProjectEvaluationView,
    handler: async ({ params, user }) => projectEvaluation(user, params.id),
  }),
  xlsxRoute({
    path: '/api/evaluation/projects/:id/export.xlsx',
    tags,
    summary: '导出项目绩效自评（XLSX）',
    params: EvaluationProjectParams,
    build: async ({ params, user }) => {
      const e = await projectEvaluation(user, params.id);
      return { filename: `绩效自评-${e.complexName}-${e.year}.xlsx`, body: await workbookBuffer([detailSheet([e]), formulaSheet([e])]) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/evaluation/rollup',
    tags,
    summary: '按社区/街道/县/地市/自治区汇总',
    auth: 'user',
    query: RollupQuery,
    response: RollupView,
    handler: async ({ query, user }) => rollupView(await scopeEvaluations(user, query), query.level, query),
  }),
  xlsx('/api/evaluation/rollup/export.xlsx', '导出汇总（XLSX）', RollupQuery, async (q, user) => {
    const r = await rollupView(await scopeEvaluations(user, q), q.level, q);
    return { name: `绩效汇总-${r.scopeName}-${r.levelLabel}.xlsx`, buf: await workbookBuffer([rollupSheet(r)]) };
  }),
  defineRoute({
    method: 'get',
    path: '/api/evaluation/dashboard',
    tags,
    summary: '看板：范围内每个小区的参与率、认捐、满意度和绩效得分（分页）',
    auth: 'user',
    query: EvaluationDashboardQuery,
    response: EvaluationDashboardView,
    handler: async ({ query, user }) => dashboardView(user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/evaluation/ranking',
    tags,
    summary: '绩效评价排名',
    auth: 'user',
    query: EvaluationScopeQuery,
    response: RankingView,
    handler: async ({ query, user }) => rankingView(await scopeEvaluations(user, query), query),
  }),
  xlsx('/api/evaluation/ranking/export.xlsx', '导出排名（XLSX）', EvaluationScopeQuery, async (q, user) => {
    const ctx = await scopeEvaluations(user, q);
    return { name: `绩效排名-${ctx.area.name}.xlsx`, buf: await workbookBuffer([rankingSheet(rankingView(ctx, q)), detailSheet(gradedEvaluations(ctx))]) };
  }),
  defineRoute({
    method: 'get',
    path: '/api/evaluation/candidates',
    tags,
    summary: '下一年度候选小区优先顺序',
    auth: 'user',
    query: EvaluationScopeQuery,
    response: CandidatesView,
    handler: async ({ query, user }) => candidatesView(await scopeEvaluations(user, query), query),
  }),
  xlsx('/api/evaluation/candidates/export.xlsx', '导出候选小区（XLSX）', EvaluationScopeQuery, async (q, user) => {
    const c = candidatesView(await scopeEvaluations(user, q), q);
    return { name: `候选小区-${c.scope}.xlsx`, buf: await workbookBuffer([candidatesSheet(c)]) };
  }),
  xlsx('/api/evaluation/export.xlsx', '导出全部评价表格（XLSX）', EvaluationScopeQuery, async (q, user) => {
    const ctx = await scopeEvaluations(user, q);
    const rollups = await Promise.all(levelsFor(ctx.area.level).map((l) => rollupView(ctx, l, q)));
    // The dashboard sheet is the dashboard itself (all rows), so screen and file show the same figures.
    const board = await dashboardView(user, { ...q, limit: Number.MAX_SAFE_INTEGER, offset: 0 }, ctx);
    const sheets = [
      dashboardSheet(board),
      rankingSheet(rankingView(ctx, q)),
      ...rollups.map(rollupSheet),
      detailSheet(ctx.evaluations),
      formulaSheet(ctx.evaluations),
      candidatesSheet(candidatesView(ctx, q)),
    ];
    return { name: `绩效评价-${ctx.area.name}.xlsx`, buf: await workbookBuffer(sheets) };
  }),
  defineRoute({
    method: 'get',
    path: '/api/evaluation/report',
    tags,
    summary: '可打印的绩效评价报告（HTML）',
    auth: 'user',
    query: EvaluationScopeQuery,
    produces: 'text/html',
    handler: async ({ query, user, ctx }) => {
      const c = await scopeEvaluations(user, query);
      const rollups = await Promise.all(levelsFor(c.area.level).map((l) => rollupView(c, l, query)));
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = reportHtml({
        scopeName: c.area.name,
        year: query.year,
        settings: c.settings,
        evaluations: c.evaluations,
        ranking: rankingView(c, query),
        rollups,
        candidates: candidatesView(c, query),
      });
      return undefined;
    },
  }),
];
