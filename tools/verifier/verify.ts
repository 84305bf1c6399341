// Usage: npx tsx tools/verifier/verify.ts <sealed-log.json> [--receipt XXXX-XXXX-XXXX-XXXX] [--notice-head <64 hex>]
// Exit code 0: the log verifies and reproduces the announced figures; 1: it does not (reasons printed); 2: usage.
import { readFileSync } from 'node:fs';
import { verifySealedLog } from './verifySealedLog';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (!file) {
  process.stderr.write('usage: verify.ts <sealed-log.json> [--receipt CODE] [--notice-head HASH]\n');
  process.exit(2);
}
const report = verifySealedLog(JSON.parse(readFileSync(file, 'utf8')), { receipt: opt('--receipt'), noticeHead: opt('--notice-head') });
const out: string[] = [
  `chain: ${report.chain.valid ? 'valid' : `BROKEN at ${report.chain.brokenAtSeq}`} (${report.chain.entries} entries), head ${report.head?.hash ?? '-'}`,
  `notice head: ${report.noticeHead?.hash ?? '-'}`,
  ...report.figures.flatMap((f) => [
    `${f.title}: ${f.passed === null ? '—' : f.passed ? 'passed / 通过' : 'failed / 未通过'}`,
    ...f.reasons.map((r) => `  ${r}`),
  ]),
  ...(report.receipt ? [`receipt ${report.receipt.code}: ${report.receipt.inFinalLog ? 'in the final log' : 'NOT in the final log'}`] : []),
  report.ok ? 'OK: the log reproduces the announcement' : `FAILED:\n  ${report.problems.join('\n  ')}`,
];
process.stdout.write(`${out.join('\n')}\n`);
process.exit(report.ok ? 0 : 1);
