import type { Types } from 'mongoose';
import type { ConsultationResult } from '@gongzhi/shared';
import { meetingNoticeText, resultNoticeText } from '../../../server/src/consultations/resultText';
import { meetingNoticeTextBo, resultNoticeTextBo } from '../../../server/src/consultations/resultTextBo';
import type { ConsultationDoc } from '../../../server/src/consultations/model';
import { plainText, sanitizeBody } from '../../../server/src/notices/content';
import { DAY, oid, rng } from './ids';
import { insertChunks, type Street, type StreetComplex } from './street';
import { ConsultationListing } from '../../../server/src/consultations/listing';
import { ProjectListing } from '../../../server/src/projects/listing';
import { buildVote } from './votes';

/**
 * A year of a street office's activity, written in bulk in the shapes the real paths write (notices as insertNotice
 * leaves them after the fan-out, read receipts as markRead, votes as votes.ts, a project with ratings as submitRating):
 * per complex 18 notices, 2 announced votes with their meeting and result notices, 1 open vote, 1 project with monthly
 * progress and ratings; 12 street-wide notices. Owners read 30 % of their notices, other members 10 %.
 */
export interface StreetHistory {
  openVotes: { id: string; questionId: string; complex: StreetComplex; voted: Set<number> }[];
  closedVotes: string[];
  projects: string[];
  notices: number;
  reads: number;
  ballots: number;
  ratings: number;
}

const KINDS = ['general', 'general', 'plan_publicity', 'fund_publicity', 'general', 'acceptance_publicity'] as const;
const PUBLICITY = new Set(['plan_publicity', 'fund_publicity', 'acceptance_publicity']);

type Text = { title: string; body: string; titleBo?: string; bodyBo?: string };
function notice(
  key: string,
  kind: string,
  publisherId: string,
  at: Date,
  audience: { codes?: string[]; dwellingIds?: Types.ObjectId[]; scopePath: string[] },
  text: string | Text,
  pinned = false,
) {
  const t: Text = typeof text === 'string' ? { title: text, body: `<p>${text}。详情请见公告栏或咨询业委会。</p>` } : text;
  // As insertNotice stores it (the consultation texts are the ones announce.ts publishes).
  const content = {
    title: plainText(t.title),
    body: sanitizeBody(t.body),
    titleBo: t.titleBo ? plainText(t.titleBo) : null,
    bodyBo: t.bodyBo ? sanitizeBody(t.bodyBo, 'bodyBo') : null,
    attachments: [],
  };
  const days = PUBLICITY.has(kind) ? 7 : null;
  return {
    _id: oid(`notice:${key}`),
    kind,
    status: 'published',
    sourceKey: kind === 'meeting_notice' || kind === 'result_announcement' ? key : `user:${oid(key)}`,
    system: kind === 'meeting_notice' || kind === 'result_announcement',
    publisherId,
    audience: audience.dwellingIds ? { type: 'consultation', consultationId: key.split(':')[1] } : { type: 'area', code: audience.codes![0] },
    audienceCodes: audience.codes ?? [],
    audienceDwellingIds: audience.dwellingIds ?? [],
    scopePath: audience.scopePath,
    rooms: (audience.codes ?? []).map((c) => `area:${c}`),
    version: 1,
    ...content,
    versions: [{ version: 1, ...content, reason: null, by: publisherId, at }],
    pinned,
    publishAt: at,
    publishedAt: at,
    expireAt: null,
    displayDays: days,
    displayRule: days ? { minDays: 7, days } : null,
    objectionsUntil: days ? new Date(at.getTime() + days * DAY) : null,
    withdrawn: null,
    fanoutPending: null,
    createdAt: at,
    updatedAt: at,
  };
}

export async function seedHistory(street: Street, now = new Date()): Promise<StreetHistory> {
  const yearAgo = now.getTime() - 365 * DAY;
  const notices: ReturnType<typeof notice>[] = [];
  const reads: object[] = [];
  const out: StreetHistory = { openVotes: [], closedVotes: [], projects: [], notices: 0, reads: 0, ballots: 0, ratings: 0 };
  const readers = (n: ReturnType<typeof notice>, cxs: StreetComplex[], only?: Set<string>) => {
    const r = rng(`reads:${String(n._id)}`);
    for (const cx of cxs)
      cx.dwellings.forEach((d, i) => {
        if (only && !only.has(String(d._id))) return;
        for (const [uid, p] of [
          [cx.owners[i], 0.3],
          [cx.members[i], 0.1],
        ] as const) {
          if (r() < p)
            reads.push({
              _id: oid(`read:${String(n._id)}:${uid}`),
              noticeId: n._id,
              userId: uid,
              dwellingId: d._id,
              buildingCode: d.buildingCode,
              version: 1,
              readAt: new Date(n.publishedAt.getTime() + r() * 5 * DAY),
            });
        }
      });
  };
  for (let m = 0; m < 12; m++) {
    const n = notice(
      `street:${m}`,
      'general',
      street.staffId,
      new Date(yearAgo + (m + 0.5) * 30 * DAY),
      { codes: [street.code], scopePath: street.path },
      `街道月度通知（第${m + 1}期）`,
    );
    notices.push(n);
    readers(n, street.complexes);
  }
  const votes = { consultations: [] as object[], members: [] as object[], log: [] as object[], pages: [] as object[], ballots: [] as object[] };
  const projects: object[] = [];
  const progress: object[] = [];
  const ratings: object[] = [];
  for (const cx of street.complexes) {
    for (let j = 0; j < 18; j++) {
      const kind = KINDS[j % KINDS.length];
      const n = notice(
        `${cx.code}:n${j}`,
        kind,
        cx.committeeId,
        new Date(yearAgo + (j + 0.3) * 20 * DAY),
        { codes: [cx.code], scopePath: cx.path },
        `${cx.name}公告 ${j + 1}`,
      );
      notices.push(n);
      readers(n, [cx]);
    }
    const all = new Set(cx.dwellings.map((d) => String(d._id)));
    const vote = (k: number, opensAt: Date, closesAt: Date, closed: boolean) => {
      const key = `${cx.code}:v${k}`;
      const cid = String(oid(`consultation:${key}`));
      const noticeIds = {
        meeting: String(oid(`notice:consultation:${cid}:meeting`)),
        result: closed ? String(oid(`notice:consultation:${cid}:result`)) : null,
      };
      const v = buildVote(cx, key, { opensAt, closesAt, turnout: closed ? 0.72 : 0.35, closed, title: `改造意愿表决（第${k + 1}次）`, noticeIds });
      const c = v.consultation as unknown as ConsultationDoc;
      const names = { [cx.code]: cx.name };
      const meeting = notice(
        `consultation:${cid}:meeting`,
        'meeting_notice',
        cx.committeeId,
        new Date(opensAt.getTime() - 15 * DAY),
        { codes: [cx.code], scopePath: cx.path },
        { ...meetingNoticeText(c, names), titleBo: meetingNoticeTextBo(c, names).title, bodyBo: meetingNoticeTextBo(c, names).body },
      );
      const r = c.result as ConsultationResult | null;
      const result = r
        ? notice(
            `consultation:${cid}:result`,
            'result_announcement',
            cx.committeeId,
            new Date(closesAt.getTime() + 3_600_000),
            { codes: [cx.code], scopePath: cx.path },
            { ...resultNoticeText(c, r, names), titleBo: resultNoticeTextBo(c, r, names).title, bodyBo: resultNoticeTextBo(c, r, names).body },
            true,
          )
        : null;
      for (const n of result ? [meeting, result] : [meeting]) {
        notices.push(n);
        readers(n, [cx], all);
      }
      votes.consultations.push(v.consultation);
      votes.members.push(...v.members);
      votes.log.push(...v.log);
      votes.ballots.push(...v.ballots);
      votes.pages.push(...v.pages);
      return { id: cid, ballots: v.ballots as { dwellingId: string }[] };
    };
    out.closedVotes.push(vote(0, new Date(yearAgo + 60 * DAY), new Date(yearAgo + 90 * DAY), true).id);
    out.closedVotes.push(vote(1, new Date(yearAgo + 200 * DAY), new Date(yearAgo + 230 * DAY), true).id);
    const open = vote(2, new Date(now.getTime() - 5 * DAY), new Date(now.getTime() + 25 * DAY), false);
    const voted = new Set(open.ballots.map((b) => b.dwellingId));
    out.openVotes.push({
      id: open.id,
      questionId: 'renovate',
      complex: cx,
      voted: new Set(cx.dwellings.flatMap((d, i) => (voted.has(String(d._id)) ? [i] : []))),
    });
    // The project of the year: accepted, in its rating window; monthly progress; 30 % of dwellings rated it.
    const pid = oid(`project:${cx.code}`);
    out.projects.push(String(pid));
    const items = ['屋面防水修缮', '供排水管网改造', '适老化与无障碍改造'].map((name, i) => ({
      _id: oid(`item:${cx.code}:${i}`),
      category: i === 2 ? 'improvement' : 'basic',
      name,
      quantity: 1,
      unit: '项',
      budgetFen: 30_000_000 + i * 1_000_000,
      unitCostFen: null,
      note: '',
      plannedFinishOn: null,
      percent: 100,
      completedAt: new Date(now.getTime() - 20 * DAY),
    }));
    projects.push({
      _id: pid,
      complexCode: cx.code,
      complexName: cx.name,
      areaPath: cx.path,
      levels: { region: cx.path[0], prefecture: cx.path[1], county: cx.path[2], street: cx.path[3], community: cx.path[4] },
      year: now.getUTCFullYear(),
      name: `${cx.name}老旧小区改造`,
      status: 'evaluation',
      transitions: [
        { from: null, to: 'reserve', at: new Date(yearAgo), by: street.staffId, note: '' },
        { from: 'acceptance', to: 'evaluation', at: new Date(now.getTime() - 10 * DAY), by: street.staffId, note: '' },
      ],
      items,
      funding: null,
      acceptance: null,
      ratingWindow: { opensAt: new Date(now.getTime() - 10 * DAY), closesAt: new Date(now.getTime() + 20 * DAY) },
      consultationIds: [],
      noticeIds: [],
      buildingCodes: [],
      createdBy: street.staffId,
      createdAt: new Date(yearAgo),
      updatedAt: new Date(now.getTime() - 10 * DAY),
      __v: 0,
    });
    for (let m = 0; m < 10; m++) {
      progress.push({
        _id: oid(`progress:${cx.code}:${m}`),
        projectId: pid,
        at: new Date(yearAgo + (100 + m * 25) * DAY),
        by: cx.committeeId,
        note: `第${m + 1}次进度`,
        photoFileIds: [],
        items: items.map((i) => ({ itemId: String(i._id), name: i.name, percent: Math.min(100, (m + 1) * 10) })),
      });
    }
    const r = rng(`ratings:${cx.code}`);
    cx.dwellings.forEach((d, i) => {
      if (r() >= 0.3) return;
      const overall = 1 + Math.floor(r() * 5);
      ratings.push({
        _id: oid(`rating:${cx.code}:${i}`),
        projectId: pid,
        dwellingId: d._id,
        complexCode: cx.code,
        userId: cx.owners[i],
        overall,
        items: items.map((it) => ({ itemId: String(it._id), score: Math.max(1, Math.min(5, overall + Math.floor(r() * 3) - 1)) })),
        comment: r() < 0.2 ? '施工队认真负责' : null,
        commentCheck: null,
        photoFileId: null,
        revision: 0,
        createdAt: new Date(now.getTime() - r() * 9 * DAY),
        updatedAt: new Date(now.getTime() - r() * 9 * DAY),
      });
    });
  }
  await insertChunks('notices', notices);
  await insertChunks('notice_reads', reads);
  await insertChunks('consultations', votes.consultations);
  await insertChunks('consultation_electorate', votes.members);
  await insertChunks('consultation_ballot_log', votes.log);
  await insertChunks('consultation_log_pages', votes.pages);
  await insertChunks('projects', projects);
  // Written past the commands: drop the per-area lists so the first read rebuilds them from these rows (listing.ts).
  await Promise.all([ConsultationListing.deleteMany({}), ProjectListing.deleteMany({})]);
  await insertChunks('project_progress', progress);
  await insertChunks('ratings', ratings);
  Object.assign(out, { notices: notices.length, reads: reads.length, ballots: votes.ballots.length, ratings: ratings.length });
  return out;
}
