import { buildRosterXlsx } from '../../server/src/roster/workbook';
import type { Json } from '../support/json';

/** The import's per-file limit (readFile.ts MAX_ROWS): larger rosters are imported complex by complex. */
const PER_FILE = 5000;

/** One roster file ready to upload, and the complex it is for. */
export interface RosterFile {
  complexCode: string;
  xlsx: Buffer;
}

/**
 * Creates empty complexes (as staff add one: POST /api/areas, which also starts its empty roster document) and builds
 * N roster rows as XLSX files, at most PER_FILE rows per complex and file. Done before the import is timed: building
 * a workbook is the client's CPU work (about a second per 5,000 rows), and on the same two cores it would also delay
 * the casts measured beside the import.
 */
export async function prepareRosterImport(baseUrl: string, adminToken: string, complexCode: string, n: number): Promise<RosterFile[]> {
  const parts = Math.ceil(n / PER_FILE);
  const files: RosterFile[] = [];
  for (let k = 0; k < parts; k++) {
    const code = parts === 1 ? complexCode : `${complexCode}-${k + 1}`;
    const made = await fetch(`${baseUrl}/api/areas`, {
      method: 'POST',
      body: JSON.stringify({ parentCode: 'XZ-LS-CG-S1-C1', code, level: 'complex', name: '名册导入基准小区' }),
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    });
    if (made.status !== 201) throw new Error(`creating ${code}: HTTP ${made.status} ${await made.text()}`);
    files.push({ complexCode: code, xlsx: await buildRosterXlsx(rosterRows(Math.min(PER_FILE, n - k * PER_FILE)), false) });
  }
  return files;
}

function rosterRows(n: number) {
  return Array.from({ length: n }, (_, i) => {
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
}

/** Uploads the prepared files through the real import endpoint, one after the other (as staff would); the total time taken. */
export async function rosterImport(baseUrl: string, adminToken: string, files: RosterFile[], timeoutMs: number) {
  const total = { status: 200, seconds: 0, bytes: 0, code: undefined as string | undefined, created: 0, files: files.length };
  for (const f of files) {
    const r = await importOne(baseUrl, adminToken, f, timeoutMs - total.seconds * 1000);
    total.seconds += r.seconds;
    total.bytes += r.bytes;
    total.created += r.created ?? 0;
    if (r.status !== 200) return { ...total, status: r.status, code: r.code };
  }
  return total;
}

async function importOne(baseUrl: string, adminToken: string, { complexCode, xlsx }: RosterFile, timeoutMs: number) {
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
