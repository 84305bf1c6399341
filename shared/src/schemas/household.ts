// The people bound to one of the caller's dwellings, so an owner names a proxy by tapping instead of typing a code.
import { z } from 'zod';
import { ObjectIdSchema } from './identity';

export const DwellingIdParams = z.object({ id: ObjectIdSchema });

export const HouseholdMember = z.object({
  userId: z.string().describe('用户编号（登记委托时作为 proxyUserId）'),
  displayName: z.string().describe('脱敏姓名，如 卓**'),
  relation: z.enum(['family', 'tenant']).describe('家庭成员或租户'),
  proxyStatus: z.enum(['pending', 'approved']).nullable().describe('已为本房屋登记的委托（审核中/已生效），没有则为 null'),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;

export const Household = z.object({
  dwellingId: z.string(),
  members: z.array(HouseholdMember).describe('已生效绑定的家庭成员和租户，按绑定时间先后'),
});
export type Household = z.infer<typeof Household>;
