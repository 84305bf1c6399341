import {
  ComplexCodeParams,
  RevealedOwner,
  RevealOwnerBody,
  RevealOwnerParams,
  RosterDwellingList,
  RosterImportList,
  RosterImportQuery,
  RosterImportResult,
  RosterUploadBody,
} from '@gongzhi/shared';
import { Types } from 'mongoose';
import { audit } from '../identity';
import { rateLimit } from '../platform/rateLimit';
import { notFound } from '../platform/errors';
import { authorize } from '../platform/http/authorize';
import { defineRoute, type AnyRoute } from '../platform/http/route';
import { xlsxRoute } from '../platform/http/routeShapes';
import { importRoster } from './import/apply';
import { RosterImport } from './import/model';
import { Area, Dwelling } from './model';
import { canManageRoster, canReadRoster, canRevealOwner } from './policy';
import { iso, revealedOwner } from './presenter';
import { rosterView } from './rosterView';
import { requireFile } from './upload';
import { buildRosterXlsx, exportRoster } from './workbook';
import { Binding } from './bindingModel';
import { presentArea } from './commands/areas';

const tags = ['roster'];

export async function loadComplex(code: string) {
  const c = await Area.findOne({ code, level: 'complex' }).lean();
  if (!c) throw notFound('COMPLEX_NOT_FOUND', '小区不存在');
  return c;
}

export const rosterRoutes: AnyRoute[] = [
  xlsxRoute({
    path: '/api/roster/template',
    tags,
    summary: '下载名册模板（XLSX，中文表头）',
    asciiName: 'roster.xlsx',
    build: async () => ({ filename: '名册模板.xlsx', body: await buildRosterXlsx([]) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/roster/:complexCode/import',
    tags,
    auth: 'user',
    multipart: true,
    summary: '导入小区名册（XLSX/CSV，字段 file）：整表校验通过才写入；dryRun=true 只预览',
    params: ComplexCodeParams,
    query: RosterImportQuery,
    body: RosterUploadBody,
    response: RosterImportResult,
    idempotent: true,
    handler: async ({ user, params, query, ctx, requestId }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canManageRoster(user, complex.path));
      const file = requireFile(ctx);
      // A key-derived requestId names the import, so a retry that takes over from a dead holder finds its import.
      return importRoster({
        complexCode: complex.code,
        buffer: file.buffer,
        filename: file.originalname,
        actorId: user.id,
        dryRun: query.dryRun,
        key: requestId.startsWith('k:') ? requestId : undefined,
      });
    },
  }),
  xlsxRoute({
    path: '/api/roster/:complexCode/export',
    tags,
    summary: '导出小区名册（XLSX，手机号和证件号脱敏）',
    params: ComplexCodeParams,
    asciiName: 'roster.xlsx',
    build: async ({ user, params }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canManageRoster(user, complex.path));
      const { buffer, filename } = await exportRoster(complex.code);
      // The export carries full names and masked numbers of every owner: an explicit, audited action.
      await audit({ actorId: user.id, action: 'roster.export', target: { type: 'complex', id: complex.code }, areaPath: complex.path });
      return { filename, body: buffer };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/roster/:complexCode/dwellings',
    tags,
    auth: 'user',
    summary: '小区名册（脱敏）与面积、人数合计',
    params: ComplexCodeParams,
    response: RosterDwellingList,
    handler: async ({ user, params }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canReadRoster(user, complex.path));
      // The masked roster is one document kept by the import (rosterView.ts); bindings change elsewhere, so their
      // counts are still read here (one query of the complex's active bindings).
      const [view, active] = await Promise.all([
        rosterView(complex.code),
        Binding.find({ complexCode: complex.code, status: 'active' }).select('dwellingId').lean(),
      ]);
      const bound = new Map<string, number>();
      for (const b of active) bound.set(String(b.dwellingId), (bound.get(String(b.dwellingId)) ?? 0) + 1);
      return {
        complex: presentArea(complex),
        totals: view.totals,
        items: view.items.map((d) => ({ ...d, activeBindings: bound.get(d.dwellingId) ?? 0 })),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/roster/dwellings/:id/owners/:index/reveal',
    tags,
    auth: 'user',
    summary: '查看一位业主的完整姓名与脱敏号码（须填理由；限频并记入审计日志）',
    params: RevealOwnerParams,
    body: RevealOwnerBody,
    response: RevealedOwner,
    handler: async ({ user, params, body }) => {
      const d = Types.ObjectId.isValid(params.id) ? await Dwelling.findById(params.id).lean() : null;
      if (!d || !canRevealOwner(user, d.areaPath)) throw notFound('DWELLING_NOT_FOUND', '房屋不存在');
      const owner = (d.owners ?? [])[params.index];
      if (!owner) throw notFound('OWNER_NOT_FOUND', '名册中没有这位业主');
      await rateLimit(`reveal:${user.id}`, 20, 3600, '查看业主完整信息过于频繁，请稍后再试');
      await audit({
        actorId: user.id,
        action: 'roster.reveal',
        target: { type: 'dwelling', id: String(d._id) },
        reason: body.reason,
        areaPath: d.areaPath,
        details: { ownerIndex: params.index },
      });
      return revealedOwner(owner);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/roster/:complexCode/imports',
    tags,
    auth: 'user',
    summary: '名册导入记录',
    params: ComplexCodeParams,
    response: RosterImportList,
    handler: async ({ user, params }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canManageRoster(user, complex.path));
      const items = await RosterImport.find({ complexCode: complex.code })
        .select('-plan -planJson -rowErrors -missing')
        .sort({ startedAt: -1 })
        .limit(50)
        .lean();
      return {
        items: items.map((i) => ({
          id: String(i._id),
          status: i.status,
          actorId: i.actorId,
          filename: i.filename,
          rows: i.rows,
          errorCount: i.errorCount ?? 0,
          created: i.created,
          updated: i.updated,
          unchanged: i.unchanged,
          startedAt: iso(i.startedAt)!,
          finishedAt: iso(i.finishedAt),
        })),
      };
    },
  }),
];
