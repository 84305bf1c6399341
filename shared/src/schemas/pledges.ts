// Pledges (认捐/出资) and elevator cost sharing: request and response shapes.
import { z } from 'zod';
import { userText } from './identity';
import { ProjectFen, ProjectQuantity, ProjectRefId } from './projects';

export const PLEDGE_KINDS = ['money', 'materials', 'labour'] as const;
export const PLEDGE_KIND_LABELS = { money: '资金', materials: '物资', labour: '投工投劳' } as const;
export const PLEDGE_STATUSES = ['pledged', 'confirmed', 'fulfilled', 'cancelled'] as const;
export const PLEDGE_STATUS_LABELS = { pledged: '已认捐', confirmed: '已确认收到', fulfilled: '已兑现', cancelled: '已取消' } as const;
export const PledgeStatusSchema = z.enum(PLEDGE_STATUSES);

const Days = z
  .number()
  .positive('天数须大于 0')
  .max(365)
  .refine((n) => Number.isInteger(n * 2), '天数以半天为单位');
export const CreatePledgeBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('money'), dwellingId: ProjectRefId, amountFen: ProjectFen.min(1, '金额须大于 0'), note: userText(300, 0).optional() }),
  z.object({
    kind: z.literal('materials'),
    dwellingId: ProjectRefId,
    note: userText(300, 0).optional(),
    material: z.object({ item: userText(50), quantity: ProjectQuantity, unit: userText(20) }),
  }),
  z.object({
    kind: z.literal('labour'),
    dwellingId: ProjectRefId,
    note: userText(300, 0).optional(),
    labour: z.object({ days: Days, skill: userText(50) }),
  }),
]);
export type CreatePledgeBody = z.infer<typeof CreatePledgeBody>;

export const PledgeIdParams = z.object({ id: ProjectRefId });
export const PledgeStepBody = z.object({ note: userText(300, 0).optional() });
export const CancelPledgeBody = z.object({ reason: userText(300, 2) });

export const PledgeView = z.object({
  id: z.string(),
  projectId: z.string(),
  dwellingId: z.string(),
  dwellingLabel: z.string(),
  pledger: z.string(),
  kind: z.enum(PLEDGE_KINDS),
  kindLabel: z.string(),
  amountFen: z.number().nullable(),
  material: z.object({ item: z.string(), quantity: z.number(), unit: z.string() }).nullable(),
  labour: z.object({ days: z.number(), skill: z.string() }).nullable(),
  status: PledgeStatusSchema,
  statusLabel: z.string(),
  cancelReason: z.string().nullable(),
  note: z.string(),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), by: z.string(), note: z.string() })),
  createdAt: z.string(),
});
export const PledgeList = z.object({ pledges: z.array(PledgeView) });

const KindTotals = z.object({
  moneyFen: z.number(),
  moneyCount: z.number(),
  labourDays: z.number(),
  labourCount: z.number(),
  materials: z.array(z.object({ item: z.string(), unit: z.string(), quantity: z.number(), count: z.number() })),
});
export const PledgeLedger = z.object({
  projectId: z.string(),
  /** Totals of pledges not cancelled, by status. */
  byStatus: z.array(z.object({ status: PledgeStatusSchema, label: z.string(), totals: KindTotals })),
  active: KindTotals,
  residentsShareFen: z.number(),
  /** Money confirmed or fulfilled against the residents' share in the funding plan. */
  receivedFen: z.number(),
  progressPercent: z.string(),
  entries: z.array(
    z.object({
      dwellingLabel: z.string(),
      pledger: z.string(),
      kindLabel: z.string(),
      amountFen: z.number().nullable(),
      what: z.string(),
      statusLabel: z.string(),
      at: z.string(),
    }),
  ),
});

export const ElevatorParams = z.object({
  id: ProjectRefId,
  entranceCode: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export const ElevatorPlanBody = z.object({
  totalFen: ProjectFen,
  /** Floor coefficient table for this entrance; absent → the default table (domain notes). */
  coefficients: z
    .array(z.object({ floor: z.number().int().min(-5).max(100), coefficient: z.string().regex(/^\d+(\.\d{1,3})?$/, '系数最多三位小数') }))
    .min(1)
    .max(100)
    .optional(),
  note: userText(300, 0).optional(),
});
export const ElevatorShareRow = z.object({
  dwellingId: z.string(),
  dwellingLabel: z.string(),
  floor: z.number(),
  areaHundredths: z.number(),
  area: z.string(),
  coefficient: z.string(),
  weight: z.number(),
  shareFen: z.number(),
  explanation: z.string(),
});
export const ElevatorSharesView = z.object({
  projectId: z.string(),
  entranceCode: z.string(),
  totalFen: z.number(),
  totalWeight: z.number(),
  sumOfSharesFen: z.number(),
  coefficients: z.array(z.object({ floor: z.number(), coefficient: z.string() })),
  usesDefaultTable: z.boolean(),
  method: z.string(),
  shares: z.array(ElevatorShareRow),
  updatedAt: z.string(),
});
export const MyElevatorShares = z.object({
  shares: z.array(ElevatorShareRow.extend({ entranceCode: z.string(), totalFen: z.number(), method: z.string() })),
});
export type ElevatorPlanBody = z.infer<typeof ElevatorPlanBody>;
