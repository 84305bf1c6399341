import { buildRosterXlsx } from '../../server/src/roster/workbook';
import type { Json } from '../support/json';

/** The import's per-file limit (readFile.ts MAX_ROWS): larger rosters are imported complex by complex. */
const PER_FILE = 5000;

/**
 * Creates empty complexes and uploads N roster rows as XLSX through the real import endpoint, at most PER_FILE rows
 * per complex and file (one after the other, as staff would); returns the total time taken.
 */
export async function rosterImport(baseUrl: string, adminToken: string, complexCode: string, n: number, timeoutMs: number) {
  const parts = Math.ceil(n / PER_FILE);
  const total = { status: 200, seconds: 0, bytes: 0, code: undefined as string | undefined, created: 0, files: parts };
  for (let k = 0; k < parts; k++) {
    const rows = Math.min(PER_FILE, n - k * PER_FILE);
    const r = await importOne(baseUrl, adminToken, parts === 1 ? complexCode : `${complexCode}-${k + 1}`, rows, timeoutMs - total.seconds * 1000);
    total.seconds += r.seconds;
    total.bytes += r.bytes;
    total.created += r.created ?? 0;
    if (r.status !== 200) return { ...total, status: r.status, code: r.code };
  }
  return total;
}

async function importOne(baseUrl: string, adminToken: string, complexCode: string, n: number, timeoutMs: number) {
  // The complex is added as staff add one (POST /api/areas), which also starts its empty roster document.
  const made = await fetch(`${baseUrl}/api/areas`, {
    method: 'POST',
    body: JSON.stringify({ parentCode: 'XZ-LS-CG-S1-C1', code: complexCode, level: 'complex', name: '名册导入基准小区' }),
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  });
  if (made.status !== 201) throw new Error(`creating ${complexCode}: HTTP ${made.status} ${await made.text()}`);
  const rows = Array.from({ length: n }, (_, i) => {
    const b = Math.floor(i / 100) + 1;
    const floor = Math.floor((i % 100) / 4) + 1;
    return [
      String(b),
      '1',
      `${floor}0${(i % 4) + 1}`,
      floor,
      (60 + (i % 50)).toFixed(2),
      '登记',
      '商品房',
      `业主${i}`,
      `139${String(10_000_000 + i).slice(-8)}`,
      '',
      '否',
      '',
    ];
  });
  const xlsx = await buildRosterXlsx(rows, false);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(xlsx)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'roster.xlsx');
  const started = performance.now();
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), Math.max(1000, timeoutMs));
  try {
    const res = await fetch(`${baseUrl}/api/roster/${complexCode}/import`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${adminToken}` },
      signal: ctl.signal,
    });
    const body: Json = await res.json().catch(() => undefined);
    return {
      status: res.status,
      seconds: (performance.now() - started) / 1000,
      bytes: xlsx.length,
      code: body?.error?.code as string | undefined,
      created: body?.created as number | undefined,
    };
  } catch (e: unknown) {
    const err = e as { name?: string; message?: unknown } | null;
    return {
      status: 0,
      seconds: (performance.now() - started) / 1000,
      bytes: xlsx.length,
      code: err?.name === 'AbortError' ? `timeout ${Math.round(timeoutMs / 1000)}s` : String(err?.message),
      created: undefined,
    };
  } finally {
    clearTimeout(timer);
  }
}
