import { Binding, ProxyAuth } from './bindingModel';
import { refreshUserDwellings } from './rights';

/** How far back a repair run looks: well past the lease of one run, so a missed run is covered by the next. */
export const REPAIR_LOOKBACK_MS = 20 * 60_000;

/**
 * Every binding or proxy write refreshes the users' rights documents right after it (rights.ts). A process that dies
 * between the two leaves a stale document; this periodic run refreshes the users of every recent change, so that
 * gap closes within a couple of minutes without making each vote recheck the sources.
 */
export async function repairRecentRights(now = new Date()) {
  const since = new Date(now.getTime() - REPAIR_LOOKBACK_MS);
  const [bindings, proxies] = await Promise.all([
    Binding.find({ updatedAt: { $gte: since } })
      .select('userId')
      .lean(),
    ProxyAuth.find({ updatedAt: { $gte: since } })
      .select('proxyUserId')
      .lean(),
  ]);
  await refreshUserDwellings([...bindings.map((b) => b.userId), ...proxies.map((p) => p.proxyUserId)]);
}
