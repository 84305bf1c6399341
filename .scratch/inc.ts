import { MongoClient } from 'mongodb';
import { startEmbeddedDb } from '/work/main/server/src/platform/embeddedDb';
import os from 'node:os'; import fs from 'node:fs'; import path from 'node:path';
(async () => {
  const db = await startEmbeddedDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'inc-')) });
  const c = await MongoClient.connect(db.uri, { maxPoolSize: 20 });
  const col = c.db('t').collection('c');
  await col.insertOne({ _id: 'x' as any, n: 0 });
  await Promise.all(Array.from({ length: 50 }, () => col.updateOne({ _id: 'x' as any }, { $inc: { n: 1 } })));
  console.log('after 50 concurrent $inc:', (await col.findOne({ _id: 'x' as any }))!.n);
  await c.close(); await db.stop();
})();
