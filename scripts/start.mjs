#!/usr/bin/env node
// `npm start`: database (embedded unless MONGODB_URI) → H5 build if missing → server with demo data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!process.env.MONGODB_URI) run(process.execPath, ['scripts/setup-db.mjs']);
if (!existsSync(path.join(root, 'miniprogram/dist/h5/index.html'))) run('npm', ['run', 'build:h5']);

const production = process.env.NODE_ENV === 'production';
const env = {
  ...process.env,
  SEED_DEMO: process.env.SEED_DEMO ?? (production ? 'false' : 'true'),
  DEV_LOGIN: process.env.DEV_LOGIN ?? (production ? 'false' : 'true'),
  // The demo has a pick-any-user login: it listens on this machine only unless HOST says otherwise.
  HOST: process.env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
};
if (!production) {
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      '!! DEMO MODE (NODE_ENV is not production): demo data and a DEV LOGIN that lets anyone act as any user.',
      `!! Listening on ${env.HOST} only${env.HOST === '127.0.0.1' ? ' (this machine)' : ' — REACHABLE FROM THE NETWORK'}. Never expose this to real residents.`,
      '!! Production: NODE_ENV=production with real secrets behind an HTTPS proxy (README, "Production start").',
      line,
    ].join('\n'),
  );
}
const tsx = path.join(root, 'node_modules/.bin/tsx');
const child = spawn(tsx, [...(dev ? ['watch', '--clear-screen=false'] : []), 'server/src/main.ts'], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
