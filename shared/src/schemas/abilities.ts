import { z } from 'zod';

/**
 * What the caller may do with the object a view shows, computed on the server by the same policy functions its routes
 * call (tests/api/abilities.matrix.test.ts calls each route and checks it agrees). The mini-program shows or hides
 * actions from these flags instead of re-deriving roles; a true flag can still meet a state refusal (409), never a 403.
 */
export const ConsultationAbilities = z.object({
  canManage: z.boolean().describe('编辑/发布/删除草稿、录入纸质票、看分楼栋参与、处理冲突、提醒、登记送达、提前结束'),
  canVote: z.boolean().describe('本人持有表决范围内房屋的表决权（业主、经审核的受托人；问卷为任一住户）'),
  canVerify: z.boolean().describe('回执核验、日志验证、重新计票'),
  canAudit: z.boolean().describe('结束后查看逐户选票（审计）'),
});
export type ConsultationAbilities = z.infer<typeof ConsultationAbilities>;

export const NoticeAbilities = z.object({
  canManage: z.boolean().describe('修改、撤回、看阅读统计、答复异议、提醒未读'),
  canObject: z.boolean().describe('本人房屋在公示范围内，可对已发布的公告提出异议（公示期另行判断）'),
});
export type NoticeAbilities = z.infer<typeof NoticeAbilities>;

export const ProjectAbilities = z.object({
  canPlan: z.boolean().describe('改造内容、资金方案、推进阶段、联合验收、关联表决'),
  canReportProgress: z.boolean().describe('发布进度与照片'),
  canComment: z.boolean().describe('在项目讨论中发言'),
  canReadTables: z.boolean().describe('导出项目表格'),
});
export type ProjectAbilities = z.infer<typeof ProjectAbilities>;
