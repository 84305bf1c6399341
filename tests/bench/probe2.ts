import mongoose from 'mongoose';
import { startFaultDb, spawnServer, sleep } from '../support/faultDb';
import { LoadClient } from '../support/loadClient';
import { seedVoters, openVote } from './world';
async function main() {
  const SECRET = 'bench-secret-0123456789abc';
  const db = await startFaultDb();
  await mongoose.connect(db.uri, { dbName: 'gz_probe' });
  const w = await seedVoters({ complexCode: 'PROBE', dwellings: Number(process.argv[2] ?? 300), secret: SECRET });
  const srv = await spawnServer({ MONGODB_URI: db.uri, MONGODB_DB: 'gz_probe', JWT_SECRET: SECRET, LOG_LEVEL: 'debug' });
  const c = new LoadClient(srv.url);
  const p = openVote(c, w, { openTimeoutMs: 90000 }).catch((e) => 'fail');
  for (let i = 0; i < 45; i++) {
    await sleep(2000);
    const d = mongoose.connection.db!;
    console.log(i, 'leases', JSON.stringify(await d.collection('leases').find({}).toArray()).slice(0, 300));
    console.log(i, 'cons', JSON.stringify(await d.collection('consultations').find({}, { projection: { status: 1, transition: 1, opensAt: 1 } }).toArray()));
    console.log(i, 'electorate', await d.collection('consultation_electorate').countDocuments());
  }
  console.log(await p);
  console.log(srv.stdout.filter((l) => !l.includes('"request"')).slice(-10).join('\n').slice(0, 3000));
  c.close(); await srv.kill(); await mongoose.disconnect(); await db.stop();
}
main();
