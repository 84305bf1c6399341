import { systemTextBo } from '@gongzhi/shared/src/text/systemBo';
import type { Lang } from '../i18n';

export interface Picked {
  text: string;
  /** Tibetan was asked for but only the Chinese exists: shown with a visible mark. */
  fallback: boolean;
}

const HAN = /[\u3400-\u9fff]/;

/** Staff-typed text in the reader's language: the bo sibling, else a known system text's Tibetan, else the Chinese. */
export function pickText(zh: string | null | undefined, bo: string | null | undefined, lang: Lang): Picked {
  const z = zh ?? '';
  if (lang !== 'bo') return { text: z, fallback: false };
  const b = (bo ?? '').trim() || systemTextBo(z);
  if (b) return { text: b, fallback: false };
  return { text: z, fallback: HAN.test(z) };
}

/** How many texts of a draft would fall back to Chinese for a Tibetan reader (the staff preview warns). */
export function missingBo(pairs: [zh: string | null | undefined, bo: string | null | undefined][]): number {
  return pairs.filter(([z, b]) => (z ?? '').trim() && pickText(z, b, 'bo').fallback).length;
}
