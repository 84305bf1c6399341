import mongoose from 'mongoose';
import { acquireLease, enqueue, registerOutboxHandler, drainOutbox, Outbox, OutboxPending } from '../../server/src/platform/jobs';
import { rateLimit } from '../../server/src/platform/rateLimit';
import { withLock, serialized } from '../../server/src/platform/locks';
import { buildIndexes } from '../../server/src/platform/db';
import { uniqueDbName } from '../support/db';
import type { Json } from '../support/json';

beforeAll(async () => {
  await mongoose.connect(process.env.MONGODB_URI!, { dbName: uniqueDbName('jobs') });
  await buildIndexes();
});
afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await mongoose.disconnect();
});

it('a lease slot goes to exactly one of many competing instances', async () => {
  const owners = Array.from({ length: 12 }, (_, i) => `instance-${i}`);
  const won = await Promise.all(owners.map((o) => acquireLease('job:close-due', 60_000, o)));
  expect(won.filter(Boolean)).toHaveLength(1);
  // The winner keeps it for the rest of the slot; the others still do not get it.
  const winner = owners[won.indexOf(true)];
  expect(await acquireLease('job:close-due', 60_000, winner)).toBe(true);
  expect(
    await acquireLease(
      'job:close-due',
      60_000,
      owners.find((o) => o !== winner)!,
    ),
  ).toBe(false);
});

it('an outbox entry is enqueued once per key and handled once under concurrent drains', async () => {
  const seen: string[] = [];
  registerOutboxHandler('test.effect', async (p: { n: string }) => {
    seen.push(p.n);
    await new Promise((r) => setTimeout(r, 30));
  });
  const firsts = await Promise.all([1, 2, 3].map(() => enqueue('effect:1', 'test.effect', { n: 'one' })));
  expect(firsts.filter(Boolean)).toHaveLength(1);
  await Promise.all([drainOutbox(), drainOutbox(), drainOutbox(), drainOutbox()]);
  expect(seen).toEqual(['one']);
  expect(((await Outbox.findOne({ key: 'effect:1' }).lean()) as Json).status).toBe('done');
});

it('a failing effect is retried later with backoff, not lost', async () => {
  let calls = 0;
  registerOutboxHandler('test.flaky', async () => {
    calls++;
    if (calls === 1) throw new Error('transient');
  });
  await enqueue('flaky:1', 'test.flaky', {});
  await drainOutbox();
  const after1: Json = await Outbox.findOne({ key: 'flaky:1' }).lean();
  expect(after1.status).toBe('pending');
  expect(after1.runAfter.getTime()).toBeGreaterThan(Date.now());
  await drainOutbox(50, new Date(Date.now() + 60_000)); // once its backoff has passed

  expect(((await Outbox.findOne({ key: 'flaky:1' }).lean()) as Json).status).toBe('done');
  expect(calls).toBe(2);
});

it('a rate limit never admits more than its limit, even for a concurrent burst', async () => {
  const results = await Promise.allSettled(Array.from({ length: 30 }, () => rateLimit('burst:user1', 10, 60)));
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  expect(ok).toBeLessThanOrEqual(10);
  expect(ok).toBeGreaterThan(0);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(rejected.reason.status).toBe(429);
  expect(rejected.reason.headers['Retry-After']).toMatch(/^\d+$/);
});

it('a lock admits one holder at a time across callers, and serialized() orders hot updates', async () => {
  let inside = 0,
    maxInside = 0;
  await Promise.all(
    Array.from({ length: 6 }, () =>
      withLock('obj:1', async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((r) => setTimeout(r, 15));
        inside--;
      }),
    ),
  );
  expect(maxInside).toBe(1);
  const col = mongoose.connection.db!.collection('counters_test');
  await col.insertOne({ _id: 'c' as Json, n: 0 });
  await Promise.all(Array.from({ length: 40 }, () => serialized('c', () => col.updateOne({ _id: 'c' as Json }, { $inc: { n: 1 } }))));
  expect(((await col.findOne({ _id: 'c' as Json })) as Json).n).toBe(40);
});

it('the poll reads only what is pending, never a filter over the outbox, which keeps every entry ever queued', async () => {
  let n = 0;
  registerOutboxHandler('test.count', async () => void n++);
  for (let i = 0; i < 20; i++) await enqueue(`count:${i}`, 'test.count', {});
  const seen: { collection: string; filter: unknown }[] = [];
  mongoose.set('debug', (collection: string, _method: string, filter: unknown) => void seen.push({ collection, filter }));
  try {
    await drainOutbox();
  } finally {
    mongoose.set('debug', false);
  }
  expect(n).toBe(20);
  const onOutbox = seen.filter((q) => q.collection === 'outbox');
  expect(onOutbox.length).toBeGreaterThan(0);
  expect(onOutbox.filter((q) => typeof (q.filter as { _id?: unknown })?._id !== 'string')).toEqual([]);
  expect(await OutboxPending.countDocuments({ _id: { $regex: '^count:' } })).toBe(0); // done entries leave no row
  expect(await enqueue('count:3', 'test.count', {})).toBe(false); // a done key stays done
  await drainOutbox();
  expect(n).toBe(20);
  expect(await OutboxPending.countDocuments({ _id: 'count:3' })).toBe(0);
});

it('runs an entry queued before `_id` was its key, and still refuses its key a second time', async () => {
  let n = 0;
  registerOutboxHandler('test.legacy', async () => void n++);
  await Outbox.collection.insertOne({
    _id: new mongoose.Types.ObjectId(),
    key: 'legacy:1',
    type: 'test.legacy',
    payload: {},
    status: 'pending',
    attempts: 0,
    runAfter: new Date(),
  } as never);
  await OutboxPending.collection.insertOne({ _id: 'legacy:1', runAfter: new Date() } as never); // as the one-time conversion writes it
  expect(await enqueue('legacy:1', 'test.legacy', {})).toBe(false);
  await drainOutbox();
  expect(n).toBe(1);
  expect(((await Outbox.findOne({ key: 'legacy:1' }).lean()) as Json).status).toBe('done');
});

it('a handler slower than the claim window is not started again by the same process while it runs', async () => {
  let running = 0;
  let maxRunning = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  registerOutboxHandler('test.slow', async () => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    await gate;
    running--;
  });
  await enqueue('slow:1', 'test.slow', {});
  const first = drainOutbox(1);
  await new Promise((r) => setTimeout(r, 100));
  // Windows later (another instance could now take over a dead owner's entry), this process's own drains skip it.
  await drainOutbox(5, new Date(Date.now() + 120_000));
  await drainOutbox(5, new Date(Date.now() + 240_000));
  release();
  await first;
  expect(maxRunning).toBe(1);
  expect(((await Outbox.findOne({ key: 'slow:1' }).lean()) as Json).status).toBe('done');
});
