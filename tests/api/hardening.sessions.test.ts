// Issue 14, findings 3 and 5: refresh rotation decided by a unique insert (one winner, the loser ends the session),
// and access tokens without a session (`sid`) or an expiry (`exp`) refused.
import jwt from 'jsonwebtoken';
import { startTestServer, type TestServer } from '../support/server';
import { createUser, seedAreaTree } from '../support/identity';

let s: TestServer;
const SECRET = 'dev-only-secret-change-me-please'; // the test server's JWT_SECRET

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'hardening_sessions' });
  await seedAreaTree();
});
afterAll(async () => {
  await s?.stop();
});

const refresh = (refreshToken: string) => s.api('/api/auth/refresh', { body: { refreshToken } });

it('two simultaneous refreshes with one token: one wins, the other is reuse and ends the session for both', async () => {
  for (let trial = 0; trial < 6; trial++) {
    const u = await createUser();
    const [a, b] = await Promise.all([refresh(u.refreshToken), refresh(u.refreshToken)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 401]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.body.error.code).toBe('REFRESH_REUSED');
    // The fork is closed: neither the winner's new refresh token nor its access token work any more.
    const next = await refresh(won.body.refreshToken);
    expect(next.status).toBe(401);
    expect((await s.api('/api/me', { token: won.body.accessToken })).status).toBe(401);
  }
});

it('a refresh token used once, then again later, is reuse: the session ends', async () => {
  const u = await createUser();
  const first = await refresh(u.refreshToken);
  expect(first.status).toBe(200);
  const again = await refresh(u.refreshToken);
  expect(again.body.error.code).toBe('REFRESH_REUSED');
  expect((await refresh(first.body.refreshToken)).status).toBe(401);
});

it('an access token without a session id or without an expiry is refused', async () => {
  const u = await createUser();
  const { sid } = jwt.decode(u.token) as { sid: string };
  expect((await s.api('/api/me', { token: u.token })).status).toBe(200);
  const noSid = jwt.sign({ typ: 'access' }, SECRET, { algorithm: 'HS256', subject: u.id, expiresIn: 600 });
  const noExp = jwt.sign({ typ: 'access', sid }, SECRET, { algorithm: 'HS256', subject: u.id });
  const otherUsersSid = jwt.sign({ typ: 'access', sid: (jwt.decode((await createUser()).token) as { sid: string }).sid }, SECRET, {
    algorithm: 'HS256',
    subject: u.id,
    expiresIn: 600,
  });
  for (const token of [noSid, noExp, otherUsersSid]) {
    const r = await s.api('/api/me', { token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toMatch(/^TOKEN_/);
  }
});
