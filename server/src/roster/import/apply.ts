import { createHash, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { RosterImportResult } from '@gongzhi/shared';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { logger } from '../../platform/logger';
import { audit } from '../../identity';
import { Area, type AreaDoc, type DwellingDoc } from '../model';
import { rosterViewRev } from '../rosterView';
import { existingDwellings } from './existing';
import { RosterImport, RosterImportPlan, type RosterImportDoc } from './model';
import { dropJsonChunks, readJsonChunks, writeJsonChunks } from '../../platform/chunkedJson';
import { diffPlan } from './plan';
import { readRosterFile } from './readFile';
import { dwellingKey, validateRoster, type PlannedDwelling } from './validate';
import { writePlan } from './write';
import { claimComplex, complexHolder, importInProgress, STALE_MS } from './lock';

const HEARTBEAT_MS = 15_000;
/** Plan rows per stored chunk: each chunk one short write (about 150 KB). */
const PLAN_CHUNK = 500;

export interface ImportOptions {
  complexCode: string;
  buffer: Buffer;
  filename: string;
  actorId: string;
  dryRun: boolean;
  /** Idempotency key: the same key returns the already applied import instead of running again. */
  key?: string;
}

function resultOf(
  doc: Pick<RosterImportDoc, 'complexCode' | 'rows' | 'created' | 'updated' | 'unchanged' | 'buildings' | 'entrances' | 'missing'>,
  importId: string | null,
  dryRun: boolean,
): RosterImportResult {
  return {
    importId,
    complexCode: doc.complexCode,
    dryRun,
    status: dryRun ? 'previewed' : 'applied',
    rows: doc.rows,
    created: doc.created,
    updated: doc.updated,
    unchanged: doc.unchanged,
    buildings: doc.buildings,
    entrances: doc.entrances,
    missing: doc.missing,
  };
}

/**
 * The roster import command (HTTP route and demo seed alike). Without transactions, all-or-nothing works so:
 * 1. read and validate the whole file; any bad row → 422 listing every bad row, and no roster data is written;
 * 2. claim the complex (a unique insert, lock.ts) and store the plan in the import record;
 * 3. apply it (write.ts): existing areas/dwellings matched in memory and updated by `_id`, new ones inserted under
 *    deterministic `_id`s; idempotent;
 * 4. mark the import applied, which releases the complex.
 * While the import is applying, `dwellingsInScope` refuses to freeze an electorate; an apply cut short is finished by
 * replaying its plan (next import of the complex, or the `roster-resume` job). Re-running a file converges.
 */
export async function importRoster(opts: ImportOptions): Promise<RosterImportResult> {
  const complex = await Area.findOne({ code: opts.complexCode, level: 'complex' }).lean();
  if (!complex) throw notFound('COMPLEX_NOT_FOUND', '小区不存在');
  if (opts.key && !opts.dryRun) {
    const prior = await RosterImport.findOne({ key: opts.key }).lean();
    if (prior?.status === 'applied') return resultOf(prior, String(prior._id), false);
    if (prior) throw conflict('ROSTER_IMPORT_IN_PROGRESS', '该名册正在导入，请稍后再试'); // same request, still applying
  }
  const table = await readRosterFile(opts.buffer);
  const before = await existingDwellings(complex.code);
  const existing = new Map(before.docs.map((d) => [dwellingKey(d), d]));
  const { errors, rows } = validateRoster(table, complex.code, existing);
  const base = {
    key: opts.key ?? randomUUID(),
    complexCode: complex.code,
    actorId: opts.actorId,
    filename: opts.filename.slice(0, 120),
    fileHash: createHash('sha256').update(opts.buffer).digest('hex'),
    rows: table.rows.length,
    startedAt: new Date(),
  };

  if (errors.length) {
    let importId: string | null = null;
    if (!opts.dryRun) {
      // A rejected file does not use up the idempotency key: the corrected file may be sent with it.
      const rec = await RosterImport.create({
        ...base,
        key: randomUUID(),
        status: 'rejected',
        rowErrors: errors.slice(0, 2000),
        errorCount: errors.length,
        finishedAt: new Date(),
      });
      importId = String(rec._id);
      await audit({
        actorId: opts.actorId,
        action: 'roster.import_rejected',
        target: { type: 'complex', id: complex.code },
        areaPath: complex.path,
        details: { importId, errors: errors.length },
      });
    }
    throw unprocessable('ROSTER_INVALID', `名册中有 ${errors.length} 处错误，未写入任何数据，请修改后重新上传`, { importId, errors });
  }

  const diff = diffPlan(rows, existing);
  const summary = {
    ...base,
    created: diff.created,
    updated: diff.updated,
    unchanged: diff.unchanged,
    buildings: diff.buildings,
    entrances: diff.entrances,
    missing: diff.missing,
  };
  if (opts.dryRun) return resultOf(summary, null, true);

  const id = new Types.ObjectId();
  await lockComplex(complex.code, String(id));
  const planChunks = await writeJsonChunks(RosterImportPlan, String(id), diff.changed, PLAN_CHUNK);
  await RosterImport.create({ _id: id, ...summary, status: 'applying', planChunks, heartbeatAt: new Date() });
  // Reuse what we read unless the roster changed while we waited for the complex (any import stores a new revision;
  // any other write drops the document); without a revision, writePlan reads the complex again.
  const known = before.rev !== null && (await rosterViewRev(complex.code)) === before.rev ? before.docs : undefined;
  await applyPlan(complex, diff.changed, String(id), known);
  await finishImport(String(id), planChunks);
  await audit({
    actorId: opts.actorId,
    action: 'roster.import',
    target: { type: 'complex', id: complex.code },
    areaPath: complex.path,
    details: { importId: String(id), rows: rows.length, created: diff.created, updated: diff.updated, missing: diff.missing.length },
  });
  return resultOf(summary, String(id), false);
}

/** A stale holder (its applier died) is rolled forward first: replaying its plan is idempotent, so two contenders may both do it. */
async function lockComplex(code: string, importId: string, retried = false): Promise<void> {
  const h = await complexHolder(code);
  if (h.state === 'free') return claimComplex(code, importId, h.gen);
  if (h.state === 'busy' || retried) throw importInProgress();
  await resumeImport(h.holder);
  return lockComplex(code, importId, true);
}

/** The heartbeat beats at most every HEARTBEAT_MS (well inside STALE_MS), not after every batch. */
async function applyPlan(complex: AreaDoc, plan: PlannedDwelling[], importId: string, known?: DwellingDoc[]) {
  let last = known ? Date.now() : 0; // a fresh import has just stamped heartbeatAt; a resumed one beats at once
  await writePlan(
    complex,
    plan,
    importId,
    async () => {
      if (Date.now() - last < HEARTBEAT_MS) return;
      last = Date.now();
      await RosterImport.updateOne({ _id: importId }, { $set: { heartbeatAt: new Date() } });
    },
    known,
  );
}

async function finishImport(importId: string, planChunks = 0) {
  await RosterImport.updateOne({ _id: importId }, { $set: { status: 'applied', finishedAt: new Date() }, $unset: { plan: 1, planJson: 1 } });
  await dropJsonChunks(RosterImportPlan, importId, planChunks);
}

/** The stored plan of an applying import (older records hold it inline). */
async function storedPlan(imp: RosterImportDoc): Promise<PlannedDwelling[]> {
  if (imp.planChunks === undefined) return imp.planJson ? (JSON.parse(imp.planJson) as PlannedDwelling[]) : (imp.plan ?? []);
  const plan = await readJsonChunks<PlannedDwelling>(RosterImportPlan, String(imp._id), imp.planChunks);
  // Chunks are written before the record and deleted only after it is applied, so this takes a hand in the database.
  // Releasing the complex is still right: nothing is half-written that a re-import of the file would not converge.
  if (!plan) logger.error({ importId: String(imp._id) }, 'roster import plan missing; marking the import applied without replaying it');
  return plan ?? [];
}

/** Roll an interrupted import forward from its stored plan. */
export async function resumeImport(imp: RosterImportDoc) {
  const complex = await Area.findOne({ code: imp.complexCode, level: 'complex' }).lean();
  if (!complex) return;
  await applyPlan(complex, await storedPlan(imp), String(imp._id));
  await finishImport(String(imp._id), imp.planChunks);
  logger.info({ importId: String(imp._id) }, 'roster import resumed and applied');
}

/** Periodic job: finishes imports whose applier stopped heart-beating (crashed instance). */
export async function resumeStaleImports() {
  const stale = await RosterImport.find({ status: 'applying', heartbeatAt: { $lt: new Date(Date.now() - STALE_MS) } })
    .limit(5)
    .lean();
  for (const imp of stale) await resumeImport(imp);
}
