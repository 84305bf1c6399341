import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { staffApi, type Complex, type Me } from './staffApi';

const KEY = 'gz.staff.complex';

/** Complexes the user's grants cover (a complex grant is itself; wider grants list the complexes under them). */
export async function complexesInScope(grants: Me['grants']): Promise<Complex[]> {
  const seen = new Map<string, Complex>();
  const lists = await Promise.all(grants.map((g) => staffApi.complexes(g.scope === 'root' ? undefined : g.scope).catch(() => [] as Complex[])));
  for (const list of lists) for (const c of list) seen.set(c.code, c);
  return [...seen.values()];
}

/** The list plus the complex the user works on now (remembered across pages and restarts). */
export function useComplexes(me: Me | undefined) {
  const list = useRemote(() => (me ? complexesInScope(me.grants) : Promise.resolve([] as Complex[])), [me?.id, me?.grants.length]);
  const [current, setCurrent] = useState<string>(() => {
    try {
      return (Taro.getStorageSync(KEY) as string) || '';
    } catch {
      return '';
    }
  });
  useEffect(() => {
    const items = list.data ?? [];
    if (items.length && !items.some((c) => c.code === current)) setCurrent(items[0].code);
  }, [list.data, current]);
  const choose = (code: string) => {
    setCurrent(code);
    Taro.setStorageSync(KEY, code);
  };
  return { list, current, choose, complex: list.data?.find((c) => c.code === current) };
}

/** Area name in the reader's language when the roster has a Tibetan name. */
export const areaName = (a: { name: string; nameBo?: string | null }, lang: string) => (lang === 'bo' && a.nameBo ? a.nameBo : a.name);

/**
 * Names of the areas the user's grants name (grants carry only the Chinese name): Tibetan where the roster has it.
 * Falls back to the grant's own name while loading or when the area cannot be read.
 */
export function useGrantAreaNames(grants: Me['grants'] | undefined, lang: string) {
  const codes = (grants ?? []).map((g) => g.scope).filter((c) => c !== 'root');
  const areas = useRemote(() => Promise.all(codes.map((c) => staffApi.area(c).catch(() => null))), [codes.join(',')]);
  return (g: { scope: string; scopeName: string }) => {
    const a = areas.data?.find((x) => x?.code === g.scope);
    return a ? areaName(a, lang) : g.scopeName;
  };
}
