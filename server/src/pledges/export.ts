import { PLEDGE_KIND_LABELS, PLEDGE_STATUS_LABELS } from '@gongzhi/shared';
import type { ProjectDoc } from '../projects';
import { MONEY_FMT, workbookBuffer, yuan } from '../platform/xlsx';
import { pledgeTotals } from './ledger';
import { Pledge } from './model';
import { daysOf, labelsFor, quantityOf } from './presenter';

/** The committee's workbook: every pledge with names and history dates, and the totals. */
export async function pledgesWorkbook(project: ProjectDoc): Promise<Buffer> {
  const pledges = await Pledge.find({ projectId: project._id }).sort({ createdAt: 1 }).lean();
  const labels = await labelsFor(pledges);
  const totals = await pledgeTotals(project._id);
  const share = project.funding?.input.residentsFen ?? 0;
  const at = (p: (typeof pledges)[number], s: string) => {
    const h = p.history.find((x) => x.to === s);
    return h ? new Date(h.at).toISOString().slice(0, 10) : '';
  };
  return workbookBuffer([
    {
      name: '认捐明细',
      heading: [`${project.name} 认捐明细`],
      columns: [
        { header: '房屋', key: 'dwelling', width: 18 },
        { header: '认捐人', key: 'name', width: 12 },
        { header: '类型', key: 'kind' },
        { header: '金额（元）', key: 'yuan', numFmt: MONEY_FMT, width: 14 },
        { header: '金额（分）', key: 'fen', width: 14 },
        { header: '物资', key: 'item' },
        { header: '数量', key: 'qty' },
        { header: '单位', key: 'unit' },
        { header: '投工（天）', key: 'days' },
        { header: '工种', key: 'skill' },
        { header: '状态', key: 'status' },
        { header: '认捐日期', key: 'pledged', width: 12 },
        { header: '确认日期', key: 'confirmed', width: 12 },
        { header: '兑现日期', key: 'fulfilled', width: 12 },
        { header: '取消原因', key: 'reason', width: 20 },
      ],
      rows: pledges.map((p) => ({
        dwelling: labels.dwellings.get(String(p.dwellingId))?.label ?? '',
        name: labels.users.get(p.userId)?.displayName ?? '',
        kind: PLEDGE_KIND_LABELS[p.kind],
        yuan: p.kind === 'money' ? yuan(p.amountFen) : null,
        fen: p.kind === 'money' ? p.amountFen : null,
        item: p.material?.item ?? null,
        qty: p.material ? quantityOf(p) : null,
        unit: p.material?.unit ?? null,
        days: p.labour ? daysOf(p) : null,
        skill: p.labour?.skill ?? null,
        status: PLEDGE_STATUS_LABELS[p.status],
        pledged: at(p, 'pledged'),
        confirmed: at(p, 'confirmed'),
        fulfilled: at(p, 'fulfilled'),
        reason: p.cancelReason ?? null,
      })),
    },
    {
      name: '汇总',
      heading: [`${project.name} 认捐汇总`, `居民出资份额 ${yuan(share).toFixed(2)} 元；已确认收到 ${yuan(totals.receivedFen).toFixed(2)} 元`],
      columns: [
        { header: '状态', key: 'status' },
        { header: '资金（分）', key: 'fen', width: 14 },
        { header: '资金（元）', key: 'yuan', numFmt: MONEY_FMT, width: 14 },
        { header: '资金笔数', key: 'mc' },
        { header: '投工（天）', key: 'days' },
        { header: '投工笔数', key: 'lc' },
        { header: '物资', key: 'mats', width: 30 },
      ],
      rows: [...totals.byStatus, { status: 'active', label: '有效合计', totals: totals.active }].map((s) => ({
        status: s.label,
        fen: s.totals.moneyFen,
        yuan: yuan(s.totals.moneyFen),
        mc: s.totals.moneyCount,
        days: s.totals.labourDays,
        lc: s.totals.labourCount,
        mats: s.totals.materials.map((m) => `${m.item} ${m.quantity}${m.unit}`).join('；'),
      })),
    },
  ]);
}
