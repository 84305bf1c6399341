// A throwaway server for schemathesis: own FerretDB on a temp dir, a fake WeChat, the demo complex seeded, dev login on.
// Writes { url, tokens: { role: token } } as JSON to the path given as argv[2], then runs until SIGTERM/SIGINT
// (or 30 minutes, whichever comes first) and cleans up.
import fs from 'node:fs';
import { startFaultDb, spawnServer } from '../support/faultDb';
import { LoadClient } from '../support/loadClient';
import { startFakeWechat } from '../support/fakeWechat';
import type { Json } from '../support/json';

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: serve.ts <info.json>');
  const db = await startFaultDb();
  const wx = await startFakeWechat(); // WeChat login and content checks answer like the real service
  const server = await spawnServer({
    WECHAT_API_BASE: wx.baseUrl,
    WECHAT_APPID: wx.appid,
    WECHAT_SECRET: wx.secret,
    MONGODB_URI: db.uri,
    MONGODB_DB: 'gz_schemathesis',
    SEED_DEMO: 'true',
    DEV_LOGIN: 'true',
    JOBS: 'true',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'schemathesis-secret-0123456789',
    ACCESS_TOKEN_TTL: '7200',
  });
  const api = new LoadClient(server.url);
  const users = (await api.get('/api/auth/dev-users')).body?.users ?? [];
  // A few roles: the first demo user whose label names the role.
  const want: Record<string, RegExp> = { resident: /居民|业主|resident/i, committee: /业委会|committee/i, street: /街道|street/i, admin: /管理员|admin/i };
  const tokens: Record<string, string> = {};
  for (const [role, re] of Object.entries(want)) {
    const u = users.find((x: Json) => re.test(`${x.role} ${x.description} ${x.displayName}`));
    if (!u) continue;
    const r = await api.post('/api/auth/dev-login', { userId: u.id });
    if (r.status === 200) tokens[role] = r.body.accessToken;
  }
  api.close();
  fs.writeFileSync(out, JSON.stringify({ url: server.url, tokens }));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.kill('SIGTERM');
    await db.stop();
    await wx.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setTimeout(stop, 30 * 60_000).unref();
  await new Promise(() => undefined);
}

main().catch((e) => {
  process.stderr.write(`serve failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
