// No personal data or secrets in the logs: run the real server process at LOG_LEVEL=info, drive logins, roster
// imports (valid and invalid), claims, refresh and logout through it, then search everything it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { uniqueDbName } from '../support/db';
import { fakeIdNumber, fakePhone, row, toCsv } from '../support/rosterFiles';
import { demoRosterRows, TASHI } from '../../server/src/demo/rosterData';
import { DEMO_COMPLEX } from '../../server/src/demo/seed';
import type { Json } from '../support/json';

const root = path.resolve(__dirname, '../..');
const PII_SECRET = 'pii-secret-for-the-log-test-0123456789';
const JWT_SECRET = 'jwt-secret-for-the-log-test-0123456789';
let wx: FakeWechat;
let child: ChildProcess;
let output = '';
let url = '';
const dbName = uniqueDbName('logs');

beforeAll(async () => {
  wx = await startFakeWechat();
  child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      MONGODB_DB: dbName,
      LOG_LEVEL: 'info',
      JOBS: 'false',
      DEV_LOGIN: 'true',
      SEED_DEMO: 'true',
      PII_SECRET,
      JWT_SECRET,
      H5_DIR: 'does-not-exist',
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_APPID: wx.appid,
      WECHAT_SECRET: wx.secret,
    },
  });
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const until = Date.now() + 60_000;
  while (!/running at (http:\/\/[^\s]+)/.test(output)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  url = /running at (http:\/\/[^\s]+)/.exec(output)![1];
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  const c = await MongoClient.connect(process.env.MONGODB_URI!);
  await c
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await c.close();
  await wx.stop();
});

async function call(p: string, init: { method?: string; body?: unknown; token?: string; form?: FormData } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + p, {
    method: init.method ?? (init.body || init.form ? 'POST' : 'GET'),
    headers,
    body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Json };
}

it('logs requests and decisions but never phone numbers, ID numbers, claim digits, tokens or secrets', async () => {
  const secrets: string[] = [PII_SECRET, JWT_SECRET, wx.secret];
  // a resident logs in through WeChat and claims 扎西次仁's dwelling by the verified phone (手机号快速验证)
  const code = wx.issueCode('openid-log-test');
  secrets.push(code);
  const login = await call('/api/auth/wechat', { body: { code } });
  expect(login.status).toBe(200);
  secrets.push(login.body.accessToken, login.body.refreshToken);
  expect((await call('/api/me/privacy', { token: login.body.accessToken, body: { version: PRIVACY_VERSION } })).status).toBe(200);
  const rooms = await call(`/api/areas/${DEMO_COMPLEX}-B1-U1/rooms`, { token: login.body.accessToken });
  const room101 = rooms.body.items.find((r: Json) => r.room === '101').dwellingId;
  const phoneCode = wx.issuePhoneCode(TASHI.phone);
  secrets.push(phoneCode);
  const claim = await call('/api/claims/phone', { token: login.body.accessToken, body: { dwellingId: room101, phoneCode } });
  expect(claim.body.status).toBe('active');
  const wrong = await call('/api/claims', {
    token: login.body.accessToken,
    body: { dwellingId: rooms.body.items[1].dwellingId, relation: 'owner', ownerName: '某人', last4: '8642' },
  });
  expect(wrong.body.status).toBe('pending');

  // street staff (dev login) import a roster with phones and IDs: one invalid file, one valid
  const users = (await call('/api/auth/dev-users')).body.users;
  const staff = (await call('/api/auth/dev-login', { body: { userId: users.find((u: Json) => u.displayName === '李明').id } })).body;
  secrets.push(staff.accessToken, staff.refreshToken);
  const extra = [
    row({ 楼栋: '9', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 66.66, 业主姓名: '新业主', 业主手机号: fakePhone(6001), 证件号码: fakeIdNumber(6001) }),
    row({ 楼栋: '9', 单元: '1', 房号: '102', 楼层: 1, '专有面积(㎡)': 66.67, 业主姓名: '错号', 业主手机号: '1390891600', 证件号码: '540102199001011231' }),
  ];
  const upload = async (rows: typeof extra) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(toCsv(rows))]), 'r.csv');
    return call(`/api/roster/${DEMO_COMPLEX}/import`, { token: staff.accessToken, form });
  };
  expect((await upload(extra)).status).toBe(422);
  expect((await upload(extra.slice(0, 1))).status).toBe(200);

  // refresh and logout
  const refreshed = await call('/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
  secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
  expect((await call('/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } })).status).toBe(401); // reuse
  expect((await call('/api/auth/logout', { body: { refreshToken: staff.refreshToken } })).status).toBe(200);
  await new Promise((r) => setTimeout(r, 300)); // let the last log lines flush

  const pii = [fakePhone(6001), fakeIdNumber(6001), '1390891600', '540102199001011231'];
  for (const r of demoRosterRows()) for (const cell of [r[8], r[9]]) pii.push(...String(cell).split('、').filter(Boolean));
  expect(pii.length).toBeGreaterThan(50);

  expect(output).toMatch(/"msg":"request"/);
  expect(output).toMatch(/"audit":"claim.verified_phone"/);
  expect(output).toMatch(/"audit":"roster.import"/);
  const found = [...pii, ...secrets].filter((x) => output.includes(x));
  expect(found).toEqual([]);
  expect(output).not.toMatch(/last4|ownerName|phoneHash|idHash|phoneCode/);
}, 120_000);
