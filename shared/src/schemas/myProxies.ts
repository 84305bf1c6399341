// A resident's own written entrustments (委托书), both directions, for the 委托代理 screen.
import { z } from 'zod';
import { ProxyView } from './roster';

export const MyProxies = z.object({
  given: z.array(ProxyView).describe('我（作为业主）为自己房屋登记的委托，含审核中、驳回与撤销的，最新在前'),
  received: z.array(ProxyView).describe('别人委托我代为投票的房屋，最新在前'),
});
export type MyProxies = z.infer<typeof MyProxies>;
