// Voting rights come from the per-user `user_dwellings` document (read by _id). It must follow every binding and
// proxy change at once: a revoked binding or proxy can no longer vote or see the vote; an approved claim votes at once.
import mongoose, { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { cast, openVote, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import { Binding, ProxyAuth } from '../../server/src/roster/bindingModel';
import { refreshUserDwellings } from '../../server/src/roster/rights';
import { markRightsPending } from '../../server/src/roster/rightsHints';
import { UserDwellings } from '../../server/src/roster/rightsModel';
import { repairRecentRights, RIGHTS_HINT_GRACE_MS } from '../../server/src/roster/rightsRepair';
import { memberDwellings, votingDwellings } from '../../server/src/roster/queries';

let s: TestServer;
let d: string[];
let committee: Person, owner: Person, proxy: Person, claimant: Person;
let voteId: string;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'roster_rights' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8000 },
    { entrance: 'QB1U1', room: '102', area: 9000 },
    { entrance: 'QB1U1', room: '201', area: 10000 },
    { entrance: 'QB1U1', room: '202', area: 11000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  owner = await person({ owns: [d[0]], tenantOf: [d[3]] });
  proxy = await person({ proxyFor: [d[1]] });
  claimant = await person();
  await shortLeadTime(s, admin.token);
  voteId = await openVote(s, committee.token, {
    kind: 'whether',
    title: '一单元加装电梯',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
  });
});
afterAll(async () => {
  await s.stop();
});

const view = (p: Person) => s.api(`/api/consultations/${voteId}`, { token: p.token });
const rightsDoc = (userId: string) => UserDwellings.findById(userId).lean();

it('an owner whose binding the committee revokes loses the vote at once (and the view with the last binding)', async () => {
  expect((await view(owner)).status).toBe(200); // the rights document now exists
  expect((await rightsDoc(owner.id))!.bindings).toEqual([
    expect.objectContaining({ dwellingId: d[0], relation: 'owner', complexCode: 'Q' }),
    expect.objectContaining({ dwellingId: d[3], relation: 'tenant' }),
  ]);
  const revoke = async (relation: 'owner' | 'tenant') => {
    const b = await Binding.findOne({ userId: new Types.ObjectId(owner.id), relation }).lean();
    expect((await s.api(`/api/bindings/${b!._id}/revoke`, { token: committee.token, body: { reason: '已搬离' } })).status).toBe(200);
  };
  await revoke('owner');
  const ballot = await cast(s, owner.token, voteId, d[0], yes());
  expect(ballot.status).toBe(403); // still a tenant in the entrance, so the vote is visible, but no longer an owner
  expect(ballot.body.error.code).toBe('NOT_ENTITLED_TO_VOTE');
  expect((await view(owner)).status).toBe(200);
  expect(await votingDwellings(owner.id)).toEqual([]);

  await revoke('tenant');
  expect((await view(owner)).status).toBe(404);
  const none = await cast(s, owner.token, voteId, d[0], yes());
  expect(none.status).toBe(404); // no longer a member: the vote is as invisible as an unknown one
  expect(none.body.error.code).toBe('CONSULTATION_NOT_FOUND');
  expect(await memberDwellings(owner.id)).toEqual([]);
  const doc = await rightsDoc(owner.id);
  expect(doc).toMatchObject({ bindings: [], proxies: [] });
  expect(doc!.version).toBeGreaterThanOrEqual(3);
});

it('a proxy revoked by the committee cannot vote for the dwelling any more', async () => {
  expect((await view(proxy)).status).toBe(200);
  expect(await votingDwellings(proxy.id)).toEqual([{ dwellingId: d[1], via: 'proxy' }]);
  const p = await ProxyAuth.findOne({ proxyUserId: new Types.ObjectId(proxy.id) }).lean();
  expect((await s.api(`/api/proxies/${p!._id}/revoke`, { token: committee.token, body: { reason: '业主撤回委托' } })).status).toBe(200);

  const ballot = await cast(s, proxy.token, voteId, d[1], yes());
  expect(ballot.status).toBe(404);
  expect(ballot.body.error.code).toBe('CONSULTATION_NOT_FOUND');
  expect((await view(proxy)).status).toBe(404);
  // a second revoke is a clear 409, and rights stay gone
  const again = await s.api(`/api/proxies/${p!._id}/revoke`, { token: committee.token, body: { reason: '重复' } });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('PROXY_NOT_ACTIVE');
  expect(await votingDwellings(proxy.id)).toEqual([]);
});

it('a claim the committee approves can vote at once', async () => {
  expect((await view(claimant)).status).toBe(404); // caches "no rights"
  const claim = await s.api('/api/claims', { token: claimant.token, body: { dwellingId: d[2], relation: 'owner', ownerName: '不匹配', last4: '0000' } });
  expect(claim.status).toBe(201);
  expect(claim.body.status).toBe('pending');
  expect((await cast(s, claimant.token, voteId, d[2], yes())).status).toBe(404); // a pending claim gives no rights

  const decided = await s.api(`/api/claims/${claim.body.id}/decision`, { token: committee.token, body: { approve: true } });
  expect(decided.status).toBe(200);
  expect((await view(claimant)).status).toBe(200);
  const ballot = await cast(s, claimant.token, voteId, d[2], yes());
  expect(ballot.status).toBe(201);
});

it('concurrent binding changes, each followed by its refresh, leave the document equal to the bindings', async () => {
  const u = await person({ owns: [d[3]] });
  const uid = new Types.ObjectId(u.id);
  const raw = mongoose.connection.db!.collection('bindings');
  const ids = (await Binding.find({ userId: uid }).lean()).map((b) => b._id);
  // Flip the binding many times from parallel writers (raw writes: no model hooks), each refreshing after its write.
  await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      await raw.updateOne({ _id: ids[0] }, { $set: { status: i % 2 ? 'active' : 'revoked' } });
      await refreshUserDwellings([u.id]);
    }),
  );
  const active = (await Binding.countDocuments({ userId: uid, status: 'active' })) === 1;
  expect((await rightsDoc(u.id))!.bindings.map((b) => b.dwellingId)).toEqual(active ? [d[3]] : []);
  expect(await votingDwellings(u.id)).toEqual(active ? [{ dwellingId: d[3], via: 'owner' }] : []);
});

it('a document is trusted without rechecking the bindings: reads stay one `_id` lookup however old it is', async () => {
  const u = await person();
  expect(await votingDwellings(u.id)).toEqual([]);
  // A binding written behind the commands' back (no hint, no refresh): readers do not scan the bindings to find it,
  // even a day later; only writes through the roster refresh rights.
  await mongoose.connection.db!.collection('bindings').insertOne({
    userId: new Types.ObjectId(u.id),
    dwellingId: new Types.ObjectId(d[3]),
    relation: 'family',
    status: 'active',
    matched: true,
    complexCode: 'Q',
    areaPath: ['R', 'P', 'K', 'S', 'C', 'Q', 'QB1', 'QB1U1'],
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await UserDwellings.updateOne({ _id: u.id }, { $set: { checkedAt: new Date(Date.now() - 24 * 3600_000) } });
  expect(await memberDwellings(u.id)).toEqual([]);
  expect(await repairRecentRights(new Date(Date.now() + RIGHTS_HINT_GRACE_MS + 1000))).toBe(0); // no hint: nothing to repair
});

it('the repair job refreshes the users whose writer left its hint and died before its refresh (a crashed writer)', async () => {
  const u = await person({ owns: [d[2]] });
  expect(await votingDwellings(u.id)).toEqual([{ dwellingId: d[2], via: 'owner' }]);
  // The committee's revoke hinted, reached the database, then the process died before refreshing the rights document.
  await markRightsPending([u.id]);
  await mongoose.connection
    .db!.collection('bindings')
    .updateOne({ userId: new Types.ObjectId(u.id), dwellingId: new Types.ObjectId(d[2]) }, { $set: { status: 'revoked', updatedAt: new Date() } });
  expect(await votingDwellings(u.id)).toEqual([{ dwellingId: d[2], via: 'owner' }]); // stale until repaired
  expect(await repairRecentRights()).toBe(0); // within the grace a live writer would still refresh it itself
  expect(await repairRecentRights(new Date(Date.now() + RIGHTS_HINT_GRACE_MS + 1000))).toBe(1);
  expect(await votingDwellings(u.id)).toEqual([]);
  expect((await cast(s, u.token, voteId, d[2], yes())).status).toBe(404); // no dwelling left in the complex: not even visible
  expect(await mongoose.connection.db!.collection('rights_pending').countDocuments({ userId: u.id })).toBe(0);
});

it('a writer that finishes deletes its own hints, so the repair has nothing to redo', async () => {
  const before = await mongoose.connection.db!.collection('rights_pending').countDocuments();
  const u = await person({ owns: [d[1]] }); // a binding created through the model: hinted, refreshed, hint deleted
  const b = await Binding.findOne({ userId: new Types.ObjectId(u.id) }).lean();
  expect(b).toBeTruthy();
  expect(await mongoose.connection.db!.collection('rights_pending').countDocuments()).toBe(before);
  expect(await votingDwellings(u.id)).toEqual([{ dwellingId: d[1], via: 'owner' }]);
});
