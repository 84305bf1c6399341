import type { MessageKey } from '../../../i18n/zh';
import type { Answer, Question } from '../../../services/types';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
const YES_NO = new Set(['approve', 'reject', 'abstain']);

/**
 * One answer in words ("同意", "方案一", "屋面防水：同意；…"), as shown before sending and after. `tx` puts an
 * option label written by the system (template items) into the reader's language.
 */
export function summarizeAnswer(t: T, q: Question, a: Answer | undefined, tx: (s: string, bo?: string | null) => string = (s) => s): string {
  if (!a) return t('vote.noAnswer');
  const option = (id: string) => q.options.find((o) => o.id === id);
  const label = (id: string) => {
    const o = option(id);
    return YES_NO.has(id) ? t(`vote.${id as 'approve'}`) : o ? tx(o.label, o.labelBo) : id;
  };
  if (a.choice) return label(a.choice);
  if (a.items) return a.items.map((i) => `${label(i.itemId)}：${label(i.choice)}`).join('；');
  if (a.picks) return a.picks.map((p, i) => `${i + 1}. ${label(p)}`).join('  ');
  if (a.rating) return t('rating.stars', { n: a.rating });
  if (a.text) return a.text;
  return t('vote.noAnswer');
}

/** "还剩 3 天 4 小时" until the deadline, or that it has passed. */
export function timeLeft(t: T, closesAt: string, now = Date.now()): string {
  const ms = new Date(closesAt).getTime() - now;
  if (!(ms > 0)) return t('consultation.deadlinePassed');
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  if (days > 0) return t('consultation.leftDays', { d: days, h: hours % 24 });
  return t('consultation.leftHours', { h: hours, m: Math.floor((ms % 3_600_000) / 60_000) });
}
