// Anyone can verify: the anonymised sealed log downloaded from the server, run through the standalone verifier
// (tools/verifier), reproduces every announced figure; one changed entry, or a head other than the notice's, fails.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { publishHeadDigest } from '../../server/src/consultations/digest';
import { verifySealedLog, type SealedLog } from '../../tools/verifier/verifySealedLog';
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, waitAnnounced, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let log: SealedLog;
let receipt: string;
let committee: Person;
let id: string;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_verifier' });
  const paths = await seedAreas();
  // One owner with two homes counts once; 2/3 participation and 3/4 approval by area and headcount.
  const d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8050, key: 'owner:x' },
    { entrance: 'QB1U1', room: '102', area: 9000, key: 'owner:x' },
    { entrance: 'QB1U1', room: '201', area: 7000 },
    { entrance: 'QB1U1', room: '202', area: 6000 },
    { entrance: 'QB1U1', room: '301', area: 5000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  const x = await person({ owns: [d[0], d[1]] });
  const y = await person({ owns: [d[2]] });
  const z = await person({ owns: [d[3]] });
  await shortLeadTime(s, admin.token);
  id = await openVote(s, committee.token, { kind: 'whether', title: '单元改造', complexCode: 'Q', electorate: { level: 'entrance', entranceCode: 'QB1U1' } });
  receipt = (await cast(s, x.token, id, d[0], yes())).body.receiptCode;
  await cast(s, x.token, id, d[1], yes());
  await cast(s, y.token, id, d[2], no());
  await cast(s, y.token, id, d[2], yes());
  await cast(s, z.token, id, d[3], no());
  await closeVote(s, committee.token, id);
  await waitAnnounced(s, committee.token, id);
  const r = await s.api(`/api/consultations/${id}/log/sealed`, { token: x.token });
  expect(r.status).toBe(200);
  log = r.body;
});
afterAll(async () => {
  await s.stop();
});

it('the download names no person: dwelling codes, areas and choices only', () => {
  const text = JSON.stringify(log);
  expect(text).not.toMatch(/actorId|castId|photoFileId|closedBy|owner:x/);
  expect(log.electorate.filter((m) => m.group === log.electorate[0].group)).toHaveLength(2);
  expect(log.entries.every((e) => typeof e.privateDigest === 'string')).toBe(true);
});

it('reproduces every announced figure and finds the receipt, from the command line', async () => {
  const report = verifySealedLog(log, { receipt });
  expect(report).toMatchObject({ ok: true, problems: [], receipt: { found: true, inFinalLog: true } });
  expect(report.figures[0].reasons.join('\n')).toMatch(/参与表决/);
  const dir = mkdtempSync(path.join(tmpdir(), 'gz-verifier-'));
  const file = path.join(dir, 'log.json');
  writeFileSync(file, JSON.stringify(log));
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'tools/verifier/verify.ts', file, '--receipt', receipt], {
    cwd: path.resolve(__dirname, '../..'),
  });
  expect(stdout).toMatch(/OK: the log reproduces the announcement/);
}, 30_000);

it('rejects a log with one changed entry', () => {
  const forged: SealedLog = JSON.parse(JSON.stringify(log));
  const e = forged.entries.find((x) => x.body.type === 'cast' && (x.body as Json).answers[0].choice === 'reject')!;
  (e.body as Json).answers[0].choice = 'approve';
  const report = verifySealedLog(forged);
  expect(report.ok).toBe(false);
  expect(report.problems[0]).toMatch(new RegExp(`chain broken at entry ${e.seq}`));
});

it('rejects a log whose head differs from the notice', () => {
  const report = verifySealedLog(log, { noticeHead: 'a'.repeat(64) });
  expect(report.ok).toBe(false);
  expect(report.problems.join()).toMatch(/differs from the notice/);
});

it("the day's head of every vote in the street is published once in the street's notice feed", async () => {
  expect(await publishHeadDigest(new Date())).toBe(1);
  expect(await publishHeadDigest(new Date())).toBe(0); // once per street and day
  const digest = await mongoose.connection.db!.collection('notices').findOne({ sourceKey: { $regex: '^consultation-digest:S:' } });
  expect(digest!.audience).toEqual({ type: 'area', code: 'S' });
  expect(digest!.body).toContain(`日志条数 ${log.noticeHead!.seq}；最终哈希 ${log.noticeHead!.hash}`);
});
