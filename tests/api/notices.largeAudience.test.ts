// A notice to a whole street or a 10,000-dwelling electorate: the recipients are found without a long `$in`
// (FerretDB compares every document with every listed id), and exactly the audience is found.
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { Binding } from '../../server/src/roster/bindingModel';
import { User } from '../../server/src/identity/model';
import { activeBindingsFor, userContacts } from '../../server/src/notices/directory';
import type { Json } from '../support/json';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'notices_large' });
});
afterAll(async () => {
  await s.stop();
});

it('finds exactly the bindings and contacts of a 250-dwelling audience, and nobody outside it', async () => {
  const n = 300;
  const dwellings = Array.from({ length: n }, () => new Types.ObjectId());
  const users = Array.from({ length: n }, () => new Types.ObjectId());
  await User.collection.insertMany(
    users.map((_id, i) => ({
      _id,
      displayName: `居民${i}`,
      openid: `o${i}`,
      lang: i % 2 ? 'bo' : 'zh',
      subscribe: { notices: i % 3 === 0 },
      disabled: i === 7,
      grants: [],
    })) as Json[],
  );
  await Binding.collection.insertMany(
    dwellings.map((dwellingId, i) => ({
      userId: users[i],
      dwellingId,
      relation: 'owner',
      status: i === 5 ? 'revoked' : 'active',
      matched: true,
      complexCode: 'X',
      areaPath: ['X'],
    })) as Json[],
  );

  const audience = dwellings.slice(0, 250);
  const bindings = await activeBindingsFor(audience as Json);
  expect(bindings).toHaveLength(249); // dwelling 5's binding is revoked
  expect(new Set(bindings.map((b) => b.dwellingId))).toEqual(new Set(audience.filter((_, i) => i !== 5).map(String)));

  const contacts = await userContacts(bindings.map((b) => b.userId));
  expect(contacts).toHaveLength(248); // user 7 is disabled
  const byId = new Map(contacts.map((c) => [c.id, c]));
  expect(byId.get(String(users[9]))).toEqual({ id: String(users[9]), openid: 'o9', lang: 'bo', subscribed: true });
  expect(byId.has(String(users[260]))).toBe(false);

  // Small lists take the indexed `$in` path and agree with it.
  expect((await activeBindingsFor(audience.slice(0, 3) as Json)).map((b) => b.dwellingId).sort()).toEqual(audience.slice(0, 3).map(String).sort());
});
