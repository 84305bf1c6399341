import { ROLE_GROUPS } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { dwellingRights } from '../../roster';
import { Consultation } from '../model';
import { entryOf, listingOf, type ListedConsultation } from '../listing';

const MANAGE: readonly string[] = ROLE_GROUPS.convenors;
const OFFICIAL: readonly string[] = ROLE_GROUPS.officials;

/** What a list shows of a consultation (presentSummary reads these fields only). */
export type ListedRow = Omit<ListedConsultation, 'id'> & { _id: string };
const rowOf = ({ id, ...rest }: ListedConsultation): ListedRow => ({ _id: id, ...rest });

/**
 * Consultations the caller may see: drafts only in their managed areas; others also as official or resident (the
 * complexes they live in or vote in as a proxy). Read from the per-area listings (listing.ts): one `{_id}` read per
 * area of the caller; only a root grant still reads the whole collection.
 */
export async function listConsultations(user: AuthUser, q: { complexCode?: string; status?: string; limit: number }): Promise<ListedRow[]> {
  const root = user.grants.some((g) => g.scope === 'root' && MANAGE.includes(g.role));
  const manageScopes = new Set(user.grants.filter((g) => MANAGE.includes(g.role) && g.scope !== 'root').map((g) => g.scope));
  const officialScopes = new Set(user.grants.filter((g) => OFFICIAL.includes(g.role)).map((g) => g.scope));
  const { members, proxyComplexCodes } = await dwellingRights(user.id);
  const complexes = new Set([...members.map((m) => m.complexCode), ...proxyComplexCodes]);

  const visible = new Map<string, ListedConsultation>();
  const add = (items: ListedConsultation[], drafts: boolean) => {
    for (const e of items) if (drafts || e.status !== 'draft') visible.set(e.id, e);
  };
  if (root) {
    const all = await Consultation.find({}).select('kind title titleBo status complexCode areaPath opensAt closesAt createdAt').lean();
    add(all.map(entryOf), true);
  }
  // Non-draft areas first: a managed area's entries (drafts included) then overwrite the same ids.
  const codes = [...new Set([...officialScopes, ...complexes, ...manageScopes])];
  const listings = new Map(await Promise.all(codes.map(async (code) => [code, await listingOf(code)] as const)));
  for (const code of new Set([...officialScopes, ...complexes])) add(listings.get(code)!, false);
  for (const code of manageScopes) add(listings.get(code)!, true);

  return [...visible.values()]
    .filter((e) => (!q.complexCode || e.complexCode === q.complexCode) && (!q.status || e.status === q.status))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, q.limit)
    .map(rowOf);
}
