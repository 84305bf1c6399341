import type { ConsultationElectorateScope, ConsultationKind, ConsultationQuestion } from '@gongzhi/shared';
import { unprocessable } from '../../platform/errors';
import { Project } from '../../projects';
import { Area } from '../../roster';

/** Checks that apply to a draft as a whole (create and edit). */
export async function checkScope(complexCode: string, scope: ConsultationElectorateScope) {
  if (scope.level === 'buildings') {
    const codes = [...new Set(scope.buildingCodes ?? [])];
    const n = await Area.countDocuments({ code: { $in: codes }, level: 'building', path: complexCode });
    if (n !== codes.length) throw unprocessable('SCOPE_INVALID', '所选楼栋不属于该小区', { buildingCodes: codes });
    return { level: scope.level, buildingCodes: codes, entranceCode: null };
  }
  if (scope.level === 'entrance') {
    const ok = await Area.exists({ code: scope.entranceCode, level: 'entrance', path: complexCode });
    if (!ok) throw unprocessable('SCOPE_INVALID', '所选单元不属于该小区', { entranceCode: scope.entranceCode });
    return { level: scope.level, buildingCodes: [], entranceCode: scope.entranceCode! };
  }
  return { level: 'complex' as const, buildingCodes: [], entranceCode: null };
}

export function checkQuestions(kind: ConsultationKind, questions: readonly ConsultationQuestion[]) {
  if (new Set(questions.map((q) => q.id)).size !== questions.length) throw unprocessable('QUESTIONS_INVALID', '事项编号重复');
  if (kind === 'survey' && questions.some((q) => q.rule !== 'survey')) {
    throw unprocessable('QUESTIONS_INVALID', '问卷调查的所有题目都只能按“问卷”统计，不作决定');
  }
}

export function checkWindow(opensAt: Date, closesAt: Date) {
  if (!(closesAt.getTime() > opensAt.getTime())) throw unprocessable('INVALID_WINDOW', '截止时间必须晚于开始时间');
}

export function checkLeadTime(kind: ConsultationKind, leadTimeHours: number, minLeadTimeHours: number) {
  if (kind !== 'survey' && leadTimeHours < minLeadTimeHours) {
    throw unprocessable('LEAD_TIME_TOO_SHORT', `公告到开始投票至少提前 ${minLeadTimeHours} 小时`, { minLeadTimeHours, leadTimeHours });
  }
}

/** A vote may be about a project of its own complex only (an id from elsewhere is refused, not stored). */
export async function checkProject(complexCode: string, projectId: string | null | undefined) {
  if (!projectId) return;
  const p = await Project.findById(projectId).select('complexCode').lean();
  if (!p || p.complexCode !== complexCode) throw unprocessable('PROJECT_NOT_IN_COMPLEX', '关联的改造项目不存在或不属于本小区');
}
