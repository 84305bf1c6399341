import type { Context } from 'koa';
import ExcelJS from 'exceljs';
import { runInWorker } from './workerPool';

export interface SheetSpec {
  name: string;
  /** Optional lines above the table (title, scope, rule text). */
  heading?: string[];
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: Record<string, string | number | boolean | null>[];
}

/** Above this many rows a workbook is built in a worker thread, so a county's export never stalls votes. */
const WORKER_ROWS = 200;

/** One workbook, one table per sheet, header row bold; money columns are given in yuan with a 0.00 format. */
export async function workbookBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (rows <= WORKER_ROWS) return buildWorkbook(sheets);
  return Buffer.from(await runInWorker<Uint8Array>(__filename, 'buildWorkbook', [sheets], { timeoutMs: 60_000 }));
}

/** Builds the workbook in this thread (small exports, and inside the worker). */
export async function buildWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '共治 Gongzhi';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    for (const line of s.heading ?? []) ws.addRow([line]);
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => r[c.key] ?? null));
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(10, c.header.length * 2 + 2);
      if (c.numFmt) col.numFmt = c.numFmt;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Answers a spreadsheet download named `filename` (UTF-8), with an ASCII name for older clients. */
export function sendXlsx(ctx: Context, filename: string, buf: Buffer, asciiName = 'export.xlsx') {
  ctx.type = XLSX_TYPE;
  ctx.set('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  ctx.body = buf;
}

/** Fen → yuan as a number for spreadsheet cells (exact for any amount below 2^53 fen / 100 to 2 decimals). */
export const yuan = (fen: number) => fen / 100;
export const MONEY_FMT = '#,##0.00';
