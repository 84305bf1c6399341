import type { LogAnswer } from '@gongzhi/shared';
import { replayBallots } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { frozenElectorate } from '../electorateSnapshot';
import { DISPUTED_REASON, listDisputedBallots } from '../disputedBallots';
import { readLog } from '../integrity';
import { currentMirror, entriesOfDwelling } from '../mirror';
import { dwellingLabel } from '../electorate';
import { frozenMember } from '../memoryTally';
import type { ConsultationDoc } from '../model';
import { callerRights, type CallerRights } from '../access';
import { bodyOf } from '../logBody';

const BALLOT_TYPES = ['cast', 'paper', 'resolve'];

/** The dwelling fields a list shows (an electorate member, or a stand-in when the member is missing). */
interface DwellingRow {
  dwellingId: string;
  buildingName: string;
  entranceName: string;
  room: string;
  floor: number;
  areaHundredths: number;
}
const row = (m: DwellingRow) => ({
  dwellingId: m.dwellingId,
  buildingName: m.buildingName,
  entranceName: m.entranceName,
  room: m.room,
  floor: m.floor,
  areaHundredths: m.areaHundredths,
});

/** After close, for audit: every effective ballot with dwelling and area (never names or phone numbers). */
export async function auditBallots(c: ConsultationDoc) {
  const consultationId = String(c._id);
  // Read from the sealed log itself (the projection is a copy that could have been edited).
  const [entries, members] = await Promise.all([readLog(consultationId), frozenElectorate(consultationId)]);
  const ballots = replayBallots(entries).ballots;
  const byId = new Map(members.map((m) => [m.dwellingId, m]));
  return {
    items: ballots.flatMap((b) => {
      const m = byId.get(b.dwellingId);
      return m ? [{ ...row(m), questionId: b.questionId, answer: b.answer, source: b.source, seq: b.seq }] : [];
    }),
  };
}

/** Paper ballots entered while an electronic ballot existed, with the committee's decision if any. */
export async function listConflicts(c: ConsultationDoc) {
  const consultationId = String(c._id);
  // From the mirrored log (caught up by `_id`): filters over the log would scan every vote's entries on FerretDB.
  const m = await currentMirror(consultationId);
  const { entries } = m;
  const papers = entries.filter((e) => e.type === 'paper' && bodyOf(e).conflict === true);
  const items = [];
  for (const p of papers) {
    const b = bodyOf(p);
    const member = await frozenMember(consultationId, String(b.dwellingId));
    const resolve = entries.find((e) => e.type === 'resolve' && bodyOf(e).paperSeq === p.seq) ?? null;
    const electronic = entriesOfDwelling(m, String(b.dwellingId))
      .filter((e) => e.type === 'cast' && e.seq < p.seq)
      .reverse();
    const latest = new Map<string, LogAnswer>();
    for (const e of electronic) for (const a of bodyOf(e).answers ?? []) if (!latest.has(a.questionId)) latest.set(a.questionId, a);
    const r = bodyOf(resolve);
    items.push({
      paperSeq: p.seq,
      dwelling: row(member ?? { dwellingId: String(b.dwellingId), buildingName: '', entranceName: '', room: '', floor: 0, areaHundredths: 0 }),
      paperAnswers: b.answers ?? [],
      electronicAnswers: [...latest.values()],
      photoFileId: b.photoFileId,
      enteredAt: b.at,
      resolution: resolve && r ? { keep: r.keep, reason: r.reason, seq: resolve.seq, at: r.at } : null,
    });
  }
  return { items, disputed: await listDisputed(consultationId) };
}

/** Ballots cast through a binding or proxy the owner disputed, with the committee's decision if any. */
async function listDisputed(consultationId: string) {
  const { entries } = await currentMirror(consultationId);
  const out = [];
  for (const f of await listDisputedBallots(consultationId)) {
    const member = await frozenMember(consultationId, f.dwellingId);
    const cast = entries[f.seq - 1] ?? null;
    const resolve = entries.find((e) => e.type === 'resolve' && bodyOf(e).disputedSeq === f.seq) ?? null;
    const r = bodyOf(resolve);
    out.push({
      seq: f.seq,
      dwelling: row(member ?? { dwellingId: f.dwellingId, buildingName: '', entranceName: '', room: '', floor: 0, areaHundredths: 0 }),
      label: member ? dwellingLabel(member) : f.dwellingId,
      reason: DISPUTED_REASON,
      reasonZh: '业主申诉：绑定或委托不是本人所为',
      answers: bodyOf(cast)?.answers ?? [],
      castAt: String(bodyOf(cast)?.at ?? ''),
      flaggedAt: new Date(f.at).toISOString(),
      resolution: resolve && r ? { decision: r.decision, reason: r.reason, seq: resolve.seq, at: r.at } : null,
    });
  }
  return out;
}

/**
 * The caller's own dwellings in this consultation: their effective answers and receipts (voter sees own choice).
 * All by `_id`: the dwellings from the caller's rights document, their entries from the mirrored log (the log as
 * stored, caught up by `_id` probes; the projection is a copy that could be edited), electorate rows by their ids.
 */
export async function myBallots(user: AuthUser, c: ConsultationDoc, rights?: CallerRights) {
  const consultationId = String(c._id);
  const { voting, members } = await (rights ?? callerRights(user))();
  const via = new Map<string, 'owner' | 'proxy' | 'member'>();
  for (const v of voting) via.set(v.dwellingId, v.via);
  if (c.kind === 'survey') for (const m of members) if (!via.has(m.dwellingId)) via.set(m.dwellingId, 'member');
  const ids = [...via.keys()];
  // Before opening there is no frozen electorate and no ballot (the log starts with the opening entry).
  const frozen = !!c.electorate;
  const [rows, mirror] = await Promise.all([
    frozen ? Promise.all(ids.map((id) => frozenMember(consultationId, id))) : [],
    frozen ? currentMirror(consultationId) : null,
  ]);
  const entries = mirror ? ids.flatMap((id) => entriesOfDwelling(mirror, id).filter((e) => BALLOT_TYPES.includes(e.type))).sort((a, b) => a.seq - b.seq) : [];
  const ballots = replayBallots(entries).ballots.map((b) => ({ dwellingId: b.dwellingId, answer: b.answer, source: b.source, logSeq: b.seq }));
  const inElectorate = new Map(rows.flatMap((r) => (r ? [[r.dwellingId, r] as const] : [])));
  return {
    items: ids.map((dwellingId) => {
      const m = inElectorate.get(dwellingId);
      return {
        dwellingId,
        label: m ? dwellingLabel(m) : '',
        areaHundredths: m?.areaHundredths ?? 0,
        via: via.get(dwellingId)!,
        inElectorate: !!m,
        answers: ballots.filter((b) => b.dwellingId === dwellingId).map((b) => ({ ...b.answer, source: b.source, seq: b.logSeq })),
        receipts: entries
          .filter((e) => e.dwellingId === dwellingId)
          .map((e) => ({ receiptCode: e.receiptCode, seq: e.seq, at: String(bodyOf(e).at), type: e.type })),
      };
    }),
  };
}
