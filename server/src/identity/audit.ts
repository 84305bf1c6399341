import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { logger } from '../platform/logger';

/**
 * The audit trail: who decided what about which object, and why. Append-only. `details` must never hold
 * phone or ID digits (store masked values or hashes' absence instead).
 */
export interface AuditLogDoc {
  _id: Types.ObjectId;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string;
  areaPath: string[];
  details?: Record<string, unknown>;
  at: Date;
}
const AuditLogSchema = new Schema<AuditLogDoc>(
  {
    actorId: { type: String, required: true },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    reason: String,
    areaPath: { type: [String], default: [] },
    details: Schema.Types.Mixed,
    at: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
AuditLogSchema.index({ targetType: 1, targetId: 1, at: -1 });
AuditLogSchema.index({ areaPath: 1, at: -1 });
AuditLogSchema.index({ actorId: 1, at: -1 });

export const AuditLog: Model<AuditLogDoc> = mongoose.models.AuditLog ?? mongoose.model<AuditLogDoc>('AuditLog', AuditLogSchema, 'audit_logs');

export interface AuditEntry {
  actorId: string;
  action: string; // e.g. 'claim.approve', 'grant.add', 'roster.import'
  target: { type: string; id: string };
  reason?: string;
  areaPath?: string[];
  details?: Record<string, unknown>;
}

/** Records one decision. Other domains call this for their own decisions (ballot entry, notice amendments …). */
export async function audit(entry: AuditEntry): Promise<void> {
  await AuditLog.create({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    reason: entry.reason,
    areaPath: entry.areaPath ?? [],
    details: entry.details,
    at: new Date(),
  });
  logger.info({ audit: entry.action, target: entry.target.type, targetId: entry.target.id }, 'audit');
}
