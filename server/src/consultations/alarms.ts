import mongoose, { Schema, type Model } from 'mongoose';
import { canonicalJson, sha256Hex, type IntegrityDifference } from '@gongzhi/shared';
import { conflict } from '../platform/errors';
import { logger } from '../platform/logger';
import { emitToRoom } from '../platform/realtime';
import { audit } from '../identity';
import { User } from '../identity';
import type { ConsultationDoc } from './model';
import { tryInsert } from '../platform/store';

/**
 * An integrity alarm: the log and a copy kept beside it (projection, counters, stored result, published notice)
 * disagree. `_id` is `<consultationId>:<digest of the differences>`, so the same finding is raised (audited and
 * pushed) once however often close or verify runs into it; a new finding is a new alarm.
 */
export interface AlarmDoc {
  _id: string;
  consultationId: string;
  stage: string;
  differences: IntegrityDifference[];
  notified: string[];
  at: Date;
}
const AlarmSchema = new Schema<AlarmDoc>(
  {
    _id: { type: String, required: true },
    consultationId: { type: String, required: true },
    stage: { type: String, required: true },
    differences: { type: Schema.Types.Mixed, required: true },
    notified: { type: [String], default: [] },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
AlarmSchema.index({ consultationId: 1, at: -1 });
export const Alarm: Model<AlarmDoc> = mongoose.models.ConsultationAlarm ?? mongoose.model<AlarmDoc>('ConsultationAlarm', AlarmSchema, 'consultation_alarms');

const STREET_ROLES = ['street_staff'];

/** The convenor and the street office staff whose scope covers the consultation. */
async function recipients(c: ConsultationDoc): Promise<string[]> {
  const staff = await User.find({ 'grants.scope': { $in: c.areaPath } })
    .select('grants')
    .lean();
  const street = staff.filter((u) => u.grants.some((g) => STREET_ROLES.includes(g.role) && c.areaPath.includes(g.scope)));
  return [...new Set([c.createdBy, ...(c.closedBy ? [c.closedBy] : []), ...street.map((u) => String(u._id))])];
}

/** Records and announces an alarm (once per finding). */
export async function raiseAlarm(c: ConsultationDoc, differences: IntegrityDifference[], stage: 'close' | 'verify'): Promise<void> {
  const consultationId = String(c._id);
  const _id = `${consultationId}:${sha256Hex(canonicalJson(JSON.parse(JSON.stringify(differences)))).slice(0, 24)}`;
  const notified = await recipients(c);
  if (!(await tryInsert(Alarm, { _id, consultationId, stage, differences, notified, at: new Date() }))) return;
  await audit({
    actorId: 'system',
    action: 'consultation.integrity.alarm',
    target: { type: 'consultation', id: consultationId },
    areaPath: c.areaPath,
    details: { stage, alarmId: _id, differences: differences.slice(0, 50) },
  });
  for (const u of notified) {
    emitToRoom(`user:${u}`, 'consultation:alarm', { consultationId, title: c.title, stage, differences: differences.slice(0, 20) });
  }
  logger.error({ consultationId, stage, differences: differences.length }, 'consultation integrity alarm');
}

export async function listAlarms(consultationId: string) {
  const rows = await Alarm.find({ consultationId }).sort({ at: -1 }).limit(50).lean();
  return { items: rows.map((a) => ({ id: a._id, stage: a.stage, at: new Date(a.at).toISOString(), differences: a.differences })) };
}

/** The 409 that blocks a close or announcement, naming every dwelling and figure that differs. */
export function integrityConflict(differences: IntegrityDifference[]) {
  const shown = differences
    .slice(0, 5)
    .map((d) => d.message)
    .join('；');
  return conflict(
    'INTEGRITY_MISMATCH',
    `投票日志与其他记录不一致，已暂停计票公布并通知召集人和街道：${shown}${differences.length > 5 ? ` 等 ${differences.length} 处` : ''}`,
    { differences },
  );
}
