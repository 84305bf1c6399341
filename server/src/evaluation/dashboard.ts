import {
  childLevelOf,
  DRILL_LEVEL_LABELS,
  drillDown,
  formatPercent,
  gradeBandsRule,
  gradeByBands,
  gradeKindOf,
  gradeLabelOf,
  PROJECT_STATUS_LABELS,
  UNGRADED_LABEL,
  type DrillLevel,
  type EvaluationDashboardView,
  type ProjectFacts,
} from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { Area } from '../roster';
import { scopeData, type Filter, type ScopeData } from './figures';
import { canReadEvaluationScope } from './policy';
import { CANDIDATE_RULE } from './views';

type Query = Filter & { limit: number; offset: number };

const levelLabel = (level: string) => DRILL_LEVEL_LABELS[level as DrillLevel] ?? (level === 'community' ? '社区' : level);

function projectRow(f: ProjectFacts, d: ScopeData) {
  const kind = gradeKindOf(f.status);
  const grade = kind === 'none' ? null : gradeByBands(f.totalHundredths, d.settings.bands);
  const p = d.projects.find((x) => String(x._id) === f.projectId)!;
  return {
    code: f.projectId,
    name: p.name,
    nameBo: null,
    level: 'project',
    project: {
      projectId: f.projectId,
      complexCode: f.complexCode,
      complexName: f.complexName,
      year: f.year,
      status: f.status,
      statusLabel: PROJECT_STATUS_LABELS[f.status],
      gradeKind: kind,
      total: kind === 'none' ? null : f.totalHundredths / 100,
      grade,
      gradeLabel: grade ? gradeLabelOf(grade, kind) : UNGRADED_LABEL,
    },
  };
}

/** The scope's figures, its children ranked (one page), the path above it and next year's priority list. */
export function dashboardOf(
  d: ScopeData,
  q: Query,
  names: Map<string, { name: string; nameBo: string | null }>,
  breadcrumb: EvaluationDashboardView['breadcrumb'],
) {
  const drill = drillDown(d.facts, d.area.level, d.settings.bands);
  const prio = drillDown(d.candidates, d.area.level, d.settings.bands).priority;
  const rows = drill.children.map((c) =>
    c.project
      ? { ...projectRow(c.project, d), rank: c.rank, figures: c.figures }
      : {
          code: c.code,
          name: names.get(c.code)?.name ?? c.code,
          nameBo: names.get(c.code)?.nameBo ?? null,
          level: c.level,
          rank: c.rank,
          figures: c.figures,
          project: null,
        },
  );
  const page = rows.slice(q.offset, q.offset + q.limit);
  const self = names.get(d.area.code);
  return {
    code: d.area.code,
    name: d.area.name,
    nameBo: self?.nameBo ?? null,
    level: d.area.level,
    levelLabel: levelLabel(d.area.level),
    childLevel: drill.level,
    childLevelLabel: drill.level ? levelLabel(drill.level) : null,
    year: q.year ?? null,
    stage: q.stage ?? null,
    gradeRule: gradeBandsRule(d.settings.bands),
    breadcrumb,
    figures: drill.figures,
    rows: page,
    totalRows: rows.length,
    nextOffset: q.offset + q.limit < rows.length ? q.offset + q.limit : null,
    priority: prio.map((r) => ({
      rank: r.rank,
      projectId: r.facts.projectId,
      complexCode: r.complexCode,
      complexName: r.facts.complexName,
      year: r.facts.year,
      willingness: { ...r.willingnessApprovalRate, percent: formatPercent(r.willingnessApprovalRate.num, r.willingnessApprovalRate.den) },
      participation: { ...r.participationRate, percent: formatPercent(r.participationRate.num, r.participationRate.den) },
      explanation: `${r.explanation}（${CANDIDATE_RULE}）`,
    })),
  } satisfies EvaluationDashboardView;
}

/** Names of the scope, its ancestors the caller may read, and the child areas (one read of the area collection). */
export async function dashboardView(user: AuthUser, q: Query, loaded?: ScopeData): Promise<EvaluationDashboardView> {
  const d = loaded ?? (await scopeData(user, q));
  const level = childLevelOf(d.area.level);
  const childCodes = level && level !== 'project' ? [...new Set(d.facts.map((f) => f.codes[level]).filter((c): c is string => !!c))] : [];
  const areas = await Area.find({ code: { $in: [...d.area.path, ...childCodes] } }).lean();
  const names = new Map(areas.map((a) => [a.code, { name: a.name ?? a.code, nameBo: a.nameBo ?? null }]));
  const breadcrumb = d.area.path
    .map((code) => areas.find((a) => a.code === code))
    .filter((a): a is NonNullable<typeof a> => !!a && canReadEvaluationScope(user, a.path ?? []))
    .map((a) => ({ code: a.code, name: a.name ?? a.code, nameBo: a.nameBo ?? null, level: a.level }));
  return dashboardOf(d, q, names, breadcrumb);
}
