import { sha256Hex } from '@gongzhi/shared';
import { logger } from '../platform/logger';
import { publishSystemNotice } from '../notices';
import { Area } from '../roster';
import type { LogEntryDoc } from './ballotModels';
import { readLog } from './integrity';
import { Consultation, type ConsultationDoc } from './model';
import { bodyOf } from './logBody';

/**
 * The daily head digest: for each street, one notice in the street's feed listing the chain head of every vote of
 * that street at the end of a (Beijing) day. Rewriting one complex's history afterwards means contradicting a notice
 * everyone in the street could read. Published once per street and day (notice sourceKey); only for days on which
 * some vote of the street was open.
 */
const DAY_MS = 24 * 3600_000;
const BEIJING_MS = 8 * 3600_000;

/** [start, end) of the Beijing calendar day containing `at`, and its label. */
export function beijingDay(at: Date): { start: Date; end: Date; label: string } {
  const local = at.getTime() + BEIJING_MS;
  const startLocal = local - (local % DAY_MS);
  return { start: new Date(startLocal - BEIJING_MS), end: new Date(startLocal - BEIJING_MS + DAY_MS), label: new Date(startLocal).toISOString().slice(0, 10) };
}

/** The head as of `end`: the last entry written before it (entries carry their time in the hashed body). */
function headAt(entries: readonly LogEntryDoc[], end: Date): LogEntryDoc | null {
  let head: LogEntryDoc | null = null;
  for (const e of entries) {
    if (new Date(String(bodyOf(e).at ?? 0)) >= end) break;
    head = e;
  }
  return head;
}

export async function publishHeadDigest(day: Date): Promise<number> {
  const { start, end, label } = beijingDay(day);
  const active = (await Consultation.find({ status: { $in: ['open', 'closed', 'announced'] }, openedAt: { $lt: end } })
    .select('title areaPath complexCode openedAt closedAt createdBy')
    .lean()) as ConsultationDoc[];
  const inDay = active.filter((c) => !c.closedAt || new Date(c.closedAt) >= start);
  const streets = await Area.find({ level: 'street', code: { $in: [...new Set(inDay.flatMap((c) => c.areaPath))] } })
    .select('code name')
    .lean();
  let published = 0;
  for (const street of streets) {
    const votes = inDay.filter((c) => c.areaPath.includes(street.code)).sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const lines: string[] = [];
    for (const c of votes) {
      const head = headAt(await readLog(String(c._id)), end);
      if (head) lines.push(`《${c.title}》（编号 ${String(c._id)}）：日志条数 ${head.seq}；最终哈希 ${head.hash}`);
    }
    if (lines.length === 0) continue;
    const body = [
      `${label}（北京时间）本街道各项表决投票日志的链头如下。任何人可用它核对日后公布的日志是否被改写。`,
      '',
      ...lines,
      '',
      `本摘要的哈希：${sha256Hex(lines.join('\n'))}`,
    ].join('\n');
    const { created } = await publishSystemNotice({
      kind: 'general',
      audience: { type: 'area', code: street.code },
      title: `表决日志每日摘要 ${label}`,
      body,
      titleBo: `འོས་ཤོག་ཟིན་ཐོའི་ཉིན་རེའི་སྙིང་བསྡུས། ${label}`,
      publisherId: votes[0].createdBy,
      sourceKey: `consultation-digest:${street.code}:${label}`,
    });
    if (created) published++;
  }
  if (published) logger.info({ day: label, published }, 'daily ballot-head digests published');
  return published;
}
