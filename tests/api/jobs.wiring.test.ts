import fs from 'node:fs';
import path from 'node:path';
import { drainOutbox, enqueue, Outbox } from '../../server/src/platform/jobs';
import { startTestServer, type TestServer } from '../support/server';

/*
 * Every domain declares its background work in `<domain>/jobs.ts` and server/src/app.ts registers it. A domain that
 * enqueues a side effect whose handler nobody registered would leave it failing "no handler" until it gives up: the
 * push, notice or announcement the resident waits for never comes. This test finds every type the code enqueues.
 */
const SRC = path.join(__dirname, '../../server/src');
function enqueuedTypes(): string[] {
  const types = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\benqueue\([^;]*?,\s*'([\w.]+)'/g)) types.add(m[1]);
    }
  };
  walk(SRC);
  return [...types].sort();
}

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ JOBS: 'false' });
});
afterAll(() => srv.stop());

it('every outbox type the server enqueues has a handler once the server has started', async () => {
  const types = enqueuedTypes();
  expect(types).toEqual(expect.arrayContaining(['consultation.announce', 'identity.alert.wechat', 'notice.fanout', 'project.notice']));
  const none = '000000000000000000000000';
  for (const t of types) await enqueue(`wiring:${t}`, t, { key: `wiring:${t}`, consultationId: none, projectId: none, noticeId: none, userId: none });
  await drainOutbox(types.length * 2);
  const entries = await Outbox.find({ key: { $regex: '^wiring:' } }).lean();
  expect(entries).toHaveLength(types.length);
  const unhandled = entries.filter((e) => String(e.lastError ?? '').startsWith('no handler')).map((e) => e.type);
  expect(unhandled).toEqual([]);
});
