import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { ConsultationKind, ConsultationQuestion, ConsultationResult } from '@gongzhi/shared';
import type { AudioClipDoc } from '../files';

/**
 * A consultation (协商表决). `status` moves draft → scheduled → open → closed → announced. The moves that must
 * happen once do not rely on compare-and-set (FerretDB has none, see tallyModels.ts): opening and closing are
 * decided by inserting the log's 'open' and 'close' entries (unique castId), and the status updates after them
 * write the same values whoever writes them.
 */
export type ConsultationState = 'draft' | 'scheduled' | 'open' | 'closed' | 'announced';

export interface ElectorateSummary {
  frozenAt: Date;
  dwellings: number;
  totalAreaHundredths: number;
  totalHeadcount: number;
  digest: string;
}

export interface ConsultationDoc {
  _id: Types.ObjectId;
  kind: ConsultationKind;
  title: string;
  /** Tibetan siblings typed by staff; null → the reader sees the Chinese with a mark. */
  titleBo?: string | null;
  description: string;
  descriptionBo?: string | null;
  complexCode: string;
  /** The complex's area path (region … complex); grants on any of these codes cover the consultation. */
  areaPath: string[];
  scope: { level: 'complex' | 'buildings' | 'entrance'; buildingCodes: string[]; entranceCode: string | null };
  questions: ConsultationQuestion[];
  allowChange: boolean;
  covenant: { enabled: boolean; clauseText: string | null };
  leadTimeHours: number;
  opensAt: Date;
  closesAt: Date;
  status: ConsultationState;
  projectId: string | null;
  createdBy: string;
  scheduledAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
  closeReason: string | null;
  /** From the facts at close: the deadline passed, every household voted, or closed early with a stated reason. */
  closeKind?: 'deadline' | 'all_voted' | 'early' | null;
  /** A staff member's request to close despite unresolved conflicts; a second staff member closes. */
  closeOverride?: { requestedBy: string; reason: string; at: Date } | null;
  /** A stated reason shown to voters before they vote; without it only participation is shown while open. */
  liveResults?: { enabled: boolean; reason: string | null };
  /** Co-owners of one dwelling: the first ballot stands (default) or the latest counts. */
  coOwnerRule?: 'first_stands' | 'latest_counts';
  closedBy: string | null;
  announcedAt: Date | null;
  noticeIds: { meeting: string | null; result: string | null };
  /** Frozen at opening; the member rows live in `consultation_electorate`. */
  electorate: ElectorateSummary | null;
  /** Frozen at close: the shared tally output for every question plus the final chain head. */
  result: ConsultationResult | null;
  /** Voice clips beside the texts (files/audioClips.ts); changed only while a draft. */
  audio?: AudioClipDoc[];
  createdAt: Date;
  updatedAt: Date;
}

const ConsultationSchema = new Schema<ConsultationDoc>(
  {
    kind: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    titleBo: { type: String, default: null },
    descriptionBo: { type: String, default: null },
    complexCode: { type: String, required: true },
    areaPath: { type: [String], required: true },
    scope: {
      level: { type: String, required: true },
      buildingCodes: { type: [String], default: [] },
      entranceCode: { type: String, default: null },
    },
    questions: { type: Schema.Types.Mixed, required: true },
    allowChange: { type: Boolean, default: true },
    covenant: { enabled: { type: Boolean, default: false }, clauseText: { type: String, default: null } },
    leadTimeHours: { type: Number, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    status: { type: String, required: true, default: 'draft' },
    projectId: { type: String, default: null },
    createdBy: { type: String, required: true },
    scheduledAt: { type: Date, default: null },
    openedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    closeReason: { type: String, default: null },
    closedBy: { type: String, default: null },
    closeKind: { type: String, default: null },
    closeOverride: { type: Schema.Types.Mixed, default: null },
    liveResults: { enabled: { type: Boolean, default: false }, reason: { type: String, default: null } },
    coOwnerRule: { type: String, default: 'first_stands' },
    announcedAt: { type: Date, default: null },
    noticeIds: { meeting: { type: String, default: null }, result: { type: String, default: null } },
    electorate: { type: Schema.Types.Mixed, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    audio: { type: Schema.Types.Mixed, default: [] },
  },
  { timestamps: true, versionKey: false, minimize: false },
);
ConsultationSchema.index({ status: 1, opensAt: 1 });
ConsultationSchema.index({ status: 1, closesAt: 1 });
ConsultationSchema.index({ areaPath: 1, createdAt: -1 });
ConsultationSchema.index({ complexCode: 1, createdAt: -1 });

export const Consultation: Model<ConsultationDoc> =
  mongoose.models.Consultation ?? mongoose.model<ConsultationDoc>('Consultation', ConsultationSchema, 'consultations');
