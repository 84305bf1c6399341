import { NOTICE_PUBLICITY_KINDS, type NoticeKind, type NoticeSettings } from '@gongzhi/shared';
import { unprocessable } from '../platform/errors';
import { NoticeSettingsDoc } from './records';

const DEFAULTS: NoticeSettings = { planPublicityMinDays: 7, defaultDisplayDays: 7 };
const DAY_MS = 24 * 3600 * 1000;

export async function getNoticeSettings(): Promise<NoticeSettings> {
  const d = await NoticeSettingsDoc.findById('global').lean();
  return {
    planPublicityMinDays: d?.planPublicityMinDays ?? DEFAULTS.planPublicityMinDays,
    defaultDisplayDays: d?.defaultDisplayDays ?? DEFAULTS.defaultDisplayDays,
  };
}

export async function setNoticeSettings(s: NoticeSettings): Promise<NoticeSettings> {
  await NoticeSettingsDoc.updateOne({ _id: 'global' }, { $set: s }, { upsert: true });
  return getNoticeSettings();
}

/**
 * The display (objection) period a publicity gets, and the rule that produced it, recorded on the notice so a
 * later change of the setting never changes an existing notice. Other kinds have no display period.
 */
export function displayRuleFor(kind: NoticeKind, requestedDays: number | undefined | null, s: NoticeSettings) {
  if (!NOTICE_PUBLICITY_KINDS.includes(kind)) return null;
  const minDays = kind === 'plan_publicity' ? s.planPublicityMinDays : 1;
  const days = requestedDays ?? Math.max(s.defaultDisplayDays, minDays);
  if (days < minDays) {
    throw unprocessable('DISPLAY_PERIOD_TOO_SHORT', `方案公示期不得少于 ${minDays} 天`, { minDays, days });
  }
  return { minDays, days };
}

export function displayEnd(publishedAt: Date, rule: { days: number } | null | undefined): Date | null {
  return rule ? new Date(publishedAt.getTime() + rule.days * DAY_MS) : null;
}
