import type { ProjectDoc } from '../projects';
import { workbookBuffer } from '../platform/xlsx';
import { dwellingsByIds } from '../roster';
import { Rating } from './model';
import { ratingSummary } from './summary';

const distColumns = [
  { header: '1 分', key: 'c1' },
  { header: '2 分', key: 'c2' },
  { header: '3 分', key: 'c3' },
  { header: '4 分', key: 'c4' },
  { header: '5 分', key: 'c5' },
  { header: '评价户数', key: 'count' },
  { header: '评分合计', key: 'sum' },
  { header: '平均分', key: 'mean' },
];
const distRow = (d: { counts: number[]; count: number; sum: number; mean: number | null }) => ({
  c1: d.counts[0],
  c2: d.counts[1],
  c3: d.counts[2],
  c4: d.counts[3],
  c5: d.counts[4],
  count: d.count,
  sum: d.sum,
  mean: d.mean,
});

/** Distribution per item and overall, and each dwelling's rating (no names). */
export async function ratingsWorkbook(project: ProjectDoc): Promise<Buffer> {
  const s = await ratingSummary(project);
  const ratings = await Rating.find({ projectId: project._id }).lean();
  const dw = await dwellingsByIds(ratings.map((r) => String(r.dwellingId)));
  const itemName = new Map(project.items.map((i) => [String(i._id), i.name]));
  return workbookBuffer([
    {
      name: '满意度汇总',
      heading: [`${project.name} 满意度评价汇总`],
      columns: [{ header: '评价对象', key: 'what', width: 20 }, ...distColumns],
      rows: [{ what: '总体', ...distRow(s.overall) }, ...s.items.map((i) => ({ what: i.name, ...distRow(i) }))],
    },
    {
      name: '评价明细',
      columns: [
        { header: '房屋', key: 'dwelling', width: 18 },
        { header: '总体评分', key: 'overall' },
        { header: '分项评分', key: 'items', width: 40 },
        { header: '意见', key: 'comment', width: 40 },
        { header: '更新时间', key: 'at', width: 22 },
      ],
      rows: ratings.map((r) => ({
        dwelling: dw.get(String(r.dwellingId))?.label ?? '',
        overall: r.overall,
        items: r.items.map((i) => `${itemName.get(i.itemId) ?? i.itemId} ${i.score}`).join('；'),
        comment: r.comment ?? '',
        at: new Date(r.updatedAt).toISOString(),
      })),
    },
  ]);
}
