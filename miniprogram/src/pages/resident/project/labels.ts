import { FUNDING_SOURCE_KINDS } from '@gongzhi/shared';
import type { MessageKey } from '../../../i18n/zh';
import type { Pledge } from '../../../services/types';
import { formatYuan } from '../../../utils/format';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const FUNDING_KINDS = new Set<string>(FUNDING_SOURCE_KINDS);

/** Funding sources in the chosen language; utilities keep their own name (e.g. 国网拉萨供电公司). */
export function fundingLabel(t: T, kind: string, serverLabel: string): string {
  if (kind === 'utility') return serverLabel;
  return FUNDING_KINDS.has(kind) ? t(`funding.${kind as 'region'}`) : serverLabel;
}

/** "500 元" / "水泥 2 吨" / "投工 1.5 天（泥瓦工）". */
export function pledgeWhat(t: T, p: Pick<Pledge, 'kind' | 'amountFen' | 'material' | 'labour'>): string {
  if (p.kind === 'money') return `${t('pledge.kind.money')} ${formatYuan(p.amountFen ?? 0)} ${t('common.yuan')}`;
  if (p.kind === 'materials' && p.material) return `${t('pledge.kind.materials')} ${p.material.item} ${p.material.quantity}${p.material.unit}`;
  if (p.labour) return `${t('pledge.kind.labour')} ${t('pledge.days', { n: p.labour.days })}（${p.labour.skill}）`;
  return t(`pledge.kind.${p.kind}`);
}
