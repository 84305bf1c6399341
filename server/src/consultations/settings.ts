import type { ConsultationSettings } from '@gongzhi/shared';
import { ConsultationSettingsDoc } from './tallyModels';

/** 物业管理条例 Art. 14: a meeting or vote is announced at least 15 days ahead; administrators may change the floor. */
const DEFAULTS: ConsultationSettings = { minLeadTimeHours: 15 * 24, defaultLeadTimeHours: 15 * 24 };

export async function getConsultationSettings(): Promise<ConsultationSettings> {
  const d = await ConsultationSettingsDoc.findById('global').lean();
  return {
    minLeadTimeHours: d?.minLeadTimeHours ?? DEFAULTS.minLeadTimeHours,
    defaultLeadTimeHours: d?.defaultLeadTimeHours ?? DEFAULTS.defaultLeadTimeHours,
  };
}

export async function setConsultationSettings(s: ConsultationSettings): Promise<ConsultationSettings> {
  await ConsultationSettingsDoc.updateOne({ _id: 'global' }, { $set: s }, { upsert: true });
  return getConsultationSettings();
}
