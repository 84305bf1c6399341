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
};
const tsx = path.join(root, 'node_modules/.bin/tsx');
const child = spawn(tsx, [...(dev ? ['watch', '--clear-screen=false'] : []), 'server/src/platform/main.ts'], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
