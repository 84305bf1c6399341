import mongoose from 'mongoose';

// Fail fast when the database is away (503 instead of requests hanging in a buffer).
mongoose.set('bufferCommands', false);
mongoose.set('autoIndex', false);
mongoose.set('strictQuery', true);

let indexesReady = false;

export async function connectDb(uri: string, dbName: string) {
  indexesReady = false;
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
    socketTimeoutMS: 20000,
    maxPoolSize: 50,
    retryWrites: false, // FerretDB has no retryable writes; idempotency keys do this job instead
  });
  await buildIndexes();
}

/** Builds the indexes every model declares: the uniqueness rules of the domain live there. */
export async function buildIndexes() {
  for (const name of mongoose.modelNames()) {
    await mongoose.model(name).createIndexes();
  }
  indexesReady = true;
}

export async function dbReady(): Promise<{ ok: boolean; reason?: string }> {
  if (mongoose.connection.readyState !== 1 || !mongoose.connection.db) return { ok: false, reason: 'DB_DISCONNECTED' };
  try {
    await Promise.race([
      mongoose.connection.db.admin().command({ ping: 1 }),
      new Promise((_, rej) => setTimeout(() => rej(new Error('ping timeout')), 1500)),
    ]);
  } catch {
    return { ok: false, reason: 'DB_UNREACHABLE' };
  }
  if (!indexesReady) return { ok: false, reason: 'INDEXES_BUILDING' };
  return { ok: true };
}

export async function disconnectDb() {
  await mongoose.disconnect();
}
