// Granting and revoking roles: the table, scope levels, self-grants, audit, and immediate effect (grants are read
// from the database on every request, not from the token).
import { startTestServer, type TestServer } from '../support/server';
import { createUser, seedAreaTree, T } from '../support/identity';
import { AuditLog } from '../../server/src/identity/audit';
import jwt from 'jsonwebtoken';
import type { Json } from '../support/json';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'identity_grants', JOBS: 'false' });
  await seedAreaTree();
});
afterAll(async () => {
  await s.stop();
});

const grant = (token: string, body: Record<string, unknown>) => s.api('/api/grants', { token, body });

it('a revoked grant stops working on the very next request; both changes are audited', async () => {
  const street = await createUser({ name: '街道', grants: [{ role: 'street_staff', scope: T.street }] });
  const cw = await createUser({ name: '社区' });
  expect((await s.api(`/api/roster/${T.complex}/imports`, { token: cw.token })).status).toBe(403);
  const g = await grant(street.token, { userId: cw.id, role: 'community_worker', scope: T.community });
  expect(g.status).toBe(201);
  expect(g.body.grants).toEqual([{ role: 'community_worker', scope: T.community, scopeName: '冲赛康社区' }]);
  expect((await grant(street.token, { userId: cw.id, role: 'community_worker', scope: T.community })).status).toBe(201); // idempotent
  expect((await s.api(`/api/roster/${T.complex}/imports`, { token: cw.token })).status).toBe(200); // same token, new grant
  const holders = await s.api(`/api/areas/${T.community}/grants`, { token: street.token });
  expect(holders.body.items.map((h: Json) => h.displayName)).toEqual(['社区']);
  const r = await s.api('/api/grants/revoke', { token: street.token, body: { userId: cw.id, role: 'community_worker', scope: T.community, reason: '调岗' } });
  expect(r.status).toBe(200);
  expect(r.body.grants).toEqual([]);
  expect((await s.api(`/api/roster/${T.complex}/imports`, { token: cw.token })).status).toBe(403);
  const trail = await AuditLog.find({ targetId: cw.id }).sort({ at: 1 }).lean();
  expect(trail.map((a) => [a.action, a.actorId, a.reason ?? null])).toEqual([
    ['grant.add', street.id, null],
    ['grant.revoke', street.id, '调岗'],
  ]);
});

it('grants claimed inside a token are ignored: only the database counts', async () => {
  const u = await createUser();
  const { sid, exp } = JSON.parse(Buffer.from(u.token.split('.')[1], 'base64url').toString());
  const forgedGrants = jwt.sign({ typ: 'access', sid, exp, grants: [{ role: 'admin', scope: 'root' }] }, 'dev-only-secret-change-me-please', { subject: u.id });
  expect((await s.api(`/api/roster/${T.complex}/imports`, { token: forgedGrants })).status).toBe(403);
});

it('scopes must be areas of the right level; nobody grants to themselves; unknown users and areas are 404', async () => {
  const admin = await createUser({ grants: [{ role: 'admin', scope: 'root' }] });
  const target = await createUser();
  const wrongLevel = await grant(admin.token, { userId: target.id, role: 'committee', scope: T.community });
  expect(wrongLevel.status).toBe(400);
  expect(wrongLevel.body.error).toEqual(expect.objectContaining({ code: 'GRANT_SCOPE_INVALID', message: '该角色的范围必须是小区' }));
  expect((await grant(admin.token, { userId: target.id, role: 'street_staff', scope: 'root' })).body.error.code).toBe('GRANT_SCOPE_INVALID');
  expect((await grant(admin.token, { userId: target.id, role: 'admin', scope: T.region })).status).toBe(201); // a regional admin
  const self = await grant(admin.token, { userId: admin.id, role: 'committee', scope: T.complex });
  expect(self.status).toBe(403);
  expect(self.body.error.code).toBe('GRANT_SELF');
  expect((await grant(admin.token, { userId: '0123456789abcdef01234567', role: 'committee', scope: T.complex })).status).toBe(404);
  expect((await grant(admin.token, { userId: target.id, role: 'committee', scope: 'NOPE1' })).status).toBe(404);
  expect((await grant(admin.token, { userId: target.id, role: 'mayor', scope: T.complex })).status).toBe(400);
});

it('a regional admin grants inside its region only, and cannot create root admins', async () => {
  const regional = await createUser({ grants: [{ role: 'admin', scope: T.region }] });
  const target = await createUser();
  expect((await grant(regional.token, { userId: target.id, role: 'street_staff', scope: T.street })).status).toBe(201);
  expect((await grant(regional.token, { userId: target.id, role: 'region_official', scope: T.region2 })).status).toBe(403);
  expect((await grant(regional.token, { userId: target.id, role: 'admin', scope: 'root' })).status).toBe(403);
});
