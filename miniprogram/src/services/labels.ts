// Display helpers for server data in the chosen language. Server names are Chinese; the common patterns
// ("1栋", "2单元") are rewritten through the dictionary, anything else is shown as given.
import type { MessageKey } from '../i18n/zh';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function buildingLabel(t: T, name: string): string {
  const m = /^(\d+)(栋|号楼|幢)$/.exec(name.trim());
  return m ? t('dwelling.building', { n: m[1] }) : name;
}

export function entranceLabel(t: T, name: string): string {
  const m = /^(\d+)单元$/.exec(name.trim());
  return m ? t('dwelling.entrance', { n: m[1] }) : name;
}

export const roomLabel = (t: T, room: string) => t('dwelling.room', { room });

/** "幸福小区 1栋 1单元 101室" (or the Tibetan form). */
export function dwellingLabel(t: T, d: { complexName?: string; buildingName: string; entranceName: string; room: string }, withComplex = true): string {
  return [withComplex ? d.complexName : undefined, buildingLabel(t, d.buildingName), entranceLabel(t, d.entranceName), roomLabel(t, d.room)]
    .filter(Boolean)
    .join(' ');
}

/** A dwelling label as the server writes it ("2栋2单元102"), in the chosen language; another shape is shown as given. */
export function dwellingLabelText(t: T, label: string): string {
  const m = /^(\d+)(?:栋|号楼|幢)\s*(\d+)单元\s*(\S+?)室?$/.exec(label.trim());
  return m ? [t('dwelling.building', { n: m[1] }), t('dwelling.entrance', { n: m[2] }), roomLabel(t, m[3])].join(' ') : label;
}

/** An area's name in the chosen language when the roster has one. */
export const areaName = (lang: 'zh' | 'bo', a: { name: string; nameBo?: string | null }) => (lang === 'bo' && a.nameBo ? a.nameBo : a.name);

/** Server "85.20" m² text → "85.20㎡". */
export const sqm = (area: string | number) => `${area}㎡`;

/** Integer hundredths of m² → "85.20". */
export function hundredthsText(h: number): string {
  const neg = h < 0;
  const a = Math.abs(Math.round(h));
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
