import { FUNDING_SOURCE_KINDS, PLEDGE_KIND_LABELS, PLEDGE_STATUS_LABELS } from '@gongzhi/shared';
import { t as translate } from '../../../i18n';
import type { MessageKey } from '../../../i18n/zh';
import { dwellingLabelText } from '../../../services/labels';
import type { Pledge } from '../../../services/types';
import { formatYuan } from '../../../utils/format';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const FUNDING_KINDS = new Set<string>(FUNDING_SOURCE_KINDS);

/** Funding sources in the chosen language; utilities keep their own name (e.g. 国网拉萨供电公司). */
export function fundingLabel(t: T, kind: string, serverLabel: string): string {
  if (kind === 'utility') return serverLabel;
  return FUNDING_KINDS.has(kind) ? t(`funding.${kind as 'region'}`) : serverLabel;
}

// The pledge form stores materials, units and skills by their Chinese words (the ledger is public): read back
// through the same dictionary entries, so a Tibetan reader sees them in Tibetan.
const PLEDGE_WORDS = (['cement', 'sand', 'brick', 'paint', 'steel', 'timber'] as const)
  .map((m): MessageKey => `pledge.material.${m}`)
  .concat((['ton', 'bag', 'piece', 'bucket', 'cubicMetre', 'squareMetre', 'metre'] as const).map((u): MessageKey => `pledge.unit.${u}`))
  .concat((['mason', 'plumber', 'carpenter', 'painter', 'cleaning', 'patrol'] as const).map((k): MessageKey => `pledge.skill.${k}`));
export const pledgeWord = (t: T, zh: string) => {
  const key = PLEDGE_WORDS.find((k) => translate(k, undefined, 'zh') === zh);
  return key ? t(key) : zh;
};

/** "500 元" / "水泥 2 吨" / "投工 1.5 天（泥瓦工）". */
export function pledgeWhat(t: T, p: Pick<Pledge, 'kind' | 'amountFen' | 'material' | 'labour'>): string {
  if (p.kind === 'money') return `${t('pledge.kind.money')} ${formatYuan(p.amountFen ?? 0)} ${t('common.yuan')}`;
  if (p.kind === 'materials' && p.material)
    return `${t('pledge.kind.materials')} ${pledgeWord(t, p.material.item)} ${p.material.quantity}${pledgeWord(t, p.material.unit)}`;
  if (p.labour) return `${t('pledge.kind.labour')} ${t('pledge.days', { n: p.labour.days })}（${pledgeWord(t, p.labour.skill)}）`;
  return t(`pledge.kind.${p.kind}`);
}

const keyOf = <K extends string>(labels: Record<K, string>, zh: string) => (Object.keys(labels) as K[]).find((k) => labels[k] === zh);

/** A public ledger row (the server sends Chinese labels) in the chosen language. */
export function ledgerRow(t: T, e: { kindLabel: string; what: string; statusLabel: string; dwellingLabel: string }) {
  const kind = keyOf(PLEDGE_KIND_LABELS, e.kindLabel);
  const status = keyOf(PLEDGE_STATUS_LABELS, e.statusLabel);
  // "水泥 2吨" / "泥瓦工 1.5 天": the words back through the form's dictionary, the numbers as they are
  const what = e.what.replace(/[^\s\d.]+/g, (w) => (w === '天' ? t('pledge.days', { n: '' }).trim() : pledgeWord(t, w)));
  return {
    what: kind === 'money' ? t('pledge.kind.money') : what,
    status: status ? t(`pledge.status.${status}`) : e.statusLabel,
    dwelling: dwellingLabelText(t, e.dwellingLabel),
  };
}
