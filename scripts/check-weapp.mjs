#!/usr/bin/env node
// Checks the weapp build the way WeChat DevTools opens it: project.config.json → miniprogramRoot → app.json, every
// page and subpackage page present, and the main package under WeChat's 2 MB limit.
import { readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fail = (m) => {
  process.stderr.write(`check-weapp: ${m}\n`);
  process.exit(1);
};
const project = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8'));
const appRoot = path.join(root, project.miniprogramRoot);
const appJsonPath = path.join(appRoot, 'app.json');
if (!existsSync(appJsonPath)) fail(`${appJsonPath} missing (run npm run build:weapp)`);
const app = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const subs = app.subPackages ?? app.subpackages ?? [];
const pages = [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
for (const p of pages) {
  for (const ext of ['.js', '.wxml', '.json']) {
    if (!existsSync(path.join(appRoot, p + ext))) fail(`page ${p}${ext} missing`);
  }
}
const size = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return subs.some((s) => path.join(appRoot, s.root) === full) ? n : n + size(full);
    return n + statSync(full).size;
  }, 0);
const mainBytes = size(appRoot);
if (mainBytes > 2 * 1024 * 1024) fail(`main package ${mainBytes} bytes exceeds 2 MB`);
process.stdout.write(`check-weapp: ${pages.length} pages (${subs.length} subpackages) present; main package ${(mainBytes / 1024).toFixed(0)} KB < 2048 KB\n`);
