// Seeds the bench's street office into a database and prints how long it took:
//   npx tsx scripts/seed-bench.ts [--complexes 20] [--dwellings 10000] [--uri mongodb://…] [--db gz_bench_seed]
// Without --uri it starts a throwaway FerretDB (temp dir), seeds, prints the collection sizes and stops it.
// `--complexes 100 --dwellings 50000` is the large variant.
import mongoose from 'mongoose';
import { startFaultDb } from '../tests/support/faultDb';
import { seedBench } from '../tests/bench/seed';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};

async function main() {
  const complexes = Number(arg('complexes', '20'));
  const dwellings = Number(arg('dwellings', '10000'));
  const given = arg('uri', '');
  const db = given ? null : await startFaultDb();
  await mongoose.connect(given || db!.uri, { dbName: arg('db', 'gz_bench_seed') });
  try {
    const r = await seedBench({
      complexes,
      dwellings,
      secret: process.env.JWT_SECRET ?? 'bench-secret-0123456789abcdef',
      say: (m) => process.stdout.write(`[seed] ${m}\n`),
    });
    const counts: Record<string, number> = {};
    for (const c of await mongoose.connection.db!.listCollections().toArray())
      counts[c.name] = await mongoose.connection.db!.collection(c.name).estimatedDocumentCount();
    process.stdout.write(`${JSON.stringify({ complexes, dwellings, seconds: r.seconds, counts })}\n`);
  } finally {
    await mongoose.disconnect();
    await db?.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`seed failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
