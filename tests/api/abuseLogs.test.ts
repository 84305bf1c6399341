import mongoose from 'mongoose';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { spawnServer, waitFor, type ServerProcess } from '../support/faultDb';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { LoadClient } from '../support/loadClient';
import { uniqueDbName } from '../support/db';
import { seedVoters, openVote, ballot, type VoterWorld } from '../bench/world';
import { buildRosterXlsx } from '../../server/src/roster/workbook';
import type { Json } from '../support/json';

/**
 * The server's own logs (LOG_LEVEL=info, a real child process, stdout read whole) through roster import with phone
 * and ID numbers, WeChat login, token refresh, privacy consent, a claim with the phone's last four digits, a vote,
 * and a malformed request carrying a phone number: no phone number, ID number, token, WeChat code or session key
 * appears anywhere in them.
 */
const SECRET = 'abuse-logs-secret-0123456789';
let wx: FakeWechat;
let server: ServerProcess;
let api: LoadClient;
let world: VoterWorld;
const dbName = uniqueDbName('abuse_logs');

function idNumber(base17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = base17.split('').reduce((s, d, i) => s + Number(d) * w[i], 0);
  return base17 + '10X98765432'[sum % 11];
}
const PHONES = ['13812345678', '13987654321', '15011112222'];
const IDS = [idNumber('54010219800101123'), idNumber('54010219851231456'), idNumber('54010219900615789')];
const secrets: string[] = [...PHONES, ...IDS];

beforeAll(async () => {
  wx = await startFakeWechat();
  await mongoose.connect(process.env.MONGODB_URI!, { dbName });
  world = await seedVoters({ complexCode: 'LOGS-A', dwellings: 0, secret: SECRET, voters: false });
  server = await spawnServer({
    MONGODB_URI: process.env.MONGODB_URI!,
    MONGODB_DB: dbName,
    JWT_SECRET: SECRET,
    LOG_LEVEL: 'info',
    JOBS: 'true',
    DEV_LOGIN: 'false',
    WECHAT_API_BASE: wx.baseUrl,
    WECHAT_APPID: wx.appid,
    WECHAT_SECRET: wx.secret,
  });
  api = new LoadClient(server.url, { connections: 4 });
}, 90_000);

afterAll(async () => {
  api?.close();
  await server?.kill('SIGTERM');
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await wx?.stop();
});

describe('logs carry no personal data or secrets', () => {
  it('login, claim and vote flow, then the whole log is clean', async () => {
    // Roster with phones and ID numbers, through the real import endpoint.
    const xlsx = await buildRosterXlsx(
      PHONES.map((p, i) => ['1', '1', `10${i + 1}`, 1, '88.50', '登记', '商品房', ['卓玛', '次旦', '扎西'][i], p, IDS[i], '否', '']),
      false,
    );
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(xlsx)]), '名册.xlsx');
    const imp = await fetch(`${server.url}/api/roster/LOGS-A/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(imp.status).toBe(200);

    // WeChat login, refresh, consent.
    const code = wx.issueCode('o_logs_resident_0001');
    secrets.push(code);
    const login = await api.post('/api/auth/wechat', { code });
    expect(login.status).toBe(200);
    secrets.push(login.body.accessToken, login.body.refreshToken);
    const refreshed = await api.post('/api/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    const token = refreshed.body.accessToken;
    expect((await api.post('/api/me/privacy', { version: PRIVACY_VERSION }, token)).status).toBe(200);

    // Claim room 101 as its owner by the verified phone (and a name + last-4 try on 102, which only goes to review).
    const list = await api.get('/api/roster/LOGS-A/dwellings', world.adminToken);
    const d101 = list.body.items.find((x: Json) => x.room === '101');
    const d102 = list.body.items.find((x: Json) => x.room === '102');
    const wrong = await api.post('/api/claims', { dwellingId: d102.dwellingId, relation: 'owner', ownerName: '次旦', last4: '0000' }, token);
    expect(wrong.status).toBeLessThan(500);
    const phoneCode = wx.issuePhoneCode(PHONES[0]); // 手机号快速验证: the one instant owner binding
    secrets.push(phoneCode);
    const claim = await api.post('/api/claims/phone', { dwellingId: d101.dwellingId, phoneCode }, token);
    expect([200, 201]).toContain(claim.status);
    expect(claim.body.status).toBe('active');

    // A vote.
    const vote = await openVote(api, world);
    const cast = await api.post(`/api/consultations/${vote.id}/ballots`, ballot(d101.dwellingId, vote.questionId, 'approve'), token, {
      'idempotency-key': 'logs-test-vote-0001',
    });
    expect(cast.status).toBe(201);

    // Hostile and malformed requests that carry personal data in their bodies or headers.
    await api.request('POST', '/api/claims', { raw: `{"dwellingId":"x","last4":"${PHONES[1]}", "phone": "${PHONES[1]}"`, token });
    await api.request('POST', '/api/claims', { raw: `{"__proto__":{"phone":"${PHONES[2]}"}}`, token });
    await api.request('POST', '/api/claims', { body: { dwellingId: d101.dwellingId, relation: 'owner', ownerName: IDS[1], last4: 'abcd' }, token });
    await api.request('GET', `/api/me?phone=${PHONES[1]}&id=${IDS[2]}`, { token });
    await api.request('GET', '/api/me', { token: `${token}x` });

    await waitFor('request logs flushed', () => server.stdout.filter((l) => l.includes('"msg":"request"')).length >= 10, 5000);
  }, 90_000);

  it('no phone number, ID number, token, code or session key in stdout or stderr', async () => {
    await server.kill('SIGTERM'); // flush and close: the log is complete
    const all = [...server.stdout, ...server.stderr].join('\n');
    expect(all.length).toBeGreaterThan(1000);
    const leaks = secrets
      .filter((s) => all.includes(s))
      .map((s) => `${s.slice(0, 6)}… (${s.length} chars): ${all.slice(Math.max(0, all.indexOf(s) - 160), all.indexOf(s)).replace(/\d{6,}/g, '#')}`);
    expect(leaks).toEqual([]);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // any JWT
    expect(all).not.toMatch(/rt_[A-Za-z0-9_-]{20,}/); // any refresh token
    expect(all).not.toMatch(/session_key/i);
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // any mainland mobile number
    expect(all).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/); // any 18-character ID number
  });
});
