// Scratch probe (deleted later): vote throughput at small scale.
import mongoose from 'mongoose';
import { startFaultDb, spawnServer } from '../support/faultDb';
import { LoadClient } from '../support/loadClient';
import { seedVoters, openVote } from './world';
import { openDirect } from './openDirect';
import { castRate, ceilingRate } from './votes';
async function main() {
  const SECRET = 'bench-secret-0123456789abc';
  const db = await startFaultDb();
  await mongoose.connect(db.uri, { dbName: 'gz_probe' });
  const w = await seedVoters({ complexCode: 'PROBE', dwellings: 700, secret: SECRET });
  const srv = await spawnServer({ MONGODB_URI: db.uri, MONGODB_DB: 'gz_probe', JWT_SECRET: SECRET });
  const c = new LoadClient(srv.url);
  for (const conc of [1, 16, 64]) {
    const v = await openVote(c, w, { openTimeoutMs: 15000, open: openDirect }).catch((e) => { console.log(srv.stdout.slice(-15).join('\n')); throw e; });
    const idx = Array.from({ length: conc === 1 ? 100 : 300 }, (_, i) => i + (conc === 64 ? 400 : conc === 16 ? 100 : 0));
    const r = await castRate(srv.url, w, v, conc, idx);
    console.log('cast', JSON.stringify(r));
    console.log('ceiling', JSON.stringify(await ceilingRate(db.uri, 'gz_probe', conc, 2000)));
  }
  c.close(); await srv.kill(); await mongoose.disconnect(); await db.stop();
}
main();
