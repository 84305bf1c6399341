import { EVALUATION_LEVELS, type EvaluationDashboardView, type FiguresView, type ProjectEvaluationView } from '@gongzhi/shared';
import type { SheetSpec } from '../platform/xlsx';
import type { candidatesView, rankingView, rollupView } from './views';

type Rollup = Awaited<ReturnType<typeof rollupView>>;
type Ranking = ReturnType<typeof rankingView>;
type Candidates = Awaited<ReturnType<typeof candidatesView>>;

/** Levels at and below the scope's own level (a county report rolls up by community, street and county). */
export const levelsFor = (scopeLevel: string) => EVALUATION_LEVELS.slice(0, Math.max(0, EVALUATION_LEVELS.indexOf(scopeLevel as never)) + 1);

/** The dashboard's figures as cells: the scope's total row, then one row per child (as the screen lists them). */
export function figureCells(f: FiguresView) {
  return {
    projects: f.projects,
    graded: f.graded,
    provisional: f.provisional,
    ...Object.fromEntries(f.dimensions.map((d, i) => [`d${i}`, d.mean ?? ''])),
    total: f.total.mean ?? '',
    pn: f.participation.num,
    pd: f.participation.den,
    pp: f.participation.percent ?? '',
    rf: f.pledges.receivedFen / 100,
    tf: f.pledges.targetFen / 100,
    fp: f.pledges.percent ?? '',
    ld: f.pledges.labourDays,
    rc: f.satisfaction.count,
    rm: f.satisfaction.mean ?? '',
    ...Object.fromEntries(f.satisfaction.counts.map((c, i) => [`s${i + 1}`, c])),
    ...Object.fromEntries(f.distribution.map((g) => [g.grade, g.count])),
  };
}

export function dashboardSheet(v: EvaluationDashboardView): SheetSpec {
  return {
    name: '看板',
    heading: [`绩效评价看板（${v.name}${v.year ? ` ${v.year} 年` : ''}${v.stage ? `，仅 ${v.stage}` : ''}）`, v.gradeRule],
    columns: [
      { header: v.childLevelLabel ?? '区域', key: 'name', width: 20 },
      { header: '编码', key: 'code', width: 26 },
      { header: '名次', key: 'rank' },
      { header: '阶段', key: 'stage' },
      { header: '等级', key: 'grade' },
      { header: '项目数', key: 'projects' },
      { header: '已评级', key: 'graded' },
      { header: '其中预评', key: 'provisional' },
      { header: '民意协商', key: 'd0' },
      { header: '方案编制', key: 'd1' },
      { header: '改造成效', key: 'd2' },
      { header: '满意度', key: 'd3' },
      { header: '总分', key: 'total' },
      { header: '参与人数', key: 'pn' },
      { header: '应参与人数', key: 'pd' },
      { header: '参与率（%）', key: 'pp' },
      { header: '已到位出资（元）', key: 'rf' },
      { header: '居民出资计划（元）', key: 'tf' },
      { header: '到位率（%）', key: 'fp' },
      { header: '劳务（天）', key: 'ld' },
      { header: '评价户数', key: 'rc' },
      { header: '平均评分', key: 'rm' },
      { header: '1 星', key: 's1' },
      { header: '2 星', key: 's2' },
      { header: '3 星', key: 's3' },
      { header: '4 星', key: 's4' },
      { header: '5 星', key: 's5' },
      { header: '优秀', key: 'excellent' },
      { header: '良好', key: 'good' },
      { header: '合格', key: 'qualified' },
      { header: '差', key: 'poor' },
    ],
    rows: [
      ...v.rows.map((r) => ({
        name: r.name,
        code: r.code,
        rank: r.rank ?? '',
        stage: r.project?.statusLabel ?? '',
        grade: r.project?.gradeLabel ?? '',
        ...figureCells(r.figures),
      })),
      { name: '合计', code: v.code, rank: '', stage: '', grade: '', ...figureCells(v.figures) },
    ],
  };
}

export function rankingSheet(r: Ranking): SheetSpec {
  return {
    name: '排名',
    heading: [`绩效评价排名（${r.scope}${r.year ? ` ${r.year} 年` : ''}）`],
    columns: [
      { header: '名次', key: 'rank' },
      { header: '小区', key: 'name', width: 20 },
      { header: '小区编码', key: 'code', width: 14 },
      { header: '年度', key: 'year' },
      { header: '民意协商', key: 'd0' },
      { header: '方案编制', key: 'd1' },
      { header: '改造成效', key: 'd2' },
      { header: '满意度', key: 'd3' },
      { header: '总分', key: 'total' },
      { header: '等级', key: 'grade' },
      { header: '阶段', key: 'stage' },
    ],
    rows: r.rows.map((x) => ({
      rank: x.rank,
      name: x.complexName,
      code: x.complexCode,
      year: x.year,
      total: x.total,
      grade: x.gradeLabel,
      stage: x.statusLabel,
      ...Object.fromEntries(x.dimensions.map((d, i) => [`d${i}`, d.score])),
    })),
  };
}

export function rollupSheet(r: Rollup): SheetSpec {
  const dist = (d: Rollup['distribution']) => Object.fromEntries(d.map((g) => [g.grade, g.count]));
  return {
    name: `按${r.levelLabel}汇总`,
    heading: [`绩效评价按${r.levelLabel}汇总（${r.scopeName}${r.year ? ` ${r.year} 年` : ''}）`],
    columns: [
      { header: r.levelLabel, key: 'name', width: 20 },
      { header: '区域编码', key: 'code', width: 14 },
      { header: '项目数', key: 'count' },
      { header: '平均分', key: 'mean' },
      { header: '优秀', key: 'excellent' },
      { header: '良好', key: 'good' },
      { header: '合格', key: 'qualified' },
      { header: '差', key: 'poor' },
    ],
    rows: [
      ...r.byArea.map((a) => ({ name: a.areaName, code: a.areaCode, count: a.count, mean: a.mean, ...dist(a.distribution) })),
      { name: '合计', code: r.scope, count: r.count, mean: r.mean, ...dist(r.distribution) },
    ],
  };
}

export function candidatesSheet(c: Candidates): SheetSpec {
  return {
    name: '候选小区',
    heading: ['下一年度改造候选小区优先顺序', c.rule],
    columns: [
      { header: '顺序', key: 'rank' },
      { header: '小区', key: 'name', width: 20 },
      { header: '小区编码', key: 'code', width: 14 },
      { header: '年度', key: 'year' },
      { header: '同意人数', key: 'wn' },
      { header: '参与人数', key: 'wd' },
      { header: '意愿（%）', key: 'wp' },
      { header: '总人数', key: 'pd' },
      { header: '参与率（%）', key: 'pp' },
      { header: '说明', key: 'why', width: 60 },
    ],
    rows: c.rows.map((r) => ({
      rank: r.rank,
      name: r.complexName,
      code: r.complexCode,
      year: r.year,
      wn: r.willingness.num,
      wd: r.willingness.den,
      wp: Number(r.willingness.percent),
      pd: r.participation.den,
      pp: Number(r.participation.percent),
      why: r.explanation,
    })),
  };
}

/** One row per dimension component: what was counted, the rate and the resulting score. */
export function detailSheet(evals: ProjectEvaluationView[], name = '评分明细'): SheetSpec {
  return {
    name,
    columns: [
      { header: '小区', key: 'name', width: 20 },
      { header: '年度', key: 'year' },
      { header: '维度', key: 'dim' },
      { header: '权重', key: 'w' },
      { header: '指标', key: 'label', width: 18 },
      { header: '分子', key: 'num' },
      { header: '分母', key: 'den' },
      { header: '比率（%）', key: 'pct' },
      { header: '说明', key: 'note', width: 20 },
      { header: '维度得分', key: 'score' },
      { header: '总分', key: 'total' },
      { header: '等级', key: 'grade' },
    ],
    rows: evals.flatMap((e) =>
      e.dimensions.flatMap((d) =>
        d.components.map((c) => ({
          name: e.complexName,
          year: e.year,
          dim: d.label,
          w: e.weights[d.dimension],
          label: c.label,
          num: c.num,
          den: c.den,
          pct: Number(c.percent),
          note: c.note ?? '',
          score: d.score,
          total: e.total,
          grade: e.gradeLabel,
        })),
      ),
    ),
  };
}

export function formulaSheet(evals: ProjectEvaluationView[]): SheetSpec {
  return {
    name: '计算公式',
    columns: [
      { header: '小区', key: 'name', width: 20 },
      { header: '公式', key: 'formula', width: 120 },
    ],
    rows: evals.flatMap((e) => [...e.dimensions.map((d) => ({ name: e.complexName, formula: d.formula })), { name: e.complexName, formula: e.formula }]),
  };
}
