import {
  evaluateProject,
  gradeKindOf,
  gradeLabelOf,
  type ProjectEvaluationView,
  PROJECT_STATUS_LABELS,
  regradeEvaluation,
  UNGRADED_LABEL,
} from '@gongzhi/shared';
import type { ProjectDoc } from '../projects';
import { ruleError } from '../platform/errors';
import { consultationPart, loadInputs, planningPart, resultsPart, satisfactionPart, type RawInputs } from './inputs';
import type { Settings } from './settings';

/** The four dimensions of each project, each with the inputs it was computed from (all arithmetic in shared rules). */
export async function evaluateProjects(
  projects: ProjectDoc[],
  settings: Settings,
  now = new Date(),
  inputs?: (p: ProjectDoc) => RawInputs,
): Promise<ProjectEvaluationView[]> {
  const rawOf = inputs ?? (await loadInputs(projects));
  return projects.map((p) => {
    const raw = rawOf(p);
    const parts = {
      consultation: consultationPart(raw),
      planning: planningPart(p, raw, settings.planPublicityDays, now),
      results: resultsPart(p),
      satisfaction: satisfactionPart(raw),
    };
    let e: ReturnType<typeof evaluateProject>;
    try {
      e = regradeEvaluation(
        evaluateProject({
          consultation: parts.consultation.inputs,
          planning: parts.planning.inputs,
          results: parts.results.inputs,
          satisfaction: parts.satisfaction.inputs,
          weights: settings.weights,
        }),
        settings.bands,
      );
    } catch (err) {
      ruleError(err);
    }
    // The score is shown as it stands; the grade only when the stage allows it (see gradeKindOf).
    const gradeKind = gradeKindOf(p.status);
    return {
      projectId: String(p._id),
      complexCode: p.complexCode,
      complexName: p.complexName,
      year: p.year,
      status: p.status,
      statusLabel: PROJECT_STATUS_LABELS[p.status],
      dimensions: e.dimensions.map((d) => ({ ...d, inputs: parts[d.dimension].shown as Record<string, unknown> })),
      weights: e.weights,
      total: e.total,
      totalHundredths: e.totalHundredths,
      gradeKind,
      grade: gradeKind === 'none' ? null : e.grade,
      gradeLabel: gradeKind === 'none' ? UNGRADED_LABEL : gradeLabelOf(e.grade, gradeKind),
      formula:
        gradeKind === 'none' ? `${e.formula.split('，等级 ')[0]}；${PROJECT_STATUS_LABELS[p.status]}阶段不评等级（竣工验收时预评，后评价时评定）` : e.formula,
      computedAt: now.toISOString(),
    };
  });
}
