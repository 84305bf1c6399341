import { gradeBandsRule, type ProjectEvaluationView } from '@gongzhi/shared';
import type { candidatesView, rankingView, rollupView, Settings } from './views';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const table = (head: string[], rows: unknown[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.length ? rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${head.length}">暂无数据</td></tr>`
  }</tbody></table>`;

const CSS = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #999}h3{font-size:15px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}th,td{border:1px solid #888;padding:4px 6px;text-align:left}
th{background:#eee}.note{color:#555;font-size:12px}@media print{body{margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}`;

export function reportHtml(input: {
  scopeName: string;
  year?: number;
  settings: Settings;
  evaluations: ProjectEvaluationView[];
  ranking: ReturnType<typeof rankingView>;
  rollups: Awaited<ReturnType<typeof rollupView>>[];
  candidates: Awaited<ReturnType<typeof candidatesView>>;
}): string {
  const { settings: s } = input;
  const title = `${input.scopeName}${input.year ? ` ${input.year} 年度` : ''}老旧小区改造绩效评价报告`;
  const parts = [
    `<h1>${esc(title)}</h1>`,
    `<p class="note">生成时间：${esc(new Date().toISOString())}。评价维度：民意协商、方案编制、改造成效、满意度；权重 ${esc(
      `${s.weights.consultation}:${s.weights.planning}:${s.weights.results}:${s.weights.satisfaction}`,
    )}；等级：${esc(gradeBandsRule(s.bands))}。</p>`,
    '<h2>一、排名</h2>',
    table(
      ['名次', '小区', '年度', '民意协商', '方案编制', '改造成效', '满意度', '总分', '等级'],
      input.ranking.rows.map((r) => [r.rank, r.complexName, r.year, ...r.dimensions.map((d) => d.score), r.total, r.gradeLabel]),
    ),
    '<h2>二、汇总</h2>',
    ...input.rollups.map(
      (r) =>
        `<h3>按${esc(r.levelLabel)}</h3>` +
        table(
          ['区域', '项目数', '平均分', '优秀', '良好', '合格', '差'],
          [
            ...r.byArea.map((a) => [a.areaName, a.count, a.mean ?? '—', ...a.distribution.map((d) => d.count)]),
            ['合计', r.count, r.mean ?? '—', ...r.distribution.map((d) => d.count)],
          ],
        ),
    ),
    '<h2>三、各项目评分与依据</h2>',
    ...input.evaluations.map(
      (e) =>
        `<h3>${esc(e.complexName)}（${e.year}）总分 ${e.total}，${esc(e.gradeLabel)}</h3>` +
        table(
          ['维度', '指标', '分子/分母', '比率（%）', '说明', '维度得分'],
          e.dimensions.flatMap((d) => d.components.map((c) => [d.label, c.label, `${c.num}/${c.den}`, c.percent, c.note ?? '', d.score])),
        ) +
        `<p class="note">${esc(e.formula)}</p>`,
    ),
    '<h2>四、下一年度候选小区优先顺序</h2>',
    `<p class="note">${esc(input.candidates.rule)}</p>`,
    table(
      ['顺序', '小区', '年度', '改造意愿（%）', '参与率（%）'],
      input.candidates.rows.map((r) => [r.rank, r.complexName, r.year, r.willingness.percent, r.participation.percent]),
    ),
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>`;
}
