import { registerFileReader } from '../platform/fileAccess';
import { ProxyAuth } from './bindingModel';
import { canDecideProxy } from './policy';

/** A 委托书: the owner who registered it, the proxy it names, and the committee/community that decides on it. */
registerFileReader('roster', async (user, fileId) => {
  const proxies = await ProxyAuth.find({ documentFileId: fileId }).select('proxyUserId registeredBy areaPath').lean();
  return proxies.some((p) => String(p.proxyUserId) === user.id || p.registeredBy === user.id || canDecideProxy(user, p.areaPath));
});
