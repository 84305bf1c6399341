import { privateBodyDigest, splitBody } from '@gongzhi/shared';
import { z } from 'zod';
import { conflict } from '../../platform/errors';
import { dwellingLabel } from '../electorate';
import { integrityReport } from '../integrity';
import type { ConsultationDoc } from '../model';

/** Format of the anonymised sealed log (docs/integrity.md): what an outside verifier needs, and nothing that names a person. */
export const SealedLogDownload = z.object({
  format: z.literal('gongzhi-sealed-log/1'),
  consultationId: z.string(),
  title: z.string(),
  questions: z.array(z.unknown()),
  covenant: z.object({ enabled: z.boolean() }),
  electorate: z.array(z.object({ dwellingId: z.string(), label: z.string(), areaHundredths: z.number().int(), group: z.string() })),
  entries: z.array(
    z.object({
      seq: z.number().int(),
      prevHash: z.string(),
      hash: z.string(),
      receiptCode: z.string(),
      body: z.record(z.string(), z.unknown()),
      privateDigest: z.string().nullable(),
    }),
  ),
  announced: z.unknown().describe('公布的结果（含最终哈希）'),
  noticeHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable().describe('结果公告上印的最终哈希'),
});

/**
 * The sealed log with private members replaced by their salted digest, the electorate as dwelling codes, labels,
 * areas and headcount groups (renamed g1, g2 … so an owner's identity key is not published), the announced result
 * and the head printed in the 结果公告. Only after close.
 */
export async function anonymisedLog(c: ConsultationDoc): Promise<z.infer<typeof SealedLogDownload>> {
  if (!c.result) throw conflict('CONSULTATION_NOT_CLOSED', '表决结束后才能下载封存日志');
  const r = await integrityReport(c);
  const groups = new Map<string, string>();
  const group = (k: string) => groups.get(k) ?? (groups.set(k, `g${groups.size + 1}`), groups.get(k)!);
  const members = [...r.members].sort((a, b) => (a.dwellingId < b.dwellingId ? -1 : 1));
  return {
    format: 'gongzhi-sealed-log/1',
    consultationId: String(c._id),
    title: c.title,
    questions: c.questions.map((q) => ({
      id: q.id,
      title: q.title,
      format: q.format,
      rule: q.rule,
      options: (q.options ?? []).map((o) => ({ id: o.id, label: o.label })),
      maxChoices: q.maxChoices,
      ranked: q.ranked,
    })),
    covenant: { enabled: c.covenant.enabled },
    electorate: members.map((m) => ({ dwellingId: m.dwellingId, label: dwellingLabel(m), areaHundredths: m.areaHundredths, group: group(m.headcountKey) })),
    entries: r.entries.map((e) => {
      if (!e.salt)
        return { seq: e.seq, prevHash: e.prevHash, hash: e.hash, receiptCode: e.receiptCode, body: splitBody(e.body).publicBody, privateDigest: null };
      const { publicBody, privateBody } = splitBody(e.body);
      return {
        seq: e.seq,
        prevHash: e.prevHash,
        hash: e.hash,
        receiptCode: e.receiptCode,
        body: publicBody,
        privateDigest: privateBodyDigest(e.salt, privateBody),
      };
    }),
    announced: c.result,
    noticeHead: r.noticeHead,
  };
}
