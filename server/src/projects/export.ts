import { chinaDateTime, ITEM_CATEGORY_LABELS, PROJECT_STATUS_LABELS } from '@gongzhi/shared';
import type { ProjectDoc } from './model';
import { presentFunding } from './presenter';
import { listProgress } from './queries';
import { MONEY_FMT, workbookBuffer, yuan } from '../platform/xlsx';

const day = (d: Date | null | undefined) => (d ? chinaDateTime(d) : '');

/** The project's tables: items, funding plan with the 2:1:1 split, stage history and progress updates. */
export async function projectWorkbook(p: ProjectDoc): Promise<Buffer> {
  const f = presentFunding(p);
  const progress = await listProgress(String(p._id));
  return workbookBuffer([
    {
      name: '改造内容',
      heading: [`${p.name}（${PROJECT_STATUS_LABELS[p.status]}）`],
      columns: [
        { header: '类别', key: 'cat' },
        { header: '项目', key: 'name', width: 20 },
        { header: '数量', key: 'qty' },
        { header: '单位', key: 'unit' },
        { header: '预算（元）', key: 'yuan', numFmt: MONEY_FMT, width: 14 },
        { header: '预算（分）', key: 'fen', width: 14 },
        { header: '计划完成', key: 'plan', width: 12 },
        { header: '进度（%）', key: 'pct' },
        { header: '完成时间', key: 'done', width: 18 },
      ],
      rows: [
        ...p.items.map((i) => ({
          cat: ITEM_CATEGORY_LABELS[i.category],
          name: i.name,
          qty: i.quantity,
          unit: i.unit,
          yuan: yuan(i.budgetFen),
          fen: i.budgetFen,
          plan: i.plannedFinishOn ?? '',
          pct: i.percent,
          done: day(i.completedAt),
        })),
        { cat: '合计', yuan: yuan(p.items.reduce((s, i) => s + i.budgetFen, 0)), fen: p.items.reduce((s, i) => s + i.budgetFen, 0) },
      ],
    },
    {
      name: '资金筹措',
      heading: f ? [f.balanceText, f.shortfallRule, f.split.remainderRule] : ['尚未编制资金筹措方案'],
      columns: [
        { header: '资金来源', key: 'label', width: 20 },
        { header: '金额（元）', key: 'yuan', numFmt: MONEY_FMT, width: 16 },
        { header: '金额（分）', key: 'fen', width: 16 },
      ],
      rows: f
        ? [
            ...f.lines.map((l) => ({ label: l.label, yuan: yuan(l.amountFen), fen: l.amountFen })),
            ...f.input.utilities.map((u) => ({ label: `　其中：${u.name}`, yuan: yuan(u.amountFen), fen: u.amountFen })),
            { label: '合计', yuan: yuan(f.totalFen), fen: f.totalFen },
            { label: '预算', yuan: yuan(f.budgetFen), fen: f.budgetFen },
            { label: '差额（合计 − 预算）', yuan: yuan(f.differenceFen), fen: f.differenceFen },
          ]
        : [],
    },
    {
      name: '阶段记录',
      columns: [
        { header: '阶段', key: 'to' },
        { header: '时间', key: 'at', width: 18 },
        { header: '操作人', key: 'by', width: 26 },
        { header: '说明', key: 'note', width: 30 },
      ],
      rows: p.transitions.map((t) => ({ to: PROJECT_STATUS_LABELS[t.to], at: day(t.at), by: t.by, note: t.note ?? '' })),
    },
    {
      name: '施工进度',
      columns: [
        { header: '时间', key: 'at', width: 18 },
        { header: '说明', key: 'note', width: 30 },
        { header: '各项进度', key: 'items', width: 50 },
        { header: '照片数', key: 'photos' },
      ],
      rows: progress.map((u) => ({
        at: day(u.at),
        note: u.note,
        items: u.items.map((i) => `${i.name} ${i.percent}%`).join('；'),
        photos: u.photoFileIds.length,
      })),
    },
  ]);
}
