import { Types } from 'mongoose';
import { Binding, onBindingsCreated, ProxyAuth } from './bindingModel';
import { Area, Dwelling } from './model';
import { dwellingLabel } from './presenter';
import { recheckUserSockets } from '../platform/realtime';
import { UserDwellings, type RightsBinding, type RightsProxy, type RightsView } from './rightsModel';
import { isDuplicateKey } from '../platform/store';
import { clearRightsHints } from './rightsHints';

// The document is authoritative once written: there is no age after which readers recheck the sources (that was a
// scan of the bindings per user per hour). A writer that died between its write and its refresh left a hint, and the
// repair job (rightsRepair.ts) refreshes that user within a minute.
const MAX_ROUNDS = 5;

export interface Rights {
  bindings: RightsBinding[];
  proxies: RightsProxy[];
  view?: RightsView;
}

const oid = (id: string | Types.ObjectId) => (typeof id !== 'string' ? id : Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);
const keyOf = (r: Rights) => JSON.stringify([r.bindings, r.proxies, r.view ?? null]);
const isoOf = (d?: Date | null) => (d ? new Date(d).toISOString() : null);

/** The rights as the source collections say right now (scans bindings/proxies: writers and cache misses only). */
async function compute(uid: Types.ObjectId): Promise<Rights> {
  const [all, allProxies] = await Promise.all([
    Binding.find({ userId: uid, status: { $ne: 'revoked' } })
      .sort({ createdAt: 1, _id: 1 })
      .lean(),
    ProxyAuth.find({ proxyUserId: uid, status: { $in: ['pending', 'approved', 'suspended'] } })
      .sort({ createdAt: 1, _id: 1 })
      .lean(),
  ]);
  const bindings = all.filter((b) => b.status === 'active');
  const proxies = allProxies.filter((p) => p.status === 'approved');
  // One findById per dwelling: `_id` lookups are the cheap ones on FerretDB, `$in` is a scan.
  const ids = [...new Set([...all.map((b) => String(b.dwellingId)), ...allProxies.map((p) => String(p.dwellingId))])];
  const docs = new Map((await Promise.all(ids.map((id) => Dwelling.findById(id).lean()))).filter((d) => !!d).map((d) => [String(d!._id), d!]));
  const codes = [...new Set([...docs.values()].map((d) => d.complexCode))];
  const names = new Map(await Promise.all(codes.map(async (c) => [c, await complexName(c)] as [string, string])));
  const label = (id: unknown) => {
    const d = docs.get(String(id));
    return d ? dwellingLabel(d, names.get(d.complexCode) ?? '') : null;
  };
  return {
    // No undefined keys: the stored copy must serialize exactly like a fresh one for the comparison below.
    bindings: bindings.map((b) => {
      const d = docs.get(String(b.dwellingId));
      const base = { dwellingId: String(b.dwellingId), relation: b.relation };
      return d ? { ...base, complexCode: d.complexCode, areaPath: [...d.areaPath], buildingCode: d.buildingCode, entranceCode: d.entranceCode } : base;
    }),
    proxies: proxies.map((p) => ({ dwellingId: String(p.dwellingId), complexCode: p.complexCode })),
    view: {
      bindings: all.flatMap((b) => {
        const l = label(b.dwellingId);
        return l
          ? [
              {
                id: String(b._id),
                dwellingId: String(b.dwellingId),
                relation: b.relation,
                status: b.status,
                strength: b.strength ?? null,
                reviewReason: b.reviewReason ?? null,
                reason: b.reason ?? null,
                createdAt: isoOf(b.createdAt)!,
                decidedAt: isoOf(b.decidedAt),
                label: l,
              },
            ]
          : [];
      }),
      proxies: allProxies.flatMap((p) => {
        const l = label(p.dwellingId);
        return l ? [{ id: String(p._id), dwellingId: String(p.dwellingId), status: p.status, reason: p.reason ?? null, label: l }] : [];
      }),
    },
  };
}

/** Complex names change rarely; a bulk binding insert (thousands of users) must not read the area once per user. */
const nameCache = new Map<string, { name: string; until: number }>();
async function complexName(code: string): Promise<string> {
  const hit = nameCache.get(code);
  if (hit && hit.until > Date.now()) return hit.name;
  const name = (await Area.findOne({ code }).select('name').lean())?.name ?? '';
  if (nameCache.size > 5000) nameCache.clear();
  nameCache.set(code, { name, until: Date.now() + 60_000 });
  return name;
}

/**
 * Recompute and store one user's rights until a re-read of the sources agrees with the stored document.
 * FerretDB updates are not isolated, so a concurrent refresh may overwrite ours with older content; every writer
 * therefore re-reads after writing and rewrites if they differ (as `syncDwellingBallots` does). Readers use the
 * same loop, so the last write to the document is always one its writer has checked.
 */
async function refreshOne(uid: Types.ObjectId): Promise<Rights> {
  let rights: Rights = { bindings: [], proxies: [], view: { bindings: [], proxies: [] } };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    rights = await compute(uid);
    const stored = await UserDwellings.findById(uid).lean();
    const same = !!stored && keyOf(stored) === keyOf(rights);
    if (same) return rights;
    const now = new Date();
    try {
      await UserDwellings.replaceOne(
        { _id: uid },
        {
          bindings: rights.bindings,
          proxies: rights.proxies,
          view: rights.view,
          version: (stored?.version ?? 0) + (same ? 0 : 1),
          computedAt: same ? stored!.computedAt : now,
          checkedAt: now,
        },
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // two first-time upserts raced: the next round compares again
    }
  }
  // The sources kept changing under us: drop the document so the next reader starts from the sources.
  await UserDwellings.deleteOne({ _id: uid });
  return rights;
}

/**
 * Call after every write to bindings or proxies, with every user whose rights it may have changed, and the hints
 * the writer inserted before its write (`markRightsPending`), deleted once every user is refreshed.
 */
export async function refreshUserDwellings(userIds: (string | Types.ObjectId)[], hints: readonly string[] = []): Promise<void> {
  const uids = [...new Set(userIds.map(String))].map(oid).filter((u): u is Types.ObjectId => !!u);
  for (const uid of uids) {
    try {
      await refreshOne(uid);
    } catch (e) {
      // Never leave rights we could not confirm (a revoked proxy must not keep voting): readers will recompute.
      await UserDwellings.deleteOne({ _id: uid }).catch(() => undefined);
      throw e;
    }
  }
  await clearRightsHints(hints);
  void recheckUserSockets(uids.map(String)); // a lost binding leaves the rooms it opened, on every instance
}

/** The hot-path read: one `_id` lookup; computed and stored on a miss. */
export async function rightsOf(userId: string): Promise<Rights> {
  const uid = oid(userId);
  if (!uid) return { bindings: [], proxies: [] };
  const doc = await UserDwellings.findById(uid).lean();
  if (doc && doc.view) return { bindings: doc.bindings, proxies: doc.proxies, view: doc.view };
  // Readers of one user share a recompute (a vote asks for voting and member dwellings at once). Writers never
  // join one: theirs must start after their own write.
  const key = String(uid);
  let p = readerRefresh.get(key);
  if (!p) {
    p = refreshOne(uid).finally(() => readerRefresh.delete(key));
    readerRefresh.set(key, p);
  }
  return p;
}
const readerRefresh = new Map<string, Promise<Rights>>();

/** Dwellings the user is bound to (active bindings of any relation, approved proxies): separation-of-duties checks. */
export async function boundDwellingIds(userId: string): Promise<string[]> {
  const r = await rightsOf(userId);
  return [...r.bindings.map((b) => b.dwellingId), ...r.proxies.map((p) => p.dwellingId)];
}

// Bindings and proxies created anywhere (commands, seed, fixtures) refresh the rights document of their user.
onBindingsCreated(refreshUserDwellings);
