import mongoose, { Schema, type Model } from 'mongoose';
import {
  assertGradeBands,
  DEFAULT_EVALUATION_WEIGHTS,
  DEFAULT_GRADE_BANDS,
  gradeBandsRule,
  type EvaluationSettingsBody,
  type EvaluationWeights,
  type GradeBands,
} from '@gongzhi/shared';
import { unprocessable } from '../platform/errors';
import { ruleError } from '../platform/errors';

/** Evaluation settings (one global document): weights, grade bands, plan publicity period, rating window. */
export interface EvaluationSettingsDoc {
  _id: string;
  weights: EvaluationWeights;
  bands: GradeBands;
  planPublicityDays: number;
  ratingWindowDays: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}
const SettingsSchema = new Schema<EvaluationSettingsDoc>(
  {
    _id: String,
    weights: { consultation: Number, planning: Number, results: Number, satisfaction: Number },
    bands: { excellentAboveHundredths: Number, goodFromHundredths: Number, qualifiedFromHundredths: Number },
    planPublicityDays: Number,
    ratingWindowDays: Number,
    updatedBy: { type: String, default: null },
    updatedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
export const EvaluationSettings: Model<EvaluationSettingsDoc> =
  mongoose.models.EvaluationSettings ?? mongoose.model<EvaluationSettingsDoc>('EvaluationSettings', SettingsSchema, 'evaluation_settings');

export interface Settings {
  weights: EvaluationWeights;
  bands: GradeBands;
  planPublicityDays: number;
  ratingWindowDays: number;
  updatedAt: Date | null;
}

/** Defaults: equal weights; 优秀 > 95, 良好 85–95, 合格 75–85, 差 < 75; plan shown 7 days; ratings open 30 days. */
export const DEFAULT_SETTINGS: Settings = {
  weights: { ...DEFAULT_EVALUATION_WEIGHTS },
  bands: { ...DEFAULT_GRADE_BANDS },
  planPublicityDays: 7,
  ratingWindowDays: 30,
  updatedAt: null,
};

export async function getSettings(): Promise<Settings> {
  const d = await EvaluationSettings.findById('global').lean();
  if (!d) return { ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights }, bands: { ...DEFAULT_SETTINGS.bands } };
  return { weights: d.weights, bands: d.bands, planPublicityDays: d.planPublicityDays, ratingWindowDays: d.ratingWindowDays, updatedAt: d.updatedAt };
}

const toH = (points: number) => Math.round(points * 100);

export async function putSettings(body: EvaluationSettingsBody, by: string): Promise<Settings> {
  const bands: GradeBands = {
    excellentAboveHundredths: toH(body.bands.excellentAbove),
    goodFromHundredths: toH(body.bands.goodFrom),
    qualifiedFromHundredths: toH(body.bands.qualifiedFrom),
  };
  try {
    assertGradeBands(bands);
  } catch (e) {
    ruleError(e);
  }
  if (Object.values(body.weights).reduce((a, b) => a + b, 0) === 0) throw unprocessable('WEIGHTS_ALL_ZERO', '评价权重合计不能为 0');
  await EvaluationSettings.updateOne(
    { _id: 'global' },
    {
      $set: {
        weights: body.weights,
        bands,
        planPublicityDays: body.planPublicityDays,
        ratingWindowDays: body.ratingWindowDays,
        updatedBy: by,
        updatedAt: new Date(),
      },
    },
    { upsert: true },
  );
  return getSettings();
}

export function presentSettings(s: Settings) {
  return {
    weights: s.weights,
    bands: {
      excellentAbove: s.bands.excellentAboveHundredths / 100,
      goodFrom: s.bands.goodFromHundredths / 100,
      qualifiedFrom: s.bands.qualifiedFromHundredths / 100,
    },
    planPublicityDays: s.planPublicityDays,
    ratingWindowDays: s.ratingWindowDays,
    gradeRule: gradeBandsRule(s.bands),
    updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
  };
}
