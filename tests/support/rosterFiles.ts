import { ROSTER_COLUMNS } from '@gongzhi/shared';
import ExcelJS from 'exceljs';
import { buildRosterXlsx, type RosterCell } from '../../server/src/roster/workbook';
import { fakeIdNumber, fakePhone } from '../../server/src/demo/fakeIds';
import type { TestServer } from './server';
import type { Json } from './json';

export { fakeIdNumber, fakePhone };
export type Row = RosterCell[];

/** One roster row in template column order; unspecified columns get sensible values. */
export function row(p: Partial<Record<(typeof ROSTER_COLUMNS)[number], RosterCell>>): Row {
  const base: Record<string, RosterCell> = { 面积来源: '登记', 房屋性质: '商品房', 开发商持有: '否', 备注: '', 业主手机号: '', 证件号码: '' };
  return ROSTER_COLUMNS.map((c) => p[c] ?? base[c] ?? '');
}

/** `buildings` × `entrances` × `floors` × 2 rooms; owner n has phone fakePhone(seed+n). */
export function gridRows(opts: { buildings: number; entrances?: number; floors?: number; seed?: number }): Row[] {
  const rows: Row[] = [];
  let n = 0;
  for (let b = 1; b <= opts.buildings; b++)
    for (let e = 1; e <= (opts.entrances ?? 1); e++)
      for (let f = 1; f <= (opts.floors ?? 2); f++) {
        for (let r = 1; r <= 2; r++) {
          const seed = (opts.seed ?? 100) + n++;
          rows.push(
            row({
              楼栋: String(b),
              单元: String(e),
              房号: `${f}0${r}`,
              楼层: f,
              '专有面积(㎡)': (((7000 + seed * 13) % 5000) + 5000) / 100,
              业主姓名: `业主${seed}`,
              业主手机号: fakePhone(seed),
            }),
          );
        }
      }
  return rows;
}

export const toXlsx = (rows: Row[]) => buildRosterXlsx(rows, false);

export function toCsv(rows: Row[], header: readonly string[] = ROSTER_COLUMNS): Buffer {
  const q = (v: RosterCell) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from([header, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Reads an XLSX (e.g. an export) back into rows of text cells, header first. */
export async function readXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as Json);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow((r) => {
    out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

/** Multipart POST (field `file` plus text fields), like the mini-program's uploadFile. */
export async function postFile(
  s: TestServer,
  path: string,
  opts: { token?: string; file?: { bytes: Buffer; name: string }; field?: string; fields?: Record<string, string>; headers?: Record<string, string> },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
  if (opts.file) form.append(opts.field ?? 'file', new Blob([new Uint8Array(opts.file.bytes)]), opts.file.name);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(s.url + path, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

export async function importFile(s: TestServer, token: string, complexCode: string, bytes: Buffer, opts: { name?: string; dryRun?: boolean } = {}) {
  return postFile(s, `/api/roster/${complexCode}/import${opts.dryRun ? '?dryRun=true' : ''}`, { token, file: { bytes, name: opts.name ?? 'roster.xlsx' } });
}

export async function download(s: TestServer, path: string, token: string) {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
