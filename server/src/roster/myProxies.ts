import { Types } from 'mongoose';
import { ProxyAuth } from './bindingModel';
import { rightsOf } from './rights';
import { presentProxies } from './commands/lists';

const LIMIT = 100;

/**
 * A resident's entrustments both ways: those for dwellings they own now (whoever registered them) or registered
 * themselves, and those naming them as the proxy. Revoked and rejected ones stay visible with their reason.
 */
export async function myProxies(userId: string) {
  const uid = new Types.ObjectId(userId);
  // From the rights document (one `_id` read) instead of a scan of bindings.
  const owned = (await rightsOf(userId)).bindings.filter((b) => b.relation === 'owner').map((b) => new Types.ObjectId(b.dwellingId));
  const [byDwelling, byMe, received] = await Promise.all([
    owned.length
      ? ProxyAuth.find({ dwellingId: { $in: owned } })
          .sort({ createdAt: -1 })
          .limit(LIMIT)
          .lean()
      : [],
    ProxyAuth.find({ registeredBy: userId }).sort({ createdAt: -1 }).limit(LIMIT).lean(),
    ProxyAuth.find({ proxyUserId: uid }).sort({ createdAt: -1 }).limit(LIMIT).lean(),
  ]);
  const seen = new Set<string>();
  const given = [...byDwelling, ...byMe]
    .filter((p) => !seen.has(String(p._id)) && !!seen.add(String(p._id)))
    .sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    .slice(0, LIMIT);
  const [g, r] = await Promise.all([presentProxies(given), presentProxies(received)]);
  return { given: g, received: r };
}
